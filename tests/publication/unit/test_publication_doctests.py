"""The examples in the docstrings of the publication modules are true."""

from imio.municipal.publication.core import addresses
from imio.municipal.publication.core import births
from imio.municipal.publication.core import contacts
from imio.municipal.publication.core import csvw
from imio.municipal.publication.core import dcat
from imio.municipal.publication.core import findings
from imio.municipal.publication.core import geography
from imio.municipal.publication.core import htmltext
from imio.municipal.publication.core import identifiers
from imio.municipal.publication.core import masking
from imio.municipal.publication.core import names
from imio.municipal.publication.core import negotiation
from imio.municipal.publication.core import opendata
from imio.municipal.publication.core import text
from imio.municipal.publication.core import timestamp

import doctest
import pytest


MODULES = [
    addresses,
    births,
    contacts,
    csvw,
    dcat,
    findings,
    geography,
    htmltext,
    identifiers,
    masking,
    names,
    negotiation,
    opendata,
    text,
    timestamp,
]


@pytest.mark.parametrize("module", MODULES, ids=lambda module: module.__name__)
def test_docstring_examples(module):
    result = doctest.testmod(module)
    assert result.attempted > 0
    assert result.failed == 0
