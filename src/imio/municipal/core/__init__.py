"""Plone-free building blocks: money, CSV safety, text."""
