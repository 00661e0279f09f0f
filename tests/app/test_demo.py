from collections import Counter

from app.codes import NON_PUBLIC_CODES
from app.db import open_database
from app.demo import build_demo
from app.errors import LedgerError
from app.unit_search import list_rows
from app.validators import credit_code_problem


def dump(db):
    """Everything but the clock: created_at / updated_at differ when a build crosses a second."""
    columns = [c for c in db["units"].columns_dict if c not in ("created_at", "updated_at")]
    return db.execute(f"SELECT {', '.join(columns)} FROM units ORDER BY id").fetchall(), \
        db.execute("SELECT * FROM unit_years ORDER BY unit_id, year").fetchall()


def test_same_seed_same_county(tmp_path):
    a, b, c = (open_database(tmp_path / f"{n}.db") for n in "abc")
    build_demo(a, 300, seed=5, base_year=2025)
    build_demo(b, 300, seed=5, base_year=2025)
    build_demo(c, 300, seed=6, base_year=2025)
    assert dump(a) == dump(b)
    assert dump(a) != dump(c)


def test_believable_mix(demo_db):
    rows = list_rows(demo_db, 2025)
    n = len(rows) + demo_db.execute("SELECT count(*) FROM units WHERE archived_at IS NOT NULL").fetchone()[0]
    assert n == 400
    codes = [r["credit_code"] for r in rows if r["credit_code"]]
    assert len(codes) == len(set(codes)) and len(codes) > 0.9 * len(rows)
    assert all(credit_code_problem(c) is None for c in codes)
    assert len({r["name"] for r in rows}) == len(rows)
    categories = Counter(r["category_code"] for r in rows)
    assert sum(v for k, v in categories.items() if k in NON_PUBLIC_CODES) > 0.6 * len(rows)
    above = sum(1 for r in rows if r["above_scale"]) / len(rows)
    assert 0.2 < above < 0.45
    assert sum(1 for r in rows if r["union_founded"]) > 0.6 * len(rows)
    employees = [r["employees"] for r in rows]
    assert min(employees) < 10 and max(employees) > 1000
    assert len(Counter(r["area"] for r in rows)) == 12
    years = [y for (y,) in demo_db.execute("SELECT DISTINCT year FROM unit_years ORDER BY year")]
    assert years == [2023, 2024, 2025]


def test_refuses_a_ledger_with_units(demo_db):
    try:
        build_demo(demo_db, 10)
    except LedgerError as exc:
        assert "已有单位" in str(exc)
    else:
        raise AssertionError("demo data was mixed into a ledger that had units")
