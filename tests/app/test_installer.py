"""The Windows installer's parts that can be checked without building it (tools/build_installer.sh builds and
checks the whole under wine): what goes into the payload, the ._pth that finds it, the NSIS script's pages,
shortcuts and uninstaller, and the manifest the last build wrote."""

from __future__ import annotations

import importlib.util
import re

from tests.conftest import ROOT

spec = importlib.util.spec_from_file_location("installer", ROOT / "tools" / "installer.py")
installer = importlib.util.module_from_spec(spec)
spec.loader.exec_module(installer)
NSI = (ROOT / "tools" / "installer.nsi").read_text(encoding="utf-8")


def test_the_payload_keeps_what_the_program_loads_and_nothing_it_does_not():
    keep = installer.keep_site
    for path in ("PySide6/Qt6Core.dll", "PySide6/QtWidgets.pyd", "PySide6/QtPdfWidgets.pyd", "PySide6/__init__.py",
                 "PySide6/MSVCP140.dll", "PySide6/plugins/platforms/qwindows.dll",
                 "PySide6/translations/qtbase_zh_CN.qm", "shiboken6/shiboken6.abi3.dll", "openpyxl/reader/excel.py",
                 "reportlab/lib/utils.py", "PIL/Image.py", "python_calamine/__init__.py",
                 "lxml/etree.cp311-win_amd64.pyd"):
        assert keep(path), path
    for path in ("PySide6/Qt6Quick.dll", "PySide6/Qt6WebEngineCore.dll", "PySide6/QtQml.pyd", "PySide6/designer.exe",
                 "PySide6/QtCore.pyi", "PySide6/qml/QtQuick/qmldir", "PySide6/plugins/sqldrivers/qsqlite.dll",
                 "PySide6/translations/qtbase_de.qm", "PySide6/include/QtCore/qglobal.h", "pip/__init__.py",
                 "pip-26.3.dist-info/METADATA", "tzdata/zoneinfo/Asia/Shanghai", "PIL/_avif.cp311-win_amd64.pyd",
                 "lxml/includes/etree.h", "openpyxl/__pycache__/x.pyc", "reportlab/tests/test_x.py"):
        assert not keep(path), path


def test_the_pth_finds_the_stdlib_the_packages_and_the_program():
    lines = installer.PTH.splitlines()
    assert lines == ["python311.zip", ".", "Lib\\site-packages", "program", "import site"]
    assert "python311._pth" in installer.DROP_EMBED  # the one written, not the distribution's own


def test_the_program_is_compiled_without_its_sources(tmp_path):
    written = installer.compile_program(tmp_path)
    assert "main.pyc" in written and "app/cli.pyc" in written and "ui/main_window.pyc" in written
    assert not list(tmp_path.rglob("*.py")) and not any("tests" in w for w in written)
    assert (tmp_path / "resources" / "icon.ico").exists()
    assert (tmp_path / "main.pyc").read_bytes()[:4] == importlib.util.MAGIC_NUMBER


def test_the_nsis_script_installs_per_user_in_chinese_with_shortcuts_and_an_uninstaller():
    assert "RequestExecutionLevel user" in NSI and "Unicode true" in NSI
    assert 'InstallDir "$LOCALAPPDATA\\Programs\\${APP}"' in NSI
    assert '!insertmacro MUI_LANGUAGE "SimpChinese"' in NSI
    pages = re.findall(r"!insertmacro (MUI_(?:UN)?PAGE_\w+)", NSI)
    assert pages == ["MUI_PAGE_WELCOME", "MUI_PAGE_DIRECTORY", "MUI_PAGE_INSTFILES", "MUI_PAGE_FINISH",
                     "MUI_UNPAGE_CONFIRM", "MUI_UNPAGE_INSTFILES"]
    shortcuts = re.findall(r'CreateShortcut "([^"]+)" "([^"]+)"( \'[^\']+\')?', NSI)
    targets = {where: (what, args.strip()) for where, what, args in shortcuts}
    for where in ("$DESKTOP\\${APP}.lnk", "$SMPROGRAMS\\${APP}\\${APP}.lnk"):
        assert targets[where] == ("$INSTDIR\\pythonw.exe", "'\"$INSTDIR\\program\\main.pyc\"'")  # no console
    assert "WriteUninstaller" in NSI
    key = re.search(r'!define KEY "([^"]+)"', NSI).group(1)
    assert key == "Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\UnionLedger"
    for value in ("DisplayName", "DisplayVersion", "UninstallString", "DisplayIcon", "Publisher"):
        assert f'WriteRegStr HKCU "${{KEY}}" "{value}"' in NSI
    assert 'VIProductVersion "${VERSION}.0"' in NSI and '!define MUI_ICON "${ICON}"' in NSI
    uninstall = [line.strip() for line in NSI.split('Section "Uninstall"', 1)[1].splitlines()
                 if line.strip() and not line.strip().startswith(";")]
    assert 'RMDir /r "$INSTDIR"' not in uninstall and 'RMDir "$INSTDIR"' in uninstall  # only once it is empty
    assert not [line for line in uninstall if "UnionLedger" in line and "KEY" not in line]  # the data folder stays
    assert '!include "${UNLIST}"' in uninstall  # the payload's own names, listed by the build


def test_the_last_build_s_manifest_matches_the_rules_and_the_requirements():
    text = (ROOT / "tools" / "installer-manifest.txt").read_text(encoding="utf-8")
    head, *files = text.splitlines()
    assert installer.requirements_digest() in head, "requirements.txt changed: run bash tools/build_installer.sh"
    for need in ("python.exe", "pythonw.exe", "python311.dll", "python311.zip", "python311._pth", "program/main.pyc",
                 "Lib/site-packages/PySide6/Qt6Widgets.dll", "Lib/site-packages/PySide6/plugins/platforms/qwindows.dll",
                 "program/resources/icon.ico"):
        assert need in files, need
    site = [f.removeprefix("Lib/site-packages/") for f in files if f.startswith("Lib/site-packages/")]
    assert site and all(installer.keep_site(f) for f in site)
    assert not [f for f in files if re.search(r"pytest|hypothesis|ruff|PyInstaller|_pytest|Qt6Quick|Qt6Qml", f)]
    assert not [f for f in files if f.startswith("program/") and f.endswith(".py")]
