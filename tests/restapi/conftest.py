"""Sessions on the REST API as the demo users."""

from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD

import pytest


@pytest.fixture
def api_as(request_factory):
    """``api_as("namur-secretaire")`` is a REST session of that demo user."""

    def session(login=None):
        if login is None:
            return request_factory(role="Anonymous")
        if login == "admin":
            return request_factory(basic_auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD))
        return request_factory(basic_auth=(login, "demo"))

    return session
