"""操作记录: every insert, update and delete of the ledger's records, written in the same transaction by
triggers the program installs on each of its connections — who (the 填表人 of the settings, or the system
user), when, which record, the row before and after. An import or a paste is one batch with its row count;
a full-ID export is noted. A deleted record can be brought back, a change undone, where nothing later
depends on it.

The triggers are TEMP triggers of the program's own connections: another tool that opens the file writes
without them (and without a record), never with an error.
"""

from __future__ import annotations

from .history import Entry, batches, column_labels, entries, undo
from .record import AUDITED, KEYS, QUIET, batch, covered, install, note, quiet, settle

__all__ = ["AUDITED", "KEYS", "QUIET", "Entry", "batch", "batches", "column_labels", "covered", "entries", "install",
           "note", "quiet", "settle", "undo"]
