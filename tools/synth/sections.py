"""Writing the sections of a generated deliberation: dates, counts, report, decisions, vote.

Helpers of :mod:`tools.synth.corpus` (which is the entry point); each returns the text and
the expected (partial, plain) record of what it wrote.

>>> with_de("Autun"), with_de("Beaune")
("d'Autun", 'de Beaune')
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from tools.synth.councils import Council
from tools.synth.families import write_effectif
from tools.synth.text import MONTHS, WEEKDAYS, amount_text

AXES = (
    "La décarbonation de l'industrie et des mobilités",
    "L'innovation et la recherche au service des entreprises",
    "L'attractivité des métiers et le développement des compétences",
    "La mobilisation foncière et la sobriété",
    "La revitalisation du commerce de proximité",
    "La rénovation de l'habitat ancien",
    "L'accès aux services publics et aux soins",
)


def with_de(name: str) -> str:
    return f"d'{name}" if name[:1] in "AEIOUYÉÈÂÎaeiouy" else f"de {name}"


def write_date(d: dt.date, style: str, rng: random.Random) -> tuple[str, dict[str, Any]]:
    day = "1er" if d.day == 1 else str(d.day)
    words = f"{day} {MONTHS[d.month - 1]} {d.year}"
    if style == "numeric":
        return d.strftime("%d/%m/%Y"), {"date": d.isoformat(), "weekday": None, "time": None}
    if style == "time":
        t = dt.time(rng.choice((9, 14, 18, 19)), rng.choice((0, 30)))
        written = rng.choice((f"{t.hour} h {t.minute:02d}", f"{t.hour}h{t.minute:02d}"))
        return f"{words} à {written}", {"date": d.isoformat(), "weekday": None,
                                        "time": t.isoformat()}
    wd = WEEKDAYS[d.weekday()]
    return f"{wd} {words}", {"date": d.isoformat(), "weekday": wd, "time": None}


def write_vote(style: str, pour: int, contre: int, abst: int, nv: int, proxies: int,
               rng: random.Random) -> tuple[str, dict[str, Any]]:
    if style == "unanimous":
        suffix = rng.choice(("", " des suffrages exprimés"))
        return f"Adopté à l'unanimité{suffix}.", {"outcome": "adopted-unanimously"}
    if style == "sample":
        return (f"SCRUTIN POUR : {pour}\n\nABSTENTION : {abst}\n\nCONTRE : {contre}\n\n"
                f"NE SE PRONONCE PAS : {nv}\n\nDONT {proxies} PROCURATION(S)",
                {"pour": pour, "contre": contre, "abstention": abst, "not_voting": nv,
                 "proxies_used": proxies, "outcome": None})
    exp: dict[str, Any] = {"pour": pour, "contre": contre, "abstention": abst}
    if style == "colons":
        text = f"Pour : {pour} – Contre : {contre} – Abstentions : {abst}"
        if nv:
            text += f" – Ne prend pas part au vote : {nv}"
        text = "Adopté à la majorité.\n\n" + text
    else:
        s = "s" if abst > 1 else ""
        text = f"Adopté par {pour} voix pour, {contre} voix contre et {abst} abstention{s}."
        if nv:
            who = "conseiller ne prend" if nv == 1 else "conseillers ne prennent"
            text += f"\n\n{nv} {who} pas part au vote."
    exp["not_voting"] = nv if nv else None
    exp["outcome"] = "adopted"
    return text, exp


def write_decisions(rng: random.Random, c: Council, scheme: str, years: tuple[int, int],
               commitment: int | None, style: str) -> tuple[list[str], list[dict[str, Any]]]:
    whom = f"Monsieur le {c.role}" if rng.random() < 0.6 else f"Madame la {c.role}e"
    if c.role == "Maire" and whom.startswith("Madame"):
        whom = "Madame le Maire"
    arts = [("approve", "d'approuver", f"la convention « {scheme} » {years[0]}-{years[1]}, "
             "ci-annexée")]
    if commitment is not None:
        arts.append(("fund", "d'apporter", "un financement annuel à hauteur de "
                     f"{amount_text(commitment, 'space')} pour la période {years[0]}-{years[1]}"))
    arts.append(("authorise-signature", "d'autoriser", f"{whom} à signer la convention"))
    if rng.random() < 0.5:
        arts.append(("authorise", "d'autoriser", f"{whom} à solliciter les subventions prévues"))
    arts.append(("state", "de dire", "que les crédits sont inscrits aux budgets concernés"))
    lines, exp = [], []
    for i, (kind, verb, rest) in enumerate(arts, start=1):
        end = "." if i == len(arts) else " ;"
        head = {"bold": f"- **{verb}** ", "plain": f"- {verb} ",
                "article": f"Article {i} : {verb} ", "numbered": f"{i}. {verb} "}[style]
        lines.append(head + rest + end)
        exp.append({"order": i, "kind": kind, "verb": verb, "text": f"{verb} {rest}"})
    return lines, exp


def write_counts(style: str, c: Council, seats: int, present: int,
            proxies: int) -> tuple[str, dict[str, Any]]:
    adj = c.council.split()[1]
    if style == "sample":
        return (f"Nombre de membres du Conseil {adj} : {seats}\n"
                f"Nombre de membres en exercice : {seats}\n\n"
                f"Nombre de présents participant au vote : {present}\n"
                f"Nombre de procurations : {proxies}",
                {"seats": seats, "in_office": seats, "present": present, "proxies": proxies})
    if style == "inline":
        return (f"En exercice {seats} Présents {present} Pouvoirs {proxies} "
                f"Votants {present + proxies}",
                {"in_office": seats, "present": present, "proxies": proxies,
                 "voters": present + proxies})
    if style == "effectif":
        return write_effectif(seats, present, proxies)
    if style == "dashes":
        return (f"Conseillers en exercice : {seats} - Présents : {present} - "
                f"Votants : {present + proxies}",
                {"in_office": seats, "present": present, "voters": present + proxies})
    return "", {"present": present, "absent": seats - present}


def write_report(rng: random.Random, key: str, scheme: str, c: Council,
            years: tuple[int, int]) -> dict[str, Any]:
    paras, exp = [], {"scheme": scheme, "start_year": years[0], "end_year": years[1]}
    if key == "ti":
        paras.append("A l'occasion du Conseil national de l'industrie (CNI) du 22 novembre 2018, "
                     "l'État a lancé un dispositif « Territoires d'industrie » destiné à "
                     "accompagner les territoires à forte dimension industrielle.")
        exp |= {"launch_date": "2018-11-22", "launch_event": "Conseil national de l'industrie"}
        territory = f"{c.places[0] if c.places else c.short} Industrie"
        paras.append(f"Le territoire « {territory} » rassemble les collectivités partenaires "
                     f"pour une population de {amount_text(c.population, 'space')[:-2]} "
                     "habitants.")
        exp |= {"territory": territory, "population": c.population}
    else:
        paras.append(f"Le programme « {scheme} » accompagne les collectivités dans leurs projets "
                     "de revitalisation.")
    axes = rng.sample(AXES, rng.randint(2, 5))
    paras.append(f"Les signataires s'engagent sur les {len(axes)} axes suivants :\n\n"
                 + "\n".join(f"- {a} ;" for a in axes[:-1]) + f"\n- {axes[-1]}.")
    exp["axes"] = axes
    return {"paragraphs": paras, "expected": exp}
