"""No input makes extraction fail with anything but one clear ExtractionError.

Every real deliberation and the sample are mutated (curly quotes, no-break
spaces, ligatures, truncation, shuffled paragraphs, Windows-1252 bytes); each
mutation is read without a traceback, and every span of what is read quotes
the text it was read from.
"""

from __future__ import annotations

import dataclasses
import os
import random
from collections.abc import Callable, Iterator
from enum import Enum
from pathlib import Path
from typing import Any

import pytest

from kg.extract import extract
from kg.extract.compare import fold
from kg.extract.deliberation import read_deliberation
from kg.extract.errors import ExtractionError
from kg.extract.normalise import normalise
from kg.extract.records import Deliberation, Fact, SourceDocument

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "corpus" / "dijon-metropole_2024-09-26_territoire-bourgogne-industrie.txt"


def real_texts() -> list[Path]:
    folder = Path(os.environ.get("TKG_REAL_CORPUS", ROOT.parent / "shared" / "corpus" / "real"))
    if not folder.is_dir():
        pytest.fail(f"real corpus not found at {folder}: set TKG_REAL_CORPUS to the folder of real "
                    "deliberations with their *.expected.json")
    return sorted(folder.glob("*.txt"))


def _shuffle(text: str) -> str:
    parts = text.split("\n\n")
    random.Random(7).shuffle(parts)
    return "\n\n".join(parts)


MUTATIONS: dict[str, Callable[[str], str]] = {
    "as-is": lambda t: t,
    "curly-quotes": lambda t: t.replace("'", "\u2019").replace('"', "\u201d"),
    "no-break-spaces": lambda t: t.replace(" ", "\u00a0"),
    "ligatures": lambda t: t.replace("fi", "\ufb01").replace("fl", "\ufb02"),
    "hyphenated": lambda t: t.replace("tion ", "-\ntion "),
    "letter-spaced": lambda t: t.replace("DÉLIBÉRATIONS", "D É L I B É R A T I O N S"),
    "truncated-third": lambda t: t[: len(t) // 3],
    "truncated-header": lambda t: t[:400],
    "shuffled": _shuffle,
    "upper-case": str.upper,
    "impossible-dates": lambda t: t.replace("26", "31").replace("septembre", "février")
    .replace("2024", "0000"),
}


def _facts(value: Any) -> Iterator[Fact[Any]]:
    if isinstance(value, Fact):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            if f.name != "source":
                yield from _facts(getattr(value, f.name))
    elif isinstance(value, tuple | list):
        for v in value:
            yield from _facts(v)


def assert_spans_quote_the_original(d: Deliberation) -> None:
    text = d.source.text
    for fact in _facts(d):
        span = fact.span
        assert 0 <= span.start <= span.end <= len(text), fact
        # a value read by a named rule is the text it quotes (others may be canonical names)
        # Text values quote their span; an outcome (a str Enum) names what the span says.
        if (fact.rule and isinstance(fact.value, str) and not isinstance(fact.value, Enum)
                and fact.value and span.end > span.start):
            quoted, value = fold(normalise(text[span.start:span.end]).text), fold(fact.value)
            assert value in quoted or quoted in value, (fact, quoted)
        assert span.line == text.count("\n", 0, span.start) + 1, fact


def _read(text: str) -> Deliberation | None:
    try:
        return read_deliberation(SourceDocument("doc.txt", "", "text/plain", text))
    except ExtractionError as err:
        assert str(err).startswith("doc.txt")
        return None


@pytest.mark.parametrize("mutation", sorted(MUTATIONS))
def test_mutations_never_raise_and_spans_quote_the_original(mutation: str) -> None:
    for path in [SAMPLE, *real_texts()]:
        d = _read(MUTATIONS[mutation](path.read_text(encoding="utf-8")))
        if d is not None:
            assert_spans_quote_the_original(d)


def test_windows_1252_bytes_are_read(tmp_path: Path) -> None:
    for path in [SAMPLE, *real_texts()]:
        target = tmp_path / path.name
        target.write_bytes(path.read_text(encoding="utf-8").encode("cp1252", errors="replace"))
        d = extract(target)
        assert d.session is not None, path.name


def test_curly_apostrophes_read_like_straight_ones() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    straight = _read(text)
    curly = _read(text.replace("'", "\u2019"))
    assert straight is not None and curly is not None
    assert curly.programme is not None and straight.programme is not None
    assert curly.programme.scheme.value == straight.programme.scheme.value
    assert [p.family_name for p in curly.present] == [p.family_name for p in straight.present]


def test_an_impossible_date_is_not_read() -> None:
    d = _read("Conseil municipal de Beaune\nSéance du 31/02/2024 à 25 h 99\nOBJET : Budget\n")
    assert d is not None and d.session is None
    assert any("no session date" in i.message for i in d.issues)


def test_a_document_with_a_date_and_a_council_is_kept_with_what_is_missing_reported() -> None:
    d = _read("Réunion du conseil municipal\nSéance du 12 mars 2024\n")
    assert d is not None and d.session is not None and d.authority is None and d.subject is None
    messages = [i.message for i in d.issues]
    assert any("no authority" in m for m in messages) and any("no subject" in m for m in messages)


def test_a_text_with_nothing_of_a_deliberation_is_rejected() -> None:
    with pytest.raises(ExtractionError, match="not a deliberation"):
        read_deliberation(SourceDocument("recipe.txt", "", "text/plain",
                                         "Tarte aux pommes\n\nBeurre, farine, sucre.\n"))


@pytest.mark.parametrize("mutation", sorted(MUTATIONS))
def test_what_is_read_from_a_mutation_maps_to_rdf(mutation: str) -> None:
    """A partial record (no authority, no date, no subject) maps without a traceback."""
    from kg.mapping import Iris, map_deliberation
    from kg.registry import load_registry

    for path in [SAMPLE, *real_texts()[:2]]:
        text = MUTATIONS[mutation](path.read_text(encoding="utf-8"))
        d = _read(text)
        if d is not None:
            d = dataclasses.replace(d, source=dataclasses.replace(d.source, sha256="0" * 64))
            mapped = map_deliberation(d, registry=load_registry(), iris=Iris())
            assert mapped.quads


def test_a_council_named_in_a_text_about_councils_is_not_a_deliberation() -> None:
    with pytest.raises(ExtractionError, match="not a deliberation"):
        read_deliberation(SourceDocument("README.md", "", "text/markdown",
                                         "# Corpus\n\nTexts of a conseil municipal; 78 present names.\n"))
