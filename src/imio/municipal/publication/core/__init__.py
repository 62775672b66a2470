"""Publication of acts to citizens (Plone-free core).

- ``masking``: personal data masked in the public version of an act;
- ``timestamp`` and ``tsa``: proof of publication (RFC 3161) and a local
  timestamp authority for tests and the demo;
- ``opendata``: published acts as CSV, JSON and a DCAT-AP catalog.
"""
