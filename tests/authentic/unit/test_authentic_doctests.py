"""The examples in the docstrings of the authentic-source modules are true."""

from imio.municipal.authentic import answers
from imio.municipal.authentic import identifiers

import doctest
import pytest


@pytest.mark.parametrize("module", [answers, identifiers])
def test_docstring_examples(module):
    result = doctest.testmod(module)
    assert result.attempted > 0
    assert result.failed == 0
