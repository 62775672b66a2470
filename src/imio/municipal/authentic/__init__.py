"""Authentic sources: persons and enterprises looked up through the BCED."""
