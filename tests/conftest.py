"""Shared fixtures. Every test gets its own database file in a temporary folder."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.db import open_database  # noqa: E402
from app.demo import build_demo  # noqa: E402

DEMO_YEAR = 2025


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    """A path with Chinese characters and a space, as under a Chinese Windows user name."""
    folder = tmp_path / "张 三" / "台账 数据"
    folder.mkdir(parents=True)
    return folder / "台账.db"


@pytest.fixture
def db(db_file: Path):
    database = open_database(db_file)
    yield database
    database.close()


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    database = open_database(path)
    build_demo(database, units=400, seed=7, base_year=DEMO_YEAR)
    database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    database.close()
    return path


@pytest.fixture
def demo_db(_demo_template: Path, tmp_path: Path):
    """A copy of a 400-unit example county (years 2023–2025), for this test alone."""
    path = tmp_path / "示例 台账.db"
    shutil.copyfile(_demo_template, path)
    database = open_database(path)
    yield database
    database.close()


@pytest.fixture
def bare_county(demo_db):
    """The example county without its competitions: for tests that build their own."""
    with demo_db.atomic():
        for table in ("contestants", "trades", "participations", "competition_phases", "competitions"):
            demo_db.execute(f"DELETE FROM {table}")
    return demo_db
