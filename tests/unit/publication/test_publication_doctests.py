"""The examples in the docstrings of the publication modules are true."""

from imio.municipal.publication import addresses
from imio.municipal.publication import findings
from imio.municipal.publication import identifiers
from imio.municipal.publication import masking
from imio.municipal.publication import names
from imio.municipal.publication import opendata
from imio.municipal.publication import text
from imio.municipal.publication import timestamp

import doctest
import pytest


MODULES = [addresses, findings, identifiers, masking, names, opendata, text, timestamp]


@pytest.mark.parametrize("module", MODULES, ids=lambda module: module.__name__)
def test_docstring_examples(module):
    result = doctest.testmod(module)
    assert result.attempted > 0
    assert result.failed == 0
