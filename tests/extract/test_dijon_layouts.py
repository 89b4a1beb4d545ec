"""Three layouts of the sample deliberation give the same facts.

The sample (``corpus/``) is an extract of the registry with tab-separated rolls;
``layouts/dijon-compte-rendu.txt`` writes it as a compte-rendu (the authority
alone above its council, the date in words, comma lists, proxies inside the
roll: "Y (pouvoir de X)"); ``layouts/dijon-registre.txt`` as a registry with one
"SURNAME Firstname" a line and a "POUVOIRS" section ("X à Y"). Both were
rewritten from the sample by hand-run script; the decision part is unchanged.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kg.extract import extract
from kg.extract.compare import fold, same_authority
from kg.extract.records import Deliberation, Person

HERE = Path(__file__).parent / "layouts"
VARIANTS = ["dijon-compte-rendu.txt", "dijon-registre.txt"]


def _who(p: Person | None) -> str:
    return "" if p is None else fold(f"{p.given_name or ''} {p.family_name}")


def facts(d: Deliberation) -> dict[str, Any]:
    """What the deliberation says, independent of how it is written."""
    assert d.session is not None and d.subject is not None
    return {
        "council": fold(d.council.value) if d.council else None,
        "date": d.session.date.value,
        "convocation": d.session.convocation_date.value if d.session.convocation_date else None,
        "president": _who(d.session.president.resolved) if d.session.president else None,
        "secretary": _who(d.session.secretary.resolved) if d.session.secretary else None,
        "counts": {k: getattr(d.counts, k).value for k in ("seats", "in_office", "present", "proxies")
                   if getattr(d.counts, k) is not None},
        "present": sorted(_who(p) for p in d.present),
        "absent": sorted(_who(p) for p in d.absent),
        "proxies": sorted((_who(x.grantor), _who(x.holder)) for x in d.proxies),
        "subject": d.subject.title.value,
        "decisions": [x.text.value for x in d.decisions],
        "vote": (d.vote.outcome.value if d.vote.outcome else None),
    }


@pytest.mark.parametrize("name", VARIANTS)
def test_layout_of_the_sample_gives_the_same_facts(name: str, sample_path: Path) -> None:
    original = extract(sample_path)
    variant = extract(HERE / name)
    assert original.authority is not None and variant.authority is not None
    assert same_authority(original.authority.value, variant.authority.value)
    expected, got = facts(original), facts(variant)
    differing = {k: (expected[k], got[k]) for k in expected if expected[k] != got[k]}
    assert not differing
    assert len(original.present) == 67 and len(original.proxies) == 11
