"""Funding plans: tables of posts and funders, and commitments.

Reads tab-separated or pipe tables (HTML or Markdown emphasis stripped),
several posts side by side, totals and a grand total, and one line per funder
("ANCT : 40 000 € soit 68 %").

>>> d = Doc.of("Poste\\tMontant\\nANCT\\t40 000 € (68%)\\nCUCM\\t18 500 €\\nTOTAL\\t58 500 €\\n")
>>> plan = read_funding(d, 0, len(d.text))
>>> [(r.funder.value, str(r.amount.value)) for r in plan.posts[0].rows]
[('ANCT', '40000'), ('CUCM', '18500')]
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from kg.extract.records import Commitment, Fact, FundingPlan, FundingRow, PostFunding
from kg.extract.text import Doc, clean
from kg.extract.values import AMOUNT, NUMBER, SHARE, SP, fold, parse_amount, parse_number

_AMOUNT = re.compile(AMOUNT)
_SHARE = re.compile(SHARE)
_TOTAL = re.compile(r"^\s*total", re.IGNORECASE)
_GRAND = re.compile(r"total\s+(?:des|g[ée]n[ée]ral|global)", re.IGNORECASE)
_VALUE_HEAD = re.compile(r"^(?:montant|part|%|financement|somme|total)s?\b", re.IGNORECASE)
_CARRIER = re.compile(r"port[ée]e?\s+par\s+(?:la\s+|le\s+|l['’])?(?P<carrier>.+)$", re.IGNORECASE)
_LINE_ROW = re.compile(
    rf"^\s*[-*•]?\s*(?P<funder>[^:\t|\n]+?)\s*:\s*{AMOUNT}(?:\s*(?:soit|,|\()?\s*{SHARE}\)?)?\s*$",
    re.IGNORECASE,
)
COMMITMENT = re.compile(
    rf"(?P<funder>[A-ZÉ][\w'’ -]+?)\s+s['’]engage\s+à\s+(?:participer|contribuer|verser)[^.]*?"
    rf"(?P<annual>annuel(?:le)?)?[^.\d]*?{AMOUNT}(?:[^.\d]*?(?P<start>20\d\d)\s*[-–à]\s*"
    rf"(?P<end>20\d\d))?|(?P<cofunder>[A-ZÉ][\w'’ -]+?(?:\s*\([A-Z]+\))?)\s+particip\w+\s+au\s+"
    rf"co-?financement[^.]*?montant\s+de\s+(?P<amount2>{NUMBER}){SP}*(?P<unit2>€|euros?)",
    re.IGNORECASE,
)


def _cells(line: str) -> list[tuple[int, str]]:
    sep = "\t" if "\t" in line else "|"
    out, pos = [], 0
    for part in line.split(sep):
        idx = line.find(part, pos)
        pos = idx + len(part)
        out.append((idx, part))
    if sep == "|":
        out = [c for c in out if c[1].strip() or 0 < c[0] < len(line) - 1]
        if out and not out[0][1].strip():
            out = out[1:]
    return out


def _is_rule(line: str) -> bool:
    return bool(re.fullmatch(r"[\s|:\-]+", line)) and "-" in line


def _table_blocks(doc: Doc, start: int, end: int) -> list[list[tuple[int, str]]]:
    blocks: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for offset, line in doc.lines(start, end):
        if ("\t" in line or line.strip().startswith("|")) and not _is_rule(line):
            current.append((offset, line))
        elif _is_rule(line) and current:
            continue
        else:
            if current:
                blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return [b for b in blocks if any(_AMOUNT.search(line) for _o, line in b)]


def _groups(header: list[tuple[int, str]]) -> list[int]:
    """Column indexes where a post's group starts in the header row."""
    starts = [i for i, (_p, cell) in enumerate(header)
              if clean(cell) and not _VALUE_HEAD.match(clean(cell))]
    return starts or [0]


def _row_in_group(doc: Doc, offset: int, cells: list[tuple[int, str]]) -> FundingRow | None:
    funder_cell = next(((p, c) for p, c in cells if clean(c) and not _AMOUNT.search(c)), None)
    amount = next(((p, c, m) for p, c in cells if (m := _AMOUNT.search(c))), None)
    if funder_cell is None or amount is None:
        return None
    fp, fc = funder_cell
    lead = fc.find(clean(fc))
    funder = doc.fact(clean(fc), offset + fp + lead, offset + fp + lead + len(clean(fc)))
    ap, _ac, am = amount
    value = doc.fact(parse_amount(am.group(0)), offset + ap + am.start(), offset + ap + am.end())
    share = None
    for p, c in cells:
        sm = _SHARE.search(c)
        if sm:
            share = doc.fact(parse_number(sm["share"]), offset + p + sm.start(), offset + p + sm.end())
    return FundingRow(funder=funder, amount=value, share=share)


