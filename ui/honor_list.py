"""A record's honors, a line each: on the unit's and the person's own forms."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from app import honors


def honor_list(rows: list[dict[str, object]], empty: str, people: bool = False) -> QListWidget:
    """Newest first; revoked ones greyed with their reason. *people*: name the person an honor went to."""
    widget = QListWidget()
    widget.setObjectName("honors")
    for r in rows:
        who = f"{r['recipient_name']}：" if people and r["recipient"] == "person" else ""
        item = QListWidgetItem(who + honors.describe(r))
        if r["revoked_on"]:
            item.setForeground(QBrush(QColor("#9e9e9e")))
            item.setToolTip(f"{r['revoked_on']} 撤销：{r['revoke_reason']}")
        widget.addItem(item)
    if not rows:
        widget.addItem(QListWidgetItem(empty))
    return widget
