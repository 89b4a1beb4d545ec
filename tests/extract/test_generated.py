"""Extraction of generated deliberations matches their expected records (the oracle)."""

from __future__ import annotations

from collections import Counter

import pytest

from kg.extract.deliberation import read_deliberation
from kg.extract.plain import differences, to_plain
from kg.extract.records import SourceDocument
from tools.synth import LAYOUTS, Generated, generate

SEEDS = (1, 2, 3, 4)
PER_SEED = 50
DOCS = [g for seed in SEEDS for g in generate(PER_SEED, seed=seed)]


def _source(g: Generated) -> SourceDocument:
    return SourceDocument(path=g.name, sha256="", media_type="text/plain", text=g.text)


@pytest.mark.parametrize("doc", DOCS, ids=[f"{i}-{g.name}" for i, g in enumerate(DOCS)])
def test_generated_deliberation_is_extracted_as_expected(doc: Generated) -> None:
    record = to_plain(read_deliberation(_source(doc)))
    diffs = differences(doc.expected, record)
    assert not diffs, f"{doc.layout}\n" + "\n".join(diffs[:20])


def test_generated_corpus_covers_every_layout() -> None:
    seen = Counter((k, v) for g in DOCS for k, v in g.layout.items())
    missing = [(k, v) for k, values in LAYOUTS.items() for v in values if not seen[(k, v)]]
    assert not missing


@pytest.mark.parametrize("doc", DOCS[:50], ids=[g.name for g in DOCS[:50]])
def test_generated_deliberation_is_valid(doc: Generated) -> None:
    """Votes add up to present + proxies; holders are present; funding adds up."""
    e = doc.expected
    present, proxies = len(e["present"]), len(e["proxies"])
    vote = e["vote"]
    if "pour" in vote:
        cast = vote["pour"] + vote["contre"] + vote["abstention"] + (vote["not_voting"] or 0)
        assert cast == present + proxies
    holders = [p["holder"] for p in e["proxies"] if p["holder"]]
    assert all(h in e["present"] for h in holders)
    assert len({str(h) for h in holders}) == len(holders)
    assert present > (present + len(e["absent"])) // 2
    for post in (e["programme"].get("funding") or {"posts": []})["posts"]:
        assert sum(r["amount"] for r in post["rows"]) == post["total"]
        assert sum(float(r["share"]) for r in post["rows"]) == 100


def test_generation_is_reproducible() -> None:
    assert [g.text for g in generate(5, seed=9)] == [g.text for g in generate(5, seed=9)]
    assert [g.text for g in generate(5, seed=9)] != [g.text for g in generate(5, seed=10)]
