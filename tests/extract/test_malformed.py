"""Malformed inputs give located warnings or clear errors, never a crash."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from kg.extract import ExtractionError, extract
from kg.extract.records import Deliberation, Issue

DOC = """EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS

Conseil municipal de Beaune

Séance du 26 septembre 2024

Présents : M. Jean DUPONT, Mme Anne MARTIN

OBJET : Petites villes de demain - convention

{report}

Le Conseil municipal, après en avoir délibéré, décide :

- d'approuver la convention ;

{vote}
"""


def write(tmp_path: Path, report: str = "", vote: str = "Adopté à l'unanimité.",
          *, data: bytes | None = None, name: str = "d.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data if data is not None else
                     DOC.format(report=report, vote=vote).encode("utf-8"))
    return path


def issue_on(d: Deliberation, words: str) -> Issue:
    found = [i for i in d.issues if words in i.message]
    assert found, [i.message for i in d.issues]
    assert found[0].span is not None and found[0].span.line > 0
    return found[0]


def test_truncated_funding_table_is_reported_at_its_row(tmp_path: Path) -> None:
    table = "<b>Poste porté par la CCB</b>\t<b>Montant</b>\nANCT\t40 000 € (68%)\nCCB\t"
    d = extract(write(tmp_path, report=table))
    rows = d.programme.funding.posts[0].rows  # type: ignore[union-attr]
    assert [r.funder.value for r in rows] == ["ANCT"]
    issue = issue_on(d, "funding row not read")
    assert d.source.text[issue.span.start:issue.span.end].startswith("CCB")  # type: ignore[union-attr]


def test_percentage_without_amount_is_reported(tmp_path: Path) -> None:
    lines = "Poste porté par la CCB :\n- ANCT : 40 000 € soit 68 %\n- CCB : 32 %\n"
    d = extract(write(tmp_path, report=lines))
    assert issue_on(d, "share without an amount").span.line == 13  # type: ignore[union-attr]
    assert len(d.programme.funding.posts[0].rows) == 1  # type: ignore[union-attr]


def test_vote_count_in_letters_is_reported(tmp_path: Path) -> None:
    d = extract(write(tmp_path, vote="Pour : trente – Contre : 2 – Abstentions : 1"))
    assert d.vote.pour is None and d.vote.contre is not None
    issue_on(d, "expected a number")


def test_latin1_file_is_read_and_reported(tmp_path: Path) -> None:
    data = DOC.format(report="", vote="Adopté à l'unanimité.").encode("cp1252")
    d = extract(write(tmp_path, data=data))
    assert d.authority.value == "Beaune" and d.session.date.value.day == 26
    assert [p.family_name for p in d.present] == ["DUPONT", "MARTIN"]
    issue_on(d, "not in UTF-8")


def test_mixed_encodings_keep_utf8_lines_intact(tmp_path: Path) -> None:
    text = DOC.format(report="Le programme « Petites villes de demain » est lancé.",
                      vote="Adopté à l'unanimité.")
    lines = text.encode("utf-8").split(b"\n")
    lines[2] = "Conseil municipal de Beaune-Côte".encode("cp1252")
    d = extract(write(tmp_path, data=b"\n".join(lines)))
    assert d.authority.value == "Beaune-Côte"
    assert d.programme is not None and d.programme.scheme.value == "Petites villes de demain"
    assert [i.span.line for i in d.issues if "UTF-8" in i.message] == [3]  # type: ignore[union-attr]


def test_unread_number_line_is_reported(tmp_path: Path) -> None:
    d = extract(write(tmp_path, report="Le budget 2024 prévoit 12 opérations."))
    issue_on(d, "not captured")


@pytest.mark.parametrize(("data", "message"), [
    (b"", "empty file"),
    (b"\x00\x01\x02binary", "binary content"),
    ("Bonjour, ceci n'est pas une délibération.".encode(), "not a deliberation"),
    (bytes(range(128, 256)) * 20, "binary content"),
])
def test_unreadable_documents_are_clear_errors(tmp_path: Path, data: bytes, message: str) -> None:
    with pytest.raises(ExtractionError, match=message) as err:
        extract(write(tmp_path, data=data))
    assert "d.txt" in str(err.value)


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ExtractionError, match="no such file"):
        extract(tmp_path / "absent.txt")


@pytest.mark.parametrize("cut", [200, 400, 600, 900, 1400, 3000])
def test_sample_cut_anywhere_never_crashes(sample_path: Path, tmp_path: Path, cut: int) -> None:
    data = sample_path.read_bytes()[:cut]
    with contextlib.suppress(ExtractionError):
        extract(write(tmp_path, data=data))
