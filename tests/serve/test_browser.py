"""The site in headless Chromium (Debian ``chromium`` driven by Playwright): pages render with
their charts, YASGUI runs a named query, and a crawl finds no broken link and no untitled page.

Screenshots go to ``build/screenshots/`` under the checkout, or to ``$TKG_SCREENSHOTS``; the
tests create the folder, and CI keeps it as an artefact (``.ci/run``). The tests fail, not skip,
when ``/usr/bin/chromium`` is missing: ``make test`` installs it (``scripts/system-deps.sh``).
"""

from __future__ import annotations

import os
import urllib.parse
from collections import deque
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.queries import load_query
from tests.serve.conftest import CONVENTION, DELIBERATION, ROOT, Server

pytestmark = pytest.mark.browser
CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = Path(os.environ.get("TKG_SCREENSHOTS") or ROOT / "build" / "screenshots")
CRAWL_PAGES = 40
CRAWL_LINKS = 400

if True:  # imported here so that a missing Playwright fails these tests with its own message
    from playwright.sync_api import Browser, Page, sync_playwright


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM.is_file(), "install Debian's chromium (apt-get install -y chromium) to run these tests"
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    p = context.new_page()
    yield p
    context.close()


def shoot(page: Page, name: str) -> None:
    """A full-page screenshot in the folder CI keeps, checked to be a PNG."""
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", path


def path_of(iri: str) -> str:
    return "/" + iri.split("/", 3)[3].split("/", 1)[1]


def test_landing_page_lists_the_dataset_and_queries(server: Server, page: Page) -> None:
    page.goto(server.url + "/")
    assert page.title().startswith("territoires-kg")
    assert page.locator("table.queries tbody tr").count() >= 15
    assert page.locator("ul.deliberations a").count() == 2
    shoot(page, "landing")


def test_deliberation_page_draws_the_vote(server: Server, page: Page) -> None:
    page.goto(server.url + path_of(DELIBERATION))
    chart = page.locator("svg.chart.vote")
    assert chart.is_visible()
    bars = chart.locator("rect[class^='v']")
    assert bars.count() == 8  # four bars and four legend keys
    assert float(bars.first.get_attribute("width") or 0) > 200  # 78 for, nothing else
    assert page.locator("blockquote.evidence").count() >= 2  # title and subject heading
    shoot(page, "deliberation")


def test_convention_page_draws_who_pays_what(server: Server, page: Page) -> None:
    page.goto(server.url + path_of(CONVENTION))
    chart = page.locator("svg.chart.funding")
    assert chart.is_visible()
    assert chart.locator("rect").count() == 6  # one bar per funder
    assert page.locator("table.funding tbody tr").count() == 12
    assert "Dijon Métropole" in (chart.text_content() or "")
    shoot(page, "convention")


def test_yasgui_runs_the_cofunding_query(server: Server, page: Page) -> None:
    page.goto(server.url + "/sparql")
    page.wait_for_function("() => window.tkgYasgui !== undefined", timeout=20_000)
    page.evaluate("q => { const y = window.tkgYasgui.getTab().getYasqe(); y.setValue(q); y.query(); }",
                  load_query("cofunding").text)
    rows = page.locator(".yasr table tbody tr")
    rows.nth(11).wait_for(timeout=30_000)
    assert rows.count() == 12
    assert "Chef de projet 2" in page.locator(".yasr").inner_text()
    shoot(page, "yasgui-cofunding")


def _local(base: str, href: str) -> str | None:
    url = urllib.parse.urljoin(base, href).split("#")[0]
    return url if url.startswith(base.rstrip("/")) else None


def test_crawl_finds_no_broken_link_and_no_untitled_page(server: Server, page: Page) -> None:
    """Breadth first from the landing page: at most 40 pages rendered, 400 links checked."""
    seen_pages: set[str] = set()
    checked: dict[str, int] = {}
    queue = deque([server.url + "/"])
    untitled, broken = [], []
    while queue and len(seen_pages) < CRAWL_PAGES:
        url = queue.popleft()
        if url in seen_pages:
            continue
        seen_pages.add(url)
        response = page.goto(url)
        assert response is not None
        if not response.headers.get("content-type", "").startswith("text/html"):
            continue  # VoID, context: RDF and JSON, checked by status only
        if not page.title().strip():
            untitled.append(url)
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
        for href in hrefs:
            target = _local(server.url + "/", href)
            if target is None or target in checked or len(checked) >= CRAWL_LINKS:
                continue
            checked[target] = page.request.get(target, headers={"Accept": "text/html"}).status
            if checked[target] >= 400:
                broken.append((url, href, checked[target]))
            is_page = "?" not in target and "/dumps/" not in target and "/sparql" not in target
            if is_page and target not in seen_pages:
                queue.append(target)
    assert len(seen_pages) >= 20 and len(checked) >= 100
    assert not untitled, untitled
    assert not broken, broken[:10]
