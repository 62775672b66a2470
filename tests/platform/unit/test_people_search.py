"""What a sharing-page search term finds among a municipality's people."""

from imio.municipal.platform import people_search

import doctest


def test_docstring_examples():
    result = doctest.testmod(people_search)
    assert result.attempted > 0 and result.failed == 0


def test_case_and_accents_do_not_matter():
    assert people_search.matches("andre", "Ândré Lefèvre")
    assert people_search.matches("LEFEVRE", "Ândré Lefèvre")
    assert people_search.matches("Lefèvre", "andre lefevre")


def test_each_word_in_some_field():
    # the login, the name and the mail are searched together
    assert people_search.matches("dubois namur.be", "u1", "Marie Dubois", "marie@namur.be")
    assert not people_search.matches("dubois gembloux", "u1", "Marie Dubois", "marie@namur.be")


def test_empty_values_and_terms_find_nothing():
    assert not people_search.matches("dubois", None, "")
    assert not people_search.matches(None, "Marie Dubois")
    assert not people_search.matches("", "Marie Dubois")
