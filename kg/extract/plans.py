"""Financing plans ("plan de financement") of a deliberation or of an item of minutes.

Reads the layouts of :mod:`kg.extract.rules.funding`; every table is checked by its
arithmetic (rows against the written total, aid against base × rate) and a plan that
does not add up is reported, its doubtful rows left out. Amounts are read as written
("150 000,00 €", "22 000.00 € H.T", "36.000 €"), never computed.

>>> d = Doc.of("Plan de financement :\\nTravaux 500 000 € Etat (Dsil) 250 000 € 50%\\n"
...            "Ville de Lannion 250 000 € 50%\\nTotal 500 000 € Total 500 000 € 100%\\n")
>>> t = read_plans(d, 0, len(d.text))[0]
>>> [(r.funder.value, int(r.amount.value), int(r.share.value)) for r in t.rows]
[('Etat (Dsil)', 250000, 50), ('Ville de Lannion', 250000, 50)]
>>> int(t.total.value), int(t.expense.value)
(500000, 500000)
"""

from __future__ import annotations

import re
from decimal import Decimal

from kg.extract.plan_rows import amount_fact, amount_value, cell_streams, colon_rows, zone_end
from kg.extract.records import Fact, FundingLine, FundingTable
from kg.extract.rules.funding import (
    AMOUNT_LINE,
    EURO,
    INLINE_ROW,
    LABEL_RUN_HEAD,
    NUMBER,
    NUMBERED_LINE,
    TOTAL_LABEL,
    TRIGGER,
)
from kg.extract.text import Doc, clean

_AMOUNT = re.compile(rf"(?P<amount>{NUMBER})[^\S\n]*{EURO}")


def _check(doc: Doc, table: FundingTable) -> None:
    if table.total is None or not table.rows:
        return
    total = sum((r.amount.value for r in table.rows), Decimal(0))
    if total != table.total.value:
        doc.warn(f"financing plan rows add up to {total} € but its total is written "
                 f"{table.total.value} €", table.total.span.start, table.total.span.end)


def _inline(doc: Doc, start: int, end: int, taken: list[tuple[int, int]]) -> list[FundingTable]:
    out = []
    for trigger in TRIGGER.finditer(doc.text, start, end):
        if any(a <= trigger.start() < b for a, b in taken):
            continue
        rows: list[FundingLine] = []
        total = expense = None
        last = trigger.end()
        for offset, line in doc.lines(trigger.start(), zone_end(doc, trigger.start(), end)):
            # a row ends with its share: other lines cannot match (and long prose lines are slow to try)
            m = INLINE_ROW.search(line) if line.rstrip().endswith("%") else None
            if m is None or doc.line_of(offset) in doc.used_lines:
                continue
            amount = amount_fact(doc, amount_value(m["amount"]), offset + m.start("amount"),
                           offset + m.end("amount"), INLINE_ROW.key)
            funder = clean(m["funder"])
            last = offset + len(line)
            if TOTAL_LABEL.search(funder):
                if re.match(r"(?i)sous", funder):
                    continue
                total = amount
                before = list(_AMOUNT.finditer(line, 0, m.start("amount")))
                if before and TOTAL_LABEL.search(line):
                    e = before[0]
                    expense = amount_fact(doc, amount_value(e["amount"]), offset + e.start("amount"),
                                    offset + e.end("amount"), INLINE_ROW.key)
                break
            fs = offset + m.start("funder") + m["funder"].find(funder)
            share = Decimal(m["share"].replace(",", "."))
            rows.append(FundingLine(
                funder=Fact(funder, doc.span(fs, fs + len(funder)), rule=INLINE_ROW.key),
                amount=amount,
                share=amount_fact(doc, share, offset + m.start("share"), offset + m.end("share"),
                            INLINE_ROW.key) if share <= 100 else None))
        if rows:
            taken.append((trigger.start(), last))
            out.append(FundingTable(rows=tuple(rows), expense=expense, total=total,
                                    span=doc.span(trigger.start(), last)))
    return out


