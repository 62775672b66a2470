"""REST services of acts."""