def _read_block(
    doc: Doc, block: list[tuple[int, str]]
) -> tuple[list[PostFunding], Fact[Decimal] | None]:
    header_offset, header_line = block[0]
    header = _cells(header_line)
    if _AMOUNT.search(header_line):
        doc.warn("funding table without a header row naming its posts", header_offset)
        header, header_offset = [(0, "Poste")], header_offset
        rows = block
    else:
        rows = block[1:]
    starts = _groups(header)
    bounds = [*starts[1:], 10_000]
    posts: list[dict[str, Any]] = []
    for n, (s, e) in enumerate(zip(starts, bounds, strict=True), start=1):
        hp, hc = header[s]
        label_text = clean(hc)
        lead = hc.find(label_text)
        label = doc.fact(label_text, header_offset + hp + lead, header_offset + hp + lead + len(label_text))
        cm = _CARRIER.search(label_text)
        carrier = None
        if cm:
            cs = label.span.start + cm.start("carrier")
            carrier = doc.fact(clean(cm["carrier"]), cs, cs + len(clean(cm["carrier"])))
        posts.append({"label": label, "carrier": carrier, "rows": [], "total": None, "n": n, "s": s, "e": e})
    grand: Fact[Decimal] | None = None
    for offset, line in rows:
        cells = _cells(line)
        if _GRAND.search(line):
            m = list(_AMOUNT.finditer(line))
            if m:
                grand = doc.fact(parse_amount(m[-1].group(0)), offset + m[-1].start(), offset + m[-1].end())
            continue
        for post in posts:
            group = cells[post["s"]:post["e"]]
            if not any(clean(c) for _p, c in group):
                continue
            if _TOTAL.match(clean(group[0][1])):
                m2 = next(((p, mm) for p, c in group if (mm := _AMOUNT.search(c))), None)
                if m2:
                    p, mm = m2
                    start = offset + p
                    post["total"] = doc.fact(parse_amount(mm.group(0)), start + mm.start(), start + mm.end())
                continue
            row = _row_in_group(doc, offset, group)
            if row is None:
                doc.warn(f"funding row not read (expected a funder and an amount): "
                         f"{clean(' '.join(c for _p, c in group))!r}", offset, offset + len(line))
            else:
                post["rows"].append(row)
    return [PostFunding(label=p["label"], carrier=p["carrier"], rows=tuple(p["rows"]),
                        total=p["total"], ordinal=p["n"]) for p in posts], grand


def _line_rows(doc: Doc, start: int, end: int) -> list[FundingRow]:
    rows = []
    for offset, line in doc.lines(start, end):
        m = _LINE_ROW.match(line)
        if m and not _TOTAL.match(m["funder"]):
            rows.append(FundingRow(
                funder=doc.fact(clean(m["funder"]), offset + m.start("funder"),
                                offset + m.end("funder")),
                amount=doc.fact(parse_amount(m.group("amount") + " " + m.group("unit")),
                                offset + m.start("amount"), offset + m.end("unit")),
                share=doc.fact(parse_number(m["share"]), offset + m.start("share"),
                               offset + m.end("share")) if m["share"] else None,
            ))
    return rows


def read_funding(doc: Doc, start: int, end: int) -> FundingPlan | None:
    posts: list[PostFunding] = []
    grand = None
    for block in _table_blocks(doc, start, end):
        found, g = _read_block(doc, block)
        for post in found:
            posts.append(PostFunding(label=post.label, carrier=post.carrier, rows=post.rows,
                                     total=post.total, ordinal=len(posts) + 1))
        grand = grand or g
    if not posts:
        rows = _line_rows(doc, start, end)
        if rows:
            label = doc.fact("Financement", rows[0].funder.span.start, rows[0].funder.span.start)
            posts.append(PostFunding(label=label, rows=tuple(rows)))
    if not posts:
        return None
    return FundingPlan(posts=tuple(posts), grand_total=grand)


def read_commitments(doc: Doc, start: int, end: int) -> list[Commitment]:
    out = []
    for m in COMMITMENT.finditer(doc.text, start, end):
        if m["cofunder"]:
            out.append(Commitment(
                funder=doc.text_fact(m, "cofunder"),
                amount=doc.fact(parse_amount(m["amount2"] + " " + m["unit2"]), m.start("amount2"),
                                m.end("unit2")),
                annual=False,
            ))
            continue
        amount = parse_amount(m["amount"] + " " + m["unit"])
        out.append(Commitment(
            funder=doc.text_fact(m, "funder"),
            amount=doc.fact(amount, m.start("amount"), m.end("unit")),
            annual=bool(m["annual"]) or "annuel" in fold(m.group(0)),
            start_year=doc.group_fact(m, "start", int(m["start"])) if m["start"] else None,
            end_year=doc.group_fact(m, "end", int(m["end"])) if m["end"] else None,
        ))
    return out
