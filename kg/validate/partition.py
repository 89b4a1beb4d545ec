"""A rule's query split by the values of its ``VALUES`` block: the same focus nodes, smaller
hash tables.

A rule of the form (the "Source span" shape's target)::

    SELECT DISTINCT ?this WHERE {
      { SELECT DISTINCT ?this ?p WHERE { VALUES (?class ?p) { rows } ... } }
      MINUS { SELECT DISTINCT ?this ?p WHERE { VALUES (?class ?p) { rows } ... } }
    }

selects the union of what it selects for each value of ``?p``, run with the rows of that value
only, when:

- every ``VALUES`` block of the query is the same, and binds ``?p`` in every row (no ``UNDEF``);
- each inner ``SELECT`` holds one of the blocks in its own group and projects ``?p``: every
  solution of every inner ``SELECT`` binds ``?p`` to a value of the block, so a join, ``MINUS``,
  ``OPTIONAL`` or ``NOT EXISTS`` between them only pairs solutions with the same ``?p``;
- the outer ``SELECT`` only keeps the distinct ``?this`` (no grouping, ordering or limit) and
  holds no block itself.

Oxigraph holds both sides of a ``MINUS`` as hash tables: by value, they hold one value's share
at a time (10,000 generated deliberations: 22.5 s and 44 MB instead of 32.5 s and 81 MB,
docs/scaling.md). Any other query is run as it is.

>>> q = ("SELECT DISTINCT ?this WHERE { { SELECT DISTINCT ?this ?p WHERE { "
...      "VALUES (?c ?p) { (:A :x) (:B :x) (:A :y) } ?this a ?c ; ?p ?o } } MINUS { "
...      "SELECT DISTINCT ?this ?p WHERE { VALUES (?c ?p) { (:A :x) (:B :x) (:A :y) } "
...      "?this a ?c ; ?p ?o ; :seen ?p } } }")
>>> [part.count("(:A :x) (:B :x)") for part in by_values(q)]
[2, 0]
>>> [part.count("(:A :y)") for part in by_values(q)]
[0, 2]
>>> by_values("SELECT DISTINCT ?this WHERE { VALUES (?c ?p) { (:A :x) (:B :y) } ?this a ?c }")
['SELECT DISTINCT ?this WHERE { VALUES (?c ?p) { (:A :x) (:B :y) } ?this a ?c }']
"""

from __future__ import annotations

import itertools
import re

from kg.store.sparqltext import blanked

_VALUES = re.compile(r"\bVALUES\s*\(([^()]*)\)\s*\{([^{}]*)\}", re.I)
_ANY_VALUES = re.compile(r"\bVALUES\b", re.I)
_ROW = re.compile(r"\(([^()]*)\)")
_SELECT = re.compile(r"\bSELECT\s+(?P<modifier>DISTINCT\s+|REDUCED\s+)?(?P<projection>[^{]*?)"
                     r"\bWHERE\s*\{", re.I)
_VARIABLE = re.compile(r"[?$](\w+)")
_BRACE = re.compile(r"[{}]")


def _closing(text: str, opening: int) -> int:
    """The offset of the ``}`` closing the ``{`` at ``opening`` (-1 when there is none)."""
    depth = 0
    for m in _BRACE.finditer(text, opening):
        depth += 1 if m.group() == "{" else -1
        if depth == 0:
            return m.start()
    return -1


def by_values(query: str) -> list[str]:
    """The queries whose answers, joined, are ``query``'s (see the module): one per value of
    the variable its ``VALUES`` blocks partition, or ``[query]``."""
    text = blanked(query)
    blocks = list(_VALUES.finditer(text))
    if not blocks or len(_ANY_VALUES.findall(text)) != len(blocks):
        return [query]
    if len({" ".join(query[b.start():b.end()].split()) for b in blocks}) != 1:
        return [query]
    header = _VARIABLE.findall(blocks[0].group(1))
    body = blocks[0].group(2)
    if body != query[blocks[0].start(2):blocks[0].end(2)]:
        return [query]  # a string, an IRI or a comment among the rows: run as it is
    rows = [r.split() for r in _ROW.findall(body)]
    if (_ROW.sub("", body).strip() or not rows or any(len(r) != len(header) for r in rows)
            or any(t.upper() == "UNDEF" for r in rows for t in r)):
        return [query]
    selects = list(_SELECT.finditer(text))
    if len(selects) < 2:
        return [query]
    outer, inner = selects[0], selects[1:]
    if (not outer.group("modifier") or outer.group("modifier").split()[0].upper() != "DISTINCT"
            or _VARIABLE.findall(outer.group("projection")) != ["this"]
            or outer.group("projection").strip() not in ("?this", "$this")):
        return [query]
    end = _closing(text, outer.end() - 1)
    if end < 0 or text[end + 1:].strip():
        return [query]  # a modifier after the outer group (ORDER BY, LIMIT, ...)
    groups = [(m.end() - 1, _closing(text, m.end() - 1)) for m in inner]
    if any(stop < 0 for _start, stop in groups) or any(
            a[1] > b[0] for a, b in itertools.pairwise(groups)):
        return [query]  # an inner SELECT within another
    held = [sum(start < b.start() and b.end() <= stop for b in blocks) for start, stop in groups]
    if held != [1] * len(groups) or len(blocks) != len(groups):
        return [query]
    projected = set.intersection(*(set(_VARIABLE.findall(m.group("projection"))) for m in inner))
    candidates = [v for v in header if v in projected]
    if not candidates:
        return [query]
    column = max(range(len(header)), key=lambda i: (header[i] in candidates,
                                                    len({r[i] for r in rows})))
    values = list(dict.fromkeys(r[column] for r in rows))
    if len(values) < 2:
        return [query]
    parts = []
    for value in values:
        kept = " " + " ".join("(" + " ".join(r) + ")" for r in rows if r[column] == value) + " "
        part = query
        for b in reversed(blocks):  # from the last, so that the offsets before stay right
            part = part[:b.start(2)] + kept + part[b.end(2):]
        parts.append(part)
    return parts
