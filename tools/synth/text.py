"""Writing parts of generated deliberations: members and attendance, amounts, funding tables.

Helpers of :mod:`tools.synth.corpus` (which is the entry point).

>>> amount_text(40000, "space"), amount_text(40500, "k"), amount_text(1480, "dots")
('40 000 €', '40,5 k€', '1.480 €')
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any, Protocol

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre")
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_MEN = ("Jean", "François", "Jean-Marc", "Pierre", "Nicolas", "Éric", "Stéphane", "Laurent",
        "Philippe", "Rémi", "Gérard", "Léo", "Christophe", "Thierry", "Benoît", "Yves", "Hamid",
        "Massar", "Jean-Philippe", "Cyril", "Antoine", "Didier", "Gaston", "Marien")
_WOMEN = ("Marie", "Hélène", "Marie-Hélène", "Anne", "Sophie", "Céline", "Noëlle", "Isabelle",
          "Nathalie", "Karine", "Sandrine", "Claire", "Valérie", "Agnès", "Chloé", "Nuray",
          "Ludmila", "Bénédicte", "Anne-Sophie", "Kildine", "Sladana", "Françoise")
FAMILY_FIRST = ("status", "surname", "by-commune")  # rolls that write "SURNAME Firstname"
_FAMILIES = ("MARTIN", "BERNARD", "DUBOIS", "THOMAS", "ROBERT", "RICHARD", "PETIT", "DURAND",
             "LEROY", "MOREAU", "SIMON", "LAURENT", "LEFEBVRE", "MICHEL", "GARCIA", "DAVID",
             "BERTRAND", "ROUX", "VINCENT", "FOURNIER", "MOREL", "GIRARD", "ANDRE", "MERCIER",
             "BLANC", "GUERIN", "BOYER", "GARNIER", "CHEVALIER", "FRANCOIS", "LEGRAND", "GAUTHIER",
             "PERRIN", "ROBIN", "CLEMENT", "MORIN", "NICOLAS", "HENRY", "ROUSSEL", "MATHIEU",
             "GONÇALVES", "N'DIAYE", "EL HASSOUNI", "LÉGER", "BÉRARD", "CARRELET DE LOISY",
             "DE LA FONTAINE", "HOAREAU", "KOENDERS", "TENENBAUM", "ZIVKOVIC", "LEBRET")


@dataclass(frozen=True, slots=True)
class Member:
    civ: str  # "M." or "Mme"
    given: str  # as written: full or initials
    family: str
    present: bool
    commune: str | None = None

    def civ_written(self, layout: dict[str, str]) -> str:
        if layout["civility"] == "short":
            return self.civ
        return "Monsieur" if self.civ == "M." else "Madame"

    def written(self, layout: dict[str, str]) -> str:
        if layout["roll"] in ("status", "surname"):
            return f"{self.family} {self.given}"
        if layout["roll"] == "by-commune":
            return f"{self.civ_written(layout)} {self.family} {self.given}"
        name = f"{self.civ_written(layout)} {self.given} {self.family}"
        return f"{name} ({self.commune})" if layout["roll"] == "communes" and self.commune else name

    def plain(self, layout: dict[str, str] | None = None) -> dict[str, Any]:
        civ = None if layout and layout["roll"] in ("status", "surname") else self.civ
        return {"family_name": self.family, "given_name": self.given, "civility": civ}


def _members(rng: random.Random, n: int, places: tuple[str, ...], initials: bool) -> list[Member]:
    families = rng.sample(_FAMILIES, n) if n <= len(_FAMILIES) else [
        f"{a}-{b}" for a, b in rng.sample([(a, b) for a in _FAMILIES for b in _FAMILIES if a != b],
                                          n)]
    out = []
    for family in families:
        woman = rng.random() < 0.5
        given = rng.choice(_WOMEN if woman else _MEN)
        if initials and rng.random() < 0.3:
            given = "-".join(p[0] for p in given.split("-")) + "."
        out.append(Member("Mme" if woman else "M.", given, family, True,
                          rng.choice(places) if places else None))
    return out


def roll_text(rng: random.Random, layout: dict[str, str],
              council: Any) -> tuple[str, list[Member], dict[str, Any]]:
    """Attendance text, the council's members and the expected present/absent/proxies."""
    n = rng.randint(15, 60)
    members = _members(rng, n, council.places,
                       layout["civility"] == "short" and layout["roll"] not in FAMILY_FIRST)
    n_present = rng.randint(n // 2 + 1, n - 1)
    absent_idx = set(rng.sample(range(1, n), n - n_present))  # the president (0) is present
    members = [Member(m.civ, m.given, m.family, i not in absent_idx, m.commune)
               for i, m in enumerate(members)]
    if layout["roll"] == "by-commune":  # one line a commune, in the order of the communes
        members.sort(key=lambda m: council.places.index(m.commune) if m.commune else 0)
    present = [m for m in members if m.present]
    absent = [m for m in members if not m.present]
    q = rng.randint(0, min(len(absent), len(present)))
    holders = dict(zip(rng.sample(range(len(absent)), q), rng.sample(present, q), strict=True))
    role_proxy = (council.kind == "commune" and q > 0
                  and layout["proxy"] in ("pouvoir", "donne") and rng.random() < 0.3)
    grants = [(absent[i], h, i == min(holders) and role_proxy) for i, h in holders.items()]
    return _layout_roll(rng, layout, members, grants, council.role)


def _item(layout: dict[str, str], grantor: Member, holder: Member, to_role: str | None,
          rng: random.Random) -> str:
    g = grantor.written(layout)
    if to_role:
        h = f"M. le {to_role}"
    elif rng.random() < 0.8:
        h = f"{holder.civ_written(layout)} {holder.given} {holder.family}"
    else:
        h = f"{holder.civ_written(layout)} {holder.family}"
    return {"pouvoir": f"{g} pouvoir à {h}", "donne": f"{g} donne pouvoir à {h}",
            "a-donne": f"{g} a donné pouvoir à {h}", "paren": f"{g} (pouvoir à {h})",
            "until": f"{g} a donné pouvoir à {h}",
            "pour": f"{holder.written(layout)} (pour {g})",
            "ayant": f"{holder.written(layout)} ayant la procuration de {g}",
            "recu": f"{holder.written(layout)} a reçu pouvoir de {g}"}[layout["proxy"]]


def _bound(rng: random.Random) -> str:
    """The part of the session a proxy covers: until the grantor arrives, or from an item on."""
    hour, minute = rng.randint(18, 21), rng.randint(1, 59)
    return rng.choice((f"jusqu'à son arrivée à {hour}h{minute:02d}",
                       f"à partir de la question n° {rng.randint(2, 9)}",
                       f"à son départ à {hour}h{minute:02d}"))


def _layout_roll(rng: random.Random, layout: dict[str, str], members: list[Member],
                 grants: list[tuple[Member, Member, bool]],
                 role: str) -> tuple[str, list[Member], dict[str, Any]]:
    by_grantor = {g.family: (h, r) for g, h, r in grants}
    backward = layout["proxy"] in ("pour", "ayant", "recu")
    holders = {h.family: g for g, h, r in grants if not r}
    exp_p: list[Any] = []
    exp_a: list[Any] = []
    proxies: list[Any] = []
    present_items: list[str] = []
    absent_items: list[str] = []
    early_a: list[Any] = []  # grantors named in the present section, read before the absent one
    early_proxies: list[int] = []

    def proxy(g: Member, h: Member, r: bool, when: str | None = None) -> None:
        proxies.append({"grantor": g.plain(layout), "holder": None if r else h.plain(layout),
                        "holder_role": role if r else None, "when": when})

    status = layout["roll"] == "status"
    for m in members:
        if m.present and backward and m.family in holders and not status:
            g = holders[m.family]
            present_items.append(_in_commune(layout, m, _item(layout, g, m, None, rng)))
            exp_p.append(m.plain(layout))
            early_a.append(g.plain(layout))
            early_proxies.append(len(proxies))
            proxy(g, m, False)
        elif m.present:
            present_items.append(_in_commune(layout, m, m.written(layout)))
            exp_p.append(m.plain(layout))
        elif m.family in by_grantor and (status or not backward or by_grantor[m.family][1]):
            h, r = by_grantor[m.family]
            lay = {**layout, "proxy": "pouvoir"} if (backward or status) else layout
            item = _item(lay, m, h, role if r else None, rng)
            when = _bound(rng) if lay["proxy"] == "until" and rng.random() < 0.6 else None
            absent_items.append(f"{item} {when}" if when else item)
            exp_a.append(m.plain(layout))
            proxy(m, h, r, when)
        elif m.family not in by_grantor:
            absent_items.append(m.written(layout))
            exp_a.append(m.plain(layout))
    if status:
        text = _status(layout, members, by_grantor, role, rng)
    else:
        text = _sections(layout, present_items, absent_items, len(exp_p),
                         len(early_a) + len(exp_a))
    first = [proxies[i] for i in early_proxies]
    rest = [p for i, p in enumerate(proxies) if i not in early_proxies]
    return text, members, {"present": exp_p, "absent": early_a + exp_a, "proxies": first + rest}


def _status(layout: dict[str, str], members: list[Member],
            by_grantor: dict[str, tuple[Member, bool]], role: str, rng: random.Random) -> str:
    rows = ["Appel nominal (P = présent, A = absent, E = excusé) :", ""]
    for m in members:
        if m.present:
            code = "P"
        elif m.family in by_grantor:
            h, r = by_grantor[m.family]
            code = f"pouvoir à M. le {role}" if r else f"pouvoir à {h.family} {h.given}"
        else:
            code = rng.choice(("A", "E"))
        rows.append(f"{m.written(layout)}\t{code}")
    return "\n".join(rows)


def _sections(layout: dict[str, str], present: list[str], absent: list[str], n_present: int,
              n_absent: int) -> str:
    md = "### " if layout["markdown"] == "yes" else ""
    if layout["counts"] == "parens":
        heads = (f"{md}Etaient présents ({n_present}) :", f"{md}Etaient absents ({n_absent}) :")
    else:
        heads = (f"{md}Membres présents :", f"{md}Membres absents :")
    out = []
    for head, items in zip(heads, (present, absent), strict=True):
        if not items:
            if layout["counts"] == "parens":
                out.append(head)
            continue
        style = layout["roll"]
        if style == "tabs":
            body = "\n".join("\t".join(items[i:i + 3]) for i in range(0, len(items), 3))
        elif style == "commas":
            body = ", ".join(items) + "."
        elif style == "semicolons":
            body = " ; ".join(items) + "."
        elif style == "lines":
            body = "\n".join(f"- {i}" for i in items)
        elif style == "by-commune" and head == heads[0]:
            body = _group_by_commune(items)
        else:
            body = "\n".join(items)
        out.append(f"{head}\n\n{body}")
    return "\n\n".join(out)


def _in_commune(layout: dict[str, str], m: Member, item: str) -> str:
    return f"{m.commune} : {item}" if layout["roll"] == "by-commune" and m.commune else item


def _group_by_commune(items: list[str]) -> str:
    """ "Cerelles : M. POULLE Guy ; Mme BOUIN Valérie", one line a commune."""
    lines: list[tuple[str, list[str]]] = []
    for item in items:
        commune, _, name = item.partition(" : ")
        if lines and lines[-1][0] == commune:
            lines[-1][1].append(name)
        else:
            lines.append((commune, [name]))
    return "\n".join(f"{commune} : {' ; '.join(names)}" for commune, names in lines)


def amount_text(value: int, style: str) -> str:
    """An amount in euros written in one of the styles of :data:`tools.synth.corpus.LAYOUTS`."""
    grouped = f"{value:,}".replace(",", " ")
    if style == "cents":
        return f"{grouped},00 €"
    if style == "dots":
        return f"{value:,}".replace(",", ".") + " €"
    if style == "plain":
        return f"{value} €"
    if style == "k" and value % 100 == 0:
        k = f"{value / 1000:g}".replace(".", ",")
        return f"{k} k€"
    return f"{grouped} €"


def share_text(share: int | str, style: str) -> str:
    s = str(share)
    if style != "dot":
        s = s.replace(".", ",")
    return f"{s} %" if style in ("dot", "spaced") else f"{s}%"


class _Rng(Protocol):
    def random(self) -> float: ...


def funding_text(posts: list[dict[str, Any]], grand: int | None, layout: dict[str, str],
                 rng: _Rng) -> str:
    """A funding plan as a tab table with HTML bold, a Markdown pipe table or one line a funder."""
    def amt(v: int) -> str:
        return amount_text(v, layout["amount"])

    def cell(r: dict[str, Any]) -> str:
        return f"{amt(r['amount'])} ({share_text(r['share'], layout['share'])})"

    n_rows = len(posts[0]["rows"])
    if layout["funding"] == "tabs":
        lines = ["\t".join(f"<b>{p['label']}</b>\t<b>Montant</b>" for p in posts)]
        lines += ["\t".join(f"{p['rows'][j]['funder']}\t{cell(p['rows'][j])}" for p in posts)
                  for j in range(n_rows)]
        lines.append("\t".join(f"<b>TOTAL</b>\t<b>{amt(p['total'])}</b>" for p in posts))
        if grand is not None:
            lines.append(f"<b>TOTAL DES POSTES</b>{chr(9) * (2 * len(posts) - 1)}"
                         f"<b>{amt(grand)}</b>")
        return "\n".join(lines)
    if layout["funding"] == "pipes":
        lines = ["| Financeur | " + " | ".join(p["label"] for p in posts) + " |",
                 "|---|" + "---:|" * len(posts)]
        lines += ["| " + posts[0]["rows"][j]["funder"] + " | "
                  + " | ".join(cell(p["rows"][j]) for p in posts) + " |" for j in range(n_rows)]
        lines.append("| **Total** | " + " | ".join(f"**{amt(p['total'])}**" for p in posts) + " |")
        if grand is not None:
            lines.append("| **Total général** |" + " |" * (len(posts) - 1) + f" **{amt(grand)}** |")
        return "\n".join(lines)
    blocks = []
    for p in posts:
        dash = "- " if rng.random() < 0.5 else ""
        rows = [f"{dash}{r['funder']} : {amt(r['amount'])} soit "
                f"{share_text(r['share'], layout['share'])}" for r in p["rows"]]
        blocks.append("\n".join([f"{p['label']} :", *rows, f"Total : {amt(p['total'])}"]))
    if grand is not None:
        blocks.append(f"Total des postes : {amt(grand)}")
    return "\n\n".join(blocks)
