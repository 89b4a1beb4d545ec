"""What a resource page shows, gathered from the store with the queries of ``kg/resources/sparql``.

Every fact comes with the quoted line of the deliberation it was read from (the
``tkg:Evidence`` annotations, see :mod:`kg.mapping.builder`); a deliberation adds its vote and
attendance, a convention or post who pays what, an authority its deliberations and programmes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from pyoxigraph import Literal, NamedNode, Triple

from kg.mapping.vocab import DCTERMS, FOAF, RDF, RDFS, SKOS, TKG
from kg.queries import Query, load_query
from kg.resources import sparql
from kg.serve.vocabulary import Vocabulary
from kg.store import KnowledgeStore, Term

RDF_TYPE = str(RDF.type)
LABELS = tuple(map(str, (RDFS.label, DCTERMS.title, SKOS.prefLabel, FOAF.name)))
IN_LIMIT = 500


@dataclass(frozen=True, slots=True)
class Value:
    text: str
    href: str | None = None
    datatype: str | None = None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    document: str
    title: str
    line: str
    quote: str
    line_text: str


@dataclass(slots=True)
class Property:
    iri: str
    href: str
    fr: str
    en: str
    values: list[Value] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)


@dataclass(slots=True)
class Page:
    iri: str
    label: str
    types: list[Property]
    facts: list[Property]
    links_in: list[Property]
    in_truncated: bool
    triples: list[Triple]
    sections: dict[str, Any] = field(default_factory=dict)


def value(term: Term | None, label: Term | None, vocab: Vocabulary) -> Value:
    if isinstance(term, Literal):
        dt = term.datatype.value.rsplit("#", 1)[-1]
        return Value(term.value, datatype=None if dt in ("string", "langString") else dt,
                     language=term.language)
    if isinstance(term, NamedNode):
        text = label.value if label is not None else vocab.label(term.value)[0]
        return Value(text, href=vocab.href(term.value))
    return Value(str(term))


def _prop(iri: str, vocab: Vocabulary) -> Property:
    fr, en = vocab.label(iri)
    return Property(iri, vocab.href(iri), fr, en)


def describe(store: KnowledgeStore, iri: str, vocab: Vocabulary) -> Page | None:
    """The page of ``iri``, or ``None`` when the store says nothing about it (or it is no IRI:
    an address with a space or a control character names nothing)."""
    try:
        focus = {"focus": NamedNode(iri)}
    except ValueError:
        return None
    out = store.select(sparql("serve-out.rq"), bindings=focus).rows
    incoming = store.select(sparql("serve-in.rq"), bindings=focus).rows
    if not out and not incoming:
        return None
    facts: dict[str, Property] = {}
    types: list[Property] = []
    triples: list[Triple] = []
    label = ""
    for _, p, o, olabel in out:
        assert isinstance(p, NamedNode) and o is not None
        triples.append(Triple(NamedNode(iri), p, o))
        if p.value == RDF_TYPE and isinstance(o, NamedNode):
            types.append(_prop(o.value, vocab))
            continue
        if p.value in LABELS and isinstance(o, Literal) and (not label or o.language == "fr"):
            label = o.value
        facts.setdefault(p.value, _prop(p.value, vocab)).values.append(value(o, olabel, vocab))
    for row in store.select(sparql("serve-evidence.rq"), bindings=focus):
        prop = facts.get(row["property"] or "")
        quote = Quote(vocab.href(row["document"] or ""), row["title"] or "", row["line"] or "",
                      row["quote"] or "", row["lineText"] or "")
        if prop is not None and quote not in prop.quotes:  # two values read from one line: quoted once
            prop.quotes.append(quote)
    links: dict[str, Property] = {}
    for _, s, p, slabel in incoming[:IN_LIMIT]:
        assert isinstance(p, NamedNode)
        links.setdefault(p.value, _prop(p.value, vocab)).values.append(value(s, slabel, vocab))
    page = Page(iri, label or _fallback_label(iri, vocab), types, list(facts.values()), list(links.values()),
                len(incoming) > IN_LIMIT, triples)
    _sections(store, page, vocab)
    return page


def _fallback_label(iri: str, vocab: Vocabulary) -> str:
    """A resource without a label is named by its path under the base (``convention/ti-2703/2024-2027``)."""
    return iri[len(vocab.base):] if iri.startswith(vocab.base) else iri


def _sections(store: KnowledgeStore, page: Page, vocab: Vocabulary) -> None:
    kinds = {t.iri for t in page.types}
    if vocab.is_a(kinds, TKG.Deliberation):
        page.sections["vote"] = vote(store, page.iri)
    if vocab.is_a(kinds, TKG.Convention) or vocab.is_a(kinds, TKG.Post):
        page.sections["funding"] = funding(store, page.iri, vocab)
    if vocab.is_a(kinds, TKG.Authority):
        page.sections["deliberations"] = [
            {"href": vocab.href(r["deliberation"] or ""), "title": r["title"] or r["deliberation"],
             "date": r["date"] or ""}
            for r in store.select(sparql("serve-deliberations-of.rq"),
                                  bindings={"focus": NamedNode(page.iri)})]
        page.sections["programmes"] = programmes(store, page.iri, vocab)


def _number(text: str | None) -> Decimal | None:
    try:
        return Decimal(text) if text not in (None, "") else None
    except InvalidOperation:
        return None


def vote(store: KnowledgeStore, iri: str) -> dict[str, Any] | None:
    """The vote of a deliberation as the ``votes`` query reads it, with its chart's bars."""
    query = load_query("votes")
    rows = list(store.select(query.text, bindings=query.bind({"deliberation": iri})))
    if not rows:
        return None
    row = rows[0]
    parts = [("pour", "for", row["pour"]), ("contre", "against", row["contre"]),
             ("abstention", "abstention", row["abstention"]),
             ("ne prend pas part", "not voting", row["nppv"])]
    counts = [(fr, en, int(n) if n is not None else None) for fr, en, n in parts]
    total = sum(n for _, _, n in counts if n) or 1
    bars, x = [], 0.0
    for fr, en, n in counts:
        width = 300 * (n or 0) / total
        bars.append({"fr": fr, "en": en, "count": n, "x": round(x, 2), "width": round(width, 2)})
        x += width
    return {"bars": bars, "outcome": row["outcome"], "present": row["present"],
            "in_office": row["in_office"], "proxies": row["proxies_used"], "date": row["date"],
            "session_rows": _attendance(row)}


