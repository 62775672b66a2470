"""Official documents: collective.documentgenerator templates rendered by LibreOffice.

- :mod:`.definitions`: the templates, the types and states they are for;
- :mod:`.formatting`: French dates, amounts, votes (Plone-free);
- :mod:`.helpers`: the helper views that give templates their values;
- :mod:`.generation`: generation with clear refusals, "store as annex";
- :mod:`.libreoffice`: the headless LibreOffice server (Plone-free);
- :mod:`.masking`: the hook for the public (masked) version of a deliberation.
"""
