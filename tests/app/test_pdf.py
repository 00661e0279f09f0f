"""PDF reports, read back by poppler: the Chinese text, the embedded fonts, the page furniture."""

import re
import shutil
from datetime import date

import pytest

from app import areas, units
from app.pdf import fonts as font_module
from app.pdf.ledger import report_ledger
from app.pdf.text import wrap
from app.pdf.unit_profile import report_unit
from app.unit_search import UnitFilter
from tests.app.test_cli import run
from tests.readers import needs_poppler, pdf_fonts, pdf_pages, pdf_text, pdf_words

pytestmark = needs_poppler


def _sql_counts(db, year, area_id):
    return db.execute(
        "SELECT count(*), sum(y.above_scale), sum(y.union_founded), sum(y.employees), sum(y.members)"
        " FROM units u LEFT JOIN unit_years y ON y.unit_id = u.id AND y.year = ?"
        " WHERE u.archived_at IS NULL AND u.area_id = ?", [year, area_id]).fetchone()


def test_ledger_pdf_reads_back_with_every_unit_totals_and_embedded_fonts(demo_db, tmp_path):
    area = areas.list_areas(demo_db)[0]
    path = tmp_path / "输出 报告" / "台账.pdf"
    path.parent.mkdir()
    result = report_ledger(demo_db, 2025, path, UnitFilter(area_id=area.id), on=date(2025, 12, 30))
    count, above, founded, employees, members = _sql_counts(demo_db, 2025, area.id)
    assert result.rows == count and result.pages == pdf_pages(path) and result.fonts_embedded

    text = pdf_text(path)
    assert "2025年度单位台账" in text and f"区域：{area.name}" in text
    assert f"共 {count:,} 家，规上 {above:,} 家，已建会 {founded:,} 家" in text
    codes = [r[0] for r in demo_db.execute(
        "SELECT credit_code FROM units WHERE area_id = ? AND archived_at IS NULL AND credit_code IS NOT NULL",
        [area.id])]
    assert codes and all(code in text for code in codes)  # codes never wrap, so each is whole
    last = pdf_text(path, page=result.pages, layout=True)
    total_line = next(line for line in last.splitlines() if line.strip().startswith("合计"))
    # one number format throughout: the 合计 row writes 1,234 as the summary line above the table does
    assert employees >= 1000 and f" {employees:,} " in f"{total_line} " and f" {members:,} " in f"{total_line} "
    assert "2025年12月30日" in last

    embedded = pdf_fonts(path)
    assert embedded and all(f["emb"] == "yes" for f in embedded), embedded
    assert all(f["type"].startswith("TrueType") or "CID" in f["type"] for f in embedded)


def test_every_page_repeats_the_header_and_numbers_pages_on_alternate_sides(demo_db, tmp_path):
    path = tmp_path / "台账.pdf"
    result = report_ledger(demo_db, 2025, path)
    assert result.pages >= 3
    for page in range(1, result.pages + 1):
        text = pdf_text(path, page=page)
        assert "统一社会信用代码" in text and f"— {page} —" in text
    last = pdf_text(path, page=result.pages)
    assert "合计" in last and re.search(r"\b[0-9A-Z]{18}\b", last)  # 合计 and the 落款 keep a unit with them
    for page in (1, 2):
        words = pdf_words(path, page)
        page_width = words[0][1]
        number_x = [x for word, x, _ in words if word == str(page)][-1]
        assert (number_x > page_width / 2) == (page % 2 == 1)  # odd pages right, even pages left


def test_unit_profile_has_details_and_every_year(demo_db, tmp_path):
    unit_id = demo_db.execute("SELECT id FROM units WHERE credit_code IS NOT NULL LIMIT 1").fetchone()[0]
    unit = units.get(demo_db, unit_id)
    path = tmp_path / "档案.pdf"
    result = report_unit(demo_db, unit_id, path)
    text = pdf_text(path, layout=True)
    assert "单位档案" in text and unit.data.name in text and unit.data.credit_code in text
    assert result.rows == len(unit.years) == 3
    for year, figures in unit.years.items():
        line = next(line for line in text.splitlines() if line.strip().startswith(str(year)))
        assert str(figures.employees) in line.split()


