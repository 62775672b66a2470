"""Demo data and the builders of demo and test objects."""
