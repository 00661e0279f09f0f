"""Where the data lives by default: the user's own data folder, never the program's."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

DB_ENV_VAR = "UNION_LEDGER_DB"
DB_FILE_NAME = "台账.db"


def default_data_dir(env: Mapping[str, str] | None = None, platform: str | None = None) -> Path:
    """%LOCALAPPDATA%\\UnionLedger on Windows, ~/.local/share/union-ledger elsewhere (XDG)."""
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    if platform.startswith("win"):
        base = env.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "UnionLedger"
    if platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "UnionLedger"
    base = env.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "union-ledger"


def resolve_db_path(cli_value: str | os.PathLike[str] | None = None,
                    env: Mapping[str, str] | None = None) -> Path:
    """The database to open: --db first, then $UNION_LEDGER_DB, then the default file."""
    env = os.environ if env is None else env
    if cli_value:
        return Path(cli_value).expanduser()
    if env.get(DB_ENV_VAR):
        return Path(env[DB_ENV_VAR]).expanduser()
    return default_data_dir(env) / DB_FILE_NAME
