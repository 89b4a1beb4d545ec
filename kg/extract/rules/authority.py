"""Rules for the deciding authority and its council.

A council naming its own authority ("le Conseil municipal de la Ville de Fosses")
comes first; then headings: the name alone above "EXTRAIT DU REGISTRE" before the
lines that open with "Commune de X", which a financing table's rows can also do.

The authority is read as written, with its kind ("COMMUNE DE TRONGET",
"Communauté d'Agglomération de Saintes"); the registry resolves it. When rules
disagree, the reading of the earliest rule in ``RULES`` wins (its position in
the text breaks ties): a heading names the authority more reliably than a
sentence of the body.
"""

from __future__ import annotations

from kg.extract.rules import Rule, group
from kg.extract.rules.names import NAME_WORDS, PLACE

_LINK = r"(?:\s+(?:DE\s+LA|DE|DU|DES|D')\s*|\s+D')"
_EPCI_KIND = (r"(?:Communaut[ée]\s+(?:d'agglom[ée]ration|de\s+communes|urbaine)|M[ée]tropole|"
              r"Syndicat\s+(?:mixte|intercommunal|d[ée]partemental)(?:\s+(?:d'|de\s+l')\w+)?"
              r"|Syndicat\s+des\s+eaux|SIVOM|SIVU|SMICTOM|SIRTOM|PETR|P[ôo]le\s+d'[ée]quilibre\s+"
              r"territorial\s+et\s+rural|"
              r"Centre\s+communal\s+d'action\s+sociale|C\.?C\.?A\.?S\.?)")
COUNCIL_KIND = (r"Conseil\s+(?:municipal|communautaire|m[ée]tropolitain|syndical|d[ée]partemental|"
                r"r[ée]gional|d'administration|de\s+communaut[ée]|de\s+(?:la\s+)?m[ée]tropole)"
                r"|Comit[ée]\s+syndical|Bureau\s+communautaire")

