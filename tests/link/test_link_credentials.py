"""`tkg link` sends the endpoint credentials, through a real proxy that demands them in front
of a real Oxigraph server, and never shows or records the password."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.cli import link_client, main
from kg.config import Settings
from kg.mapping import Iris
from kg.pipeline import build_reference
from kg.registry.link import LinkError, link
from kg.store import OxigraphStore
from tests.authproxy import AuthProxy, basic
from tests.link.conftest import PASSWORD, USER
from tests.link.test_link import EXPECTED, _links

pytestmark = pytest.mark.server
DERIVED = ("SELECT ?source WHERE { GRAPH ?g { ?g <http://www.w3.org/ns/prov#wasDerivedFrom> "
           "?source } }")


@pytest.fixture(scope="module")
def reference_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("reference") / "store"
    store = OxigraphStore(path)
    build_reference(store, iris=Iris())
    store.close()
    return path


@pytest.fixture
def store_dir(reference_dir: Path, tmp_path: Path) -> Path:
    """A store holding the reference graph and no links, copied for each test."""
    return Path(shutil.copytree(reference_dir, tmp_path / "store"))


@pytest.fixture(scope="module")
def reference_store() -> OxigraphStore:
    store = OxigraphStore()
    build_reference(store, iris=Iris())
    return store


@pytest.fixture
def environment(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in ("TKG_ENDPOINT", "TKG_ENDPOINT_USER", "TKG_ENDPOINT_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def _stored(store_dir: Path) -> tuple[set[tuple[str | None, ...]], list[str | None]]:
    store = OxigraphStore(store_dir, read_only=True)
    try:
        return _links(store), [r["source"] for r in store.select(DERIVED)]
    finally:
        store.close()


def test_link_sends_the_environment_credentials_to_its_endpoint(
        store_dir: Path, auth_proxy: AuthProxy, environment: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    environment.setenv("TKG_ENDPOINT_USER", USER)
    environment.setenv("TKG_ENDPOINT_PASSWORD", PASSWORD)
    assert main(["link", "--endpoint", auth_proxy.url(), "--store", str(store_dir)]) == 0, \
        capsys.readouterr().err
    assert auth_proxy.seen and set(auth_proxy.seen) == {basic(USER, PASSWORD)}
    links, _sources = _stored(store_dir)
    assert links == EXPECTED


def test_link_sends_the_credentials_written_in_its_url_and_does_not_record_them(
        store_dir: Path, auth_proxy: AuthProxy, environment: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    url = auth_proxy.url().replace("http://", f"http://{USER}:{PASSWORD}@")
    assert main(["link", "--endpoint", url, "--store", str(store_dir)]) == 0
    assert auth_proxy.seen and set(auth_proxy.seen) == {basic(USER, PASSWORD)}
    links, sources = _stored(store_dir)
    assert links == EXPECTED
    assert sources == [auth_proxy.url()]
    assert PASSWORD not in capsys.readouterr().err


def test_an_endpoint_that_wants_credentials_is_one_line_saying_how_to_give_them(
        store_dir: Path, auth_proxy: AuthProxy, environment: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["link", "--endpoint", auth_proxy.url(), "--store", str(store_dir)]) == 2
    [line] = capsys.readouterr().err.strip().splitlines()
    assert line.startswith(f"tkg link: error: {auth_proxy.url()}: HTTP 401, it wants credentials")
    assert "TKG_ENDPOINT_USER" in line
    assert auth_proxy.seen == [None]
    assert _stored(store_dir)[0] == set()  # nothing written


def test_a_refused_password_is_reported_without_repeating_it(
        store_dir: Path, auth_proxy: AuthProxy, environment: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    environment.setenv("TKG_ENDPOINT_USER", USER)
    environment.setenv("TKG_ENDPOINT_PASSWORD", "not-the-password")
    assert main(["link", "--endpoint", auth_proxy.url(), "--store", str(store_dir)]) == 2
    err = capsys.readouterr().err
    assert "HTTP 401, the credentials were refused" in err
    assert "not-the-password" not in err and "Traceback" not in err


def test_the_remote_stores_credentials_are_not_sent_to_an_endpoint_elsewhere(
        auth_proxy: AuthProxy, reference_store: OxigraphStore) -> None:
    settings = Settings(endpoint="https://kg.example.org/query", endpoint_user=USER,
                        endpoint_password=PASSWORD)
    client = link_client(auth_proxy.url(), settings, timeout=30)
    store = reference_store
    with pytest.raises(LinkError, match="HTTP 401, it wants credentials"):
        link(store, wikidata=client, insee=client, iris=Iris())
    assert auth_proxy.seen == [None]


def test_the_remote_stores_credentials_are_sent_to_an_endpoint_on_its_origin(
        auth_proxy: AuthProxy, reference_store: OxigraphStore) -> None:
    settings = Settings(endpoint=auth_proxy.url("/other/query"), endpoint_user=USER,
                        endpoint_password=PASSWORD)
    store = reference_store
    client = link_client(auth_proxy.url(), settings, timeout=30)
    link(store, wikidata=client, insee=client, iris=Iris())
    assert _links(store) == EXPECTED
    assert set(auth_proxy.seen) == {basic(USER, PASSWORD)}
