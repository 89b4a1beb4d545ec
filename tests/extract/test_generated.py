"""Extraction of generated deliberations matches their expected records (the oracle)."""

from __future__ import annotations

import functools
from collections import Counter

import pytest

from kg.extract.deliberation import read_deliberation
from kg.extract.plain import differences, to_plain
from kg.extract.records import SourceDocument
from tools.synth import LAYOUTS, MINUTES_LAYOUTS, Generated, generate, generate_minutes

SEEDS = (1, 2, 3, 4)
PER_SEED = 50
MINUTES_PER_SEED = 10


@functools.cache
def docs() -> list[Generated]:
    """The generated deliberations, made on first use (not while collecting the tests)."""
    return [g for seed in SEEDS for g in generate(PER_SEED, seed=seed)]


@functools.cache
def minutes() -> list[Generated]:
    return [g for seed in SEEDS for g in generate_minutes(MINUTES_PER_SEED, seed=seed)]


def _ids(per_seed: int, n: int | None = None) -> list[str]:
    ids = [f"seed{seed}-{i}" for seed in SEEDS for i in range(per_seed)]
    return ids[:n] if n is not None else ids


def _source(g: Generated) -> SourceDocument:
    return SourceDocument(path=g.name, sha256="", media_type="text/plain", text=g.text)


@pytest.mark.parametrize("index", range(len(SEEDS) * PER_SEED), ids=_ids(PER_SEED))
def test_generated_deliberation_is_extracted_as_expected(index: int) -> None:
    doc = docs()[index]
    record = to_plain(read_deliberation(_source(doc)))
    diffs = differences(doc.expected, record)
    assert not diffs, f"{doc.name} {doc.layout}\n" + "\n".join(diffs[:20])


def test_generated_corpus_covers_every_layout() -> None:
    seen = Counter((k, v) for g in docs() for k, v in g.layout.items())
    missing = [(k, v) for k, values in LAYOUTS.items() for v in values if not seen[(k, v)]]
    assert not missing


@pytest.mark.parametrize("index", range(50), ids=_ids(PER_SEED, 50))
def test_generated_deliberation_is_valid(index: int) -> None:
    """Votes add up to present + proxies; holders are present; funding adds up."""
    doc = docs()[index]
    e = doc.expected
    present, proxies = len(e["present"]), len(e["proxies"])
    vote = e["vote"]
    if "pour" in vote:
        blank_or_abstaining = vote.get("abstention", vote.get("blank", 0))
        cast = vote["pour"] + vote.get("contre", 0) + blank_or_abstaining + (
            vote.get("not_voting") or 0)
        assert cast == present + proxies
    assert all(a in [p["family_name"] for p in e["present"]] for a in vote.get("abstainers", ()))
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


@pytest.mark.parametrize("index", range(len(SEEDS) * MINUTES_PER_SEED), ids=_ids(MINUTES_PER_SEED))
def test_generated_minutes_are_extracted_item_by_item(index: int) -> None:
    """Each item's number, subject, vote and financing plan; the session's facts once."""
    doc = minutes()[index]
    record = to_plain(read_deliberation(_source(doc)))
    diffs = differences(doc.expected, record)
    assert not diffs, f"{doc.layout}\n" + "\n".join(diffs[:20])


def test_generated_minutes_cover_every_layout_and_add_up() -> None:
    seen = {(k, v) for g in minutes() for k, v in g.layout.items()}
    assert not [(k, v) for k, values in MINUTES_LAYOUTS.items() for v in values
                if (k, v) not in seen]
    for g in minutes():
        voters = len(g.expected["present"]) + len(g.expected["proxies"])
        for item in g.expected["items"]:
            vote = item["vote"]
            if "pour" in vote:
                assert vote["pour"] + vote.get("contre", 0) + vote["abstention"] == voters
            for plan in item["funding"]:
                assert sum(r["amount"] for r in plan["rows"]) == plan["total"]
                assert sum(r["share"] for r in plan["rows"]) == 100
