"""The examples in the docstrings of the exchange modules are true."""

from imio.municipal.exchange import common
from imio.municipal.exchange import package
from imio.municipal.exchange import permits
from imio.municipal.exchange import pic_format
from imio.municipal.exchange import region_input

import doctest
import pytest


@pytest.mark.parametrize("module", [common, package, permits, pic_format, region_input])
def test_docstring_examples(module):
    result = doctest.testmod(module)
    assert result.attempted > 0
    assert result.failed == 0
