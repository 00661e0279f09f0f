"""How a figure is written, the same on every page and in every document: 1,234 · 57.5% · 3,212.5, and 同比."""

from __future__ import annotations

from .compute import Value


def shown(value: float | int | None, unit: str) -> str:
    """One number format throughout the document: 1,234 / 57.5% / 3,212.5."""
    if value is None:
        return "—"
    if unit == "%":
        return f"{value:.1f}%"
    if unit == "万元" or (isinstance(value, float) and not float(value).is_integer()):
        return f"{value:,.1f}"
    return f"{int(value):,}"


def change(now: Value, before: Value | None) -> str:
    """同比: up ↑ or down ↓, in points for a rate and in % for a count."""
    if before is None or before.value is None or now.value is None:
        return "—"
    if now.unit == "%":
        diff = now.value - before.value
        return "持平" if abs(diff) < 0.05 else f"{'↑' if diff > 0 else '↓'}{abs(diff):.1f} 个百分点"
    if not before.value:
        return "—" if not now.value else "新增"
    diff = (now.value - before.value) / before.value * 100
    return "持平" if abs(diff) < 0.05 else f"{'↑' if diff > 0 else '↓'}{abs(diff):.1f}%"
