"""Whole-session minutes: numbered items, each with its vote, some with a financing plan.

The session's facts (authority, date, counts, roll) are written once, then items
"N - Subject" with an exposé, a decision, a vote in one of the families the real
minutes show, and for subsidy requests a "plan de financement" as an inline table
("Travaux 500 000 € Etat (DETR) 150 000 € 30%", a row a funder, the totals on the
last line) or as "DETR : 36 000 € (30 %)" lines under "Recettes". Votes add up to
present + proxies; a plan's shares to 100 % and its amounts to its total.

>>> m = generate_minutes(2, seed=5)
>>> [len(g.expected["items"]) >= 3 for g in m], m[0].text == generate_minutes(2, seed=5)[0].text
([True, True], True)
"""

from __future__ import annotations

import datetime as dt
import random
import re
from typing import Any

from tools.synth.corpus import Generated
from tools.synth.councils import Council, councils
from tools.synth.families import AUTHORITY, write_heading
from tools.synth.sections import write_counts, write_date
from tools.synth.text import Member, amount_text, roll_text

MINUTES_LAYOUTS: dict[str, tuple[str, ...]] = {
    "item_vote": ("unanimous", "colons", "words", "slash"),
    "plan": ("inline", "colon"),
    "authority": AUTHORITY,
}
WORKS = ("Rénovation de l'école élémentaire", "Aménagement du centre-bourg",
         "Réfection de la voirie communale", "Extension de la salle des fêtes",
         "Création d'une maison de santé", "Mise en accessibilité de la mairie")
OTHER_SUBJECTS = ("Budget primitif de l'exercice", "Tarifs des services périscolaires",
                  "Modification du tableau des effectifs", "Convention de mise à disposition",
                  "Désignation d'un délégué au syndicat d'énergie", "Admission en non-valeur")
FUNDERS = ("Etat (DETR)", "Etat (DSIL)", "Région", "Département", "LEADER")
_ROLL = {"roll": "commas", "civility": "full", "proxy": "a-donne", "counts": "inline",
         "markdown": "no"}


def _shares(rng: random.Random, n: int) -> list[int]:
    cuts = sorted(rng.sample(range(5, 96, 5), n - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, 100], strict=True)]


