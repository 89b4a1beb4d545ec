"""The dataset described for harvesters (VoID and DCAT-AP) and its dumps, gzipped, with SHA-256.

DCAT-AP 3 (https://semiceu.github.io/DCAT-AP/releases/3.0.0/) asks of a dataset a title, a
description, a publisher, and distributions with an access URL, a format and a licence;
data.gouv.fr and data.europa.eu harvest it. VoID (https://www.w3.org/TR/void/) adds the size,
the SPARQL endpoint, the URI space and the dumps. One graph carries both descriptions.
"""

from __future__ import annotations

import gzip
import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import rdflib
from pyoxigraph import RdfFormat

from kg.mapping.iris import SiteIris
from kg.mapping.vocab import DCAT, DCTERMS, FOAF, RDF, SPDX, VOID, XSD
from kg.store import KnowledgeStore

EU_FILE_TYPE = rdflib.Namespace("http://publications.europa.eu/resource/authority/file-type/")
EU_COUNTRY = rdflib.URIRef("http://publications.europa.eu/resource/authority/country/FRA")
EU_LANGUAGE = rdflib.URIRef("http://publications.europa.eu/resource/authority/language/FRA")


@dataclass(frozen=True, slots=True)
class DumpFormat:
    name: str
    fmt: RdfFormat
    filename: str
    media_type: str
    eu_type: str


DUMP_FORMATS = (
    DumpFormat("nquads", RdfFormat.N_QUADS, "territoires-kg.nq.gz", "application/n-quads", "RDF_N_QUADS"),
    DumpFormat("trig", RdfFormat.TRIG, "territoires-kg.trig.gz", "application/trig", "RDF_TRIG"),
    DumpFormat("jsonld", RdfFormat.JSON_LD, "territoires-kg.jsonld.gz", "application/ld+json", "JSON_LD"),
)


@dataclass(frozen=True, slots=True)
class Dump:
    format: DumpFormat
    path: Path
    sha256: str
    size: int


