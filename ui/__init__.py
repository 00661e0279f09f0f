"""The window: pages, table models and dialogs. Talks to app/ through its service functions."""
