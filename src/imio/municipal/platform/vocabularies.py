"""Vocabularies of imio.municipal."""

from imio.municipal.acts import tutelle
from imio.municipal.dossiers import procedures
from imio.municipal.pic import rules as pic
from imio.municipal.platform import naming
from imio.municipal.platform import territory
from imio.municipal.platform.groups import users_of_group
from imio.municipal.platform.lookup import municipality_of
from plone import api
from plone.app.content.browser.vocabulary import PERMISSIONS
from zope.annotation.interfaces import IAnnotations
from zope.globalrequest import getRequest
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


@provider(IVocabularyFactory)
def platform_municipalities_factory(context=None):
    """The municipalities hosted on this platform, "Namur (92094)" by INS code.

    Unrestricted: which municipalities share the platform is public (their
    homes are), and partners must be chosen among municipalities one cannot
    enter.
    """
    terms = []
    for brain in api.content.find(
        portal_type="Municipality", unrestricted=True, sort_on="sortable_title"
    ):
        municipality = brain._unrestrictedGetObject()
        code = municipality.ins_code
        if code:
            terms.append(
                SimpleTerm(value=code, token=code, title=f"{municipality.Title()} ({code})")
            )
    return SimpleVocabulary(terms)


@provider(IVocabularyFactory)
def services_factory(context=None):
    """The services of the municipality of the context (value = service id)."""
    municipality = municipality_of(context) if context is not None else None
    services = municipality.services or [] if municipality is not None else []
    return SimpleVocabulary(
        [SimpleTerm(value=s["id"], token=s["id"], title=s["title"]) for s in services]
    )


@provider(IVocabularyFactory)
def procedures_factory(context=None):
    """The procedures a case file can follow (dossiers/procedures.py)."""
    return SimpleVocabulary(
        [
            SimpleTerm(value=p.code, token=p.code, title=p.title)
            for p in procedures.PROCEDURES.values()
        ]
    )


STAFF_CACHE_KEY = "imio.municipal.vocabularies.staff"
STAFF_VOCABULARY = "imio.municipal.vocabularies.MunicipalStaff"
LIST_STAFF = "imio.municipal: List municipal staff"
# plone.restapi's @vocabularies and Plone's @@getVocabulary check this
# permission on the context (default: View, which anonymous visitors have on
# a municipality): only its staff and the administrators list its staff.
PERMISSIONS[STAFF_VOCABULARY] = LIST_STAFF


def _staff_terms(ins_code: str) -> tuple:
    """(user id, full name) of a municipality's staff, once per request: a
    case file's page and its REST answer look the agent up several times,
    and reading every member's properties is costly."""
    request = getRequest()
    cache = IAnnotations(request).setdefault(STAFF_CACHE_KEY, {}) if request is not None else {}
    if ins_code not in cache:
        users = {}
        for member in users_of_group(naming.staff_group(ins_code)):
            users[member.getId()] = member.getProperty("fullname") or member.getId()
        cache[ins_code] = tuple(sorted(users.items(), key=lambda item: item[1].lower()))
    return cache[ins_code]


@provider(IVocabularyFactory)
def municipal_staff_factory(context=None):
    """The users of the municipality of the context, by full name."""
    municipality = municipality_of(context) if context is not None else None
    if municipality is None:
        return SimpleVocabulary([])
    return SimpleVocabulary(
        [
            SimpleTerm(value=user_id, token=user_id, title=title)
            for user_id, title in _staff_terms(municipality.ins_code)
        ]
    )


def _codes_vocabulary(mapping):
    return SimpleVocabulary(
        [SimpleTerm(value=code, token=code, title=item.title) for code, item in mapping.items()]
    )


@provider(IVocabularyFactory)
def act_kinds_factory(context=None):
    return _codes_vocabulary(tutelle.KINDS)


@provider(IVocabularyFactory)
def bodies_factory(context=None):
    return _codes_vocabulary(tutelle.BODIES)


@provider(IVocabularyFactory)
def matters_factory(context=None):
    return _codes_vocabulary(tutelle.MATTERS)


@provider(IVocabularyFactory)
def tutelle_regimes_factory(context=None):
    return _codes_vocabulary(tutelle.REGIMES)


@provider(IVocabularyFactory)
def tutelle_outcomes_factory(context=None):
    return _codes_vocabulary(tutelle.OUTCOMES)


@provider(IVocabularyFactory)
def pic_periods_factory(context=None):
    return _codes_vocabulary(pic.PERIODS)


@provider(IVocabularyFactory)
def pic_categories_factory(context=None):
    return _codes_vocabulary(pic.CATEGORIES)


@provider(IVocabularyFactory)
def pic_phases_factory(context=None):
    return _codes_vocabulary(pic.PHASES)
