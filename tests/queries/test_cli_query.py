"""``tkg query`` and ``tkg build`` as a user meets them: bad parameters, remote endpoints."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kg.cli import EXIT_USAGE, main
from kg.store import KnowledgeStore
from kg.store.remote import RemoteStore

ANCT_ID = "--param=anct_id=ti-2703"


def _one_error_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, f"expected one line, got: {err!r}"
    assert "Traceback" not in err
    return lines[0]


def test_unknown_parameter_name_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str],
                                                       tmp_path: Path) -> None:
    code = main(["query", "territory-members", "--param", "territory=ti-2703",
                 "--store", str(tmp_path / "store")])
    line = _one_error_line(capsys.readouterr().err)
    assert code == EXIT_USAGE
    assert "unknown parameter(s) territory" in line and "anct_id" in line


def test_malformed_parameter_value_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str],
                                                          tmp_path: Path) -> None:
    code = main(["query", "cofunding", "--param", "post=not an iri",
                 "--store", str(tmp_path / "store")])
    line = _one_error_line(capsys.readouterr().err)
    assert code == EXIT_USAGE
    assert "post='not an iri' is not a valid iri" in line


def test_parameter_without_a_value_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str],
                                                          tmp_path: Path) -> None:
    code = main(["query", "cofunding", "--param", "post", "--store", str(tmp_path / "store")])
    assert code == EXIT_USAGE
    assert "expected NAME=VALUE" in _one_error_line(capsys.readouterr().err)


def test_unknown_query_name_lists_the_named_queries(capsys: pytest.CaptureFixture[str],
                                                    tmp_path: Path) -> None:
    code = main(["query", "no-such-query", "--store", str(tmp_path / "store")])
    line = _one_error_line(capsys.readouterr().err)
    assert code == EXIT_USAGE and "cofunding" in line


def test_unreachable_endpoint_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["query", "votes", "--endpoint", "http://127.0.0.1:9/query"])
    line = _one_error_line(capsys.readouterr().err)
    assert code == EXIT_USAGE and "cannot reach the SPARQL endpoint" in line


@pytest.mark.server
def test_query_on_the_server_prints_the_same_csv_as_on_the_embedded_store(
        stores: Callable[[str, str], KnowledgeStore], capsys: pytest.CaptureFixture[str],
        tmp_path: Path, sample_path: Path) -> None:
    server = stores("server", "sample")
    assert isinstance(server, RemoteStore)
    capsys.readouterr()  # the build's report, when this test is the first to load the server
    assert main(["query", "deliberations-of-territory", ANCT_ID, "--format", "csv",
                 "--endpoint", server.endpoint]) == 0
    remote = capsys.readouterr().out
    local = tmp_path / "store"
    assert main(["build", str(sample_path), "--store", str(local)]) == 0
    capsys.readouterr()
    assert main(["query", "deliberations-of-territory", ANCT_ID, "--format", "csv",
                 "--store", str(local)]) == 0
    assert capsys.readouterr().out == remote
    assert "ti-2703" in remote and "adopted (derived from counts)" in remote


@pytest.mark.server
def test_export_from_the_server_holds_every_quad_of_its_named_graphs(
        stores: Callable[[str, str], KnowledgeStore], tmp_path: Path) -> None:
    server = stores("server", "sample")
    assert isinstance(server, RemoteStore)
    out = tmp_path / "dump.nq"
    assert main(["export", "--format", "nquads", "-o", str(out),
                 "--endpoint", server.endpoint]) == 0
    assert len(out.read_bytes().splitlines()) == server.count() > 50_000


def test_deliberations_of_territory_with_an_anct_id_lists_that_territory_only(
        tmp_path: Path, sample_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The sample's territory (ti-2703) beside generated ones with no ANCT id: the parameter keeps
    the first only, an id no territory has keeps none, and without it every territory is listed."""
    from benchmarks.corpus_gen import write

    corpus = tmp_path / "generated"
    write(corpus, 12, seed=7)
    store = str(tmp_path / "store")
    assert main(["build", str(corpus), str(sample_path), "--store", store]) in (0, 1)
    capsys.readouterr()

    def territories(*param: str) -> set[str]:
        assert main(["query", "deliberations-of-territory", *param, "--format", "csv",
                     "--store", store]) == 0
        rows = capsys.readouterr().out.splitlines()[1:]
        return {row.split(",", 1)[0] for row in rows}

    every = territories()
    assert len(every) > 1 and any(t.endswith("/ti-2703") for t in every)
    assert territories(ANCT_ID) == {t for t in every if t.endswith("/ti-2703")}
    assert territories("--param", "anct_id=ti-0000") == set()
