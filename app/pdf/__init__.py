"""PDF reports: fonts, the official-document layout, tables."""
