"""Second readers for generated files: poppler's pdftotext, pdffonts and pdfinfo."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

POPPLER = shutil.which("pdftotext") and shutil.which("pdffonts") and shutil.which("pdfinfo")
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdftotext, pdffonts) not installed")


def pdf_text(path: Path, page: int | None = None, layout: bool = False) -> str:
    args = ["pdftotext", "-enc", "UTF-8"]
    if page:
        args += ["-f", str(page), "-l", str(page)]
    if layout:
        args.append("-layout")
    return subprocess.run([*args, str(path), "-"], capture_output=True, check=True).stdout.decode("utf-8")


def pdf_fonts(path: Path) -> list[dict[str, str]]:
    """pdffonts' table: name, type and whether each font is embedded."""
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True).stdout.decode("utf-8")
    fonts = []
    for line in out.splitlines()[2:]:
        parts = line.split()
        # name, type (one or more words), encoding, emb, sub, uni, object id, generation
        fonts.append({"name": parts[0], "emb": parts[-5], "type": " ".join(parts[1:-6])})
    return fonts


def pdf_pages(path: Path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True).stdout.decode("utf-8")
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


def pdf_words(path: Path, page: int) -> list[tuple[str, float, float]]:
    """(word, x, y) of each word on a page, with the page's width as the first entry's x."""
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
                         capture_output=True, check=True).stdout.decode("utf-8")
    width = float(re.search(r'<page width="([\d.]+)"', out).group(1))
    words = [("<page>", width, 0.0)]
    for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', out):
        words.append((m.group(3), float(m.group(1)), float(m.group(2))))
    return words
