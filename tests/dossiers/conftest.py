"""Fixtures of case files."""

from datetime import date
from imio.municipal.demo.builders import build_dossier
from imio.municipal.demo.builders import do_transition

import pytest


@pytest.fixture
def dossier(portal):
    return build_dossier(portal)


@pytest.fixture
def received(portal):
    """A file received on 2 March 2026 (a Monday)."""
    obj = build_dossier(portal, received_date=date(2026, 3, 2))
    do_transition(obj, "namur-agent-urbanisme", "receive")
    return obj
