"""Exchanges with the regional systems: formats, outbox, transports, worker."""
