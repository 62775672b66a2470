"""Views of case files and the staff dashboard."""
