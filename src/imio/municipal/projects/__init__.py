"""Shared inter-municipal projects: rules, type, workflow, views, REST."""
