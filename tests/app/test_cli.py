"""The command line, run as a clerk or a script would run it: a separate process."""

import csv
import io
import json
import os
import re
import subprocess
import sys

from tests.conftest import ROOT


def run(*args, env=None):
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True,
                          text=True, encoding="utf-8", env=full_env, cwd=ROOT)


def test_demo_then_list_as_csv_and_json(tmp_path):
    db = tmp_path / "数据 目录" / "台账.db"
    result = run("demo", "--db", str(db), "--units", "60", "--seed", "3", "--year", "2025")
    assert result.returncode == 0, result.stderr
    assert "60 家单位" in result.stdout
    out = run("units", "list", "--db", str(db), "--year", "2025", "--format", "json")
    data = json.loads(out.stdout)
    assert data["year"] == 2025 and data["count"] == len(data["units"]) > 50
    out = run("units", "list", "--db", str(db), "--year", "2024")
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    archived = json.loads(run("units", "list", "--db", str(db), "--year", "2025", "--archived", "archived",
                              "--format", "json").stdout)["units"]
    assert archived and all(u["archived_at"].startswith("2025-") for u in archived)
    # a unit closed in 2025 stays on the 2024 roll and is off 2025's
    assert len(rows) == data["count"] + len(archived) and "统一社会信用代码" in rows[0]
    assert {r["单位名称"] for r in rows} == {u["name"] for u in data["units"] + archived}
    assert {r["已建会"] for r in rows} <= {"是", "否"}


def test_out_file_is_excel_friendly_csv(tmp_path):
    db = tmp_path / "a.db"
    run("demo", "--db", str(db), "--units", "5")
    target = tmp_path / "单位.csv"
    assert run("units", "list", "--db", str(db), "--out", str(target)).returncode == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and "单位名称".encode() in raw


def test_environment_variable_chooses_the_file(tmp_path):
    db = tmp_path / "env.db"
    result = run("init", "--union", "某某县总工会", "--county", "某某县", env={"UNION_LEDGER_DB": str(db)})
    assert result.returncode == 0
    assert db.exists()


def test_usage_error_exits_2_in_chinese():
    result = run("units", "lst")
    assert result.returncode == 2
    assert "命令用法有误" in result.stderr and "Traceback" not in result.stderr


def test_failure_exits_1_with_one_line_and_no_traceback(tmp_path):
    bad = tmp_path / "名单.db"
    bad.write_text("这不是数据库", encoding="utf-8")
    result = run("units", "list", "--db", str(bad))
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0 and "不是台账数据库" in result.stderr
    assert "Traceback" not in result.stderr
    assert bad.read_text(encoding="utf-8") == "这不是数据库"


def test_demo_refuses_a_filled_ledger(tmp_path):
    db = tmp_path / "a.db"
    run("demo", "--db", str(db), "--units", "5")
    result = run("demo", "--db", str(db), "--units", "5")
    assert result.returncode == 1 and "已有单位" in result.stderr


def test_export_ledger_to_xlsx(tmp_path):
    from openpyxl import load_workbook

    db = tmp_path / "a.db"
    run("demo", "--db", str(db), "--units", "40", "--year", "2025")
    out = tmp_path / "台账 2025.xlsx"
    result = run("export", "ledger", "--db", str(db), "--year", "2025", "--out", str(out))
    assert result.returncode == 0, result.stderr
    listed = json.loads(run("units", "list", "--db", str(db), "--year", "2025", "--format", "json").stdout)
    ws = load_workbook(out).active
    assert [ws.cell(r, 2).value for r in range(5, 5 + listed["count"])] == [u["name"] for u in listed["units"]]
    bad = run("export", "ledger", "--db", str(db), "--out", str(tmp_path / "a.csv"))
    assert bad.returncode == 1 and ".xlsx" in bad.stderr


def test_people_list_masks_id_numbers_unless_asked(tmp_path):
    db = tmp_path / "职工.db"
    assert run("demo", "--db", str(db), "--units", "20", "--people", "40", "--seed", "4").returncode == 0
    masked = json.loads(run("people", "list", "--db", str(db), "--format", "json").stdout)
    full = json.loads(run("people", "list", "--db", str(db), "--format", "json", "--full-id").stdout)
    assert masked["count"] == full["count"] == 40 and masked["id_numbers"] == "masked"
    pairs = [(m["id_number"], f["id_number"]) for m, f in zip(masked["people"], full["people"], strict=True)
             if f["id_number"]]
    assert pairs and all(m == f[:6] + "********" + f[-4:] and len(f) == 18 for m, f in pairs)
    rows = list(csv.DictReader(io.StringIO(run("people", "list", "--db", str(db)).stdout)))
    assert {r["身份证号"] for r in rows if r["身份证号"]} == {m for m, _ in pairs}


