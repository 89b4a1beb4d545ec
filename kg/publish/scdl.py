"""The graph in the national SCDL formats: deliberations (2.1.x) and grants (1.1.0).

Schemas: ``kg/resources/scdl/*.schema.json``, written from the published
documentation on schema.data.gouv.fr (see the README there).

Deliberations (one row per deliberation):

- ``COLL_NOM`` the authority's official name (the name as written when the
  registry did not resolve it); ``COLL_SIRET`` its head-office SIRET from the
  user's SIREN -> SIRET table (:mod:`kg.publish.siret`), else left empty and
  reported: the digits are never invented.
- ``DELIB_ID`` the deliberation's number when the text gives one, else its IRI
  in the graph (a stable identifier, reported as such).
- ``DELIB_MATIERE_CODE`` / ``_NOM``: ACTES nomenclature, level 2. One rule
  only: a deliberation about a territory of a national programme is "8.4
  aménagement du territoire"; others are left empty and reported.
- ``VOTE_EFFECTIF`` = members in office (else seats): "l'effectif total des
  représentants élus susceptibles de participer au vote";
  ``VOTE_REEL`` = the declared number of voters ("Votants : N"), else
  pour + contre + abstention (the members who took part, proxies counted as
  the votes they carry; "ne se prononce pas" excluded);
  ``VOTE_POUR`` / ``VOTE_CONTRE`` / ``VOTE_ABSTENTION`` as extracted.
- ``DELIB_URL``, ``BUDGET_*``, ``PREF_*`` are not in the graph: empty.

Grants (one row per contribution and year, as the funding table gives
annual amounts): attribuant = the funder, bénéficiaire = the authority
carrying the post, ``objet`` = post label and convention, ``montant`` = that
year's amount, ``datesPeriodeVersement`` = the year, ``dateConvention`` = the
date of the first deliberation approving the convention (the signature date
is not in the texts), ``referenceDecision`` = the number of the funder's own
approving deliberation when known, ``nature`` = "aide en numéraire",
``notificationUE`` = "non" (a grant between public authorities, not a State
aid to a business), ``pourcentageSubvention`` = 1 (each row is one grant to
one beneficiary; the funder's share of the post stays in the graph). A
carrier's own contribution to its post is not a grant, nor is a zero amount:
both are left out and counted in the notes.

A cell a spreadsheet would run as a formula (beginning with ``=``, ``+``, ``-``,
``@``, tab or carriage return, and not a plain number) is written with a leading
``'`` (:func:`kg.output.defuse`) and counted in the notes.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import IO

from kg.output import defuse
from kg.resources import sparql
from kg.store import KnowledgeStore

DELIBERATION_COLUMNS = (
    "COLL_NOM", "COLL_SIRET", "DELIB_ID", "DELIB_DATE", "DELIB_MATIERE_CODE",
    "DELIB_MATIERE_NOM", "DELIB_OBJET", "BUDGET_ANNEE", "BUDGET_NOM", "PREF_ID", "PREF_DATE",
    "VOTE_EFFECTIF", "VOTE_REEL", "VOTE_POUR", "VOTE_CONTRE", "VOTE_ABSTENTION", "DELIB_URL",
)
SUBVENTION_COLUMNS = (
    "nomAttribuant", "idAttribuant", "dateConvention", "referenceDecision", "nomBeneficiaire",
    "idBeneficiaire", "objet", "montant", "nature", "conditionsVersement",
    "datesPeriodeVersement", "idRAE", "notificationUE", "pourcentageSubvention",
)
SCHEMAS = {"scdl-deliberations": "deliberations-2.1.5.schema.json",
           "scdl-subventions": "subventions-1.1.0.schema.json"}
TERRITORY_MATIERE = ("8.4", "domaines de compétences par thèmes/aménagement du territoire")
_OBJET_MAX = 255

Row = dict[str, str]


@dataclass
class Table:
    """Rows in a national format, and what the user should know about them."""

    columns: tuple[str, ...]
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def write(self, out: IO[str]) -> None:
        w = csv.DictWriter(out, fieldnames=self.columns, lineterminator="\n")
        w.writeheader()
        defused = 0
        for row in self.rows:
            safe = {k: defuse(v) for k, v in row.items()}
            defused += sum(1 for k, v in safe.items() if v != row[k])
            w.writerow(safe)
        if defused:
            self.notes.append(f"{defused} cell(s) beginning like a spreadsheet formula "
                              "(=, +, -, @) written with a leading ' so that no spreadsheet runs them")


def schema_path(fmt: str) -> Path:
    """The Table Schema file of ``scdl-deliberations`` or ``scdl-subventions``."""
    return Path(str(resources.files("kg.resources") / "scdl" / SCHEMAS[fmt]))


def _number(v: str | None) -> str:
    return "" if v is None else format(Decimal(v).normalize(), "f")


def _missing(table: Table, what: str, missing: dict[tuple[str, str], list[int]]) -> None:
    for (name, siren), rows in sorted(missing.items()):
        why = f"SIREN {siren} not in the SIRET table" if siren else "no SIREN in the registry"
        table.notes.append(f"{what} left empty for {name!r} ({why}) on data row(s) "
                           f"{', '.join(map(str, rows))}")


def deliberations(store: KnowledgeStore, *, sirets: Mapping[str, str]) -> Table:
    """The deliberations of ``store`` as SCDL deliberations rows (see the module notes)."""
    table = Table(DELIBERATION_COLUMNS)
    missing: dict[tuple[str, str], list[int]] = defaultdict(list)
    for n, r in enumerate(store.select(sparql("scdl-deliberations.rq")), start=1):
        siren = r["siren"] or ""
        if siren not in sirets:
            missing[(r["name"] or r["authority"] or "", siren)].append(n)
        code, matiere = TERRITORY_MATIERE if r["territory"] else ("", "")
        if not code:
            table.notes.append(f"row {n}: DELIB_MATIERE_* left empty (no ACTES rule applies)")
        if not r["number"]:
            table.notes.append(f"row {n}: no deliberation number in the text; "
                               "DELIB_ID is the deliberation's IRI")
        pour, contre, abst = r["pour"], r["contre"], r["abstention"]
        reel = r["voters"] or (str(int(pour) + int(contre) + int(abst))
                               if None not in (pour, contre, abst) else "")
        table.rows.append({
            "COLL_NOM": r["name"] or "", "COLL_SIRET": sirets.get(siren, ""),
            "DELIB_ID": r["number"] or r["deliberation"] or "", "DELIB_DATE": r["date"] or "",
            "DELIB_MATIERE_CODE": code, "DELIB_MATIERE_NOM": matiere,
            "DELIB_OBJET": r["title"] or "", "BUDGET_ANNEE": "", "BUDGET_NOM": "",
            "PREF_ID": "", "PREF_DATE": "", "VOTE_EFFECTIF": r["in_office"] or r["seats"] or "",
            "VOTE_REEL": reel, "VOTE_POUR": pour or "", "VOTE_CONTRE": contre or "",
            "VOTE_ABSTENTION": abst or "", "DELIB_URL": "",
        })
    _missing(table, "COLL_SIRET", missing)
    return table


def _objet(r: Mapping[str, str | None]) -> str:
    period = f" {r['start']}-{r['end']}" if r["start"] and r["end"] else ""
    text = f"{r['post_label'] or 'Poste'} - convention {r['territory_label'] or ''}{period}"
    return " ".join(text.split())[:_OBJET_MAX]


def subventions(store: KnowledgeStore, *, sirets: Mapping[str, str]) -> Table:
    """The contributions of ``store`` as SCDL grants rows (see the module notes)."""
    table = Table(SUBVENTION_COLUMNS)
    missing: dict[str, dict[tuple[str, str], list[int]]] = {
        "idAttribuant": defaultdict(list), "idBeneficiaire": defaultdict(list)}
    undated: list[int] = []
    own = zero = 0
    for r in store.select(sparql("scdl-subventions.rq")):
        if r["funder"] == r["carrier"]:
            own += 1
            continue
        if Decimal(r["amount"] or "0") == 0:
            zero += 1
            continue
        n = len(table.rows) + 1
        for column, name, siren in (("idAttribuant", r["funder_name"], r["funder_siren"]),
                                    ("idBeneficiaire", r["carrier_name"], r["carrier_siren"])):
            if (siren or "") not in sirets:
                missing[column][(name or "", siren or "")].append(n)
        if not r["approved"]:
            undated.append(n)
        table.rows.append({
            "nomAttribuant": r["funder_name"] or "",
            "idAttribuant": sirets.get(r["funder_siren"] or "", ""),
            "dateConvention": r["approved"] or "", "referenceDecision": r["decision"] or "",
            "nomBeneficiaire": r["carrier_name"] or "",
            "idBeneficiaire": sirets.get(r["carrier_siren"] or "", ""), "objet": _objet(r),
            "montant": _number(r["amount"]), "nature": "aide en numéraire",
            "conditionsVersement": "versement annuel selon le plan de financement de la convention",
            "datesPeriodeVersement": f"{r['year']}-01-01/{r['year']}-12-31", "idRAE": "",
            "notificationUE": "non", "pourcentageSubvention": "1",
        })
    for column, found in missing.items():
        _missing(table, column, found)
    if undated:
        table.notes.append("dateConvention left empty (no deliberation in the store approves the "
                           f"convention) on data row(s) {', '.join(map(str, undated))}")
    if own or zero:
        table.notes.append(f"left out: {own} contribution-year(s) of a post's own carrier, "
                           f"{zero} of zero amount (not grants)")
    return table


EXPORTS = {"scdl-deliberations": deliberations, "scdl-subventions": subventions}


def export(store: KnowledgeStore, fmt: str, out: IO[str], *,
           siret_table: Path | None = None) -> list[str]:
    """Write ``fmt`` (a key of :data:`EXPORTS`) to ``out``; return the notes for the user.

    Raises :class:`kg.publish.siret.SiretTableError` for an unreadable SIRET table.
    """
    from kg.publish.siret import read_siret_table

    sirets = read_siret_table(siret_table) if siret_table else {}
    table = EXPORTS[fmt](store, sirets=sirets)
    table.write(out)
    if siret_table is None and table.rows:
        table.notes.insert(0, "no --siret-table given: SIRET columns are empty")
    return table.notes
