"""Records as plain JSON-able data, and a field-by-field comparison.

Used by the golden test (with spans), by the generator's oracle (without
spans: a generated document's expected record is a partial plain dict) and by
the benchmark.

>>> from kg.extract.records import Fact, Span
>>> to_plain(Fact(value=Decimal("40000.00"), span=Span(3, 12, 1)))
40000
>>> to_plain(Fact(value=Decimal("2.5"), span=Span(3, 7, 1)), spans=True)
{'value': '2.5', 'span': [3, 7, 1, None]}
>>> differences({"a": 1, "b": [1, 2]}, {"a": 1, "b": [1, 3], "c": 0})
['b[1]: expected 2, got 3']
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from enum import Enum
from typing import Any

from kg.extract.records import Fact, SourceDocument, Span

Plain = Any  # None | bool | int | str | list[Plain] | dict[str, Plain]


def _number(value: Decimal) -> int | str:
    if value == value.to_integral_value():
        return int(value)
    return format(value.normalize(), "f")


def to_plain(obj: object, *, spans: bool = False) -> Plain:
    """A record as dicts, lists, ints and strings; spans kept only when ``spans``.

    Dates and times are ISO strings, decimals ints when whole (else strings),
    enums their value. A :class:`SourceDocument` is reduced to its path and hash.
    """
    if isinstance(obj, Fact):
        value = to_plain(obj.value, spans=spans)
        return {"value": value, "span": to_plain(obj.span)} if spans else value
    if isinstance(obj, Span):
        return [obj.start, obj.end, obj.line, obj.page]
    if isinstance(obj, SourceDocument):
        return {"path": obj.path, "sha256": obj.sha256, "media_type": obj.media_type}
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, Decimal):
        return _number(obj)
    if isinstance(obj, dt.date | dt.time):
        return obj.isoformat()
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        out = {}
        for f in dataclasses.fields(obj):
            if f.name == "span" and not spans:
                continue
            out[f.name] = to_plain(getattr(obj, f.name), spans=spans)
        return out
    if isinstance(obj, list | tuple):
        return [to_plain(x, spans=spans) for x in obj]
    return obj


def differences(expected: Plain, actual: Plain, path: str = "") -> list[str]:
    """Where ``actual`` differs from ``expected``; keys absent from ``expected`` are not checked."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        out = []
        for key, value in expected.items():
            sub = f"{path}.{key}" if path else key
            if key not in actual:
                out.append(f"{sub}: missing")
            else:
                out.extend(differences(value, actual[key], sub))
        return out
    if isinstance(expected, list) and isinstance(actual, list):
        out = []
        if len(expected) != len(actual):
            out.append(f"{path}: expected {len(expected)} items, got {len(actual)}")
        for i, (e, a) in enumerate(zip(expected, actual, strict=False)):
            out.extend(differences(e, a, f"{path}[{i}]"))
        return out
    return [] if expected == actual else [f"{path}: expected {expected!r}, got {actual!r}"]
