"""工会竞赛台账: no arguments opens the window; a sub-command does headless work without Qt."""

import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main())
