"""Views of PIC plans."""
