"""Chinese order: names by pinyin, polyphones read as in their words (重庆, 单县, 厦门 …), rare characters placed,
the same order in SQL (the stored key) as in Python; the key follows a renamed unit and an upgraded file."""

from __future__ import annotations

import shutil

from app import units
from app.collation import name_key
from app.db import open_database
from app.unit_search import UnitFilter, search
from app.units import UnitInput, YearFigures
from tests.conftest import ROOT

# written by hand from the names' readings, not from the code
EXPECTED = ["3D打印服务部",        # digits and Latin letters first
            "阿里超市",            # a1
            "白马建材公司",        # bai2
            "犇腾科技",            # ben1 (a rare character)
            "蚌埠啤酒",            # beng4 (蚌 read beng in 蚌埠, not bang)
            "长城汽车",            # chang2 (not zhang)
            "重庆路桥",            # chong2 (not zhong)
            "龘龘餐饮",            # da2 (a rare character)
            "阿胶厂",              # e1 (阿 read e in 阿胶)
            "乐陵机械",            # le4 (not yue)
            "单县工贸",            # shan4 (单 read shan in 单县, not dan)
            "桃园科技",            # tao2
            "厦门商贸",            # xia4 (not sha)
            "沂南食品",            # yi2: after 桃园, not between 桃园 and 白马 as by character code
            "中国银行"]            # zhong1


def test_names_sort_by_pinyin_with_polyphones_and_rare_characters():
    shuffled = EXPECTED[::2] + EXPECTED[1::2]
    assert sorted(shuffled, key=name_key) == EXPECTED
    assert sorted(["桃园", "沂南", "白马"]) == ["桃园", "沂南", "白马"]  # what character code order did
    assert name_key("长城")[:6] == "chang2" and name_key("ＡＢＣ公司").startswith("a b c")  # full width folded


def test_the_ledger_sorts_in_sql_by_the_stored_key_and_follows_a_rename(db):
    from app import areas

    area = areas.add_area(db, "城关街道", "街道")
    ids = {n: units.save(db, UnitInput(name=n, area_id=area, category_code="170"), {2025: YearFigures(employees=5)})
           for n in reversed(EXPECTED)}
    names = {v: k for k, v in ids.items()}
    assert [names[i] for i in search(db, 2025, UnitFilter(), "name").ids] == EXPECTED
    assert [names[i] for i in search(db, 2025, UnitFilter(), "name", descending=True).ids] == EXPECTED[::-1]
    u = units.get(db, ids["阿里超市"])
    units.save(db, UnitInput(**{**vars(u.data), "name": "正大超市"}), {}, ids["阿里超市"])  # zheng4
    order = [i for i in search(db, 2025, UnitFilter(), "name").ids]
    assert order[-2:] == [ids["阿里超市"], ids["中国银行"]]  # zheng before zhong
    stored = db.execute("SELECT name_key FROM units WHERE id = ?", [ids["阿里超市"]]).fetchone()[0]
    assert stored == name_key("正大超市")


def test_an_upgraded_file_gets_the_keys_of_its_names(tmp_path):
    path = tmp_path / "old.db"
    shutil.copyfile(ROOT / "tests" / "fixtures" / "ledger-v8.db", path)
    db = open_database(path)
    rows = db.execute("SELECT name, name_key FROM units").fetchall()
    assert rows and all(key == name_key(name) for name, key in rows)
    people = db.execute("SELECT name, name_key FROM persons").fetchall()
    assert all(key == name_key(name) for name, key in people)
    db.close()
