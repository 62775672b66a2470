"""REST machinery shared by every type: explicit refusals, field readers, request guard."""
