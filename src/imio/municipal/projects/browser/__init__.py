"""Views of shared projects."""
