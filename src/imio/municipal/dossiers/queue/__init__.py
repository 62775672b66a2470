"""Worklists that cost the same at 1 000 and at 100 000 case files."""
