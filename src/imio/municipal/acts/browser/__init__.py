"""Views of acts and of the register."""
