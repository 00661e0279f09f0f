from PySide6.QtCore import Qt

from app import unit_search
from ui.units_model import COLUMN_KEYS, UnitsModel


def test_model_passes_qtmodeltester(qtmodeltester, demo_db):
    model = UnitsModel(demo_db, 2025)
    qtmodeltester.check(model, force_py=True)


def test_rows_are_loaded_lazily_a_block_at_a_time(demo_db):
    model = UnitsModel(demo_db, 2025)
    assert model.rowCount() == unit_search.search(demo_db, 2025).total
    assert model._rows == {}
    model.data(model.index(250, 0))
    assert 0 < len(model._rows) <= 100


def test_sort_is_done_by_sql(demo_db):
    model = UnitsModel(demo_db, 2025)
    column = COLUMN_KEYS.index("employees")
    model.sort(column, Qt.SortOrder.DescendingOrder)
    values = [model.data(model.index(r, column), UnitsModel.SortKeyRole) for r in range(model.rowCount())]
    numbers = [v for v in values if v is not None]
    assert numbers == sorted(numbers, reverse=True)
    expected = unit_search.search(demo_db, 2025, sort="employees", descending=True).ids
    assert [model.id_at(r) for r in range(model.rowCount())] == expected


def test_numbers_align_right_and_show_separators(demo_db):
    model = UnitsModel(demo_db, 2025)
    column = COLUMN_KEYS.index("employees")
    model.sort(column, Qt.SortOrder.DescendingOrder)
    index = model.index(0, column)
    assert model.data(index, Qt.ItemDataRole.TextAlignmentRole) & int(Qt.AlignmentFlag.AlignRight)
    assert model.data(index) == f"{model.data(index, UnitsModel.SortKeyRole):,}"
