"""The examples in the docstrings of the onboarding rule modules are true."""

from imio.municipal.administration import municipalities_table
from imio.municipal.administration import onboarding_rules

import doctest
import pytest


@pytest.mark.parametrize("module", [municipalities_table, onboarding_rules])
def test_docstring_examples(module):
    result = doctest.testmod(module)
    assert result.attempted > 0
    assert result.failed == 0
