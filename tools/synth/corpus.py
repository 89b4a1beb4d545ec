"""Generator of varied deliberations, each with its expected record: the extractor's oracle.

One place for every benchmark and test that needs documents. Councils are
real (communes and EPCIs of the registry snapshot); members, proxies,
counts, programmes and funding tables are random but consistent: votes add up
to present + proxies, each holder is present and holds one proxy, funding
shares add up to 100 % and amounts to each post's total. Layouts vary as in
real extracts (see :data:`LAYOUTS`).

``expected`` is a *partial* plain record (see :func:`kg.extract.plain.to_plain`
without spans): only the keys it holds are checked.

>>> docs = generate(3, seed=1)
>>> [d.name for d in docs] == [d.name for d in generate(3, seed=1)]
True
>>> e = docs[0].expected
>>> e["vote"].get("pour", e["counts"]["present"]) <= e["counts"]["present"] + len(e["proxies"])
True
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tools.synth.councils import Council, councils
from tools.synth.families import AUTHORITY, write_heading, write_l_an, write_vote_family
from tools.synth.sections import (
    write_counts,
    write_date,
    write_decisions,
    write_report,
    write_vote,
)
from tools.synth.text import Member, amount_text, funding_text, roll_text

LAYOUTS: dict[str, tuple[str, ...]] = {
    "roll": ("tabs", "commas", "semicolons", "lines", "communes", "status", "surname",
             "by-commune"),
    "civility": ("full", "short"),
    "proxy": ("pouvoir", "donne", "a-donne", "pour", "ayant", "paren", "recu", "until"),
    "counts": ("sample", "inline", "dashes", "parens", "effectif"),
    "vote": ("sample", "colons", "words", "unanimous", "slash", "named", "secret"),
    "funding": ("tabs", "pipes", "lines", "none"),
    "amount": ("space", "cents", "dots", "k", "plain"),
    "share": ("comma", "dot", "spaced"),
    "date": ("words", "numeric", "time", "l-an"),
    "decisions": ("bold", "plain", "article", "numbered"),
    "markdown": ("yes", "no"),
    "authority": AUTHORITY,
}
PROGRAMMES = {
    "ti": ("Territoires d'industrie", "DEVELOPPEMENT ECONOMIQUE, ATTRACTIVITE ET INDUSTRIE"),
    "pvd": ("Petites villes de demain", "AMENAGEMENT ET REVITALISATION DU CENTRE-BOURG"),
    "acv": ("Action cœur de ville", "AMENAGEMENT ET HABITAT"),
    "va": ("Villages d'avenir", "RURALITE ET COHESION DES TERRITOIRES"),
}
POST_KINDS = ("Chef de projet", "Chargé de mission", "Manager de commerce", "Animateur")
OTHER_FUNDERS = ("ANCT", "Banque des Territoires", "Région", "Département", "Caisse des Dépôts")


@dataclass(frozen=True, slots=True)
class Generated:
    """One generated deliberation: file name, text and expected (partial, plain) record."""

    name: str
    text: str
    expected: dict[str, Any]
    layout: dict[str, str] = field(default_factory=dict)


def _split(total: int, n: int, rng: random.Random) -> list[int]:
    """``n`` weights in half-percents (sum 200), each at least 1."""
    cuts = sorted(rng.sample(range(1, 200), n - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, 200], strict=True)]


def _funding(rng: random.Random, c: Council, layout: dict[str, str]) -> tuple[str, Any, int]:
    pool = [*OTHER_FUNDERS, *[f"Commune de {p}" for p in c.places[1:]]]
    n_posts, n_funders = rng.randint(1, 3), rng.randint(2, min(7, len(pool) + 1))
    names = [c.short, *rng.sample(pool, k=n_funders - 1)]
    rng.shuffle(names)
    posts: list[dict[str, Any]] = []
    for i in range(1, n_posts + 1):
        total = rng.randrange(20_000, 90_000, 200)
        weights = _split(total, n_funders, rng)
        kind = rng.choice(POST_KINDS)
        number = f" {i}" if n_posts > 1 else ""
        carrier = c.short if i == 1 else rng.choice([n for n in names if n != c.short] or names)
        label = f"{kind}{number} porté par {carrier}"
        rows = [{"funder": f, "amount": total * w // 200, "share": _half(w)}
                for f, w in zip(names, weights, strict=True)]
        posts.append({"label": label, "carrier": carrier, "rows": rows, "total": total,
                      "ordinal": i})
    grand = sum(p["total"] for p in posts) if n_posts > 1 else None
    text = funding_text(posts, grand, layout, rng)
    own = sum(r["amount"] for p in posts for r in p["rows"]
              if r["funder"] == c.short)
    plan = {"posts": posts, "grand_total": grand}
    return text, plan, own


def _half(w: int) -> int | str:
    return w // 2 if w % 2 == 0 else f"{w // 2}.5"


def _one(rng: random.Random, index: int, councils: list[Council]) -> Generated:
    layout = {k: rng.choice(v) for k, v in LAYOUTS.items()}
    c = rng.choice(councils)
    if c.kind == "commune" and layout["roll"] in ("communes", "by-commune"):
        layout["roll"] = "surname" if layout["roll"] == "by-commune" else "lines"
    if layout["roll"] == "status" and layout["counts"] == "parens":
        layout["counts"] = "inline"
    if layout["authority"] in ("commune-caps", "department", "ville") and (
            c.kind != "commune" or " " in c.authority):
        layout["authority"] = "name-above"
    md = layout["markdown"] == "yes"
    key = rng.choice(tuple(PROGRAMMES))
    scheme, heading = PROGRAMMES[key]
    session = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(0, 900))
    convoc = session - dt.timedelta(days=rng.randint(5, 12))
    years = (session.year, session.year + rng.randint(2, 4))
    roll, members, roll_exp = roll_text(rng, layout, c)
    present = [m for m in members if m.present]
    president, secretary = present[0], rng.choice(present[1:])
    if layout["date"] == "l-an":
        date_text, session_exp = write_l_an(session, rng)
        session_line = f"{date_text}, le {c.council} s'est réuni en séance publique."
    else:
        date_text, session_exp = write_date(session, layout["date"], rng)
        session_line = f"Séance du {date_text}"
    conv_text = rng.choice((f"Convocation envoyée le {write_date(convoc, 'words', rng)[0]}",
                            f"Date de convocation : {convoc.strftime('%d/%m/%Y')}"))
    seats = len(members)
    n_present, n_proxies = len(present), len(roll_exp["proxies"])
    counts_text, counts_exp = write_counts(layout["counts"], c, seats, n_present, n_proxies)
    pres_title = "Présidente" if president.civ == "Mme" else "Président"
    pres_written = f"{president.civ_written(layout)} {president.family}"
    sec_written = f"{secretary.civ_written(layout)} {secretary.given} {secretary.family}"
    b = "**" if md else ""
    heading_lines, authority_exp = write_heading(c, layout["authority"], md)
    head = [*heading_lines, session_line, f"{pres_title} : {pres_written}",
            f"Secrétaire de séance : {sec_written}", conv_text]
    if layout["counts"] != "parens":
        head.append(counts_text)
    number = f"{session.year}-{rng.randint(1, 250):03d}"
    title = f"{scheme} - Convention {years[0]}-{years[1]}"
    report = write_report(rng, key, scheme, c, years)
    fund_text, plan, own = ("", None, 0)
    if layout["funding"] != "none":
        fund_text, plan, own = _funding(rng, c, layout)
    commitment = own if plan and own else None
    dec_lines, dec_exp = write_decisions(rng, c, scheme, years, commitment, layout["decisions"])
    vote_text, vote_exp = _vote(rng, layout["vote"], present, n_proxies)
    parts = ["\n\n".join(head), roll, "---",
             f"Délibération n° {number}",
             f"{b}OBJET : {heading}{b}\n{b}{title}{b}", *report["paragraphs"]]
    programme_exp = dict(report["expected"])
    if plan:
        parts += ["Le financement est réparti au prorata du nombre d'habitants de chaque "
                  "collectivité. Le plan de financement proposé est le suivant :", fund_text]
        programme_exp["allocation_key"] = "population"
        programme_exp["funding"] = plan
        if commitment:
            parts.append(f"Conformément à ce plan de financement, {c.short} s'engage à participer "
                         f"au financement pour un montant annuel total de "
                         f"{amount_text(commitment, 'space')} sur la période "
                         f"{years[0]}-{years[1]}.")
            programme_exp["commitments"] = [{"funder": c.short, "amount": commitment,
                                             "annual": True, "start_year": years[0],
                                             "end_year": years[1]}]
    parts += [f"{b}Le {c.council}, après en avoir délibéré, décide :{b}", "\n".join(dec_lines),
              vote_text, "Fait et délibéré les jour, mois et an susdits."]
    session_exp |= {"convocation_date": convoc.isoformat(),
                    "president": {"written": pres_written, "resolved": president.plain(layout)},
                    "secretary": {"written": sec_written, "resolved": secretary.plain(layout)}}
    expected = {
        **authority_exp, "session": session_exp,
        "subject": {"heading": heading, "title": title, "number": number},
        "counts": counts_exp, **roll_exp, "programme": programme_exp,
        "decisions": dec_exp, "vote": vote_exp, "issues": [],
    }
    slug = re.sub(r"[^a-z0-9]+", "-", c.short.lower()).strip("-")
    name = f"{index:05d}_{slug[:40]}_{session.isoformat()}.{'md' if md else 'txt'}"
    return Generated(name, "\n\n".join(p for p in parts if p) + "\n", expected, layout)


def _vote(rng: random.Random, style: str, present: list[Member],
          n_proxies: int) -> tuple[str, dict[str, Any]]:
    """The vote line(s): counts add up to present + proxies; named abstainers are present."""
    pour = len(present) + n_proxies
    contre = abst = nv = 0
    if style != "unanimous":
        contre, abst, nv = (rng.randint(0, 3) for _ in range(3))
    if style in ("slash", "named", "secret"):
        nv = 0
    if style == "named":
        contre, abst = 0, max(abst, 1)
    pour -= contre + abst + nv
    if style in ("slash", "named", "secret"):
        named = tuple(rng.sample(present[1:], abst)) if style == "named" else ()
        return write_vote_family(style, pour, contre, abst, named)
    return write_vote(style, pour, contre, abst, nv, n_proxies, rng)


def generate(n: int, *, seed: int) -> list[Generated]:
    """``n`` deliberations with their expected records; the same ``seed`` gives the same ones."""
    rng = random.Random(seed)
    chosen = councils()
    return [_one(rng, i, chosen) for i in range(n)]


def write_corpus(directory: Path, n: int, *, seed: int,
                 expected: Path | None = None) -> list[Path]:
    """Write ``n`` generated documents to ``directory``, their expected JSON to ``expected``."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for g in generate(n, seed=seed):
        path = directory / g.name
        path.write_text(g.text, encoding="utf-8")
        paths.append(path)
        if expected is not None:
            expected.mkdir(parents=True, exist_ok=True)
            (expected / f"{g.name}.json").write_text(
                json.dumps(g.expected, ensure_ascii=False, indent=1), encoding="utf-8")
    return paths


__all__ = ["LAYOUTS", "Generated", "Member", "generate", "write_corpus"]
