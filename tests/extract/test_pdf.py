"""PDF input: the sample rendered to PDF (fpdf2, DejaVu Sans) gives the text's record.

The font is a system TTF (Debian ``fonts-dejavu-core``, which ``.ci/run`` installs): the core
PDF fonts cannot write "œ" or "€". Without it the tests fail and say what to install.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract import ExtractionError, extract
from kg.extract.deliberation import read_deliberation
from kg.extract.documents import read_document
from kg.extract.plain import differences, to_plain
from tools.synth import generate

from .pdfrender import render_pdf, unicode_font

pytestmark = pytest.mark.pdf  # each test renders deliberations with fpdf2

FONT = unicode_font()
MISSING_FONT = ("no DejaVu Sans TTF to render the sample's Unicode text to PDF: install Debian's "
                "fonts-dejavu-core (.ci/run does)")


def _plain(path: Path) -> dict[str, object]:
    record = to_plain(extract(path))
    assert isinstance(record, dict)
    record.pop("source")
    return record


@pytest.fixture(scope="module")
def sample_pdf(sample_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    if FONT is None:
        pytest.fail(MISSING_FONT)
    target = tmp_path_factory.mktemp("pdf") / "sample.pdf"
    return render_pdf(sample_path.read_text(encoding="utf-8"), target, font=FONT)


def test_pdf_of_the_sample_gives_the_same_record(sample_pdf: Path, sample_path: Path) -> None:
    diffs = differences(_plain(sample_path), _plain(sample_pdf))
    assert not diffs, "\n".join(diffs)


def test_pdf_facts_carry_their_page(sample_pdf: Path) -> None:
    d = extract(sample_pdf)
    assert len(d.source.pages) == 3
    assert d.present[0].span.page == 1
    assert d.vote.pour is not None and d.vote.pour.span.page == 3
    assert d.source.media_type == "application/pdf"


def test_running_footer_is_not_read_as_text(sample_pdf: Path) -> None:
    assert "page 2" not in extract(sample_pdf).source.text


@pytest.mark.xfail(strict=True, reason="a comma-separated roll wrapped at the right margin can "
                   "break between given and family name; the PDF reader joins only lines that "
                   "reach the margin, and layout-mode line lengths count characters, not width")
def test_pdf_of_a_wrapped_comma_separated_roll(tmp_path: Path) -> None:
    doc = next(g for g in generate(40, seed=7) if g.layout["roll"] == "commas")
    assert FONT is not None, MISSING_FONT
    path = render_pdf(doc.text, tmp_path / "d.pdf", font=FONT)
    record = to_plain(read_deliberation(read_document(path)))
    assert not differences(doc.expected, record)


def test_pdf_without_text_layer_is_a_clear_error(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")  # a scanned page: drawing, no text
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    with pytest.raises(ExtractionError, match="without a text layer"):
        extract(path)


def test_damaged_pdf_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n")
    with pytest.raises(ExtractionError, match=r"broken\.pdf"):
        extract(path)
