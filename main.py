"""工会竞赛台账: no arguments opens the window; a sub-command does headless work without Qt."""

import sys
from pathlib import Path

from app.cli import main


def window(db_file: Path) -> int:
    """The only path that loads Qt."""
    from ui.app import run_window

    return run_window(db_file)


if __name__ == "__main__":
    sys.exit(main(window=window))
