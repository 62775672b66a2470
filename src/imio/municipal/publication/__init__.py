"""Publication of acts inside Plone (the Plone-free core is `publication/`).

`publish` creates the frozen public version of an act; `decisions` keeps what
the secretariat decided about each personal data item and each annex;
`texts` computes the masked texts for the preview and the public version.
"""
