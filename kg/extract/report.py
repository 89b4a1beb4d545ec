"""The report (exposé): programme, territory, members, population, axes, governance, posts.

>>> d = Doc.of("pour une population de 444 993 habitants répartis")
>>> read_programme(d, 0, len(d.text), title="").population.value
444993
"""

from __future__ import annotations

import re

from kg.extract.funding import read_commitments, read_funding
from kg.extract.records import Fact, GovernanceBody, Post, Programme
from kg.extract.text import Doc, clean
from kg.extract.values import DATE, date_from_match, fold, parse_number

SCHEMES = {
    "territoires d'industrie": "Territoires d'industrie",
    "territoire d'industrie": "Territoires d'industrie",
    "petites villes de demain": "Petites villes de demain",
    "action coeur de ville": "Action cœur de ville",
    "action cœur de ville": "Action cœur de ville",
    "villages d'avenir": "Villages d'avenir",
    "contrat de relance et de transition ecologique": "CRTE",
}
Q = r"[«\"“]\s*"
UQ = r"\s*[»\"”]"
LAUNCH = re.compile(rf"(?:[aàAÀ]\s+l['’]occasion|lors)\s+d[ue]\s+(?P<event>[^,(]+?)"
                    rf"\s*(?:\([^)]*\))?\s+"
                    rf"du\s+{DATE}[^.]{{0,80}}?lanc", re.IGNORECASE)
TERRITORY = re.compile(rf"[Tt]erritoire\s*{Q}(?P<name>[^»\"”\n]+?){UQ}|"
                       rf"{Q}Territoire\s+(?P<name2>[^»\"”\n]+?){UQ}")
PERIOD = re.compile(r"(?P<start>20\d\d)\s*[-–/]\s*(?P<end>20\d\d)")
REPLACES = re.compile(rf"{Q}(?P<old>[^»\"”\n]+?){UQ}\s+est\s+(?:ainsi\s+)?remplac[ée]\s+par",
                      re.IGNORECASE)
POPULATION = re.compile(r"population\s+(?:totale\s+)?de\s+"
                        r"(?P<n>\d(?:[\d  \u202f.]*\d)?)\s+habitants",
                        re.IGNORECASE)
MEMBER_COUNT = re.compile(r"total\s+de\s+(?P<n>\d+)\s+"
                          r"(?:intercommunalit[ée]s|EPCI|collectivit[ée]s)",
                          re.IGNORECASE)
AUTHORITY = re.compile(
    r"(?P<name>Communaut[ée]\s+(?:Urbaine|de\s+Communes|d['’]Agglom[ée]ration)\s+.+?"
    r"|[A-ZÉ][\w'’-]+(?:\s+[A-ZÉ][\w'’-]+)*\s+[mM][ée]tropole)"
    r"(?=\s*(?:,|;|\.|\s+et\s+(?:la|le|l['’]|les)\b|\s+se\s|\s+s['’]|\s+pour\b|\s+dans\b|$))",
    re.MULTILINE,
)
DEPARTMENTS = re.compile(r"d[ée]partements?\s+(?P<list>(?:de\s+la|du|de\s+l['’]|des|de)\s+[^.\n]+?)"
                         r"(?=\s+qui\b|[.;\n]|,\s)", re.IGNORECASE)
_DEPT_ITEM = re.compile(r"(?:de\s+la|du|de\s+l['’]|des|de)\s+"
                        r"(?P<d>[A-ZÉ][\w'’-]+(?:[- ][\w'’-]+)*?)"
                        r"(?=\s+et\s|\s*,|\s*$)")
AXES_INTRO = re.compile(r"^.*\baxes?\b.*:\s*$", re.IGNORECASE | re.MULTILINE)
LIST_ITEM = re.compile(r"^\s*(?:[-*•]|\d+[.)°])\s+(?P<item>.+?)\s*[;.]?\s*$")
BODY = re.compile(r"(?P<name>Comit[ée]\s+(?:de\s+pilotage|technique|de\s+suivi|strat[ée]gique|"
                  r"d['’]orientation|de\s+projet)|Conseil\s+de\s+territoire|Bureau)\s+"
                  r"charg[ée]e?\s+(?:de\s+|d['’])(?P<role>.+?)(?=\s+et\s+d['’]un|[.;]|$)",
                  re.IGNORECASE | re.MULTILINE)
POSTS = re.compile(r"(?P<count>Deux|Trois|Un|Une|\d+)\s+(?P<kind>chefs?\s+de\s+projets?|"
                   r"chargée?s?\s+de\s+mission|animateurs?|animatrices?|coordinat(?:eur|rice)s?)"
                   r"(?P<rest>[^.]*)", re.IGNORECASE)
SITE = re.compile(r"(?:bas[ée]e?\s+|l['’]autre\s+|l['’]une?\s+)"
                  r"(?P<prep>au|à\s+la|à\s+l['’]|à|aux)\s+"
                  r"(?P<site>[A-ZÉ][\w'’-]+(?:[- ][A-ZÉ][\w'’-]+)*)")
KEY = re.compile(r"(?:cl[ée]\s+de\s+r[ée]partition|au\s+prorata)[^.]*?(?P<basis>nombre\s+d['’]"
                 r"habitants|population|potentiel\s+fiscal)", re.IGNORECASE)


