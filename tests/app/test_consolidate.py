"""汇总: three county files exported by `export return` from three different example counties add up, cell by
cell, to sums this test computes from the three files' own cells (read with openpyxl, not with the program's
reader); a doubled source, a mixed year, a tampered 合计 and a part above its whole are refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from app import settings
from app.db import open_database
from app.demo import build_demo
from app.errors import LedgerError
from app.returns.consolidate import consolidate, read_sources, write_consolidated
from app.returns.output import export_returns
from tests.app.test_cli import run

RATES = {"覆盖面(%)": ("参赛单位数", "单位数"), "规上企业覆盖面(%)": ("规上企业参赛数", "规上企业数"),
         "已建会非公企业覆盖面(%)": ("已建会非公企业参赛数", "已建会非公企业数"),
         "职工参与率(%)": ("参赛职工人数", "职工人数")}


@pytest.fixture(scope="module")
def counties(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("counties")
    out = []
    for seed, name in ((11, "甲县总工会"), (12, "乙县总工会"), (13, "丙县总工会")):
        db = open_database(folder / f"{seed}.db")
        build_demo(db, units=150, seed=seed, base_year=2025)
        settings.save_union_info(db, settings.UnionInfo(union_name=name, county=name[:2], filler="李四"))
        path = folder / f"{name}-2025.xlsx"
        export_returns(db, ["表一", "表二"], 2025, path, force=True)
        export_returns(db, ["表一"], 2024, folder / f"{name}-2024.xlsx", force=True)
        db.close()
        out.append(path)
    return out


def _sheet_cells(path: Path, number: str) -> tuple[list[str], dict[str, list[object]]]:
    """The column keys and every row (合计 too) of one return, as openpyxl sees the file."""
    book = openpyxl.load_workbook(path, data_only=True)
    ws = next(ws for ws in book.worksheets if ws.cell(1, ws.max_column).value == number)
    top = next(r for r in range(1, 10) if ws.cell(r, 1).value in ("区域", "填报单位"))
    keys, group = [], ""
    for c in range(2, ws.max_column + 1):
        upper, lower = ws.cell(top, c).value, ws.cell(top + 1, c).value
        group = upper or group
        keys.append(f"{group}/{lower}" if lower and ws.cell(top + 1, 1).value is None else upper)
    two = ws.cell(top + 1, 1).value is None
    rows = {}
    for r in range(top + (2 if two else 1), ws.max_row + 1):
        label = ws.cell(r, 1).value
        if not label:
            break
        rows[label] = [ws.cell(r, c).value for c in range(2, ws.max_column + 1)]
        if label == "合计":
            break
    return keys, rows


def test_three_counties_add_up_cell_by_cell(counties, tmp_path):
    result = consolidate(counties, "表一")
    assert [s.name for s in result.sources] == ["甲县总工会", "乙县总工会", "丙县总工会"]
    expected: dict[str, float] = {}
    for path in counties:
        keys, rows = _sheet_cells(path, "表一")
        for key, value in zip(keys, rows["合计"], strict=True):
            if key not in RATES:
                expected[key] = expected.get(key, 0) + (value or 0)
    for rate, (top, bottom) in RATES.items():
        expected[rate] = round(expected[top] / expected[bottom] * 100, 1)
    out = tmp_path / "市汇总.xlsx"
    write_consolidated(result, out, "示例市总工会")
    keys, rows = _sheet_cells(out, "表一")
    got = dict(zip(keys, rows["合计"], strict=True))
    assert {k: got.get(k) or 0 for k in expected} == expected
    # each county's own row is its 合计, its areas indented below it
    keys_one, rows_one = _sheet_cells(counties[0], "表一")
    assert dict(zip(keys, rows["甲县总工会"], strict=True))["单位数"] == dict(zip(keys_one, rows_one["合计"],
                                                                               strict=True))["单位数"]
    first_area = next(label for label in rows_one if label != "合计")
    assert "\u3000" + first_area in rows
    # one level higher, the city's file is itself a source: its top rows are the counties
    again = read_sources(out)[0]
    assert [label for label, _ in again.rows] == ["甲县总工会", "乙县总工会", "丙县总工会"]


def test_refusals_name_the_file_and_the_reason(counties, tmp_path):
    resaved = tmp_path / "甲县又一份.xlsx"  # other bytes, the same 填报单位
    openpyxl.load_workbook(counties[0]).save(resaved)
    with pytest.raises(LedgerError, match="同一填报单位（甲县总工会）"):
        consolidate([counties[0], counties[1], resaved], "表一")
    copy = tmp_path / "甲县副本.xlsx"
    shutil.copyfile(counties[0], copy)
    with pytest.raises(LedgerError, match="同一"):
        consolidate([counties[0], copy], "表一")
    with pytest.raises(LedgerError, match="年度不同"):
        consolidate([counties[1], counties[2].with_name("丙县总工会-2024.xlsx")], "表一")
    with pytest.raises(LedgerError, match="请指定要汇总的表号"):
        consolidate(counties[:2])

    tampered = tmp_path / "丙县改过.xlsx"
    book = openpyxl.load_workbook(counties[2])
    ws = book.worksheets[0]
    total = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "合计")
    ws.cell(total, 2, ws.cell(total, 2).value + 5)  # 单位数 of the 合计, no longer the sum of the areas
    book.save(tampered)
    with pytest.raises(LedgerError, match="合计行「单位数」.*不符"):
        consolidate([counties[0], tampered], "表一")

    broken = tmp_path / "丁县.xlsx"
    book = openpyxl.load_workbook(counties[1])
    ws = book.worksheets[0]
    info = next(r for r in range(1, 6) if str(ws.cell(r, 1).value or "").startswith("填报单位"))
    ws.cell(info, 1, "填报单位（盖章）：丁县总工会")
    first = info + 3
    ws.cell(first, 4, ws.cell(first, 2).value + 1)  # 参赛单位数 above 单位数 in the first area
    book.save(broken)
    with pytest.raises(LedgerError, match="「参赛单位数」.*多于「单位数」"):
        consolidate([counties[0], broken], "表一")


def test_the_command_line_consolidates(counties, tmp_path):
    db = tmp_path / "市.db"
    out = tmp_path / "汇总.xlsx"
    result = run("consolidate", *map(str, counties), "--number", "表二", "--out", str(out), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert "已汇总 2025 年度表二 3 份" in result.stdout
    keys, rows = _sheet_cells(out, "表二")
    sums = {}
    for path in counties:
        k, r = _sheet_cells(path, "表二")
        for key, value in zip(k, r["合计"], strict=True):
            sums[key] = sums.get(key, 0) + (value or 0)
    got = dict(zip(keys, rows["合计"], strict=True))
    assert got["合理化建议/提出"] == sums["合理化建议/提出"] and got["技术革新"] == sums["技术革新"]
    assert got["合理化建议/实施率(%)"] == round(sums["合理化建议/实施"] / sums["合理化建议/提出"] * 100, 1)
    assert abs(got["经济效益（万元）"] - sums["经济效益（万元）"]) < 0.005
    refused = run("consolidate", str(counties[0]), str(counties[0]), "--number", "表一", "--out", str(out), "--db",
                  str(db))
    assert refused.returncode == 1 and "同一" in refused.stderr
