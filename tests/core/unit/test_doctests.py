"""The examples in the docstrings of the Plone-free modules are true."""

from imio.municipal.core import csv_safe
from imio.municipal.platform import naming
from imio.municipal.platform import territory

import doctest
import pytest


@pytest.mark.parametrize("module", [csv_safe, naming, territory])
def test_docstring_examples(module):
    result = doctest.testmod(module)
    assert result.attempted > 0
    assert result.failed == 0
