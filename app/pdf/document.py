"""The page of an official document after GB/T 9704-2012, for every PDF the program makes.

A4, margins 37 mm top, 35 mm bottom, 28 mm left, 26 mm right; the title in a Song face at 22 pt (二号),
the body in 仿宋 at 16 pt (三号) on a fixed leading of 22 lines a page, headings in 黑体 then 楷体,
page numbers "— 1 —" in 14 pt (四号) 7 mm below the text block, odd pages on the right and even pages on
the left, each a character's width in from the edge; the union's name and the date at the end.
Wide tables turn the page to landscape: the same side margins, 28 mm top and 26 mm bottom.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, KeepTogether, PageTemplate, Paragraph, Spacer

from .. import APP_NAME
from ..files import write_atomically
from .fonts import FontSet

TOP, BOTTOM, LEFT, RIGHT = 37 * mm, 35 * mm, 28 * mm, 26 * mm
WIDE_TOP, WIDE_BOTTOM = 28 * mm, 26 * mm  # a landscape page keeps the side margins, narrower top and bottom
TITLE_SIZE, BODY_SIZE, PAGE_NUMBER_SIZE = 22, 16, 14
BODY_LEADING = (A4[1] - TOP - BOTTOM) / 22  # 22 lines on a page: about 29 pt
TABLE_SIZE = 10.5  # 五号


@dataclass
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    body: ParagraphStyle
    note: ParagraphStyle
    heading1: ParagraphStyle
    heading2: ParagraphStyle
    item: ParagraphStyle      # a line of a list (a roster's names): no first-line indent


def styles(fonts: FontSet) -> Styles:
    body = ParagraphStyle("body", fontName=fonts.body, fontSize=BODY_SIZE, leading=BODY_LEADING,
                          firstLineIndent=2 * BODY_SIZE, alignment=TA_JUSTIFY, wordWrap="CJK")
    return Styles(
        title=ParagraphStyle("title", fontName=fonts.title, fontSize=TITLE_SIZE, leading=TITLE_SIZE * 1.5,
                             alignment=TA_CENTER, wordWrap="CJK", spaceAfter=BODY_LEADING * 0.5),
        subtitle=ParagraphStyle("subtitle", parent=body, fontName=fonts.heading2, firstLineIndent=0,
                                alignment=TA_CENTER),
        body=body,
        note=ParagraphStyle("note", parent=body, fontSize=12, leading=18, firstLineIndent=0, alignment=TA_LEFT),
        heading1=ParagraphStyle("heading1", parent=body, fontName=fonts.heading1),
        heading2=ParagraphStyle("heading2", parent=body, fontName=fonts.heading2),
        # a numbered line: wrapped lines hang under the text, not under the number
        item=ParagraphStyle("item", parent=body, firstLineIndent=-1.5 * BODY_SIZE, leftIndent=3.5 * BODY_SIZE,
                            alignment=TA_LEFT),
    )


class Signature(Flowable):
    """落款: the date four characters in from the right, the union's name centred above it."""

    def __init__(self, fonts: FontSet, union_name: str, on: date):
        super().__init__()
        self.font = fonts.body
        self.name = union_name
        self.date = f"{on.year}年{on.month}月{on.day}日"

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, BODY_LEADING * 2

    def draw(self) -> None:
        c = self.canv
        c.setFont(self.font, BODY_SIZE)
        right = self.width - 4 * BODY_SIZE
        centre = right - c.stringWidth(self.date, self.font, BODY_SIZE) / 2
        baseline = BODY_LEADING * 2 - BODY_SIZE
        if self.name:
            c.drawCentredString(centre, baseline, self.name)
        c.drawRightString(right, baseline - BODY_LEADING, self.date)


def closing(fonts: FontSet, union_name: str, on: date) -> list[Flowable]:
    return [Spacer(1, BODY_LEADING), Signature(fonts, union_name, on)]


def signed(story: list[Flowable], signature: list[Flowable], keep: int = 1) -> list[Flowable]:
    """*story* ending with the 落款 kept together with its last *keep* flowables (a heading and its line, the
    last paragraph): a stamped document never ends on a page holding nothing but the signature. (A table
    carries its 落款 itself, under its last row: PagedTable's tail.)"""
    if not story:
        return list(signature)
    return story[:-keep] + [KeepTogether(story[-keep:] + list(signature))]


class Document(BaseDocTemplate):
    """An A4 document with GB/T 9704 margins and page numbers."""

    def __init__(self, filename: str, fonts: FontSet, title: str, author: str, wide: bool = False):
        size = landscape(A4) if wide else A4
        top, bottom = (WIDE_TOP, WIDE_BOTTOM) if wide else (TOP, BOTTOM)
        super().__init__(filename, pagesize=size, leftMargin=LEFT, rightMargin=RIGHT, topMargin=top,
                         bottomMargin=bottom, title=title, author=author, creator=APP_NAME,
                         subject=title, pageCompression=1, initialFontName=fonts.body)
        self.fonts = fonts
        frame = Frame(LEFT, bottom, size[0] - LEFT - RIGHT, size[1] - top - bottom, leftPadding=0,
                      rightPadding=0, topPadding=0, bottomPadding=0, id="body")
        self.addPageTemplates([PageTemplate("page", [frame], onPage=self._page_number, pagesize=size)])

    def _page_number(self, canvas, doc) -> None:
        n = canvas.getPageNumber()
        text = f"— {n} —"
        canvas.saveState()
        canvas.setFont(self.fonts.title, PAGE_NUMBER_SIZE)
        y = self.bottomMargin - 7 * mm - PAGE_NUMBER_SIZE * 0.8
        if n % 2:
            canvas.drawRightString(self.pagesize[0] - RIGHT - PAGE_NUMBER_SIZE, y, text)
        else:
            canvas.drawString(LEFT + PAGE_NUMBER_SIZE, y, text)
        canvas.restoreState()


@dataclass(frozen=True)
class PdfResult:
    path: Path
    pages: int
    rows: int
    fonts_embedded: bool
    warning: str = ""  # told to the user when the fonts could not be embedded


def save_pdf(path: str | os.PathLike[str], build: Callable[[str], int]) -> tuple[Path, int]:
    """Build the PDF whole or not at all (see write_atomically); returns (path, pages)."""
    return Path(path), write_atomically(path, build)


def paragraph(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (the characters &, < and > shown as they are)."""
    return Paragraph(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"), style)
