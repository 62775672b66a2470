"""REST services of the sessions: agenda, presences, votes."""
