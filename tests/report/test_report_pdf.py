"""The Word report converts to PDF with LibreOffice (headless) and renders to a PNG page."""

from __future__ import annotations

from io import BytesIO

import pypdfium2 as pdfium
from sqlalchemy import Engine

from planwatch.report.model import build_report
from planwatch.report.writers import docx_to_pdf, to_docx

from .support import mini_plans


def test_docx_converts_to_pdf_with_the_report_text_and_renders_a_page(engine: Engine) -> None:
    pdf = docx_to_pdf(to_docx(build_report(engine, mini_plans(engine))))
    document = pdfium.PdfDocument(pdf)
    try:
        text = "".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
        flat = "".join(text.split())
        assert "主要指标完成情况" in flat and "资料来源" in flat
        assert "地区生产总值增长9%，高于年度目标0.5个百分点，完成年度目标" in flat
        assert "第1页" in flat  # the footer's page number field
        image = document[1].render(scale=1).to_pil()
        buffer = BytesIO()
        image.save(buffer, format="PNG")
        assert image.width > 500 and image.height > 700
        assert buffer.getvalue()[:8] == b"\x89PNG\r\n\x1a\n"
        # a rendered page is not blank: some pixels are dark (text, table lines)
        assert image.convert("L").getextrema()[0] < 100
    finally:
        document.close()
