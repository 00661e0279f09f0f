"""Measuring and breaking Chinese text into lines of a given width.

Chinese breaks between any two characters, except that a closing mark (，。、）》” …) never starts a line
and an opening mark (（《“ …) never ends one; a run of Latin letters and digits (a credit code, a
phone number, 2025) stays whole unless it is wider than the line by itself.
"""

from __future__ import annotations

from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import stringWidth

NO_LINE_START = set("，。、；：？！）》」』】〕”’…—%,.;:?!)]}·～")
NO_LINE_END = set("（《「『【〔“‘([{")


@lru_cache(maxsize=65536)
def _char_width(ch: str, font: str, size: float) -> float:
    return stringWidth(ch, font, size)


@lru_cache(maxsize=65536)
def width(text: str, font: str, size: float) -> float:
    return stringWidth(text, font, size)


def _tokens(text: str) -> list[str]:
    """Unbreakable pieces: each CJK character alone, Latin words and numbers whole, spaces alone."""
    out: list[str] = []
    word = ""
    for ch in text:
        if ch.isascii() and (ch.isalnum() or ch in "-_./@#+:'\""):
            word += ch
            continue
        if word:
            out.append(word)
            word = ""
        out.append(ch)
    if word:
        out.append(word)
    return out


def wrap(text: str, font: str, size: float, max_width: float) -> list[str]:
    """*text* broken into lines no wider than *max_width* (explicit line breaks kept)."""
    lines: list[str] = []
    for paragraph in str(text).split("\n"):
        if stringWidth(paragraph, font, size) <= max_width:
            lines.append(paragraph)
            continue
        broken = _wrap_paragraph(paragraph, font, size, max_width)
        if len(broken) > 1 and len(broken[-1].strip()) == 1 and len(broken[-2]) > 2:
            # no last line of one character (有限公/司): one character narrower, as many lines, 有限/公司
            narrower = _wrap_paragraph(paragraph, font, size, max_width - _char_width(broken[-2][-1], font, size))
            if len(narrower) == len(broken) and len(narrower[-1].strip()) > 1:
                broken = narrower
        lines.extend(broken)
    return lines


def _piece_width(piece: str, font: str, size: float) -> float:
    return sum(_char_width(ch, font, size) for ch in piece)


def _wrap_paragraph(text: str, font: str, size: float, max_width: float) -> list[str]:
    pieces: list[str] = []
    for token in _tokens(text):  # a word wider than the line itself is broken by characters
        if len(token) > 1 and _piece_width(token, font, size) > max_width:
            pieces.extend(token)
        else:
            pieces.append(token)
    lines: list[str] = []
    line: list[str] = []
    used = 0.0
    for piece in pieces:
        w = _piece_width(piece, font, size)
        if used + w <= max_width or not line:
            line.append(piece)
            used += w
            continue
        if piece == " ":  # a space at the break disappears
            lines.append("".join(line))
            line, used = [], 0.0
            continue
        carry: list[str] = []
        if piece in NO_LINE_START:
            if len(line) == 1 or len(line[-1]) > 1:  # nothing to carry down: the mark hangs at the end
                line.append(piece)
                used += w
                continue
            carry.append(line.pop())  # the mark goes down with the character before it
        while len(line) > 1 and line[-1] in NO_LINE_END:
            carry.insert(0, line.pop())
        lines.append("".join(line).rstrip())
        line = carry + [piece]
        used = sum(_piece_width(p, font, size) for p in line)
    if line:
        lines.append("".join(line))
    return lines
