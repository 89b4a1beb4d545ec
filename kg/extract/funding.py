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
from dataclasses import dataclass, field
from decimal import Decimal

from kg.extract.records import Commitment, Fact, FundingPlan, FundingRow, PostFunding
from kg.extract.text import Doc, clean
from kg.extract.values import AMOUNT, NUMBER, SHARE, SP, fold, parse_amount, parse_number

_AMOUNT = re.compile(AMOUNT)
_SHARE = re.compile(SHARE)
_TOTAL = re.compile(r"^\s*total", re.IGNORECASE)
_GRAND = re.compile(r"total\s+(?:des|g[ée]n[ée]ral|global)", re.IGNORECASE)
_FUNDER_HEAD = re.compile(r"^(?:financeurs?|partenaires?|organismes?|co-?financeurs?|"
                          r"financement|contributeurs?)\b", re.IGNORECASE)
_POST_WORDS = re.compile(r"\b(?:poste|chef|cheffe|charg[ée]e?|manager|animat|coordinat)",
                         re.IGNORECASE)
_VALUE_HEAD = re.compile(r"^(?:montant|part|%|financement|somme|total)s?\b", re.IGNORECASE)
_CARRIER = re.compile(r"port[ée]e?\s+par\s+(?:la\s+|le\s+|l['’])?(?P<carrier>.+)$", re.IGNORECASE)
_LINE_ROW = re.compile(
    rf"^\s*[-*•]?\s*(?P<funder>[^:\t|\n]+?)\s*:\s*{AMOUNT}(?:\s*(?:soit|,|\()?\s*{SHARE}\)?)?\s*$",
    re.IGNORECASE,
)
_SHARE_ONLY = re.compile(rf"^\s*[-*•]?\s*(?P<funder>[^:\t|\n]+?)\s*:\s*(?:soit\s+)?{SHARE}\s*$")
COMMITMENT = re.compile(
    rf"(?P<funder>[A-ZÀ-ÖØ-Þ][\w'’ -]+?)\s+s['’]engage\s+à\s+(?:participer|contribuer|verser)[^.]*?"
    rf"(?P<annual>annuel(?:le)?)?[^.\d]*?{AMOUNT}(?:[^.\d]*?(?P<start>20\d\d)\s*[-–à]\s*"
    rf"(?P<end>20\d\d))?|(?P<cofunder>[A-ZÀ-ÖØ-Þ][\w'’ -]+?(?:\s*\([A-Z]+\))?)\s+"
    rf"particip\w+\s+au\s+"
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
            doc.span(offset, offset + len(line))
        else:
            if current:
                blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return [b for b in blocks if any(_AMOUNT.search(line) for _o, line in b)]


def _cell_fact(doc: Doc, offset: int, cell: tuple[int, str]) -> Fact[str]:
    pos, raw = cell
    text = clean(raw)
    start = offset + pos + max(raw.find(text), 0)
    return doc.fact(text, start, start + len(text))


def _refused(doc: Doc, text: str, m: re.Match[str], at: int) -> bool:
    """Whether the amount ``m`` of ``text`` is not read, with a warning saying why: a negative
    amount (its sign would be lost, since the graph's amounts are contributions) or one of
    more than 12 digits (a thousand billion euros: a misreading, not a contribution)."""
    before = text[:m.start()].rstrip(" \u00a0\u202f")
    if before.endswith(("-", "\u2212", "\u2013")) and not before[:-1].rstrip()[-1:].isalnum():
        doc.warn(f"negative amount not read (a contribution is expected to be positive): "
                 f"{clean(text[len(before) - 1:m.end()])!r}",
                 at + m.start(), at + m.end())
        return True
    if len(re.sub(r"\D", "", m["amount"].split(",")[0])) > 12:
        doc.warn(f"amount of more than 12 digits not read: {clean(m.group(0))[:40]!r}…",
                 at + m.start(), at + m.end())
        return True
    return False


def _amount_fact(doc: Doc, offset: int, cell: tuple[int, str]) -> Fact[Decimal] | None:
    m = _AMOUNT.search(cell[1])
    if not m:
        return None
    at = offset + cell[0]
    if _refused(doc, cell[1], m, at):
        return None
    return doc.fact(parse_amount(m.group(0)), at + m.start(), at + m.end())


def _share_fact(doc: Doc, offset: int, cell: tuple[int, str]) -> Fact[Decimal] | None:
    m = _SHARE.search(cell[1])
    if not m:
        return None
    at = offset + cell[0]
    return doc.fact(parse_number(m["share"]), at + m.start(), at + m.end())


@dataclass
class _Column:
    """A post being read from a table: where its cells are and what was read."""

    label: Fact[str]
    carrier: Fact[str] | None
    funder_at: int | None  # index of the funder cell, None when the table shares one
    amount_at: int
    rows: list[FundingRow] = field(default_factory=list)
    total: Fact[Decimal] | None = None

    def post(self, ordinal: int) -> PostFunding:
        return PostFunding(label=self.label, carrier=self.carrier, rows=tuple(self.rows),
                           total=self.total, ordinal=ordinal)


def _label(doc: Doc, label: Fact[str]) -> tuple[Fact[str], Fact[str] | None]:
    m = _CARRIER.search(label.value)
    if not m:
        return label, None
    name = clean(m["carrier"])
    start = label.span.start + m.start("carrier")
    return label, doc.fact(name, start, start + len(name))


def _columns(doc: Doc, offset: int, header: list[tuple[int, str]],
             first_row: list[tuple[int, str]]) -> list[_Column]:
    """Posts side by side (post, amount, post, amount…) or one funder column then one per post."""
    named = [i for i, (_p, c) in enumerate(header) if clean(c) and not _VALUE_HEAD.match(clean(c))]
    shared = (len(named) >= 2 and _FUNDER_HEAD.match(clean(header[0][1]))
              and not _AMOUNT.search(first_row[0][1]) if first_row else False)
    if shared:
        return [_Column(*_label(doc, _cell_fact(doc, offset, header[i])), None, i)
                for i in range(1, len(header)) if clean(header[i][1])]
    named = named or [0]
    bounds = [*named[1:], len(header) + 1]
    cols = []
    for s, e in zip(named, bounds, strict=True):
        amount_at = next((i for i in range(s + 1, e) if i < len(first_row)
                          and _AMOUNT.search(first_row[i][1])), s + 1)
        cols.append(_Column(*_label(doc, _cell_fact(doc, offset, header[s])), s, amount_at))
    return cols


def _read_row(doc: Doc, offset: int, line: str, cols: list[_Column]) -> Fact[Decimal] | None:
    """Read one data row into the columns; returns a grand total when the row is one."""
    cells = _cells(line)
    if _GRAND.search(line):
        m = list(_AMOUNT.finditer(line))
        return doc.fact(parse_amount(m[-1].group(0)), offset + m[-1].start(),
                        offset + m[-1].end()) if m else None
    for col in cols:
        at = col.funder_at if col.funder_at is not None else 0
        if at >= len(cells) or not clean(cells[at][1]):
            continue
        amount = _amount_fact(doc, offset, cells[col.amount_at]) \
            if col.amount_at < len(cells) else None
        if _TOTAL.match(clean(cells[at][1])):
            col.total = amount or col.total
            continue
        if amount is None:
            doc.warn(f"funding row not read (expected a funder and an amount in euros): "
                     f"{clean(line)!r}", offset, offset + len(line))
            continue
        col.rows.append(FundingRow(funder=_cell_fact(doc, offset, cells[at]), amount=amount,
                                   share=_share_fact(doc, offset, cells[col.amount_at])))
    return None


def _read_block(doc: Doc,
                block: list[tuple[int, str]]) -> tuple[list[_Column], Fact[Decimal] | None]:
    header_offset, header_line = block[0]
    rows = block[1:]
    if _AMOUNT.search(header_line):
        doc.warn("funding table without a header row naming its posts", header_offset,
                 header_offset + len(header_line))
        label = doc.fact("Financement", header_offset, header_offset)
        cols, rows = [_Column(label, None, 0, 1)], block
    else:
        cols = _columns(doc, header_offset, _cells(header_line), _cells(rows[0][1]) if rows else [])
    grand = None
    for offset, line in rows:
        grand = _read_row(doc, offset, line, cols) or grand
    return cols, grand


def _line_posts(doc: Doc, start: int, end: int) -> tuple[list[_Column], Fact[Decimal] | None]:
    """Funding written one line a funder, each post opened by a "<label> :" line."""
    cols: list[_Column] = []
    grand = None
    pending: Fact[str] | None = None
    for offset, line in doc.lines(start, end):
        m = _LINE_ROW.match(line)
        if m and _GRAND.match(clean(m["funder"])):
            grand = doc.fact(parse_amount(m["amount"] + " " + m["unit"]),
                             offset + m.start("amount"), offset + m.end("unit"))
        elif m and _TOTAL.match(m["funder"]) and cols:
            cols[-1].total = doc.fact(parse_amount(m["amount"] + " " + m["unit"]),
                                      offset + m.start("amount"), offset + m.end("unit"))
        elif (bare := _SHARE_ONLY.match(line)) and (cols or pending is not None):
            doc.warn(f"funding share without an amount (expected '<funder> : <amount> € soit "
                     f"<share> %'): {clean(line)!r}", offset + bare.start(), offset + bare.end())
            doc.span(offset, offset + len(line))
        elif m:
            if pending is not None or not cols:
                label = pending or doc.fact("Financement", offset, offset)
                cols.append(_Column(*_label(doc, label), 0, 0))
                pending = None
            cols[-1].rows.append(_line_row(doc, offset, m))
        elif line.rstrip().endswith(":") and not _AMOUNT.search(line) and len(line) < 160:
            text = clean(line)
            lead = line.find(text)
            pending = Fact(text, doc.span(offset + lead, offset + lead + len(text))) \
                if _CARRIER.search(text) or _POST_WORDS.search(text) else None
    return cols, grand


def _line_row(doc: Doc, offset: int, m: re.Match[str]) -> FundingRow:
    return FundingRow(
        funder=doc.fact(clean(m["funder"]), offset + m.start("funder"), offset + m.end("funder")),
        amount=doc.fact(parse_amount(m["amount"] + " " + m["unit"]), offset + m.start("amount"),
                        offset + m.end("unit")),
        share=doc.fact(parse_number(m["share"]), offset + m.start("share"), offset + m.end("share"))
        if m["share"] else None,
    )


def read_funding(doc: Doc, start: int, end: int) -> FundingPlan | None:
    cols: list[_Column] = []
    grand = None
    for block in _table_blocks(doc, start, end):
        found, g = _read_block(doc, block)
        cols += found
        grand = grand or g
    if not cols:
        cols, grand = _line_posts(doc, start, end)
    if not cols:
        return None
    return FundingPlan(posts=tuple(c.post(n) for n, c in enumerate(cols, start=1)),
                       grand_total=grand)


_COMMIT_WORDS = re.compile(r"s['’]engage|co-?financement", re.IGNORECASE)


def _commitment_matches(doc: Doc, start: int, end: int) -> list[re.Match[str]]:
    """Commitment sentences, searched only in the lines that hold their key words."""
    found: list[re.Match[str]] = []
    for offset, line in doc.lines(start, end):
        if _COMMIT_WORDS.search(line):
            found += COMMITMENT.finditer(doc.text, offset, offset + len(line))
    return found


def read_commitments(doc: Doc, start: int, end: int) -> list[Commitment]:
    out = []
    for m in _commitment_matches(doc, start, end):
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
