"""Acts of the college and the council: type, tutelle, numbering, workflow, correction, register."""
