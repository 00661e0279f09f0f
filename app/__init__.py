"""工会竞赛台账 — the core: database, domain rules and outputs. Never imports Qt."""

APP_NAME = "工会竞赛台账"
APP_NAME_EN = "Union Competition Ledger"
__version__ = "0.1.0"
