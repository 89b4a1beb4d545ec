"""Lexical facts about a SPARQL query's text, read outside comments, strings and IRIs.

Only what the stores need before sending a query: where its outer group opens (to bind
parameters there) and whether it names its own dataset (``FROM`` / ``FROM NAMED``), which
a store that queries the union of its graphs by default would otherwise ignore.

>>> has_dataset_clause("SELECT ?s FROM <https://example.org/g> WHERE { ?s ?p ?o }")
True
>>> has_dataset_clause('SELECT ?from WHERE { ?s ?p "FROM <x>" } # FROM here is a comment')
False
"""

from __future__ import annotations

import re

IRI = re.compile(r"<[^<>\"{}|^`\\\s]*>")
STRING = re.compile(r"\"\"\".*?\"\"\"|'''.*?'''|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'", re.S)
# what blanked() blanks: a comment, a string or an IRI, the first to start (a "<" that opens no
# IRI, a comparison, is left as it is)
_LEXEME = re.compile(rf"#[^\n]*|{STRING.pattern}|{IRI.pattern}", re.S)
_FROM = re.compile(r"(?<![\w?$:])FROM(?![\w:-])", re.I)


def _scan(query: str) -> tuple[str, int]:
    """The query's prologue and head with comments, strings and IRIs blanked, and the offset
    of the ``{`` opening its outer group (``-1`` when it has none)."""
    out: list[str] = []
    i = 0
    while i < len(query):
        c = query[i]
        if c == "#":
            end = query.find("\n", i)
            i = len(query) if end < 0 else end
            continue
        m = (STRING if c in "\"'" else IRI).match(query, i) if c in "\"'<" else None
        if m:
            out.append(" ")
            i = m.end()
            continue
        if c == "{":
            return "".join(out), i
        out.append(c)
        i += 1
    return "".join(out), -1


def blanked(query: str) -> str:
    """``query`` with its comments, strings and IRIs made of spaces (the same length): the
    braces, parentheses and keywords left are the query's own, at their offsets in ``query``.

    >>> blanked('SELECT * { ?s <urn:x> "}" } # }')
    'SELECT * { ?s             }    '
    """
    return _LEXEME.sub(lambda m: " " * (m.end() - m.start()), query)


def outer_brace(query: str) -> int:
    """The offset of the ``{`` opening the query's outer group (``-1`` when there is none)."""
    return _scan(query)[1]


def has_dataset_clause(query: str) -> bool:
    """Whether the query names its dataset with ``FROM`` or ``FROM NAMED`` before its group."""
    return _FROM.search(_scan(query)[0]) is not None
