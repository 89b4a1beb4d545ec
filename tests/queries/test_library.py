"""Every named query against its fixtures, on the embedded store and on an Oxigraph server.

Each ``queries/<name>.rq`` has ``tests/queries/<name>/`` holding one case, or several in
sub-folders. A case holds:

- ``expected.csv``: the expected rows (header = the query's ``# returns:`` columns), compared
  as a multiset of rows; rewritten from the embedded store with ``pytest --update-golden``;
- the data: ``data.trig`` / ``data.ttl``, or ``store.txt`` naming ``sample`` (the reference
  graph and the sample deliberation) or ``reference`` (the reference graph alone);
- optionally ``params.json``: ``{"name": "value"}`` bound as ``tkg query --param`` would.

A federated query instead has ``expected-service.txt``: the endpoint its ``SERVICE`` clause
must target; it is parsed, never run.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue

from kg.output import format_results
from kg.queries import QUERY_DIR, Query, list_queries, load_query
from kg.store import KnowledgeStore

HERE = Path(__file__).resolve().parent
QUERIES = list_queries()


def cases(query: Query) -> list[Path]:
    folder = HERE / query.name
    found = [p.parent for p in folder.rglob("expected.csv")]
    found += [p.parent for p in folder.rglob("expected-service.txt")]
    return sorted(found)


def dataset(case: Path) -> str:
    for name in ("data.trig", "data.ttl"):
        if (case / name).is_file():
            return str(case / name)
    store = case / "store.txt"
    assert store.is_file(), f"{case}: no data.trig, data.ttl or store.txt"
    key = store.read_text().strip()
    assert key in ("sample", "reference"), f"{store}: expected 'sample' or 'reference'"
    return key


def params(case: Path) -> dict[str, str]:
    path = case / "params.json"
    return json.loads(path.read_text()) if path.is_file() else {}


def run_case(query: Query, case: Path, store: KnowledgeStore) -> list[list[str]]:
    results = store.select(query.text, bindings=query.bind(params(case)))
    return list(csv.reader(io.StringIO(format_results(results, "csv"))))


RUNNABLE = [(q, c) for q in QUERIES for c in cases(q) if (c / "expected.csv").is_file()]


def _id(qc: tuple[Query, Path]) -> str:
    return str(qc[1].relative_to(HERE))


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_every_query_has_a_fixture_with_expected_results(query: Query) -> None:
    assert cases(query), (f"queries/{query.name}.rq has no test: add tests/queries/{query.name}/"
                          "expected.csv and its data (see this module's docstring)")


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_query_file_documents_its_question_and_columns(query: Query) -> None:
    assert query.title and query.question_fr and query.question_en
    assert query.returns and all(query.returns)


@pytest.mark.parametrize("kind", ["embedded", pytest.param("server", marks=pytest.mark.server)])
@pytest.mark.parametrize("query_case", RUNNABLE, ids=[_id(qc) for qc in RUNNABLE])
def test_query_returns_the_expected_rows(query_case: tuple[Query, Path], kind: str,
                                         stores: Callable[[str, str], KnowledgeStore],
                                         update_golden: bool) -> None:
    query, case = query_case
    rows = run_case(query, case, stores(kind, dataset(case)))
    expected_file = case / "expected.csv"
    if update_golden and kind == "embedded":
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows(rows)
        expected_file.write_text(buf.getvalue(), encoding="utf-8")
    expected = list(csv.reader(io.StringIO(expected_file.read_text(encoding="utf-8"))))
    assert rows[0] == list(query.returns), "the query's columns differ from its '# returns:'"
    assert expected[0] == rows[0], f"{expected_file}: header differs from the query's columns"
    missing = Counter(map(tuple, expected[1:])) - Counter(map(tuple, rows[1:]))
    extra = Counter(map(tuple, rows[1:])) - Counter(map(tuple, expected[1:]))
    assert not missing and not extra, (f"missing rows: {sorted(missing)}\n"
                                       f"extra rows: {sorted(extra)}")


@pytest.mark.server
@pytest.mark.parametrize("query_case", RUNNABLE, ids=[_id(qc) for qc in RUNNABLE])
def test_embedded_store_and_server_give_the_same_rows_in_the_same_order(
        query_case: tuple[Query, Path], stores: Callable[[str, str], KnowledgeStore]) -> None:
    query, case = query_case
    key = dataset(case)
    assert run_case(query, case, stores("embedded", key)) == run_case(query, case,
                                                                       stores("server", key))


def _services(node: object) -> list[str]:
    found: list[str] = []
    if isinstance(node, CompValue):
        if node.name == "ServiceGraphPattern":
            found.append(str(node["term"]))
        for value in node.values():
            found += _services(value)
    elif isinstance(node, list | tuple):
        for item in node:
            found += _services(item)
    return found


FEDERATED = [(q, c) for q in QUERIES for c in cases(q) if (c / "expected-service.txt").is_file()]


@pytest.mark.parametrize("query_case", FEDERATED, ids=[_id(qc) for qc in FEDERATED])
def test_federated_query_parses_and_targets_its_service(query_case: tuple[Query, Path]) -> None:
    """Parsed with rdflib, never run: the query needs the network."""
    query, case = query_case
    parsed = prepareQuery(query.text)
    expected = (case / "expected-service.txt").read_text().strip()
    assert _services(parsed.algebra) == [expected]
    assert "needs the network" in query.text.split("PREFIX", 1)[0]


def test_query_directory_is_the_library_the_cli_lists() -> None:
    assert {q.name for q in QUERIES} == {p.stem for p in QUERY_DIR.glob("*.rq")}
    assert load_query("cofunding").returns[:2] == ("post", "post_label")