def _plan(rng: random.Random, style: str, owner: str) -> tuple[str, dict[str, Any]]:
    """A financing plan and its expected table: rows, total (and expense when written)."""
    cost = rng.randrange(40_000, 900_000, 100)
    funders = [*rng.sample(FUNDERS, rng.randint(1, 3)), owner]
    shares = _shares(rng, len(funders))
    rows: list[dict[str, Any]] = [{"funder": f, "amount": cost * s // 100, "share": s}
                                  for f, s in zip(funders, shares, strict=True)]
    money = {f: amount_text(cost * s // 100, "space") for f, s in zip(funders, shares, strict=True)}
    if style == "inline":
        lines = ["Le plan de financement est le suivant :",
                 f"Travaux {amount_text(cost, 'space')} {rows[0]['funder']} "
                 f"{money[rows[0]['funder']]} {rows[0]['share']}%",
                 *(f"{r['funder']} {money[r['funder']]} {r['share']}%" for r in rows[1:]),
                 f"Total {amount_text(cost, 'space')} Total {amount_text(cost, 'space')} 100%"]
        return "\n".join(lines), {"rows": rows, "total": cost, "expense": cost}
    lines = ["Le plan de financement proposé est le suivant :",
             f"Dépenses : travaux {amount_text(cost, 'space')} HT",
             "Recettes :", *(f"- {r['funder']} : {money[r['funder']]} ({r['share']} %)" for r in rows),
             f"Total : {amount_text(cost, 'space')}"]
    return "\n".join(lines), {"rows": rows, "total": cost}


def _item_vote(rng: random.Random, style: str, voters: int) -> tuple[str, dict[str, Any]]:
    if style == "unanimous":
        return rng.choice(("ADOPTÉ À L'UNANIMITÉ", "Adopté à l'unanimité.")), {
            "outcome": "adopted-unanimously"}
    contre = 0 if style == "words" else rng.randint(0, 3)
    abst = rng.randint(1, 3)
    pour = voters - contre - abst
    if style == "colons":
        return (f"Pour : {pour} Contre : {contre} Abstentions : {abst}",
                {"pour": pour, "contre": contre, "abstention": abst})
    if style == "words":
        s = "s" if abst > 1 else ""
        return (f"Adopté par {pour} voix pour et {abst} abstention{s}.",
                {"pour": pour, "abstention": abst, "outcome": "adopted"})
    return (f"POUR {pour} CONTRE {contre or '/'} ABSTENTIONS {abst}",
            {"pour": pour, "contre": contre, "abstention": abst})


def _items(rng: random.Random, layout: dict[str, str], c: Council, voters: int,
           year: int) -> tuple[list[str], list[dict[str, Any]]]:
    parts, expected = [], []
    styles = MINUTES_LAYOUTS["item_vote"]
    for number in range(1, rng.randint(3, 10) + 1):
        with_plan = rng.random() < 0.4
        subject = (f"Demande de subvention - {rng.choice(WORKS)}" if with_plan
                   else f"{rng.choice(OTHER_SUBJECTS)} {year}")
        vote_style = layout["item_vote"] if number == 1 else rng.choice(styles)
        vote_text, vote_exp = _item_vote(rng, vote_style, voters)
        body = [f"{number} - {subject}", f"Monsieur le {c.role} expose le dossier au conseil."]
        funding: list[dict[str, Any]] = []
        if with_plan:
            # a name ending in digits ("Val 81 121 700 €") cannot be told from its amount
            owner = "Autofinancement" if re.search(r"\d", c.short) else c.short
            plan_text, plan_exp = _plan(rng, layout["plan"], owner)
            body.append(plan_text)
            funding.append(plan_exp)
        body += [f"Après en avoir délibéré, le {c.council} décide d'approuver ce dossier.",
                 vote_text]
        parts.append("\n\n".join(body))
        expected.append({"number": str(number), "subject": subject, "vote": vote_exp,
                         "funding": funding})
    return parts, expected


def _one(rng: random.Random, index: int, chosen: list[Council]) -> Generated:
    layout = {k: rng.choice(v) for k, v in MINUTES_LAYOUTS.items()}
    c = rng.choice(chosen)
    if layout["authority"] != "name-above" and (c.kind != "commune" or " " in c.authority):
        layout["authority"] = "extract"
    session = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(0, 900))
    roll, members, roll_exp = roll_text(rng, _ROLL, c)
    present = [m for m in members if m.present]
    n_proxies = len(roll_exp["proxies"])
    counts_text, counts_exp = write_counts("inline", c, len(members), len(present), n_proxies)
    heading, authority_exp = write_heading(c, layout["authority"], False)
    date_text, session_exp = write_date(session, "words", rng)
    secretary: Member = rng.choice(present[1:])
    head = [*heading, f"PROCÈS-VERBAL DE LA SÉANCE DU {c.council.upper()}",
            f"Séance du {date_text}", counts_text, roll,
            f"Secrétaire de séance : {secretary.civ_written(_ROLL)} {secretary.given} "
            f"{secretary.family}"]
    items, items_exp = _items(rng, layout, c, len(present) + n_proxies, session.year)
    expected = {**authority_exp, "session": session_exp, "counts": counts_exp, **roll_exp,
                "items": items_exp, "issues": []}
    slug = re.sub(r"[^a-z0-9]+", "-", c.short.lower()).strip("-")
    name = f"{index:05d}_pv_{slug[:40]}_{session.isoformat()}.txt"
    return Generated(name, "\n\n".join([*head, *items]) + "\n", expected, layout)


def generate_minutes(n: int, *, seed: int) -> list[Generated]:
    """``n`` whole-session minutes with their expected records; the same seed, the same ones."""
    rng = random.Random(seed)
    chosen = councils()
    return [_one(rng, i, chosen) for i in range(n)]
