"""Files from outside can never crash the program or exhaust its memory: each hostile file is refused in Chinese
naming the limit, before a reader allocates it; random damage to real files ends in a read or a refusal."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from app.errors import LedgerError
from app.importing.reader import read_sheet
from tests.conftest import ROOT


def xlsx(path: Path, far: str | None = None, text: str = "甲公司") -> Path:
    book = Workbook()
    ws = book.active
    ws.append(["单位名称", "职工人数"])
    ws.append([text, 12])
    if far:
        ws[far] = "x"
    book.save(path)
    return path


@pytest.mark.parametrize("far, limit", [("ALL1048576", "1,048,576 行 × 1,000 列"), ("AX1048576", "1,048,576 行"),
                                        ("GT10", "202 列"), ("Z300000", "300,000 行")])
def test_a_cell_far_away_is_refused_before_it_is_read(tmp_path, far, limit):
    path = xlsx(tmp_path / "远.xlsx", far)
    assert path.stat().st_size < 10_000
    with pytest.raises(LedgerError) as caught:
        read_sheet(path)
    assert limit in str(caught.value) and "最多 200,000 行、200 列" in str(caught.value)


def test_the_bomb_does_not_abort_a_process_with_little_memory(tmp_path):
    """The 9.8 KB file that made the reader allocate 33 GB and abort: refused within 1 GB of address space."""
    path = xlsx(tmp_path / "bomb.xlsx", "ALL1048576")
    code = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))\n"
            f"sys.path.insert(0, {str(ROOT)!r})\nfrom app.importing.reader import read_sheet\n"
            "from app.errors import LedgerError\n"
            f"try:\n    read_sheet({str(path)!r})\nexcept LedgerError as e:\n    print('refused', e)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.startswith("refused"), done.stderr


def test_a_zip_that_unpacks_to_gigabytes_is_refused(tmp_path):
    path = tmp_path / "炸弹.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", b"")
        with z.open("padding.bin", "w", force_zip64=True) as f:
            block = b"\0" * (1 << 20)
            for _ in range(600):
                f.write(block)
    with pytest.raises(LedgerError) as caught:
        read_sheet(path)
    assert "解压后有 600 MB" in str(caught.value)


def test_a_huge_cell_and_a_huge_csv_field_are_refused(tmp_path):
    made = xlsx(tmp_path / "短.xlsx", text="MARK")  # Excel and openpyxl stop at 32,767: a crafted file does not
    path = tmp_path / "长.xlsx"
    with zipfile.ZipFile(made) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(info, data.replace(b"MARK", b"x" * 40_000))
    with pytest.raises(LedgerError) as caught:
        read_sheet(path)
    assert "32,767 个字" in str(caught.value)
    big = tmp_path / "长.csv"
    big.write_text("单位名称\n" + "x" * 200_000 + "\n", encoding="utf-8")
    with pytest.raises(LedgerError) as caught:
        read_sheet(big)
    assert "32,767 个字" in str(caught.value)


def test_csv_quirks_read_or_refused(tmp_path):
    cr = tmp_path / "mac.csv"
    cr.write_bytes("单位名称,职工人数\r甲,5\r乙,6\r".encode("gb18030"))
    assert read_sheet(cr).rows == [["单位名称", "职工人数"], ["甲", "5"], ["乙", "6"]]
    wide = tmp_path / "宽.csv"
    wide.write_text(",".join(f"列{n}" for n in range(300)) + "\n", encoding="utf-8")
    with pytest.raises(LedgerError) as caught:
        read_sheet(wide)
    assert "300 列" in str(caught.value)


def test_an_ods_cell_repeated_across_the_sheet_is_refused(tmp_path):
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
               '<table:table table:name="表1"><table:table-row table:number-rows-repeated="1000000">'
               '<table:table-cell office:value-type="string" table:number-columns-repeated="16384">'
               '<text:p>x</text:p></table:table-cell></table:table-row></table:table>'
               '</office:spreadsheet></office:body></office:document-content>')
    path = tmp_path / "重复.ods"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content)
    with pytest.raises(LedgerError) as caught:
        read_sheet(path)
    assert "工作表「表1」用到了 1,000,000 行 × 16,384 列" in str(caught.value)


_GOOD: dict[str, bytes] = {}


def _good(kind: str) -> bytes:
    if kind not in _GOOD:
        if kind == "xlsx":
            buf = io.BytesIO()
            book = Workbook()
            ws = book.active
            for row in [["单位名称", "职工人数", "所属区域"], ["甲公司", 12, "青山镇"], ["乙公司", 30, "城关街道"]]:
                ws.append(row)
            book.save(buf)
            _GOOD[kind] = buf.getvalue()
        else:
            _GOOD[kind] = "单位名称,职工人数,所属区域\n甲公司,12,青山镇\n\"乙,公司\",30,城关街道\n".encode("gb18030")
    return _GOOD[kind]


@settings(max_examples=80, deadline=10_000, suppress_health_check=[HealthCheck.too_slow,
                                                                    HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(["xlsx", "csv"]), cuts=st.lists(st.tuples(st.integers(0, 10_000), st.binary(max_size=8)),
                                                            max_size=6), truncate=st.integers(0, 10_000))
def test_damaged_files_are_read_or_refused_never_a_traceback(tmp_path, kind, cuts, truncate):
    data = bytearray(_good(kind))
    for at, junk in cuts:
        at %= max(1, len(data))
        data[at:at + len(junk)] = junk
    if truncate and truncate < len(data):
        data = data[:-truncate % len(data) or None]
    path = tmp_path / f"坏{os.urandom(4).hex()}.{kind}"
    path.write_bytes(bytes(data))
    try:
        sheet = read_sheet(path)
    except LedgerError as exc:
        assert str(exc)  # a sentence, in Chinese, for the clerk
    else:
        assert isinstance(sheet.rows, list)


def test_a_list_out_killed_while_writing_leaves_the_previous_file_and_no_debris(demo_db, tmp_path):
    """20 kill trials of `people list --out`: the complete earlier export survives each; the next run clears
    what the killed ones left, and writes the file whole."""
    import random
    import signal
    import time

    from app.db import db_path

    db = str(db_path(demo_db))
    folder = tmp_path / "导出"
    folder.mkdir()
    out = folder / "职工.csv"
    main = [sys.executable, str(ROOT / "main.py")]
    assert subprocess.run([*main, "people", "list", "--db", db, "--out", str(out)], capture_output=True).returncode == 0
    complete = out.read_bytes()
    rng = random.Random(3)
    for _ in range(20):
        proc = subprocess.Popen([*main, "people", "list", "--db", db, "--out", str(out)], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, 0.8))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert out.read_bytes() == complete  # never a 0-byte or half file
    assert subprocess.run([*main, "people", "list", "--db", db, "--out", str(out)], capture_output=True).returncode == 0
    assert out.read_bytes() == complete
    assert [p.name for p in folder.iterdir()] == ["职工.csv"]  # the debris of the killed runs is gone
    assert out.stat().st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_the_refused_rows_of_a_person_import_mask_id_numbers(demo_db, tmp_path):
    from openpyxl import load_workbook

    from app.importing.kinds import KINDS
    from app.importing.plan import ImportOptions
    from app.importing.refused import write_refused
    from tests.app.test_import import make_xlsx

    bad_id = "11010519491231002Y"  # a wrong check character: refused, and the reason quotes it
    path = make_xlsx(tmp_path / "职工.xlsx", [["张三", "男", bad_id, "台账里没有的公司"]],
                     header=["姓名", "性别", "身份证号", "单位"])
    kind = KINDS["people"]
    sheet, mapping = kind.open(path)
    plan = kind.plan(demo_db, sheet, mapping, ImportOptions(2025))
    assert plan.refused
    out = write_refused(tmp_path / "不能导入.xlsx", plan)
    text = " ".join(str(c) for row in load_workbook(out).active.iter_rows(values_only=True) for c in row if c)
    assert bad_id not in text and "110105********002Y" in text
    full = write_refused(tmp_path / "完整.xlsx", plan, full_id=True)
    assert bad_id in " ".join(str(c) for row in load_workbook(full).active.iter_rows(values_only=True)
                              for c in row if c)


def test_a_legacy_xls_with_a_cell_far_away_is_refused_before_its_cells_become_python(tmp_path):
    """A 5.6 KB .xls (made by LibreOffice from a sheet with one cell at IV65536): .xls declares no size ahead, so
    the reader's own used area is checked before 16.7 million cells become Python objects."""
    from app.errors import LedgerError
    from app.importing.reader import read_sheet

    with pytest.raises(LedgerError, match="65,536 行 × 256 列，超出了程序能读的范围"):
        read_sheet(ROOT / "tests" / "fixtures" / "far-cell.xls")
