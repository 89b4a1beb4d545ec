"""Real multi-page PDF minutes give the facts of their text; PDFs that cannot be read say why."""

from __future__ import annotations

from pathlib import Path

import pytest
from fpdf import FPDF

from kg.extract import ExtractionError
from kg.extract.documents import read_document
from kg.extract.minutes import read_minutes
from kg.extract.plain import to_plain
from kg.extract.plans import read_plans
from kg.extract.text import Doc

from .real import real_document

pytestmark = pytest.mark.pdf  # real PDFs, and deliberations rendered with fpdf2


def _facts(path: Path) -> list[object]:
    doc = Doc.from_source(read_document(path))
    items, ranges = read_minutes(doc, plans=read_plans)
    out = [(i.number.value if i.number else None, to_plain(i.vote),
            [(r.funder.value, r.amount.value) for t in i.funding for r in t.rows]) for i in items]
    return [*out, *(to_plain(r) for r in ranges)]


def test_lannion_pdf_gives_the_items_votes_plans_and_ranges_of_its_text() -> None:
    from_text = _facts(real_document("16_", ".txt"))
    from_pdf = _facts(real_document("16_", ".pdf"))
    assert len(from_text) == 28  # 25 items and 3 ranges of questions
    assert from_pdf == from_text


def test_pdf_facts_carry_their_page() -> None:
    doc = Doc.from_source(read_document(real_document("16_", ".pdf")))
    items, _ranges = read_minutes(doc, plans=read_plans)
    plan = next(i for i in items if i.number and i.number.value == "22").funding[0]
    assert plan.rows[0].amount.span.page == 40


def _pdf(path: Path, *, text: str | None, pages: int = 1, user: str | None = None,
         owner: str | None = None) -> Path:
    pdf = FPDF()
    for _ in range(pages):
        pdf.add_page()
        if text is None:
            pdf.rect(20, 20, 100, 60, style="F")  # a scanned page: pixels, no text
        else:
            pdf.set_font("helvetica", size=12)
            pdf.cell(text=text)
    if owner is not None:
        pdf.set_encryption(owner_password=owner, user_password=user or "")
    pdf.output(str(path))
    return path


def test_image_only_pdf_is_reported_as_without_text_layer_with_its_page_count(tmp_path: Path) -> None:
    with pytest.raises(ExtractionError) as err:
        read_document(_pdf(tmp_path / "scan.pdf", text=None, pages=3))
    assert "without a text layer (no text in its 3 pages" in str(err.value)
    assert "not a deliberation" not in str(err.value)


def test_pdf_that_needs_a_password_is_refused_with_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ExtractionError) as err:
        read_document(_pdf(tmp_path / "locked.pdf", text="Seance du 26/09/2024", owner="o",
                           user="u"))
    message = str(err.value)
    assert message.startswith(f"{tmp_path / 'locked.pdf'}: ")
    assert "encrypted PDF" in message and "password" in message and "expected" in message


def test_pdf_protected_only_against_editing_is_read(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "protected.pdf", text="Seance du 26/09/2024", owner="o")
    assert "Seance du 26/09/2024" in read_document(path).text
