"""Render a text deliberation to a PDF with a text layer, as council software does (fpdf2).

Markup (HTML bold, Markdown emphasis and headings) becomes plain text; tab-separated
cells are placed at column stops; paragraphs wrap at the right margin.
"""

from __future__ import annotations

import re
from pathlib import Path

FONT_PLACES = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/TTF/DejaVuSans.ttf"),
)
_MARKUP = re.compile(r"</?b>|\*\*|^#+\s*")


def unicode_font() -> Path | None:
    return next((p for p in FONT_PLACES if p.exists()), None)


def _tables(lines: list[str]) -> dict[int, list[float]]:
    """Column widths (in character counts) of each block of tab-separated lines."""
    widths: dict[int, list[float]] = {}
    block: list[int] = []
    for i, line in enumerate([*lines, ""]):
        if "\t" in line:
            block.append(i)
            continue
        if block:
            n = max(lines[j].count("\t") + 1 for j in block)
            cols = [max((len(lines[j].split("\t")[c]) if c <= lines[j].count("\t") else 0)
                        for j in block) + 4 for c in range(n)]
            for j in block:
                widths[j] = [float(w) for w in cols]
        block = []
    return widths


def render_pdf(text: str, target: Path, *, font: Path, footer: str = "Extrait du registre") -> Path:
    from fpdf import FPDF

    class Document(FPDF):  # type: ignore[misc]
        def footer(self) -> None:
            self.set_y(-12)
            self.cell(0, 4, f"{footer} - page {self.page_no()}", align="C")

    pdf = Document(format="A4")
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_font("DejaVu", fname=str(font))
    pdf.set_font("DejaVu", size=8)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    lines = [_MARKUP.sub("", raw).rstrip() for raw in text.split("\n")]
    tables = _tables(lines)
    for i, line in enumerate(lines):
        if i in tables:
            cols = tables[i]
            scale = width / sum(cols)
            for cell, w in zip([*line.split("\t"), *[""] * len(cols)], cols, strict=False):
                pdf.cell(w * scale, 4, cell.strip())
            pdf.ln(4)
        elif line.strip():
            pdf.multi_cell(width, 4, line.strip(), align="L", new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(3)
    pdf.output(str(target))
    return target
