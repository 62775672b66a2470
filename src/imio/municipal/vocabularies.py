"""Vocabularies of imio.municipal."""

from imio.municipal.platform import territory
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


@provider(IVocabularyFactory)
def walloon_municipalities_factory(context=None):
    """The 261 Walloon municipalities, titled "Namur (92094)", value = INS code."""
    terms = [
        SimpleTerm(value=entry.ins_code, token=entry.ins_code, title=entry.label)
        for entry in territory.walloon_municipalities()
    ]
    return SimpleVocabulary(terms)
