"""Write ``kg/mapping/tkg_terms.py``, the closed ``tkg:`` namespace, from the ontology.

Usage: python scripts/generate_vocab.py [--ontology PATH] [--out PATH] [--check]
Defaults: ontology/territoires-kg.ttl -> kg/mapping/tkg_terms.py.

Every term the ontology declares (``owl:Class``, ``owl:ObjectProperty``,
``owl:DatatypeProperty``, ``owl:AnnotationProperty``, ``owl:NamedIndividual``)
becomes one annotated attribute of an rdflib ``DefinedNamespace`` with
``_fail = True``: ``TKG.Deliberation`` is a term, ``TKG.Deliberatoin`` raises
``AttributeError``. Run it after editing the ontology; ``--check`` exits 1 when
the module is out of date (``tests/mapping/test_vocab.py`` runs the same check).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ONTOLOGY = ROOT / "ontology" / "territoires-kg.ttl"
DEFAULT_OUT = ROOT / "kg" / "mapping" / "tkg_terms.py"
TKG = "https://w3id.org/territoires-kg/ontology#"

# Declaration kinds, in the order the module lists them; a term is listed under the first.
KINDS = (
    ("Classes", OWL.Class),
    ("Object properties", OWL.ObjectProperty),
    ("Datatype properties", OWL.DatatypeProperty),
    ("Annotation properties", OWL.AnnotationProperty),
    ("Individuals", OWL.NamedIndividual),
)

HEADER = '''"""The terms of the territoires-kg ontology (``tkg:``), as a closed rdflib namespace.

Generated from ontology/territoires-kg.ttl by scripts/generate_vocab.py: do not
edit, run the script after editing the ontology (tests/mapping/test_vocab.py
fails while this module is out of date).

>>> TKG.Deliberation
rdflib.term.URIRef('https://w3id.org/territoires-kg/ontology#Deliberation')
>>> TKG.Deliberatoin
Traceback (most recent call last):
AttributeError: term 'Deliberatoin' not in namespace 'https://w3id.org/territoires-kg/ontology#'
"""

from __future__ import annotations

from rdflib import namespace as _rdflib
from rdflib.term import URIRef


class TKG(_rdflib.DefinedNamespace):
    """The territoires-kg ontology: every term it declares, and no other."""

    _NS = _rdflib.Namespace("https://w3id.org/territoires-kg/ontology#")
    _fail = True
'''


def declared_terms(ontology: Graph) -> dict[str, list[tuple[str, str]]]:
    """Local names and English labels of the ``tkg:`` terms, by declaration kind."""
    seen: set[str] = set()
    out: dict[str, list[tuple[str, str]]] = {}
    for title, kind in KINDS:
        rows = []
        for s in ontology.subjects(RDF.type, kind):
            if not isinstance(s, URIRef) or not str(s).startswith(TKG) or str(s) in seen:
                continue
            seen.add(str(s))
            label = next((str(v) for v in ontology.objects(s, RDFS.label)
                          if isinstance(v, Literal) and v.language == "en"), "")
            rows.append((str(s)[len(TKG):], label))
        out[title] = sorted(rows)
    return out


def render(ontology_file: Path) -> str:
    """The text of the generated module."""
    terms = declared_terms(Graph().parse(ontology_file, format="turtle"))
    lines = [HEADER]
    for title, rows in terms.items():
        if not rows:
            continue
        lines.append(f"\n    # {title}\n")
        for name, label in rows:
            if not name.isidentifier():
                raise SystemExit(f"{ontology_file}: tkg:{name} is not a Python identifier; "
                                 "rename the term (naming rules in ontology/README.md)")
            comment = f"  # {label}" if label else ""
            lines.append(f"    {name}: URIRef{comment}\n")
    return "".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ontology", type=Path, default=DEFAULT_ONTOLOGY)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if the module differs from what the ontology gives")
    args = parser.parse_args(argv)
    text = render(args.ontology)
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != text:
            print(f"{args.out} is out of date: run python scripts/generate_vocab.py", file=sys.stderr)
            return 1
        return 0
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
