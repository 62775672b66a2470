"""The platform: municipalities, site folders, services and roles, and what every
kind of content shares (copy and move rules, transitions, history, REST
machinery, catalog, vocabularies)."""
