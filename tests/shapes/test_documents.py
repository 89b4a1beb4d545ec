"""Each family of rules shown on whole deliberations: a copy of the sample with one number or
name changed breaks a rule, and ``tkg validate`` names the rule and quotes the source line.

Violations make the command exit 1; rules whose severity is a warning (five clear days,
population key) leave it at 0 and are still reported. Provenance cannot be broken by editing
the text (the mapping ties every fact to its span), so its case removes the evidence of one
fact from the built store instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from pyoxigraph import NamedNode, Store

from kg.cli import main
from kg.mapping import Iris
from kg.mapping.vocab import TKG
from kg.pipeline import build
from kg.store import OxigraphStore
from tests.conftest import copy_store

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "corpus" / "dijon-metropole_2024-09-26_territoire-bourgogne-industrie.txt"
SECOND = ROOT / "tests" / "ontology" / "fixtures" / "cucm_2024-10-03_territoire-bourgogne-industrie.txt"


@dataclass(frozen=True)
class Case:
    rule: str
    old: str
    new: str
    quote: str  # a fragment of the source line the report must quote
    exit_code: int = 1


CASES = {
    "post-total": Case("Post total", "CCEALS\t925 € (1,5%)", "CCEALS\t952 € (1,5%)", "58 500 €"),
    "grand-total": Case("Grand total", "<b>117 000 €</b>", "<b>118 000 €</b>", "118 000 €"),
    "annual-commitment": Case("Annual commitment", "montant annuel total de 43 890 €",
                              "montant annuel total de 43 980 €", "43 980 €"),
    "votes-within-voters": Case("Votes within voters", "SCRUTIN POUR : 78", "SCRUTIN POUR : 80",
                                "80"),
    "present-named": Case("Present members named", "présents participant au vote : 67",
                          "présents participant au vote : 68", "68"),
    "one-proxy-per-holder": Case(
        "One proxy per holder", "GAUCHER pouvoir à Monsieur Emmanuel BICHOT",
        "GAUCHER pouvoir à Monsieur Jean-Marc RETY", "pouvoir à Monsieur Jean-Marc RETY"),
    "convocation-before-session": Case(
        "Convocation before session", "Convocation envoyée le 18 septembre 2024",
        "Convocation envoyée le 27 septembre 2024", "27 septembre 2024"),
    "clear-days": Case("Clear days of convocation", "Convocation envoyée le 18 septembre 2024",
                       "Convocation envoyée le 22 septembre 2024", "22 septembre 2024",
                       exit_code=0),
    "member-in-registry": Case(
        "Member in the registry", "la Communauté de Communes du Grand Autunois et",
        "la Communauté de Communes du Grand Imaginaire et", "Grand Imaginaire"),
    "population-covered": Case("Population covered", "444 993 habitants", "454 993 habitants",
                               "454 993", exit_code=0),
    "shares-add-up": Case("Shares add up to 100 %", "ANCT\t40 000 € (68%)", "ANCT\t40 000 € (78%)",
                          "Chef de Projet 1 porté par la CUCM"),
    "share-matches-amount": Case("Share matches amount", "Dijon métropole\t10 545 € (18%)",
                                 "Dijon métropole\t10 545 € (28%)", "28%"),
    "share-within-0-100": Case("Contribution", "CCEALS\t925 € (1,5%)", "CCEALS\t925 € (101,5%)",
                               "101,5%"),
    "everyone-votes": Case("Everyone votes", "SCRUTIN POUR : 78", "SCRUTIN POUR : 76", "76",
                           exit_code=0),
    "present-plus-absent": Case("Present plus absent", "Nombre de membres en exercice : 86",
                                "Nombre de membres en exercice : 85", "85"),
    "in-office-within-seats": Case("Session counts", "Nombre de membres du Conseil métropolitain : 86",
                                   "Nombre de membres du Conseil métropolitain : 80", "86"),
    "proxies-listed": Case("Proxies listed", "Nombre de procurations : 11",
                           "Nombre de procurations : 12", "12"),
    "proxy-holder-present": Case(
        "Proxy holder present", "GAUCHER pouvoir à Monsieur Emmanuel BICHOT",
        "GAUCHER pouvoir à Monsieur Thierry FALCONNET", "pouvoir à Monsieur Thierry FALCONNET"),
    "period": Case("Period", 'TERRITOIRE "Bourgogne Industrie" 2024-2027',
                   'TERRITOIRE "Bourgogne Industrie" 2027-2024', "2027"),
    "convention-in-phase": Case("Convention within its programme phase",
                                'TERRITOIRE "Bourgogne Industrie" 2024-2027',
                                'TERRITOIRE "Bourgogne Industrie" 2024-2029', "2029", exit_code=0),
    "members-as-listed": Case("Members as in the ANCT list",
                              "la Communauté de Communes du Grand Charolais, la Communauté de "
                              "Communes du Grand Autunois",
                              "la Communauté de Communes du Grand Autunois", "Bourgogne Industrie",
                              exit_code=0),
}


@pytest.fixture
def reference(reference_store_template: Path) -> Path:
    return reference_store_template


def build_store(folder: Path, reference: Path, documents: dict[str, str]) -> Path:
    """A copy of the ``reference`` store in ``folder``, with ``documents`` built into it."""
    texts = folder / "texts"
    texts.mkdir()
    for name, text in documents.items():
        (texts / name).write_text(text, encoding="utf-8")
    store = OxigraphStore(copy_store(reference, folder / "store"))
    outcomes = build([texts], store, iris=Iris())
    assert not any(o.error for o in outcomes), outcomes
    store.close()
    return folder / "store"


def run_validate(store: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["validate", "--store", str(store)])
    return code, capsys.readouterr().out


def assert_reported(out: str, rule: str, quote: str) -> None:
    blocks = re.split(r"\n(?=  (?:Violation|Warning) \[)", out)
    named = [b for b in blocks if f"[{rule}]" in b]
    assert named, f"no result of {rule!r} in:\n{out}"
    assert any(re.search(r"line \d+: .*" + re.escape(quote), b) for b in named), out


def test_sample_conforms_without_warnings(reference: Path, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    store = build_store(tmp_path, reference, {SAMPLE.name: SAMPLE.read_text("utf-8")})
    code, out = run_validate(store, capsys)
    assert code == 0
    assert "0 violation(s), 0 warning(s)" in out


# One case per family of rules runs in the fast tier; every case runs in the slow tier (each is
# a whole build and validation, about a second, and each rule is also checked on its small
# fixtures in the fast tier: tests/shapes/test_set_based.py, tests/shapes/test_shapes.py).
FAST = {"post-total", "votes-within-voters", "clear-days", "member-in-registry",
        "proxy-holder-present", "convention-in-phase"}


@pytest.mark.parametrize("name", [name if name in FAST else pytest.param(name, marks=pytest.mark.slow)
                                  for name in sorted(CASES)])
def test_changed_deliberation_breaks_the_rule(name: str, reference: Path, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    case = CASES[name]
    text = SAMPLE.read_text("utf-8")
    assert case.old in text
    store = build_store(tmp_path, reference, {SAMPLE.name: text.replace(case.old, case.new, 1)})
    code, out = run_validate(store, capsys)
    assert code == case.exit_code, out
    assert_reported(out, case.rule, case.quote)


def test_two_councils_giving_different_amounts_contradict_each_other(
        reference: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    second = SECOND.read_text("utf-8").replace("CCEALS\t925 € (1,5%)", "CCEALS\t952 € (1,5%)")
    store = build_store(tmp_path, reference, {SAMPLE.name: SAMPLE.read_text("utf-8"),
                                              SECOND.name: second})
    code, out = run_validate(store, capsys)
    assert code == 1
    assert_reported(out, "Same figures across documents", "925 €")
    assert_reported(out, "Same figures across documents", "952 €")


def test_two_councils_agreeing_conform(reference: Path, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    store = build_store(tmp_path, reference, {SAMPLE.name: SAMPLE.read_text("utf-8"),
                                              SECOND.name: SECOND.read_text("utf-8")})
    code, out = run_validate(store, capsys)
    assert code == 0, out


def test_fact_without_its_span_breaks_provenance(reference: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    path = build_store(tmp_path, reference, {SAMPLE.name: SAMPLE.read_text("utf-8")})
    raw = Store(str(path))
    evidence = {q.subject for q in raw.quads_for_pattern(
        None, NamedNode(TKG.property), NamedNode(TKG.votesFor))}
    for node in evidence:
        for q in list(raw.quads_for_pattern(node, None, None)):
            raw.remove(q)
    raw.flush()
    del raw
    code, out = run_validate(path, capsys)
    assert code == 1
    assert "[Source span]" in out and "votesFor" in out
