"""The server rules ``tkg publish`` writes, in a real nginx and a real Apache (Debian's ``nginx``
and ``apache2``) on 127.0.0.1: ``/id/PATH`` answers the file ``Accept`` or ``?format=`` asks for,
with its media type, q-values weighed as the live server weighs them."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import rdflib

from tests.serve.conftest import CONVENTION, free_port, get
from tests.serve.test_publish import site  # noqa: F401 (the published site, a fixture)

pytestmark = pytest.mark.server  # nginx and Apache serve the published site

NGINX = Path("/usr/sbin/nginx")
APACHE = Path("/usr/sbin/apache2")
APACHE_MODULES = Path("/usr/lib/apache2/modules")


def _wait(url: str, proc: subprocess.Popen[bytes], log: Path) -> None:
    for _ in range(150):
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited: {log.read_text() if log.exists() else ''}")
        try:
            get(url + "/")
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer: {log.read_text() if log.exists() else ''}")


def _nginx(root: Path, work: Path, port: int) -> subprocess.Popen[bytes]:
    assert NGINX.is_file(), "install Debian's nginx (apt-get install -y nginx) to run these tests"
    temp = " ".join(f"{k}_temp_path {work}/{k};" for k in ("client_body", "proxy", "fastcgi", "uwsgi",
                                                             "scgi"))
    # as root, nginx's workers would run as nobody, who cannot read pytest's private folders
    user = "user root;" if os.geteuid() == 0 else ""
    (work / "nginx.conf").write_text(f"""
