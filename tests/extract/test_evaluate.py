"""`tkg eval`: the scorer counts right, wrong, extra and missing facts, and the real set keeps its floors."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from kg.cli import main
from kg.extract.compare import same_authority, same_person
from kg.extract.evaluate import evaluate

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = next((ROOT / "corpus").glob("*.txt"))
FLOORS = Path(__file__).with_name("real-floors.json")


def real_corpus() -> Path:
    folder = Path(os.environ.get("TKG_REAL_CORPUS", ROOT.parent / "shared" / "corpus" / "real"))
    if not folder.is_dir():
        pytest.fail(f"real corpus not found at {folder}: set TKG_REAL_CORPUS to the folder of real "
                    "deliberations with their *.expected.json")
    return folder


@pytest.fixture
def scored_folder(tmp_path: Path) -> Path:
    shutil.copy(SAMPLE, tmp_path / "dijon.txt")
    expected = {
        "authority": "Dijon Métropole",
        "session_date": "2024-09-26",
        "president": "Nobody WRONG",  # the sample's president is François REBSAMEN
        "counts": {"in_office": 86, "absent": 3},  # the sample states no absent count this way
        "proxies": [["François DESEILLE", "Marie-Hélène JUILLARD-RANDRIAN"]],
    }
    (tmp_path / "dijon.expected.json").write_text(json.dumps(expected), encoding="utf-8")
    return tmp_path


def test_scorer_counts_right_wrong_and_missing_facts(scored_folder: Path) -> None:
    fields = evaluate(scored_folder).fields()
    assert (fields["authority"].tp, fields["authority"].fp, fields["authority"].fn) == (1, 0, 0)
    assert (fields["session_date"].tp, fields["session_date"].fn) == (1, 0)
    assert (fields["president"].tp, fields["president"].fp, fields["president"].fn) == (0, 1, 1)
    assert fields["counts.in_office"].tp == 1


def test_facts_the_reader_did_not_record_are_false_positives(scored_folder: Path) -> None:
    fields = evaluate(scored_folder).fields()
    # One proxy recorded, eleven read: one true positive, ten the reader did not record.
    assert (fields["proxies"].tp, fields["proxies"].fp) == (1, 10)
    assert fields["counts.present"].fp == 1


def test_a_rejected_document_misses_every_recorded_fact(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("Rien à lire ici.\n", encoding="utf-8")
    (tmp_path / "x.expected.json").write_text(json.dumps({"session_date": "2024-01-01"}), encoding="utf-8")
    corpus = evaluate(tmp_path)
    assert corpus.documents[0].error
    assert corpus.fields()["session_date"].fn == 1


def test_eval_exits_1_below_a_floor(scored_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", str(scored_folder), "--min-recall", "0.5"]) == 0
    assert main(["eval", str(scored_folder), "--min-precision", "0.99"]) == 1
    assert "below the floor" in capsys.readouterr().err


def test_eval_of_a_folder_without_expected_files_is_a_usage_error(tmp_path: Path) -> None:
    assert main(["eval", str(tmp_path)]) == 2


def test_names_are_compared_loosely_but_not_too_loosely() -> None:
    assert same_person("Eléna BARANSKI", "Elena BARANSKI")
    assert same_person("M. HUET", "Bertrand HUET")
    assert not same_person("Patricia RAYNAUD", "Pascal RAYNAUD")
    assert same_authority("Ville de Lannion", "Commune de LANNION")
    assert not same_authority("Communauté de communes Gâtine-Racan", "Gâtine-Racan")


@pytest.mark.slow  # extracts every document of the real corpus
def test_real_corpus_keeps_its_floors() -> None:
    """Precision and recall over the real deliberations never fall below the recorded floors.

    The floors in real-floors.json only ever go up: raise them when the extractor improves.
    """
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    total = evaluate(real_corpus()).total()
    assert total.precision >= floors["precision"], f"precision {total.precision:.3f}"
    assert total.recall >= floors["recall"], f"recall {total.recall:.3f}"


def test_unanimity_is_as_stated_or_as_the_counts_show_it() -> None:
    from kg.extract.evaluate_fields import _unanimous
    from kg.extract.records import Fact, Outcome, Span, Vote

    def n(value: int) -> Fact[int]:
        return Fact(value, Span(0, 1, 1))

    stated = Fact(Outcome.ADOPTED_UNANIMOUSLY, Span(0, 1, 1))
    assert _unanimous(Vote(pour=n(23), not_voting=n(6))) is False  # six present did not vote
    assert _unanimous(Vote(pour=n(23), not_voting=n(1), outcome=stated)) is True  # as written
    assert _unanimous(Vote(pour=n(20), abstention=n(2))) is False
    assert _unanimous(Vote(pour=n(20), contre=n(0), abstention=n(0))) is True
    assert _unanimous(Vote(pour=n(20))) is None  # against and abstentions not said: unknown
