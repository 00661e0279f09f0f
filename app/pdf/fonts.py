"""Chinese fonts for PDF: find TrueType faces, map them to the roles of an official document, embed them.

Roles after GB/T 9704-2012: the title in a Song / 小标宋 face, the body in 仿宋, first-level headings in
黑体, second-level headings in 楷体. For each role the resolver tries, in order: fonts a build put
into ``resources/fonts/``, then the system's (Windows, Linux, macOS), each list best face first.
Faces reportlab cannot embed (CFF outlines such as Noto CJK .otf, or a font whose licence bits
forbid embedding) are skipped. When nothing is found at all, reportlab's built-in ``STSong-Light``
is used: the PDF still shows Chinese on a machine with Adobe's Asian font pack, but the font is
not embedded — the caller is told (``FontSet.embedded``) so the user can be warned.
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError, TTFont

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent.parent
BUNDLED = ROOT / "resources" / "fonts"
FONT_DIRS_ENV = "UNION_LEDGER_FONT_DIRS"  # folders to search instead of the system's (os.pathsep)
FALLBACK = "STSong-Light"

SONG = [("fzxbsjw.ttf", 0), ("fzxbsk.ttf", 0), ("方正小标宋简体.ttf", 0), ("simsun.ttc", 0), ("simsun.ttf", 0),
        ("stsong.ttf", 0), ("songti.ttc", 0), ("uming.ttc", 0)]
FANGSONG = [("simfang.ttf", 0), ("stfangso.ttf", 0), ("fzfsjw.ttf", 0), ("fzfsk.ttf", 0),
            ("仿宋_gb2312.ttf", 0), ("fangsong_gb2312.ttf", 0)]
HEI = [("simhei.ttf", 0), ("fzhtjw.ttf", 0), ("fzhtk.ttf", 0), ("msyh.ttc", 0), ("msyh.ttf", 0),
       ("stheiti medium.ttc", 0), ("wqy-microhei.ttc", 0), ("wqy-zenhei.ttc", 0)]
KAI = [("simkai.ttf", 0), ("stkaiti.ttf", 0), ("fzktjw.ttf", 0), ("楷体_gb2312.ttf", 0), ("kaiti.ttc", 0),
       ("ukai.ttc", 0)]
ANY = [("uming.ttc", 0), ("wqy-microhei.ttc", 0), ("wqy-zenhei.ttc", 0), ("simsun.ttc", 0), ("msyh.ttc", 0)]

# Best face first; each role falls back to the next style that reads well in its place.
ROLES: dict[str, list[tuple[str, int]]] = {
    "title": SONG + HEI + ANY,
    "body": FANGSONG + SONG + ANY,
    "heading1": HEI + SONG + ANY,
    "heading2": KAI + FANGSONG + SONG + ANY,
}
@dataclass
class FontSet:
    """reportlab font names for each role, and where each came from."""

    title: str
    body: str
    heading1: str
    heading2: str
    files: dict[str, str] = field(default_factory=dict)   # role -> "path#index"
    embedded: bool = True

    @property
    def warning(self) -> str:
        """What to tell the user when the PDF's fonts are not embedded; empty when all is well."""
        if self.embedded:
            return ""
        return ("没有找到可嵌入的中文字体，PDF 使用了未嵌入的 STSong-Light 字体，"
                "在没有中文字体的电脑上可能无法显示。"
                "Windows 请确认 C:\\Windows\\Fonts 中有 宋体/仿宋/黑体；"
                "Linux 请安装 fonts-wqy-microhei、fonts-arphic-uming。")


def search_dirs() -> list[Path]:
    """Folders to look in, in order: the build's own fonts, then the system's."""
    dirs = [BUNDLED]
    override = os.environ.get(FONT_DIRS_ENV)
    if override is not None:
        return dirs + [Path(p) for p in override.split(os.pathsep) if p]
    home = Path.home()
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        dirs += [windir / "Fonts"]
        if os.environ.get("LOCALAPPDATA"):
            dirs.append(Path(os.environ["LOCALAPPDATA"]) / "Microsoft" / "Windows" / "Fonts")
    elif sys.platform == "darwin":
        dirs += [home / "Library" / "Fonts", Path("/Library/Fonts"), Path("/System/Library/Fonts"),
                 Path("/System/Library/Fonts/Supplemental")]
    else:
        data_home = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
        dirs += [data_home / "fonts", home / ".fonts", Path("/usr/local/share/fonts"), Path("/usr/share/fonts")]
    return dirs


def index_fonts(dirs: list[Path]) -> dict[str, Path]:
    """Lower-cased file name -> path, the first folder winning; subfolders searched too."""
    found: dict[str, Path] = {}
    for top in dirs:
        for folder, _subdirs, files in os.walk(top):
            for name in files:
                if name.lower().endswith((".ttf", ".ttc")):
                    found.setdefault(name.lower(), Path(folder) / name)
    return found


_registered: dict[tuple[str, int], str | None] = {}  # (path, index) -> reportlab name, None if refused


def _register(path: Path, index: int) -> str | None:
    key = (str(path), index)
    if key not in _registered:
        name = f"UL-{path.stem}-{index}"
        try:
            pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=index))
            _registered[key] = name
        except (TTFError, OSError, ValueError, IndexError) as exc:  # CFF outlines, no embedding, unreadable
            log.info("font %s#%d skipped: %s", path, index, exc)
            _registered[key] = None
    return _registered[key]


def resolve(dirs: list[Path] | None = None) -> FontSet:
    """The best embeddable face for each role in *dirs* (default: :func:`search_dirs`)."""
    available = index_fonts(search_dirs() if dirs is None else dirs)
    chosen: dict[str, str] = {}
    files: dict[str, str] = {}
    for role, candidates in ROLES.items():
        for file_name, index in candidates:
            path = available.get(file_name)
            if path is None:
                continue
            name = _register(path, index)
            if name:
                chosen[role], files[role] = name, f"{path}#{index}"
                break
    if len(chosen) < len(ROLES):
        # Any other face that embeds and has Chinese, bundled ones first; a CJK face is megabytes,
        # so smaller files (Latin fonts) are not even opened.
        for path in sorted(available.values(), key=lambda p: p.parent != BUNDLED):
            if path.stat().st_size < 2_000_000 or not (name := _register(path, 0)) or not _has_chinese(name):
                continue
            for role in ROLES:
                if role not in chosen:
                    chosen[role], files[role] = name, f"{path}#0"
            break
    if len(chosen) < len(ROLES):
        if FALLBACK not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK))
        return FontSet(FALLBACK, FALLBACK, FALLBACK, FALLBACK, {}, embedded=False)
    return FontSet(chosen["title"], chosen["body"], chosen["heading1"], chosen["heading2"], files)


def _has_chinese(name: str) -> bool:
    face = pdfmetrics.getFont(name).face
    return all(ord(ch) in face.charToGlyph for ch in "中文台账")


_cache: dict[tuple[str, ...], FontSet] = {}


def fonts() -> FontSet:
    """The resolved fonts for this machine, found once per set of folders."""
    dirs = search_dirs()
    key = tuple(map(str, dirs))
    if key not in _cache:
        _cache[key] = resolve(dirs)
    return _cache[key]