daemon off; worker_processes 1; pid {work}/nginx.pid; error_log {work}/error.log; {user}
events {{ worker_connections 64; }}
http {{
  access_log off; {temp}
  include {root}/nginx-map.conf;
  server {{
    listen 127.0.0.1:{port};
    root {root};
    include {root}/nginx.conf;
  }}
}}
""")
    return subprocess.Popen([str(NGINX), "-c", str(work / "nginx.conf"), "-p", str(work)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)  # Apache signals its whole process group


def _apache(root: Path, work: Path, port: int, public: Path) -> subprocess.Popen[bytes]:
    """Apache serving a copy of ``root`` in ``public``: its workers run as www-data, so the
    site is copied where that user can read it (a new folder in the system's temporary one)."""
    assert APACHE.is_file(), "install Debian's apache2 (apt-get install -y apache2) to run these tests"
    public.chmod(0o755)
    shutil.copytree(root, public / "site")
    for path in [public / "site", *(public / "site").rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    modules = "\n".join(f"LoadModule {m}_module {APACHE_MODULES}/mod_{m}.so"
                         for m in ("mpm_prefork", "authz_core", "mime", "dir", "rewrite", "headers",
                                   "negotiation"))
    (work / "mime.types").write_text("")  # the types the site needs are in its .htaccess
    (work / "httpd.conf").write_text(f"""
{modules}
ServerName 127.0.0.1
Listen 127.0.0.1:{port}
PidFile {work}/httpd.pid
ErrorLog {work}/error.log
TypesConfig {work}/mime.types
{"User www-data" if os.geteuid() == 0 else ""}
{"Group www-data" if os.geteuid() == 0 else ""}
DocumentRoot {public}/site
<Directory {public}/site>
    AllowOverride All
    Require all granted
</Directory>
""")
    return subprocess.Popen([str(APACHE), "-f", str(work / "httpd.conf"), "-DFOREGROUND"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)  # Apache signals its whole process group


@pytest.fixture(scope="module", params=["nginx", "apache"])
def static_server(request: pytest.FixtureRequest, site: Path,  # noqa: F811
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The published site behind a real nginx or Apache, with the rules ``tkg publish`` wrote."""
    work = tmp_path_factory.mktemp(request.param)
    work.chmod(0o755)
    port = free_port()
    public = Path(tempfile.mkdtemp(prefix="tkg-site-"))
    try:
        proc = (_nginx(site, work, port) if request.param == "nginx"
                else _apache(site, work, port, public))
        url = f"http://127.0.0.1:{port}"
        try:
            _wait(url, proc, work / "error.log")
            yield url
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    finally:
        shutil.rmtree(public, ignore_errors=True)


RDF = {"text/turtle": "turtle", "application/ld+json": "json-ld", "application/n-triples": "nt",
       "application/rdf+xml": "xml"}


@pytest.mark.parametrize("media", sorted(RDF))
def test_static_site_negotiates_each_format(static_server: str, media: str) -> None:
    path = "/" + CONVENTION.split("/", 3)[3].split("/", 1)[1]
    status, headers, body = get(static_server + path, accept=media)
    assert status == 200 and headers["content-type"].startswith(media)
    g = rdflib.Graph().parse(data=body, format=RDF[media])
    assert rdflib.URIRef(CONVENTION) in set(g.subjects())
    ext = {"text/turtle": "ttl", "application/ld+json": "jsonld", "application/n-triples": "nt",
           "application/rdf+xml": "rdf"}[media]
    status, headers, _ = get(f"{static_server}{path}?format={ext}", accept="text/html")
    assert status == 200 and headers["content-type"].startswith(media)


@pytest.mark.parametrize("address", ["/", "/dumps/", "/queries/cofunding", "/ontology",
                                     "/id/convention/ti-2703/2024-2027"])
def test_static_site_serves_pages_to_a_browser(static_server: str, address: str) -> None:
    status, headers, body = get(static_server + address, accept="text/html,application/xhtml+xml,*/*;q=0.8")
    assert status == 200 and headers["content-type"].startswith("text/html"), address
    assert b"<title>" in body


def test_static_site_serves_void_and_hides_the_apache_file(static_server: str) -> None:
    status, headers, body = get(static_server + "/.well-known/void")
    assert status == 200 and headers["content-type"].startswith("text/turtle")
    assert rdflib.Graph().parse(data=body, format="turtle")
    status, _, _ = get(static_server + "/.htaccess")
    assert status in (403, 404)  # Apache denies it, nginx says there is nothing


CHROME = ("text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,"
          "application/signed-exchange;v=b3;q=0.7")
FIREFOX = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
# (Accept header, the extension of the file it must get): browsers, command-line and RDF clients
# (rdflib's headers for turtle, json-ld and xml), and weights that contradict the order of the list
ACCEPT_CASES = [
    (None, "html"),
    ("*/*", "html"),
    (CHROME, "html"),
    (FIREFOX, "html"),
    ("text/html;q=0.1, text/turtle", "ttl"),
    ("application/rdf+xml;q=0.5, text/turtle;q=0.9", "ttl"),
    ("text/turtle;q=0.4, application/rdf+xml;q=0.8", "rdf"),
    ("text/turtle;q=0.5, application/ld+json", "jsonld"),
    ("application/n-triples, text/html;q=0.5", "nt"),
    ("text/turtle, application/x-turtle, */*;q=0.1", "ttl"),
    ("application/ld+json, application/json;q=0.9, */*;q=0.1", "jsonld"),
    ("application/rdf+xml, */*;q=0.1", "rdf"),
    ("text/turtle,application/n-triples;q=0.9,application/ld+json;q=0.8,application/rdf+xml;q=0.7,*/*;q=0.5",
     "ttl"),
    ("text/html;q=0.1, */*;q=0.8", "ttl"),
    ("text/turtle;q=0.5, */*", "html"),
    ("text/turtle, */*", "ttl"),  # no q-values at all: the named type before the wildcard
    ("text/html;q=0, application/ld+json;q=0.2", "jsonld"),
]
EXT_MEDIA = {"html": "text/html", "ttl": "text/turtle", "jsonld": "application/ld+json",
             "nt": "application/n-triples", "rdf": "application/rdf+xml"}


@pytest.mark.parametrize(("accept", "ext"), ACCEPT_CASES)
def test_static_site_weighs_the_accept_header(static_server: str, accept: str | None, ext: str) -> None:
    path = "/" + CONVENTION.split("/", 3)[3].split("/", 1)[1]
    status, headers, body = get(static_server + path, accept=accept)
    assert status == 200, (accept, body[:200])
    assert headers["content-type"].split(";")[0] == EXT_MEDIA[ext], accept
    assert "accept" in headers.get("vary", "").lower()


def test_static_site_says_when_no_format_is_acceptable(static_server: str,
                                                      request: pytest.FixtureRequest) -> None:
    """Apache answers ``406``; nginx, which cannot tell, answers the HTML page (as documented)."""
    path = "/" + CONVENTION.split("/", 3)[3].split("/", 1)[1]
    status, headers, _ = get(static_server + path, accept="application/x-unknown")
    if request.node.callspec.params["static_server"] == "apache":
        assert status == 406
    else:
        assert status == 200 and headers["content-type"].startswith("text/html")


@pytest.mark.parametrize("address", ["/", "/id/convention/ti-2703/2024-2027", "/.well-known/void"])
def test_static_site_allows_get_from_any_origin(static_server: str, address: str) -> None:
    status, headers, _ = get(static_server + address, accept="text/turtle",
                             headers={"Origin": "https://example.org"})
    assert status == 200 and headers.get("access-control-allow-origin") == "*", address
