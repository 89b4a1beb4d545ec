"""A user-supplied SIREN -> SIRET table, for the SCDL formats' establishment ids.

The offline registry knows authorities by SIREN (9 digits); the SCDL formats
want the 14-digit SIRET of the head office (SIREN + 5-digit NIC). The project
never invents the NIC: the user supplies a CSV with a ``siret`` column (and
optionally ``siren``, checked against the SIRET's first nine digits).

>>> luhn_valid("21860194600013"), luhn_valid("21860194600014")  # the schema's example
(True, False)
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from kg.errors import TkgError

_SIRET = re.compile(r"\d{14}")


class SiretTableError(TkgError):
    """A SIRET table that cannot be read; the message names the file and line."""


def luhn_valid(digits: str) -> bool:
    """The Luhn check that SIREN and SIRET numbers satisfy."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def read_siret_table(path: Path) -> dict[str, str]:
    """SIREN -> SIRET from a CSV with a ``siret`` column (``siren`` optional, checked)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as err:
        raise SiretTableError(f"{path}: cannot read the SIRET table ({err.strerror or err})") from None
    except UnicodeDecodeError as err:
        raise SiretTableError(f"{path}: byte {err.start}: not UTF-8 text; expected a CSV table "
                              "with columns siren,siret") from None
    if "\x00" in text:
        raise SiretTableError(f"{path}: binary content (NUL bytes); expected a CSV table with "
                              "columns siren,siret")
    header = text.split("\n", 1)[0]
    rows = csv.DictReader(text.splitlines(), delimiter=";" if ";" in header else ",")
    fields = [f.strip().lower() for f in rows.fieldnames or []]
    if "siret" not in fields:
        raise SiretTableError(f"{path}:1: expected a header with a 'siret' column "
                              "(and optionally 'siren')")
    table: dict[str, str] = {}
    for line, row in enumerate(rows, start=2):
        cells = {k.strip().lower(): (v or "").strip() for k, v in row.items() if k}
        siret = cells.get("siret", "").replace(" ", "")
        if not siret:
            continue
        if not _SIRET.fullmatch(siret) or not luhn_valid(siret):
            raise SiretTableError(f"{path}:{line}: {siret!r} is not a SIRET "
                                  "(14 digits passing the Luhn check)")
        siren = cells.get("siren", "").replace(" ", "") or siret[:9]
        if siret[:9] != siren:
            raise SiretTableError(f"{path}:{line}: SIRET {siret} does not start with SIREN {siren}")
        table[siren] = siret
    return table
