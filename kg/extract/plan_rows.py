"""Financing plans one cell or one funder a line: the ``cell-stream`` and ``colon-row`` layouts.

Also the helpers every plan reader shares: amounts as written, and the zone a plan
may take after its trigger ("plan de financement", "Financeurs", "Recettes").

>>> d = Doc.of("Recettes :\\nDETR : 30 000 € (30 %)\\nCommune : 70 000 € (70 %)\\n")
>>> [(r.funder.value, int(r.amount.value)) for r in colon_rows(d, 0, len(d.text), [])[0].rows]
[('DETR', 30000), ('Commune', 70000)]
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from kg.extract.records import Fact, FundingLine, FundingTable
from kg.extract.rules.funding import (
    AMOUNT_LINE,
    COLON_ROW,
    FUNDER_HEAD,
    SECTION,
    SHARE_LINE,
    STATUS,
    TOTAL_LABEL,
    TRIGGER,
)
from kg.extract.text import Doc, clean

ZONE_LINES = 30
Taken = list[tuple[int, int]]  # text ranges a plan was already read from
_HEADER_WORDS = re.compile(r"^(?:montant|taux|h\.?t|subventionnable|intervention|financeurs|"
                           r"sollicit[ée] ou acquis|montant aide)\b", re.IGNORECASE)


def amount_value(written: str) -> Decimal:
    """ "22 000.00" -> 22000.00; "36.000" -> 36000; "150 000,00" -> 150000.00.

    >>> amount_value("22 000.00"), amount_value("36.000"), amount_value("3.812.635,00")
    (Decimal('22000.00'), Decimal('36000'), Decimal('3812635.00'))
    """
    t = re.sub(r"[ \u00a0\u202f]", "", written)
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", t):
        t = t.replace(".", "")
    try:
        return Decimal(t.replace(",", "."))
    except InvalidOperation:
        raise ValueError(f"not an amount: {written!r}") from None


def amount_fact(doc: Doc, value: object, start: int, end: int, rule: str) -> Fact[Decimal]:
    assert isinstance(value, Decimal)
    return Fact(value, doc.span(start, end), rule=rule)


def zone_end(doc: Doc, start: int, end: int) -> int:
    lines = list(doc.lines(start, end))
    last = lines[min(len(lines), ZONE_LINES) - 1] if lines else (start, "")
    return min(end, last[0] + len(last[1]))


def cell_streams(doc: Doc, start: int, end: int, taken: Taken) -> list[FundingTable]:
    out = []
    for head in FUNDER_HEAD.finditer(doc.text, start, end):
        if any(a <= head.start() < b for a, b in taken):
            continue
        cells = [(o + len(line) - len(line.lstrip()), line.strip())
                 for o, line in doc.lines(head.end() + 1, end) if line.strip()][:80]
        rows = _stream_rows(doc, cells)
        if rows:
            last = rows[-1].amount.span.end
            taken.append((head.start(), last))
            out.append(FundingTable(rows=tuple(rows), span=doc.span(head.start(), last)))
    return out


def _kind(cell: str) -> str:
    if AMOUNT_LINE.search(cell):
        return "amount"
    if SHARE_LINE.search(cell):
        return "share"
    if STATUS.search(cell):
        return "status"
    if len(cell) > 80:
        return "prose"
    return "label"


def _stream_rows(doc: Doc, cells: list[tuple[int, str]]) -> list[FundingLine]:
    """Funder, [status], base, rate, aid: kept when aid = base × rate (to the euro)."""
    kinds = [_kind(c) for _o, c in cells]
    rows = []
    for i, (offset, text) in enumerate(cells):
        if kinds[i] == "prose":
            break
        if kinds[i] != "label" or _HEADER_WORDS.search(text):
            continue
        j = i + 1
        while j < len(cells) and kinds[j] == "status":
            j += 1
        if kinds[j:j + 3] != ["amount", "share", "amount"]:
            if kinds[j:j + 2] == ["amount", "share"]:
                doc.warn(f"financing row {text!r} has a rate but no aid amount after it; left out",
                         offset, offset + len(text))
            continue
        base, rate, aid = (cells[j][1], cells[j + 1][1], cells[j + 2][1])
        b = amount_value(AMOUNT_LINE.search(base)["amount"])  # type: ignore[index]
        r = Decimal(SHARE_LINE.search(rate)["share"].replace(",", "."))  # type: ignore[index]
        a_m = AMOUNT_LINE.search(aid)
        assert a_m is not None
        a = amount_value(a_m["amount"])
        if abs(b * r / 100 - a) > 1:
            continue
        ao = cells[j + 2][0]
        ro = cells[j + 1][0]
        rows.append(FundingLine(
            funder=Fact(text, doc.span(offset, offset + len(text)), rule=FUNDER_HEAD.key),
            amount=Fact(a, doc.span(ao + a_m.start("amount"), ao + a_m.end("amount")),
                        rule=FUNDER_HEAD.key),
            share=Fact(r, doc.span(ro, ro + len(rate)), rule=FUNDER_HEAD.key)))
    return rows


def _colon_table(doc: Doc, trigger: int, end: int) -> tuple[list[FundingLine], Fact[Decimal] | None,
                                                             int]:
    rows: list[FundingLine] = []
    total: Fact[Decimal] | None = None
    section, last = None, trigger
    for offset, line in doc.lines(trigger, zone_end(doc, trigger, end)):
        sec = SECTION.search(line)
        if sec:
            section = "expense" if sec["expense"] else "resources"
        m = COLON_ROW.search(line)
        if m is not None and doc.line_of(offset) in doc.used_lines:
            return [], None, last  # already read (a programme's funding table)
        if m is None or section == "expense":
            if rows and line.strip() and not sec:
                break
            continue
        funder = clean(m["funder"])
        amount = amount_fact(doc, amount_value(m["amount"]), offset + m.start("amount"),
                             offset + m.end("amount"), COLON_ROW.key)
        last = offset + len(line)
        if TOTAL_LABEL.search(funder):
            total = amount
            break
        fs = offset + m.start("funder") + m["funder"].find(funder)
        share = amount_fact(doc, Decimal(m["share"].replace(",", ".")), offset + m.start("share"),
                            offset + m.end("share"), COLON_ROW.key) if m["share"] else None
        rows.append(FundingLine(funder=Fact(funder, doc.span(fs, fs + len(funder)), rule=COLON_ROW.key),
                                amount=amount, share=share))
    return rows, total, last


def _adds_up(rows: list[FundingLine], total: Fact[Decimal] | None) -> bool:
    if total is not None:
        return sum((r.amount.value for r in rows), Decimal(0)) == total.value
    shares = [r.share.value for r in rows if r.share is not None]
    return len(shares) == len(rows) and abs(sum(shares, Decimal(0)) - 100) <= Decimal("0.5")


def colon_rows(doc: Doc, start: int, end: int, taken: Taken) -> list[FundingTable]:
    """ "DETR : 25 500 € (30 %)" a line, kept only when the plan adds up (total or shares)."""
    out = []
    for trigger in TRIGGER.finditer(doc.text, start, end):
        if any(a <= trigger.start() < b for a, b in taken):
            continue
        rows, total, last = _colon_table(doc, trigger.start(), end)
        if not rows:
            continue
        if not _adds_up(rows, total):
            doc.warn(f"financing plan of {len(rows)} lines 'funder : amount' that add up neither to "
                     "a written total nor to 100 %; left out", trigger.start(), trigger.end())
            continue
        taken.append((trigger.start(), last))
        out.append(FundingTable(rows=tuple(rows), total=total, span=doc.span(trigger.start(), last)))
    return out
