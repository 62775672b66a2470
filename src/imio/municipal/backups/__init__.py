"""Backups that restore: the FileStorage with its blobs, and RelStorage.

Plone-free: the database is read by ``repozo`` (ZODB's own backup tool) and
``pg_dump`` in their own processes, never opened here.
"""