def test_figures_honors_and_innovations_from_the_command_line(tmp_path):
    from openpyxl import Workbook, load_workbook

    from tests.readers import pdf_text

    db = tmp_path / "台账.db"
    assert run("demo", "--db", str(db), "--units", "80", "--seed", "5", "--year", "2025").returncode == 0
    listed = json.loads(run("figures", "list", "--db", str(db), "--year", "2025", "--format", "json").stdout)
    first, second = listed["units"][0], listed["units"][1]
    book = Workbook()
    ws = book.active
    ws.append(["2025年各单位职工创新情况"])
    ws.append(["单位名称", "合理化建议提出件数", "合理化建议实施件数", "技术革新（项）", "经济效益（万元）"])
    ws.append([first["name"], "２０", 5, None, "3.5"])   # full-width digits; a blank cell keeps what is stored
    ws.append([second["name"], 2, 9, 1, "很多"])          # 实施 > 提出, and text for money
    ws.append(["合计", 22, 14, 1, None])
    path = tmp_path / "年度数据.xlsx"
    book.save(path)
    refused = run("import", "figures", str(path), "--db", str(db), "--year", "2025")
    assert refused.returncode == 1 and "第 4 行" in refused.stdout and "实施 9 件多于提出 2 件" in refused.stdout
    assert "经济效益" in refused.stdout and "没有写入任何数据" in refused.stderr
    done = run("import", "figures", str(path), "--db", str(db), "--year", "2025", "--skip-invalid")
    assert done.returncode == 0, done.stdout + done.stderr
    after = {u["id"]: u for u in json.loads(run("figures", "list", "--db", str(db), "--year", "2025",
                                                "--format", "json").stdout)["units"]}
    assert (after[first["id"]]["suggestions_made"], after[first["id"]]["benefit"]) == (20, 3.5)
    assert after[first["id"]]["innovations"] == first["innovations"]
    assert after[second["id"]]["suggestions_made"] == second["suggestions_made"]

    honors = json.loads(run("honors", "list", "--db", str(db), "--year", "2024", "--format", "json").stdout)
    named = [h for h in honors["honors"] if h["shown_state"] == "命名"]
    assert named and all("〔2024〕" in h["doc_number"] for h in named)
    pdf = tmp_path / "名单.pdf"
    made = run("report", "roster", "--db", str(db), "--year", "2024", "--out", str(pdf))
    assert made.returncode == 0, made.stderr
    assert named[0]["recipient_name"] in pdf_text(pdf).replace("\n", "")
    xlsx = tmp_path / "推荐名单.xlsx"
    assert run("export", "recommendations", "--db", str(db), "--year", "2025", "--out", str(xlsx)).returncode == 0
    sheet = load_workbook(xlsx)["先进个人"]
    header = [c.value for c in sheet[4]]
    numbers = [r[header.index("身份证号")] for r in sheet.iter_rows(min_row=5, values_only=True)
               if isinstance(r[0], int) and r[header.index("身份证号")]]  # data rows: they have a 序号
    assert numbers and all("********" in n for n in numbers)
    innovations = run("innovations", "list", "--db", str(db), "--year", "2025", "--kind", "专利")
    rows = list(csv.DictReader(io.StringIO(innovations.stdout)))
    assert rows and {r["类别"] for r in rows} == {"专利"}


def test_a_year_without_data_says_so_and_writes_nothing(tmp_path):
    db = tmp_path / "a.db"
    assert run("demo", "--db", str(db), "--units", "30", "--seed", "2", "--year", "2025").returncode == 0
    out = tmp_path / "台账.xlsx"
    done = run("export", "ledger", "--db", str(db), "--year", "1900", "--out", str(out))
    assert done.returncode == 1 and not out.exists()
    assert "1900 年度没有单位数据（有数据的年度：2023、2024、2025）" in done.stderr
    done = run("units", "list", "--db", str(db), "--year", "2026")
    assert done.returncode == 1 and "请先“开始新年度”" in done.stderr and done.stdout == ""
    assert run("year", "open", "2026", "--db", str(db)).returncode == 0
    listed = json.loads(run("units", "list", "--db", str(db), "--year", "2026", "--format", "json").stdout)
    assert listed["count"] == json.loads(run("units", "list", "--db", str(db), "--year", "2025", "--format",
                                             "json").stdout)["count"]


def test_a_roster_without_names_is_refused_and_nothing_written(tmp_path):
    db = tmp_path / "a.db"
    assert run("demo", "--db", str(db), "--units", "30", "--seed", "2", "--year", "2025").returncode == 0
    out = tmp_path / "名单.pdf"
    done = run("report", "roster", "--db", str(db), "--year", "2025", "--state", "命名", "--out", str(out))
    assert done.returncode == 1 and "2025 年度没有命名的荣誉，没有生成表彰名单" in done.stderr and not out.exists()
    done = run("report", "roster", "--db", str(db), "--year", "2024", "--state", "命名", "--out", str(out))
    assert done.returncode == 0 and out.exists()  # last year's were named


def test_the_help_of_every_command_is_in_chinese():
    """argparse's own English (show this help message, show program's version number, usage, options) is gone
    from the top level and from each command's help."""
    top = run("--help")
    assert top.returncode == 0 and "显示版本号并退出" in top.stdout and "显示本帮助并退出" in top.stdout
    commands = re.findall(r"^    ([a-z]+) ", top.stdout, re.M)
    assert len(commands) > 10
    for command in [None, *commands]:
        out = run(*([command] if command else []), "--help").stdout
        for english in ("show this help", "show program", "usage:", "options:", "positional arguments"):
            assert english not in out, (command, english)
