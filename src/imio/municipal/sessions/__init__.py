"""Sessions of the college and the council: assemblies, mandates, agenda, votes."""