RULES: tuple[Rule, ...] = (
    Rule(
        "authority.council-of",
        # "du Conseil métropolitain de Dijon métropole", "le Conseil Municipal de la Ville de Fosses"
        rf"\b(?:{COUNCIL_KIND})\s+(?:de\s+la\s+|du\s+|de\s+l'|des\s+|de\s+|d')"
        r"(?!(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b|\d)"
        rf"(?P<value>(?:(?:ville|commune)\s+(?:de\s+|d')|{_EPCI_KIND}\s+(?:de\s+(?:la\s+|l')?|d'|du\s+|des\s+"
        r"|l[ae]s?\s+)?)?"
        rf"{NAME_WORDS})",
        read=group("authority"),
        examples=(
            ("## du Conseil métropolitain de Dijon métropole\n", {"authority": "Dijon métropole"}),
            ("s'est réuni en séance publique le Conseil Municipal de la Ville de Fosses, légalement",
             {"authority": "Ville de Fosses"}),
            ("Le Conseil Communautaire de la Communauté d'Agglomération de SAINTES, régulièrement",
             {"authority": "Communauté d'Agglomération de SAINTES"}),
            ("PROCES VERBAL DE LA RÉUNION DU CONSEIL MUNICIPAL \n\nDU LUNDI 06 FEVRIER 2017", {}),
            ("du Conseil communautaire de Communauté de communes la Domitienne\n",
             {"authority": "Communauté de communes la Domitienne"}),
            ("du Conseil communautaire de Communauté de communes de la Moivre à la Coole\n",
             {"authority": "Communauté de communes de la Moivre à la Coole"}),
            ("le Conseil communautaire de la CC Altitude 800 du 12 mars 2024",
             {"authority": "CC Altitude 800"}),
            ("du Conseil communautaire de Communauté de communes des Sources du Lac d'Annecy\n",
             {"authority": "Communauté de communes des Sources du Lac d'Annecy"}),
            ("du Conseil communautaire de la Communauté de communes Rives de l'Ain - Pays du Cerdon",
             {"authority": "Communauté de communes Rives de l'Ain - Pays du Cerdon"}),
        ),
    ),
    Rule(
        "authority.name-above-extract",
        # the name alone on a line above "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS"
        r"^[ \t#*]*(?!R[ée]publique|D[ée]partement|Arrondissement|Libert[ée]|Pr[ée]fecture|Conseil"
        r"|Comit[ée]|Bureau|S[ée]ance)"
        r"(?P<value>(?-i:[A-ZÀ-Þ])[^\n]{2,90}?)[ \t*]*\n(?:[ \t]*\n)*[ \t#*]*EXTRAIT\s+DU\s+REGISTRE",
        read=group("authority"),
        examples=(
            ("Communauté de communes Cœur de Savoie\nEXTRAIT DU REGISTRE DES DÉLIBÉRATIONS",
             {"authority": "Communauté de communes Cœur de Savoie"}),
            ("Communauté de communes Les Portes Briardes Entre Villes et Forêts\n\n"
             "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS",
             {"authority": "Communauté de communes Les Portes Briardes Entre Villes et Forêts"}),
            ("République française\nEXTRAIT DU REGISTRE DES DÉLIBÉRATIONS", {}),
            ("Conseil métropolitain\n\nEXTRAIT DU REGISTRE DES DÉLIBÉRATIONS", {}),
        ),
    ),
    Rule(
        "authority.commune-heading",
        # "COMMUNE DE TRONGET", "VILLE D'AVRANCHES", "MAIRIE DE CAMPBON" (capitals, may be glued)
        rf"(?P<value>(?-i:(?:COMMUNE|VILLE|MAIRIE){_LINK}(?:LA\s+|L')?){PLACE})",
        read=group("authority"),
        examples=(
            ("https://x.fr/20231130_Tronget.pdfCOMMUNE DE TRONGET EXTRAIT DU REGISTRE",
             {"authority": "COMMUNE DE TRONGET"}),
            ("VILLE D'AVRANCHES\n\nPROCES VERBAL", {"authority": "VILLE D'AVRANCHES"}),
            ("CR Affiché le 01/04/2021 MAIRIE DE CAMPBON Place de l'église",
             {"authority": "MAIRIE DE CAMPBON"}),
            ("Département de la Lozère\n\nCOMMUNE DE LACHAMP-RIBENNES\n",
             {"authority": "COMMUNE DE LACHAMP-RIBENNES"}),
        ),
    ),
    Rule(
        "authority.commune-line",
        # "Ville de Cherbourg-en-Cotentin Département…", "Ville de LANNION (Côtes d'Armor)"
        rf"^[ \t#*]*(?P<value>(?:Commune|Ville|Mairie)\s+(?:de\s+(?:la\s+)?|d'|du\s+|des\s+){PLACE})",
        read=group("authority"),
        examples=(
            ("Ville de LANNION (Côtes d'Armor)\nn° 20200608", {"authority": "Ville de LANNION"}),
            ("Commune des Mureaux\n", {"authority": "Commune des Mureaux"}),
            ("ci-dessous\nVille de Cherbourg-en-Cotentin Département de la Manche",
             {"authority": "Ville de Cherbourg-en-Cotentin"}),
        ),
    ),
    Rule(
        "authority.epci-heading",
        # "COMMUNAUTE D'AGGLOMERATION\n\nDE SAINTES", "Communauté de communes du Pays de Mormal"
        rf"^[ \t#*]*(?P<value>{_EPCI_KIND}\s+(?:de\s+(?:la\s+)?|du\s+|des\s+|d')?{NAME_WORDS})",
        read=group("authority"),
        examples=(
            ("COMMUNAUTE D'AGGLOMERATION\n\nDE SAINTES CONSEIL COMMUNAUTAIRE",
             {"authority": "COMMUNAUTE D'AGGLOMERATION DE SAINTES"}),
            ("Syndicat mixte du Pays Chaunois\nComité syndical",
             {"authority": "Syndicat mixte du Pays Chaunois"}),
            ("CENTRE COMMUNAL D'ACTION SOCIALE DE VILLEURBANNE\nConseil d'administration",
             {"authority": "CENTRE COMMUNAL D'ACTION SOCIALE DE VILLEURBANNE"}),
            ("Syndicat intercommunal d'énergie de la Loire\nComité syndical du 3 mai 2024",
             {"authority": "Syndicat intercommunal d'énergie de la Loire"}),
            ("SIVOM de la Vallée du Lot\n", {"authority": "SIVOM de la Vallée du Lot"}),
        ),
    ),
    Rule(
        "authority.name-above-council",
        # "DIJON MÉTROPOLE\nConseil métropolitain": the name alone on the line above its council
        r"^[ \t#*]*(?!R[ée]publique|D[ée]partement|Arrondissement|Libert[ée]|Pr[ée]fecture|Extrait)"
        r"(?P<value>(?-i:[A-ZÀ-Þ])[^\n]{2,60}?)[ \t*]*\n(?:[ \t]*\n)?[ \t#*]*"
        r"(?:Conseil\s+(?:municipal|communautaire|m[ée]tropolitain|syndical|d'administration)"
        r"|Comit[ée]\s+syndical)[ \t*]*$",
        read=group("authority"),
        examples=(
            ("DIJON MÉTROPOLE\nConseil métropolitain\n", {"authority": "DIJON MÉTROPOLE"}),
            ("République française\nConseil municipal\n", {}),
        ),
    ),
    Rule(
        "authority.actes-siren",
        # the SIREN inside an ACTES transmission number: "974-219740214-20260616-…"
        r"\b\d{3}-(?P<value>\d{9})-\d{8}-",
        read=group("siren"),
        examples=(
            ("Accusé de réception en préfecture 974-219740214-20260616-DEL2026_12-DE",
             {"siren": "219740214"}),
            ("Téléphone 974-219-740", {}),
        ),
    ),
    Rule(
        "council.kind",
        rf"\b(?P<value>{COUNCIL_KIND})",
        read=group("council"),
        examples=(
            ("le Conseil Municipal, Département de l'Allier", {"council": "Conseil Municipal"}),
            ("Compte-rendu du Conseil de Métropole Séance", {"council": "Conseil de Métropole"}),
            ("Délibération du Comité syndical", {"council": "Comité syndical"}),
        ),
    ),
)