def test_an_empty_list_says_so(demo_db, tmp_path):
    path = tmp_path / "空.pdf"
    result = report_ledger(demo_db, 2025, path, UnitFilter(text="没有这样的单位"))
    assert result.rows == 0 and "没有符合条件的记录" in pdf_text(path)


def test_cancelling_leaves_no_file(demo_db, tmp_path):
    class Stop(Exception):
        pass

    def progress(done, total):
        raise Stop

    folder = tmp_path / "报告"
    folder.mkdir()
    with pytest.raises(Stop):
        report_ledger(demo_db, 2025, folder / "取消.pdf", progress=progress)
    assert list(folder.iterdir()) == []


def test_wrapping_chinese_keeps_punctuation_and_words_whole():
    name = font_module.fonts().body
    text = "示例县蓝天精工机械（集团）有限公司，电话0539-8888888，ABC123，"
    for width in (40, 60, 90, 150):
        lines = wrap(text, name, 10.5, width)
        assert "".join(lines) == text
        assert all(not line.startswith(("，", "）")) and not line.endswith("（") for line in lines)
        assert any("0539-8888888" in line for line in lines) or width < 70
    assert wrap("短", name, 10.5, 100) == ["短"]


def test_fonts_fall_back_to_a_named_non_embedded_font_when_none_is_found(tmp_path):
    result = font_module.resolve([tmp_path])
    assert not result.embedded and result.body == "STSong-Light"
    assert "未嵌入" in result.warning


def test_fonts_skip_a_face_that_cannot_be_embedded(tmp_path):
    system = font_module.index_fonts([p for p in font_module.search_dirs() if p != font_module.BUNDLED])
    good = next((system[n] for n in ("uming.ttc", "wqy-microhei.ttc", "simsun.ttc") if n in system), None)
    if good is None:
        pytest.skip("no TrueType Chinese font on this machine")
    (tmp_path / "simfang.ttf").write_bytes(b"OTTO" + b"\0" * 4096)  # CFF outlines: reportlab refuses them
    shutil.copy(good, tmp_path / good.name)
    result = font_module.resolve([tmp_path])
    assert result.embedded and "simfang" not in result.files["body"]
    assert result.files["body"].startswith(str(tmp_path / good.name))


def test_command_line_reports(demo_db, tmp_path):
    from app.db import db_path

    out = tmp_path / "台账 2025.pdf"
    done = run("report", "ledger", "--db", str(db_path(demo_db)), "--year", "2025", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "2025年度单位台账" in pdf_text(out)
    bad = run("report", "ledger", "--db", str(db_path(demo_db)), "--out", str(tmp_path / "a.xlsx"))
    assert bad.returncode == 1 and ".pdf" in bad.stderr
    empty = tmp_path / "没有字体"
    empty.mkdir()
    unit = run("report", "unit", "--db", str(db_path(demo_db)), "--id", "1", "--out", str(tmp_path / "u.pdf"),
               env={font_module.FONT_DIRS_ENV: str(empty)})
    assert unit.returncode == 0 and "未嵌入" in unit.stderr
    missing = run("report", "unit", "--db", str(db_path(demo_db)), "--id", "999999", "--out", str(out))
    assert missing.returncode == 1 and "999999" in missing.stderr


def test_no_table_line_holds_a_single_character(demo_db, tmp_path):
    """The ledger PDF of the whole county: no cell ends on a lone 司 (有限/公司, not 有限公/司) and no header
    splits as 工会主/席 or 职工人/数; the only one-character lines left are the 是/否 cells themselves."""
    path = tmp_path / "台账.pdf"
    report_ledger(demo_db, 2025, path, on=date(2025, 12, 30))
    lone = [line.strip() for line in pdf_text(path).splitlines() if re.fullmatch(r"[\u4e00-\u9fff]", line.strip())]
    assert lone and set(lone) <= {"是", "否"}, sorted(set(lone) - {"是", "否"})


def test_a_wrapped_name_does_not_strand_its_last_character():
    font = font_module.fonts().body
    from app.pdf.text import width

    room = width("白马昌瑞软件有限公", font, 9) + 0.5   # nine characters a line
    assert wrap("白马昌瑞软件有限公司", font, 9, room) == ["白马昌瑞软件有限", "公司"]
    assert wrap("白马昌瑞软件有限公司有限公司", font, 9, room) == ["白马昌瑞软件有限公", "司有限公司"]  # nothing lone
