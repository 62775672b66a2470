"""The steering dashboard: figures, charts and their views."""
