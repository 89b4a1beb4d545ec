"""`tkg link`: owl:sameAs to Wikidata by SIREN, skos:exactMatch to INSEE by code."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pyoxigraph import NamedNode, Quad

from kg.cli import main
from kg.mapping import Iris
from kg.pipeline import build_reference
from kg.registry.link import LinkError, link
from kg.store import OxigraphStore

EPCI = "https://w3id.org/territoires-kg/id/epci/"
WD = "http://www.wikidata.org/entity/"
INSEE = "http://id.insee.fr/geo/intercommunalite/00000000-0000-0000-0000-00000000000"
LINKS = "https://w3id.org/territoires-kg/id/graph/reference/links"
SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"
EXACT = "http://www.w3.org/2004/02/skos/core#exactMatch"
QUERY = (Path(__file__).parent / "links.rq").read_text(encoding="utf-8")
EXPECTED = {
    (EPCI + "242100410", SAME_AS, WD + "Q900000001"),
    (EPCI + "247100290", SAME_AS, WD + "Q900000002"),
    (EPCI + "200070530", SAME_AS, WD + "Q900000003"),
    (EPCI + "242100410", EXACT, INSEE + "a"),
    (EPCI + "200071884", EXACT, INSEE + "b"),
}


def _links(store: OxigraphStore) -> set[tuple[str | None, ...]]:
    return {(r["s"], r["p"], r["o"]) for r in store.select(QUERY)}


@pytest.fixture
def reference_store() -> OxigraphStore:
    store = OxigraphStore()
    build_reference(store, iris=Iris())
    return store


@pytest.fixture
def store_dir(reference_store_dir: Path) -> Path:
    """An on-disk store holding the reference graph, for the command's tests."""
    return reference_store_dir


@pytest.mark.server
def test_epcis_are_linked_by_siren_to_wikidata_and_insee(reference_store: OxigraphStore,
                                                         sparql_endpoint: str) -> None:
    counts = link(reference_store, wikidata=sparql_endpoint, insee=sparql_endpoint, iris=Iris())
    assert _links(reference_store) == EXPECTED
    assert (counts.wikidata, counts.insee) == (3, 2)
    assert LINKS in reference_store.graphs()


@pytest.mark.server
def test_a_rerun_replaces_the_links_graph(reference_store: OxigraphStore,
                                          sparql_endpoint: str) -> None:
    stale = Quad(NamedNode(EPCI + "200070316"), NamedNode(SAME_AS), NamedNode(WD + "Q1"),
                 NamedNode(LINKS))
    reference_store.replace_graph(LINKS, [stale])
    link(reference_store, wikidata=sparql_endpoint, insee=sparql_endpoint, iris=Iris())
    link(reference_store, wikidata=sparql_endpoint, insee=sparql_endpoint, iris=Iris())
    assert _links(reference_store) == EXPECTED


@pytest.mark.server
def test_link_command_stores_the_links(store_dir: Path, sparql_endpoint: str,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["link", "--endpoint", sparql_endpoint, "--store", str(store_dir)]) == 0
    assert "3 Wikidata and 2 INSEE links stored" in capsys.readouterr().err
    store = OxigraphStore(store_dir)
    assert _links(store) == EXPECTED
    store.close()


def test_an_unreachable_endpoint_is_one_line_and_exit_2(store_dir: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    url = "http://127.0.0.1:9/query"  # the discard port: nothing answers there
    assert main(["link", "--endpoint", url, "--store", str(store_dir)]) == 2
    [line] = capsys.readouterr().err.strip().splitlines()
    assert line.startswith(f"tkg link: error: {url}: cannot reach the SPARQL endpoint (")


@pytest.mark.server
def test_a_failed_run_keeps_the_previous_links(reference_store: OxigraphStore,
                                               sparql_endpoint: str) -> None:
    link(reference_store, wikidata=sparql_endpoint, insee=sparql_endpoint, iris=Iris())
    with pytest.raises(LinkError):
        link(reference_store, wikidata=sparql_endpoint, insee="http://127.0.0.1:9/query",
             iris=Iris())
    assert _links(reference_store) == EXPECTED


def test_the_build_does_not_load_the_network_client() -> None:
    code = ("import sys; from pathlib import Path; from kg.pipeline import build; "
            "from kg.store import OxigraphStore; from kg.mapping import Iris; "
            "build([Path('corpus')], OxigraphStore(), iris=Iris()); "
            "print('SPARQLWrapper' in sys.modules, 'kg.registry.link' in sys.modules)")
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True,
                         text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
