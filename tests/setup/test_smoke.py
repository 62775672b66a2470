def test_demo(portal):
    assert "namur" in portal.objectIds()
    n = portal.namur
    assert n.objectIds() == ["dossiers", "actes", "pic", "publications", "seances"]
