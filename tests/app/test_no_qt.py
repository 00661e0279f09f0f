"""Rule 2: the core never imports Qt, and the command line runs without loading it."""

import ast
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

QT_MODULES = ("PySide6", "shiboken6", "PyQt5", "PyQt6")


def test_no_module_in_app_imports_qt():
    offenders = []
    for path in sorted((ROOT / "app").rglob("*.py")):  # every subpackage too
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            offenders += [f"{path.relative_to(ROOT)}: {n}" for n in names if n.split(".")[0] in (*QT_MODULES, "ui")]
    assert offenders == []


def test_importing_every_app_module_loads_no_qt():
    modules = [".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
               for p in sorted((ROOT / "app").rglob("*.py"))]
    assert "app.indicators.compute" in modules and "app.importing.units" in modules and "app.pdf.ledger" in modules
    code = (
        f"import importlib, sys\nfor m in {modules!r}: importlib.import_module(m)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'ui')]\n"
        "print(len(sys.modules)); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_command_line_runs_without_loading_qt(tmp_path: Path):
    db = tmp_path / "cli.db"
    code = (
        "import sys\nfrom app.cli import main\n"
        f"rc = main(['demo', '--db', {str(db)!r}, '--units', '30'])\n"
        f"rc += main(['units', 'list', '--db', {str(db)!r}, '--format', 'json'])\n"
        "sys.exit(rc if 'PySide6' not in sys.modules else 99)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
