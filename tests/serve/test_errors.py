"""What a client sees when something goes wrong: one sentence, never a stack trace; and the
server binds to this machine only unless told otherwise."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
import uvicorn

from kg.cli import main, parser
from kg.serve import create_app
from kg.serve.cli import serve_settings
from kg.serve.settings import ServeSettings
from kg.store import OxigraphStore, Results, Term
from tests.serve.conftest import CONVENTION, free_port, get


class BrokenStore:
    """A store whose every read fails, as a disk error would."""

    def select(self, query: str, *, bindings: Mapping[str, Term] | None = None) -> Results:
        raise RuntimeError("disk read failed at /secret/path/to/store")

    def count(self) -> int:
        raise RuntimeError("disk read failed at /secret/path/to/store")


@pytest.fixture(scope="module")
def broken_server(store_dir: Path) -> Iterator[str]:
    app = create_app(ServeSettings(store=store_dir, workers=1))
    app.state.site.store = BrokenStore()
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="critical"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.mark.server  # the application on uvicorn
@pytest.mark.parametrize("path", ["/", "/id/convention/ti-2703/2024-2027", "/.well-known/void"])
def test_an_error_reaches_the_client_as_one_sentence(broken_server: str, path: str) -> None:
    status, _, body = get(broken_server + path, accept="text/html")
    text = body.decode()
    assert status == 500
    assert "error happened" in text
    assert "Traceback" not in text and "RuntimeError" not in text and "/secret/" not in text


def test_server_binds_to_this_machine_by_default() -> None:
    args = parser().parse_args(["serve", "--store", "somewhere"])
    from kg.config import Settings

    assert serve_settings(args, Settings.from_env({})).host == "127.0.0.1"
    args = parser().parse_args(["serve", "--host", "0.0.0.0"])
    assert serve_settings(args, Settings.from_env({})).host == "0.0.0.0"


def test_serve_without_a_store_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--store", str(tmp_path / "none")]) == 2
    err = capsys.readouterr().err
    assert "no store at" in err and "Traceback" not in err


def test_resource_iri_maps_to_its_path() -> None:
    s = ServeSettings()
    assert s.site + s.id_path[1:] + "convention/ti-2703/2024-2027" == CONVENTION


def test_sparql_page_says_when_yasgui_is_missing(store_dir: Path, tmp_path: Path) -> None:
    from kg.serve.app import Site, templates
    from kg.serve.vocabulary import Vocabulary

    settings = ServeSettings(store=store_dir, yasgui_dir=tmp_path)
    vocab = Vocabulary.load(site=settings.site, base=settings.base)
    store = OxigraphStore(store_dir, read_only=True)
    site = Site(settings, store, None, vocab, templates())
    html = site.render("sparql.html", title="SPARQL")
    assert "YASGUI query editor is not installed" in html and "make yasgui" in html
    assert "yasgui.min.js" not in html.split("<main>")[0]  # no script tag for a missing file
    store.close()
