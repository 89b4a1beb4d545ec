"""Financing-plan rules ("plan de financement": DETR, DSIL, CRTE, LEADER, Région, autofinancement…).

Three layouts are read, each checked by the plan's own arithmetic before it is kept:

- ``inline-row``: one funder a line with its amount and share, expense cells of a
  flattened two-column table possibly before it on the same line
  ("Travaux 744 800,00 € État (DSIL) 150 000,00 € 18,30 %");
- ``label-run``: the funders' labels under "Plan de financement" down to "TOTAL", their
  amounts in a separate run after them (a table whose columns were flattened one after
  the other); the run of amounts whose sum is the next amount is the plan;
- ``cell-stream``: one cell a line under "Financeurs" (funder, status, eligible base,
  rate, aid); a row is kept only when its aid is its base times its rate;
- ``colon-row``: "DETR : 25 500 € (30 %)" one funder a line, under "Recettes" when the
  plan also lists its expenses; kept when the rows add up to the written total, or,
  with no total, when every row has a share and the shares make 100 %.
"""

from __future__ import annotations

import re

from kg.extract.rules.groups import PatternRule

SP = r"[ \u00a0\u202f]"
NUMBER = rf"\d{{1,3}}(?:(?:{SP}|\.)\d{{3}})+(?:[.,]\d{{1,2}})?|\d+(?:[.,]\d{{1,2}})?"
EURO = r"(?:€|euros?|EUR)(?:[^\S\n]*(?:H\.?T\.?|TTC)\b\.?)?"
_M = re.IGNORECASE | re.MULTILINE

TRIGGER = PatternRule(
    "plan-trigger",
    r"plan\s+(?:pr[ée]visionnel\s+)?de\s+financement|^\W*financeurs\b|\brecettes\b",
    (("Considérant que le plan de financement est le suivant :", {}), ("Financeurs", {}),
     ("Dépenses subventionnables Recettes € HT", {})), flags=_M)
INLINE_ROW = PatternRule(
    "inline-row",
    rf"(?<![^\W\d_])(?P<funder>[^\d€%\n:;]{{2,120}}?)[^\S\n]*(?P<amount>{NUMBER})[^\S\n]*{EURO}[^\S\n]*"
    rf"(?P<share>\d{{1,3}}(?:[.,]\d{{1,2}})?)[^\S\n]*%[^\S\n]*$",
    (("Travaux 744 800,00 € État (DSIL) 150 000,00 € 18,30 %",
      {"funder": " État (DSIL)", "amount": "150 000,00", "share": "18,30"}),
     ("Région Bretagne 288 000 € 44%", {"funder": "Région Bretagne", "amount": "288 000"}),
     ("Communauté d'agglomération Grand Paris Sud Seine Essonne Sénart 66 000 € 10%",
      {"funder": "Communauté d'agglomération Grand Paris Sud Seine Essonne Sénart"}),
     ("Travaux 652 500 €", None)), flags=_M)
LABEL_RUN_HEAD = PatternRule("label-run", r"^\W*plan\s+(?:pr[ée]visionnel\s+)?de\s+financement\W*$",
                      (("Plan de financement ", {}), ("Le plan de financement est le suivant", None)),
                      flags=_M)
AMOUNT_LINE = PatternRule("amount-line", rf"^[^\S\n]*(?P<amount>{NUMBER})[^\S\n]*{EURO}[^\S\n]*$",
                   (("127 500.00 € H.T ", {"amount": "127 500.00"}), ("60 270.00 € ", {}),
                    ("Travaux 12 000 €", None)), flags=_M)
SHARE_LINE = PatternRule("share-line", r"^[^\S\n]*(?P<share>\d{1,3}(?:[.,]\d{1,2})?)[^\S\n]*%[^\S\n]*$",
                  (("14.00%", {"share": "14.00"}),), flags=_M)
TOTAL_LABEL = PatternRule("total-label", r"^\W*(?:sous[-\s]?)?total\b", (("TOTAL ", {}), ("Total HT", {})),
                   flags=_M)
NUMBERED_LINE = PatternRule("numbered-line", r"^[^\S\n]*\d{1,2}[^\S\n]*[-–.)][^\S\n]+\S",
                     (("3-  Catégorie 2 – Eclairage public.", {}),), flags=_M)
FUNDER_HEAD = PatternRule("cell-stream", r"^\W*financeurs\W*$", (("Financeurs", {}),), flags=_M)
STATUS = PatternRule("funding-status", r"^\W*(?:sollicit[ée]e?s?|acquise?s?|obtenue?s?|attribu[ée]e?s?|"
              r"notifi[ée]e?s?|accord[ée]e?s?)\b", (("acquis en 2021", {}), ("sollicité", {})),
              flags=_M)

COLON_ROW = PatternRule(
    "colon-row",
    rf"^[^\S\n]*[-–•*]?[^\S\n]*(?P<funder>[^:\n\d€%]{{2,120}}?)[^\S\n]*:[^\S\n]*(?P<amount>{NUMBER})"
    rf"[^\S\n]*{EURO}[^\S\n]*(?:[(,–-]?[^\S\n]*(?:soit[^\S\n]+)?(?P<share>\d{{1,3}}(?:[.,]\d{{1,2}})?)"
    rf"[^\S\n]*%[^\S\n]*\)?)?[^\S\n]*[.;,]?[^\S\n]*$",
    (("- DETR : 25 500 € (30 %)", {"funder": "DETR", "amount": "25 500", "share": "30"}),
     ("Région : 12 000,00 € HT soit 20%", {"funder": "Région", "share": "20"}),
     ("Autofinancement : 40 000 €", {"funder": "Autofinancement", "share": None}),
     ("- Communauté d'agglomération Grand Paris Sud Seine Essonne Sénart : 24 300 € (30 %)",
      {"funder": "Communauté d'agglomération Grand Paris Sud Seine Essonne Sénart"}),
     ("Le montant : 40 000 € a été voté par le conseil le 3 mai", None)), flags=_M)
SECTION = PatternRule(
    "plan-section",
    r"^\W*(?:(?P<expense>d[ée]penses?)|(?P<resources>recettes|ressources|financements?|financeurs))\b",
    (("Dépenses :", {"expense": "Dépenses"}), ("Recettes", {"resources": "Recettes"})), flags=_M)

RULES: tuple[PatternRule, ...] = (COLON_ROW, SECTION, TRIGGER, INLINE_ROW, LABEL_RUN_HEAD,
                                  AMOUNT_LINE, SHARE_LINE, TOTAL_LABEL, NUMBERED_LINE, FUNDER_HEAD,
                                  STATUS)
