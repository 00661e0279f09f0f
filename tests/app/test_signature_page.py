"""A stamped document never ends on a page holding nothing but the 落款 (the union's name and the date)."""

from __future__ import annotations

from datetime import date

from app.pdf.unit_profile import report_unit
from tests.readers import needs_poppler, pdf_text


@needs_poppler
def test_no_unit_profile_ends_on_a_page_with_only_the_signature(demo_db, tmp_path):
    checked = two_pages = 0
    for (unit_id,) in demo_db.execute("SELECT id FROM units ORDER BY id LIMIT 80").fetchall():
        out = tmp_path / f"{unit_id}.pdf"
        result = report_unit(demo_db, unit_id, out, on=date(2026, 12, 2))
        checked += 1
        if result.pages < 2:
            continue
        two_pages += 1
        last = [line for line in pdf_text(out, page=result.pages).splitlines() if line.strip()]
        words = [line for line in last if "—" not in line]  # the page number aside
        assert len(words) > 2, (unit_id, last)  # more than the union's name and the date
        assert any(line.strip() == "2026年12月2日" for line in words)
    assert checked == 80 and two_pages > 0
