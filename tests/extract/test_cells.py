"""One cell of a roll: what is left of other columns or labels is not part of the name."""

from __future__ import annotations

import pytest

from kg.extract.cells import read_item
from kg.extract.people import Roll
from kg.extract.text import Doc


@pytest.mark.parametrize(("cell", "present"), [
    ("23/11/2023 Jean-Marc DUMONT", "Jean-Marc DUMONT"),  # a date of the other column
    ("Maire BARILLAU Valérie", "BARILLAU Valérie"),  # a role labelling the names after it
    ("Conseillers délégués COSTE Eliane", "COSTE Eliane"),
])
def test_a_cell_keeps_only_the_name(cell: str, present: str) -> None:
    doc, roll = Doc.of(cell), Roll([], [], [], [])
    assert read_item(doc, roll, doc.text, 0, present=True)
    p = roll.present[0]
    assert doc.original[p.span.start:p.span.end] == present


def test_a_label_alone_is_no_name_and_no_warning() -> None:
    doc, roll = Doc.of("Conseillers Municipaux"), Roll([], [], [], [])
    assert read_item(doc, roll, doc.text, 0, present=True)
    assert not roll.present and not doc.issues
