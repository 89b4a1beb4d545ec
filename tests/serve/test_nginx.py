"""The nginx rules ``tkg publish`` writes, in a real nginx (Debian's ``nginx``) on 127.0.0.1:
``/id/PATH`` answers the file ``Accept`` or ``?format=`` asks for, with its media type."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import rdflib

from tests.serve.conftest import CONVENTION, free_port, get
from tests.serve.test_publish import site  # noqa: F401 (the published site, a fixture)

NGINX = Path("/usr/sbin/nginx")


@pytest.fixture(scope="module")
def nginx(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:  # noqa: F811
    assert NGINX.is_file() or shutil.which("nginx"), "install Debian's nginx (apt-get install -y nginx)"
    work = tmp_path_factory.mktemp("nginx")
    port = free_port()
    temp = " ".join(f"{k}_temp_path {work}/{k};" for k in ("client_body", "proxy", "fastcgi", "uwsgi",
                                                             "scgi"))
    # as root, nginx's workers would run as nobody, who cannot read pytest's private folders
    user = "user root;" if os.geteuid() == 0 else ""
    (work / "nginx.conf").write_text(f"""
daemon off; worker_processes 1; pid {work}/nginx.pid; error_log {work}/error.log; {user}
events {{ worker_connections 64; }}
http {{
  access_log off; {temp}
  include {site}/nginx-map.conf;
  server {{
    listen 127.0.0.1:{port};
    root {site};
    include {site}/nginx.conf;
  }}
}}
""")
    proc = subprocess.Popen([str(NGINX if NGINX.is_file() else shutil.which("nginx")), "-c",
                             str(work / "nginx.conf"), "-p", str(work)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            if proc.poll() is not None:
                raise RuntimeError(f"nginx exited: {proc.stderr.read().decode() if proc.stderr else ''}")
            try:
                get(url + "/")
                break
            except OSError:
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


RDF = {"text/turtle": "turtle", "application/ld+json": "json-ld", "application/n-triples": "nt",
       "application/rdf+xml": "xml"}


@pytest.mark.parametrize("media", sorted(RDF))
def test_nginx_negotiates_each_format(nginx: str, media: str) -> None:
    path = "/" + CONVENTION.split("/", 3)[3].split("/", 1)[1]
    status, headers, body = get(nginx + path, accept=media)
    assert status == 200 and headers["content-type"].startswith(media)
    g = rdflib.Graph().parse(data=body, format=RDF[media])
    assert rdflib.URIRef(CONVENTION) in set(g.subjects())
    ext = {"text/turtle": "ttl", "application/ld+json": "jsonld", "application/n-triples": "nt",
           "application/rdf+xml": "rdf"}[media]
    status, headers, _ = get(f"{nginx}{path}?format={ext}", accept="text/html")
    assert status == 200 and headers["content-type"].startswith(media)


@pytest.mark.parametrize("address", ["/", "/dumps/", "/queries/cofunding", "/ontology",
                                     "/id/convention/ti-2703/2024-2027"])
def test_nginx_serves_pages_to_a_browser(nginx: str, address: str) -> None:
    status, headers, body = get(nginx + address, accept="text/html,application/xhtml+xml,*/*;q=0.8")
    assert status == 200 and headers["content-type"].startswith("text/html"), address
    assert b"<title>" in body


def test_nginx_serves_void_and_hides_the_apache_file(nginx: str) -> None:
    status, headers, body = get(nginx + "/.well-known/void")
    assert status == 200 and headers["content-type"].startswith("text/turtle")
    assert rdflib.Graph().parse(data=body, format="turtle")
    status, _, _ = get(nginx + "/.htaccess")
    assert status == 404
