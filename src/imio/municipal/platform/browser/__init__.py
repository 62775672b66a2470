"""Views shared by every kind of content: transitions, history, tables, worklist."""
