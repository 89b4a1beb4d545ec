"""Property: whatever is done to a deliberation, the extractor never fails with anything but a
clean :class:`ExtractionError`, and never states a fact the text does not.

The documents are the sample and generated deliberations (:mod:`tools.synth`), mutated the way
real files are damaged: lines deleted, duplicated or shuffled, straight quotes turned curly,
lines saved in Windows-1252, NUL bytes, truncation (also inside a UTF-8 character).

"A fact the text states" is checked on every :class:`Fact` of the record: its span lies in
the text, and a number (count, amount, share) has the significant digits of the text it
quotes (``40 000,00 €`` and ``40 k€`` both state 40,000); a date's quoted text holds its day
or its year. Examples are derandomised (the same every run) and few, so the test takes
seconds; raise ``TKG_HYPOTHESIS_EXAMPLES`` to search longer.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import os
import re
import tempfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.extract import ExtractionError, extract
from kg.extract.records import Deliberation, Fact
from tools.synth import generate

pytestmark = pytest.mark.slow  # property-based: hypothesis builds and damages documents

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = next((ROOT / "corpus").glob("*.txt"))


@functools.cache
def bases() -> list[str]:
    """The undamaged documents: the sample and four generated ones (made on first use)."""
    return [SAMPLE.read_text(encoding="utf-8")] + [g.text for g in generate(4, seed=11)]


EXAMPLES = int(os.environ.get("TKG_HYPOTHESIS_EXAMPLES", "40"))
MUTATIONS = ("delete", "duplicate", "shuffle", "curly", "cp1252", "nul", "truncate")
CURLY = str.maketrans({"'": "’", '"': "”"})


@st.composite
def damaged(draw: st.DrawFn, kinds: tuple[str, ...] = MUTATIONS) -> bytes:
    """One base document with one to four mutations of ``kinds``, as the bytes of a file."""
    lines = draw(st.sampled_from(bases())).split("\n")
    legacy: set[int] = set()
    ops = draw(st.lists(st.sampled_from(kinds), min_size=1, max_size=4))
    for op in ops:
        i = draw(st.integers(0, len(lines) - 1))
        if op == "delete" and len(lines) > 1:
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "shuffle":
            j = draw(st.integers(i, min(len(lines), i + 12)))
            lines[i:j] = draw(st.permutations(lines[i:j]))
        elif op == "curly":
            lines = [line.translate(CURLY) for line in lines]
        elif op == "cp1252":
            legacy.update(range(i, min(len(lines), i + draw(st.integers(1, 30)))))
        elif op == "nul":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + "\x00" + lines[i][at:]
    data = b"\n".join(line.encode("cp1252", errors="replace") if n in legacy else line.encode()
                      for n, line in enumerate(lines))
    if "truncate" in ops:
        data = data[:draw(st.integers(0, len(data)))]
    return data


def facts(obj: object, path: str = "record") -> Iterator[tuple[str, Fact[object]]]:
    """Every Fact of a record, with where it is in the record."""
    if isinstance(obj, Fact):
        yield path, obj
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            if f.name != "source":
                yield from facts(getattr(obj, f.name), f"{path}.{f.name}")
    elif isinstance(obj, list | tuple):
        for i, item in enumerate(obj):
            yield from facts(item, f"{path}[{i}]")


def _significant(digits: str) -> str:
    return re.sub(r"\D", "", digits).strip("0")


def unstated(record: Deliberation) -> list[str]:
    """The facts of ``record`` that its text does not state, each described."""
    text = record.source.text
    out = []
    for where, fact in facts(record):
        span, value = fact.span, fact.value
        if not 0 <= span.start <= span.end <= len(text):
            out.append(f"{where}: span {span.start}-{span.end} outside a text of {len(text)} characters")
            continue
        quote = text[span.start:span.end]
        if isinstance(value, bool):
            continue
        if isinstance(value, int | Decimal) and re.search(r"[1-9]", quote):
            number = format(value, "f") if isinstance(value, Decimal) else str(value)
            if _significant(number) != _significant(quote):
                out.append(f"{where} = {value} ({fact.rule}) read from {quote!r}")
        elif isinstance(value, dt.date) and re.search(r"\d", quote) \
                and str(value.year) not in quote and not re.search(rf"\b0?{value.day}\b", quote):
            out.append(f"{where} = {value} ({fact.rule}) read from {quote!r}")
    return out


def extract_bytes(data: bytes) -> Deliberation | None:
    """The record of a file holding ``data``, or None when it is refused with an ExtractionError."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "damaged.txt"
        path.write_bytes(data)
        try:
            return extract(path)
        except ExtractionError as err:
            assert str(err).startswith(str(path)), f"an error that does not name the file: {err}"
            return None


def test_the_undamaged_documents_state_every_fact() -> None:
    for text in bases():
        record = extract_bytes(text.encode())
        assert record is not None
        assert not unstated(record)


def check_damaged(data: bytes) -> None:
    record = extract_bytes(data)
    if record is not None:
        assert not unstated(record)


PROPERTY = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.mark.parametrize("kind", MUTATIONS)
def test_a_document_damaged_one_way_is_read_or_refused_never_misread(kind: str) -> None:
    PROPERTY(given(damaged((kind,)))(check_damaged))()


@PROPERTY
@given(damaged())
def test_a_document_damaged_several_ways_is_read_or_refused_never_misread(data: bytes) -> None:
    check_damaged(data)
