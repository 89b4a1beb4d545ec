"""The sample deliberation's full record, compared field by field with a golden file.

Regenerate with ``pytest tests/extract --update-golden`` after checking the
new record against the text; never edit the golden file by hand.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kg.extract import extract
from kg.extract.plain import differences, to_plain
from kg.extract.values import fold

GOLDEN = Path(__file__).parent / "golden" / "sample.json"
FIELDS = ("source", "authority", "council", "session", "subject", "counts", "present", "absent",
          "proxies", "substitutes", "programme", "decisions", "vote", "issues")


@pytest.fixture(scope="module")
def sample_record(sample_path: Path) -> dict[str, object]:
    record = to_plain(extract(sample_path, display=sample_path.name), spans=True)
    assert isinstance(record, dict)
    return record


def test_golden_file_is_current(sample_record: dict[str, object], update_golden: bool) -> None:
    if update_golden:
        text = json.dumps(sample_record, ensure_ascii=False, indent=1)
        text = re.sub(r"\[\s+(\d+),\s+(\d+),\s+(\d+),\s+(\w+)\s+\]", r"[\1, \2, \3, \4]", text)
        GOLDEN.write_text(text + "\n", encoding="utf-8")
    assert set(json.loads(GOLDEN.read_text(encoding="utf-8"))) == set(sample_record)


@pytest.mark.parametrize("field", FIELDS)
def test_sample_field_matches_golden(field: str, sample_record: dict[str, object]) -> None:
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    diffs = differences(golden[field], sample_record[field], field)
    assert not diffs, "\n".join(diffs[:30])


def test_sample_counts_of_the_issue(sample_record: dict[str, object]) -> None:
    """The figures the issue names: 67 present, 19 absent, 11 proxies, 12 funding rows."""
    plan = sample_record["programme"]["funding"]  # type: ignore[index]
    rows = [r for p in plan["posts"] for r in p["rows"]]
    assert (len(sample_record["present"]), len(sample_record["absent"]),  # type: ignore[arg-type]
            len(sample_record["proxies"]), len(rows)) == (67, 19, 11, 12)  # type: ignore[arg-type]


def _facts(node: object, path: str = "") -> list[tuple[str, object, list[int]]]:
    if isinstance(node, dict):
        if set(node) == {"value", "span"}:
            return [(path, node["value"], node["span"])]
        return [f for k, v in node.items() for f in _facts(v, f"{path}.{k}")]
    if isinstance(node, list):
        return [f for i, v in enumerate(node) for f in _facts(v, f"{path}[{i}]")]
    return []


def test_sample_spans_quote_the_words_read(sample_record: dict[str, object],
                                            sample_path: Path) -> None:
    """Every number's digits and every name's first word lie inside its span."""
    text = sample_path.read_text(encoding="utf-8")
    wrong = []
    for path, value, (start, end, line, _page) in _facts(sample_record):
        quoted = text[start:end]
        if text.count("\n", 0, start) + 1 != line:
            wrong.append(f"{path}: line {line}")
        elif isinstance(value, int | str) and re.fullmatch(r"[\d.]+", str(value)):
            digits = str(value).replace(".", "").rstrip("0")
            if digits and digits not in re.sub(r"\D", "", quoted):
                wrong.append(f"{path}: {value} not in {quoted!r}")
        elif isinstance(value, str) and value and not re.match(r"\d{4}-", value):
            words = [fold(w).rstrip("s") for w in value.split() if len(w) > 2]
            if path.endswith("allocation_key"):
                continue
            if not any(w in fold(quoted) for w in words):
                wrong.append(f"{path}: {value!r} not in {quoted!r}")
    assert not wrong, "\n".join(wrong)