def _labels(doc: Doc, start: int, end: int) -> tuple[list[tuple[str, int]], int] | None:
    """Funder labels (text, offset) down to the "TOTAL" label; None when they are not such a run."""
    labels: list[tuple[str, int]] = []
    for offset, line in doc.lines(start, end):
        text = line.strip()
        if not text or NUMBERED_LINE.search(line):
            continue
        if TOTAL_LABEL.search(line):
            return (labels, offset + len(line)) if labels else None
        if AMOUNT_LINE.search(line) or len(text) > 60 or len(labels) >= 12:
            return None
        labels.append((text, offset + line.find(text)))
    return None


def _amount_run(doc: Doc, start: int, end: int) -> list[tuple[Decimal, int, int]]:
    amounts: list[tuple[Decimal, int, int]] = []
    skipped = 0
    for offset, line in doc.lines(start, end):
        m = AMOUNT_LINE.search(line)
        if m:
            amounts.append((amount_value(m["amount"]), offset + m.start("amount"),
                            offset + m.end("amount")))
        elif line.strip():
            skipped += 1
            if len(line.strip()) > 60 or LABEL_RUN_HEAD.search(line) or skipped > 4 or len(amounts) > 30:
                break
    return amounts


def _label_runs(doc: Doc, start: int, end: int, taken: list[tuple[int, int]]) -> list[FundingTable]:
    out = []
    for head in LABEL_RUN_HEAD.finditer(doc.text, start, end):
        found = _labels(doc, head.end() + 1, end)
        if found is None:
            continue
        labels, after = found
        amounts = _amount_run(doc, after, end)
        m = len(labels)
        windows = [i for i in range(len(amounts) - m)
                   if sum((a[0] for a in amounts[i:i + m]), Decimal(0)) == amounts[i + m][0]]
        if len(windows) != 1:
            why = "no" if not windows else "more than one"
            doc.warn(f"financing plan of {m} funders: {why} run of {m} amounts adds up to a total "
                     "written after it; left out", head.start(), head.end())
            continue
        i = windows[0]
        total = amount_fact(doc, *amounts[i + m], LABEL_RUN_HEAD.key)
        expense = next((amount_fact(doc, *a, LABEL_RUN_HEAD.key) for a in amounts[:i]
                        if a[0] == total.value), None)
        rows = tuple(FundingLine(funder=Fact(text, doc.span(at, at + len(text)), rule=LABEL_RUN_HEAD.key),
                                 amount=amount_fact(doc, *a, LABEL_RUN_HEAD.key))
                     for (text, at), a in zip(labels, amounts[i:i + m], strict=True))
        taken.append((head.start(), total.span.end))
        out.append(FundingTable(rows=rows, title=_title(doc, start, head.start()), expense=expense,
                                total=total, span=doc.span(head.start(), total.span.end)))
    return out


def _title(doc: Doc, start: int, end: int) -> Fact[str] | None:
    found = [m for m in NUMBERED_LINE.finditer(doc.text, max(start, end - 3000), end)]
    if not found:
        return None
    m = found[-1]
    line_end = doc.text.find("\n", m.start())
    raw = doc.text[m.start():line_end if line_end >= 0 else end]
    text = re.sub(r"^\s*\d{1,2}\s*[-–.)]\s*", "", raw).strip()
    s = m.start() + raw.find(text)
    return Fact(re.sub(r"\s+", " ", text).rstrip(" ."), doc.span(s, s + len(text)),
                rule=NUMBERED_LINE.key)


def read_plans(doc: Doc, start: int, end: int) -> list[FundingTable]:
    """Every financing plan written in ``doc.text[start:end]``, in the order of the text."""
    taken: list[tuple[int, int]] = []
    tables = _label_runs(doc, start, end, taken) + _inline(doc, start, end, taken)
    tables += cell_streams(doc, start, end, taken)
    tables += colon_rows(doc, start, end, taken)
    for t in tables:
        _check(doc, t)
    return sorted(tables, key=lambda t: t.span.start if t.span else 0)


__all__ = ["amount_value", "read_plans"]
