"""Reading spreadsheets from outside: files to rows, headers to fields, rows to checked records."""