def _scheme(doc: Doc, start: int, end: int) -> Fact[str] | None:
    pattern = re.compile("|".join(re.escape(k) for k in SCHEMES).replace("'", "['’]"),
                         re.IGNORECASE)
    m = pattern.search(doc.text, start, end)
    if not m:
        return None
    key = fold(m.group(0)).replace("’", "'")
    name = next(v for k, v in SCHEMES.items() if fold(k) == key)
    return doc.fact(name, m.start(), m.end())


def _territory(doc: Doc, start: int, end: int) -> Fact[str] | None:
    for m in TERRITORY.finditer(doc.text, start, end):
        group = "name" if m["name"] else "name2"
        name = re.sub(r"^(?:d['’]industrie\s+)", "", clean(m[group]), flags=re.IGNORECASE)
        after = fold(doc.text[m.end():m.end() + 30])
        if fold(name) in ("d'industrie", "industrie") or "remplac" in after:
            continue
        return doc.fact(name, m.start(group), m.end(group))
    return None


def _members(doc: Doc, start: int, end: int) -> tuple[Fact[str], ...]:
    seen: dict[str, Fact[str]] = {}
    for m in AUTHORITY.finditer(doc.text, start, end):
        name = clean(m["name"])
        key = fold(name)
        if key not in seen and "conseil" not in key:
            seen[key] = doc.fact(name, m.start("name"), m.start("name") + len(name))
    return tuple(seen.values())


def _departments(doc: Doc, start: int, end: int) -> tuple[Fact[str], ...]:
    out = []
    for m in DEPARTMENTS.finditer(doc.text, start, end):
        for d in _DEPT_ITEM.finditer(m["list"]):
            at = m.start("list")
            out.append(doc.fact(d["d"], at + d.start("d"), at + d.end("d")))
    return tuple(out)


def _axes(doc: Doc, start: int, end: int) -> tuple[Fact[str], ...]:
    intro = AXES_INTRO.search(doc.text, start, end)
    if not intro:
        return ()
    doc.span(intro.start(), intro.end())
    out: list[Fact[str]] = []
    for offset, line in doc.lines(intro.end() + 1, end):
        if not line.strip():
            if out:
                break
            continue
        m = LIST_ITEM.match(line)
        if not m:
            break
        out.append(doc.fact(clean(m["item"]), offset + m.start("item"), offset + m.end("item")))
    return tuple(out)


def _posts(doc: Doc, start: int, end: int) -> tuple[Post, ...]:
    m = POSTS.search(doc.text, start, end)
    if not m:
        return ()
    kind = re.sub(r"s\b", "", fold(m["kind"]).replace("chefs", "chef"))
    kind = re.sub(r"\s+", " ", kind).strip()
    sites = list(SITE.finditer(m["rest"]))
    base = m.start("rest")
    def site_name(s: re.Match[str]) -> str:
        return ("Le " if s["prep"] == "au" else "") + s["site"]
    if sites:
        return tuple(Post(kind=doc.group_fact(m, "kind", kind),
                          site=doc.fact(site_name(s), base + s.start("site"), base + s.end("site")))
                     for s in sites)
    count = {"un": 1, "une": 1, "deux": 2, "trois": 3}.get(fold(m["count"]))
    n = count if count is not None else int(m["count"])
    return tuple(Post(kind=doc.group_fact(m, "kind", kind)) for _ in range(n))


def read_programme(doc: Doc, start: int, end: int, *, title: str) -> Programme | None:
    scheme = _scheme(doc, start, end)
    population = POPULATION.search(doc.text, start, end)
    funding = read_funding(doc, start, end)
    if scheme is None and population is None and funding is None:
        return None
    launch = LAUNCH.search(doc.text, start, end)
    territory = _territory(doc, start, end)
    period = PERIOD.search(doc.text, start, end)
    replaces = REPLACES.search(doc.text, start, end)
    count = MEMBER_COUNT.search(doc.text, start, end)
    key = KEY.search(doc.text, start, end)
    basis = None
    if key:
        basis = doc.group_fact(key, "basis", "population" if "habitant" in fold(key["basis"])
                               or "population" in fold(key["basis"]) else fold(key["basis"]))
    return Programme(
        scheme=scheme or doc.fact("", start, start),
        territory=territory,
        launch_date=doc.fact(date_from_match(launch), *(launch.span("day") if launch["day"] else
                             launch.span("nday"))[:1], launch.end("year") if launch["day"] else
                             launch.end("nyear")) if launch else None,
        launch_event=doc.text_fact(launch, "event") if launch else None,
        start_year=doc.group_fact(period, "start", int(period["start"])) if period else None,
        end_year=doc.group_fact(period, "end", int(period["end"])) if period else None,
        replaces=doc.text_fact(replaces, "old") if replaces else None,
        members=_members(doc, start, end),
        member_count=doc.group_fact(count, "n", int(count["n"])) if count else None,
        population=doc.group_fact(population, "n", int(parse_number(population["n"])))
        if population else None,
        departments=_departments(doc, start, end),
        axes=_axes(doc, start, end),
        governance=tuple(GovernanceBody(name=doc.text_fact(b, "name"),
                                        role=doc.text_fact(b, "role"))
                         for b in BODY.finditer(doc.text, start, end)),
        posts=_posts(doc, start, end),
        allocation_key=basis,
        funding=funding,
        commitments=tuple(read_commitments(doc, start, end)),
    )