def _attendance(vote_row: dict[str, Any]) -> dict[str, Any]:
    """Present and absent members out of those in office, and the widths of their bars."""
    present, office = _number(vote_row["present"]), _number(vote_row["in_office"])
    out: dict[str, Any] = {}
    if present is not None:
        out["present"] = int(present)
    if office is not None and present is not None and office >= present > 0:
        out["absent"] = int(office - present)
        out["present_width"] = round(float(300 * present / office), 2)
        out["absent_width"] = round(300 - out["present_width"], 2)
    return out


def funding(store: KnowledgeStore, iri: str, vocab: Vocabulary) -> dict[str, Any]:
    """Who pays what, one row per post and funder, and the bars of its chart (total per funder)."""
    rows = []
    totals: dict[str, list[Any]] = {}
    for r in store.select(sparql("serve-funding.rq"), bindings={"focus": NamedNode(iri)}):
        amount = _number(r["amount"]) or Decimal(0)
        rows.append({"post": r["post_label"] or r["post"], "post_href": vocab.href(r["post"] or ""),
                     "funder": r["funder_label"] or r["funder"], "funder_href": vocab.href(r["funder"] or ""),
                     "amount": amount, "share": r["share"]})
        entry = totals.setdefault(r["funder"] or "", [r["funder_label"] or r["funder"], Decimal(0)])
        entry[1] += amount
    top = max((t for _, t in totals.values()), default=Decimal(1)) or Decimal(1)
    bars = [{"funder": name, "amount": total, "width": round(float(300 * total / top), 2), "y": 24 * i}
            for i, (name, total) in enumerate(sorted(totals.values(), key=lambda t: -t[1]))]
    return {"rows": rows, "bars": bars, "total": sum((r["amount"] for r in rows), Decimal(0)),
            "height": 24 * len(bars)}


def programmes(store: KnowledgeStore, iri: str, vocab: Vocabulary) -> list[dict[str, str]]:
    """The territories an authority belongs to, with their programmes."""
    return [{"programme": r["programme_label"] or r["programme"] or "",
             "programme_href": vocab.href(r["programme"] or ""),
             "territory": r["territory_label"] or r["territory"] or "",
             "territory_href": vocab.href(r["territory"] or "")}
            for r in store.select(sparql("serve-programmes-of.rq"), bindings={"focus": NamedNode(iri)})]


Table = list[list[tuple[str, str | None]]]


def named_query_rows(store: KnowledgeStore, query: Query, params: dict[str, str], vocab: Vocabulary, *,
                     allow_service: tuple[str, ...] = ()) -> tuple[tuple[str, ...], Table]:
    """A named query's variables and rows, each cell its text and, for an IRI, its address.

    A query calling ``SERVICE`` off the allow list is not run: :class:`Refused` says why.
    """
    from kg.serve.protocol import check

    check(query.text, allow=allow_service)
    results = store.select(query.text, bindings=query.bind(params))
    rows = [[(t.value if t is not None else "", vocab.href(t.value) if isinstance(t, NamedNode) else None)
             for t in row] for row in results.rows]
    return results.variables, rows


def json_rows(body: bytes, vocab: Vocabulary) -> tuple[tuple[str, ...], Table]:
    """The variables and rows of SPARQL JSON results, as :func:`named_query_rows` gives them."""
    doc = json.loads(body)
    variables = tuple(doc["head"]["vars"])
    rows = [[(cell.get("value", ""), vocab.href(cell["value"]) if cell.get("type") == "uri" else None)
             for cell in (b.get(v, {}) for v in variables)] for b in doc["results"]["bindings"]]
    return variables, rows


def deliberation_list(store: KnowledgeStore, vocab: Vocabulary) -> tuple[list[dict[str, str]], bool]:
    """The 200 latest deliberations for the landing page, and whether there are more."""
    rows = list(store.select(sparql("serve-deliberation-list.rq")))
    out = [{"href": vocab.href(r["deliberation"] or ""), "title": r["title"] or r["deliberation"] or "",
            "date": r["date"] or "", "authority": r["authority"] or ""} for r in rows[:200]]
    return out, len(rows) > 200
