"""`tkg export` writes the same graph in every format; `tkg query` reports bad input clearly."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg.cli import main


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, sample_path: Path) -> Path:
    store = tmp_path_factory.mktemp("st") / "store"
    assert main(["build", str(sample_path), "--store", str(store), "--no-reference"]) == 0
    return store


def _union(path: Path, fmt: str) -> Graph:
    ds = Dataset()
    ds.parse(path, format=fmt)
    g = Graph()
    for s, p, o, _c in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def test_every_export_format_gives_the_same_graph(built: Path, tmp_path: Path) -> None:
    files = {}
    for fmt, rdflib_fmt in (("trig", "trig"), ("nquads", "nquads"), ("jsonld", "json-ld"),
                            ("turtle", "turtle")):
        out = tmp_path / f"g.{fmt}"
        assert main(["export", "--format", fmt, "-o", str(out), "--store", str(built)]) == 0
        files[fmt] = _union(out, rdflib_fmt) if fmt != "turtle" else Graph().parse(out)
    reference = files.pop("nquads")
    assert len(reference) > 1000
    for fmt, g in files.items():
        if not isomorphic(reference, g):
            _both, first, second = graph_diff(to_isomorphic(reference), to_isomorphic(g))
            pytest.fail(f"{fmt} differs: {len(first)} triples only in nquads, {len(second)} only in {fmt}")


def test_an_unknown_query_is_one_line_and_exit_2(
    built: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["query", "no-such-question", "--store", str(built)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unknown query 'no-such-question'" in err


def test_a_malformed_param_is_one_line_and_exit_2(
    built: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["query", "cofunding", "--param", "post", "--store", str(built)]) == 2
    assert "expected NAME=VALUE" in capsys.readouterr().err


def test_validate_the_sample_conforms(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--store", str(built)]) == 0
    assert "conforms" in capsys.readouterr().out