def write_dumps(store: KnowledgeStore, folder: Path) -> list[Dump]:
    """Write each dump gzipped into ``folder`` with a ``.sha256`` file beside it (``sha256sum`` format)."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for f in DUMP_FORMATS:
        path = folder / f.filename
        partial = path.with_name(path.name + ".part")
        with partial.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
            store.dump(gz, fmt=f.fmt)  # type: ignore[arg-type]
        digest = hashlib.sha256()
        with partial.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
        shutil.move(partial, path)
        path.with_name(path.name + ".sha256").write_text(f"{digest.hexdigest()}  {path.name}\n")
        out.append(Dump(f, path, digest.hexdigest(), path.stat().st_size))
    return out


def describe(*, site: str, base: str, stats: dict[str, Any], dumps: list[Dump], licence: str,
             publisher: str, endpoint: bool = True) -> rdflib.Graph:
    """VoID and DCAT-AP for the dataset served at ``site`` (its IRIs under ``base``).

    ``endpoint`` says whether the site has a SPARQL endpoint (a static site has none).
    """
    g = rdflib.Graph()
    for prefix, ns in (("void", VOID), ("dcat", DCAT), ("dcterms", DCTERMS), ("foaf", FOAF)):
        g.bind(prefix, ns)
    iris = SiteIris(site)
    ds = rdflib.URIRef(iris.dataset())
    agent = rdflib.URIRef(iris.publisher())
    lic = rdflib.URIRef(licence)
    g.add((ds, RDF.type, VOID.Dataset))
    g.add((ds, RDF.type, DCAT.Dataset))
    g.add((ds, DCTERMS.title, rdflib.Literal("territoires-kg : programmes de coopération territoriale",
                                             lang="fr")))
    g.add((ds, DCTERMS.title, rdflib.Literal("territoires-kg: French territorial cooperation programmes",
                                             lang="en")))
    g.add((ds, DCTERMS.description, rdflib.Literal(
        "Graphe de connaissances des programmes Territoires d'industrie, Petites villes de demain, "
        "Action cœur de ville et Villages d'avenir, tiré des délibérations qui les adoptent : qui "
        "coopère avec qui, qui a décidé, qui paie quoi ; chaque fait cite la ligne de sa délibération.",
        lang="fr")))
    g.add((ds, DCTERMS.description, rdflib.Literal(
        "A knowledge graph of French territorial cooperation programmes built from the councils' "
        "deliberations that adopt them: who cooperates with whom, who decided, who pays for what; "
        "every fact quotes the line of the deliberation it was read from.", lang="en")))
    g.add((ds, DCTERMS.publisher, agent))
    g.add((agent, RDF.type, FOAF.Agent))
    g.add((agent, FOAF.name, rdflib.Literal(publisher)))
    g.add((ds, DCTERMS.license, lic))
    g.add((lic, RDF.type, DCTERMS.LicenseDocument))
    g.add((ds, DCTERMS.spatial, EU_COUNTRY))
    g.add((ds, DCTERMS.language, EU_LANGUAGE))
    g.add((ds, DCAT.landingPage, rdflib.URIRef(iris.landing_page())))
    if endpoint:
        g.add((ds, VOID.sparqlEndpoint, rdflib.URIRef(iris.sparql_endpoint())))
    g.add((ds, VOID.uriSpace, rdflib.Literal(base)))
    g.add((ds, VOID.vocabulary, rdflib.URIRef(iris.vocabulary())))
    g.add((ds, VOID.triples, rdflib.Literal(int(stats.get("quads", 0)), datatype=XSD.integer)))
    g.add((ds, VOID.documents, rdflib.Literal(int(stats.get("documents", 0)), datatype=XSD.integer)))
    catalog = rdflib.URIRef(iris.catalog())
    g.add((catalog, RDF.type, DCAT.Catalog))
    g.add((catalog, DCTERMS.title, rdflib.Literal("territoires-kg", lang="fr")))
    g.add((catalog, DCTERMS.description, rdflib.Literal(
        "Catalogue du graphe territoires-kg : le jeu de données, ses téléchargements et son point "
        "d'accès SPARQL.", lang="fr")))
    g.add((catalog, DCTERMS.publisher, agent))
    g.add((catalog, FOAF.homepage, rdflib.URIRef(iris.landing_page())))
    g.add((catalog, DCAT.dataset, ds))
    _temporal(g, ds, stats)
    _distributions(g, ds, site=site, dumps=dumps, licence=lic, endpoint=endpoint)
    return g


def _temporal(g: rdflib.Graph, ds: rdflib.URIRef, stats: dict[str, Any]) -> None:
    if not (stats.get("first") and stats.get("last")):
        return
    period = rdflib.BNode()
    g.add((ds, DCTERMS.temporal, period))
    g.add((period, RDF.type, DCTERMS.PeriodOfTime))
    g.add((period, DCAT.startDate, rdflib.Literal(stats["first"], datatype=XSD.date)))
    g.add((period, DCAT.endDate, rdflib.Literal(stats["last"], datatype=XSD.date)))


def _distributions(g: rdflib.Graph, ds: rdflib.URIRef, *, site: str, dumps: list[Dump],
                   licence: rdflib.URIRef, endpoint: bool) -> None:
    iris = SiteIris(site)
    for d in dumps:
        url = rdflib.URIRef(iris.dump(d.path.name))
        dist = rdflib.URIRef(iris.distribution(d.format.name))
        g.add((ds, VOID.dataDump, url))
        g.add((ds, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCAT.accessURL, url))
        g.add((dist, DCAT.downloadURL, url))
        g.add((dist, DCAT.mediaType, rdflib.URIRef(f"http://www.iana.org/assignments/media-types/{d.format.media_type}")))
        g.add((dist, DCAT.compressFormat, rdflib.URIRef("http://www.iana.org/assignments/media-types/application/gzip")))
        g.add((dist, DCTERMS.format, EU_FILE_TYPE[d.format.eu_type]))
        g.add((dist, DCAT.byteSize, rdflib.Literal(d.size, datatype=XSD.nonNegativeInteger)))
        g.add((dist, DCTERMS.license, licence))
        checksum = rdflib.BNode()
        g.add((dist, SPDX.checksum, checksum))
        g.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
        g.add((checksum, SPDX.checksumValue,
               rdflib.Literal(d.sha256, datatype=XSD.hexBinary)))
    if not endpoint:
        return
    service = rdflib.URIRef(iris.sparql_service())
    g.add((ds, DCAT.distribution, service))
    g.add((service, RDF.type, DCAT.Distribution))
    g.add((service, DCAT.accessURL, rdflib.URIRef(iris.sparql_endpoint())))
    g.add((service, DCTERMS.license, licence))
    g.add((service, DCTERMS.title, rdflib.Literal("SPARQL 1.1 endpoint", lang="en")))


def stats(store: KnowledgeStore) -> dict[str, Any]:
    """The size of the dataset: quads, documents, deliberations, conventions, first and last dates."""
    from kg.resources import sparql

    rows = list(store.select(sparql("serve-stats.rq")))
    out: dict[str, Any] = dict(rows[0]) if rows else {}
    out["quads"] = store.count()
    return out
