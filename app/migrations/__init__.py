"""Versioned schema migrations. Each runs in its own transaction; never edit a shipped one."""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database

from .collection import (
    _v9_templates,
    _v10_lighter_changes,
    _v11_name_keys,
    _v12_changes_unchecked,
    _v13_history_settles_later,
)
from .early import _v1_foundation, _v2_persons, _v3_competitions, _v4_results_and_honors
from .later import _v5_unit_years, _v6_targets, _v7_checks_and_submissions, _v8_changes

# Index i holds the migration that takes a file from version i to version i + 1.
MIGRATIONS: list[Callable[[Database], None]] = [
    _v1_foundation,
    _v2_persons,
    _v3_competitions,
    _v4_results_and_honors,
    _v5_unit_years,
    _v6_targets,
    _v7_checks_and_submissions,
    _v8_changes,
    _v9_templates,
    _v10_lighter_changes,
    _v11_name_keys,
    _v12_changes_unchecked,
    _v13_history_settles_later,
]
SCHEMA_VERSION = len(MIGRATIONS)
