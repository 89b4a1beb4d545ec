"""The query library: ``queries/<name>.rq`` files with header comments, bound safely.

A query file starts with comments::

    # title: Who co-funds which post
    # question-fr: Qui cofinance quel poste ?
    # question-en: Who co-funds which post?
    # param post: iri - restrict to one post (unbound: every post)
    # returns: post,post_label,funder,funder_siren,amount,share

Parameters are bound as RDF terms (SEP-0007 substitutions in Oxigraph,
``VALUES`` on a remote endpoint), never pasted into the query text.

>>> q = load_query("cofunding")
>>> q.returns[:3]
('post', 'post_label', 'funder')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import Literal, NamedNode

from kg.assets import asset_files, asset_folder
from kg.errors import AssetError, TkgError
from kg.mapping.vocab import XSD, node
from kg.store import Term

QUERY_DIR = asset_folder("queries")
_HEADER = re.compile(r"^#\s*(?P<key>[\w-]+)(?:\s+(?P<arg>\w+))?\s*:\s*(?P<value>.*)$")
_PARAM = re.compile(r"^(?P<name>\w+)\s*:\s*(?P<type>iri|string|integer|decimal|date)"
                    r"(?:\s*=\s*(?P<default>\S+))?\s*(?:-\s*(?P<doc>.*))?$")


class QueryError(TkgError):
    """An unknown query, a malformed query file or a bad parameter."""


@dataclass(frozen=True, slots=True)
class Param:
    name: str
    type: str
    default: str | None
    doc: str


@dataclass(frozen=True, slots=True)
class Query:
    name: str
    path: Path
    text: str
    title: str
    question_fr: str
    question_en: str
    params: tuple[Param, ...]
    returns: tuple[str, ...]

    def bind(self, values: dict[str, str]) -> dict[str, Term]:
        """Typed RDF terms for the given (and default) parameter values."""
        known = {p.name: p for p in self.params}
        unknown = set(values) - set(known)
        if unknown:
            raise QueryError(f"{self.name}: unknown parameter(s) {', '.join(sorted(unknown))}; "
                             f"expected one of: {', '.join(known) or 'none'}")
        out: dict[str, Term] = {}
        for p in self.params:
            raw = values.get(p.name, p.default)
            if raw is not None:
                out[p.name] = term(p, raw, query=self.name)
        return out


def term(p: Param, raw: str, *, query: str) -> Term:
    try:
        if p.type == "iri":
            if not re.fullmatch(r"[a-z][a-z0-9+.-]*:[^\s<>\"{}|\\^`]*", raw):
                raise ValueError("not an absolute IRI")
            return NamedNode(raw)
        if p.type == "integer":
            return Literal(str(int(raw)), datatype=node(XSD.integer))
        if p.type == "decimal":
            float(raw)
            return Literal(raw, datatype=node(XSD.decimal))
        if p.type == "date":
            import datetime as dt

            return Literal(dt.date.fromisoformat(raw).isoformat(), datatype=node(XSD.date))
        return Literal(raw)
    except ValueError as err:
        raise QueryError(f"{query}: parameter {p.name}={raw!r} is not a valid {p.type} "
                         f"({err})") from None


def parse_query(path: Path) -> Query:
    text = path.read_text(encoding="utf-8")
    headers: dict[str, list[str]] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        m = _HEADER.match(line)
        if m and (m["arg"] is None or m["key"] == "param"):
            value = f"{m['arg']}: {m['value']}" if m["arg"] else m["value"]
            headers.setdefault(m["key"], []).append(value.strip())
    params = []
    for raw in headers.get("param", []):
        m = _PARAM.match(raw)
        if not m:
            raise QueryError(f"{path}: malformed '# param:' header {raw!r}; "
                             "expected 'NAME: TYPE [= DEFAULT] [- doc]'")
        params.append(Param(m["name"], m["type"], m["default"], m["doc"] or ""))
    for key in ("title", "question-fr", "question-en", "returns"):
        if key not in headers:
            raise QueryError(f"{path}: missing '# {key}:' header")
    return Query(
        name=path.stem, path=path, text=text, title=headers["title"][0],
        question_fr=headers["question-fr"][0], question_en=headers["question-en"][0],
        params=tuple(params), returns=tuple(c.strip() for c in headers["returns"][0].split(",")),
    )


def _library(directory: Path) -> list[Path]:
    """The library's query files; a missing or empty library is an error, never an empty list."""
    if directory == QUERY_DIR:
        return asset_files("queries", "*.rq")
    found = sorted(directory.glob("*.rq"))
    if not found:
        raise AssetError(f"{directory}: no .rq query file found")
    return found


def list_queries(directory: Path = QUERY_DIR) -> list[Query]:
    return [parse_query(p) for p in _library(directory)]


def load_query(name_or_file: str, directory: Path = QUERY_DIR) -> Query:
    path = Path(name_or_file)
    if path.suffix == ".rq":
        if not path.is_file():
            raise QueryError(f"{path}: no such query file")
        return parse_query(path)
    library = _library(directory)
    candidate = directory / f"{name_or_file}.rq"
    if candidate not in library:
        names = ", ".join(q.stem for q in library)
        raise QueryError(f"unknown query {name_or_file!r}; named queries: {names}")
    return parse_query(candidate)
