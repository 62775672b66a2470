"""Delegated administration: the secretariat manages its municipality's people."""
