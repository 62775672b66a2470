"""Properties of the masking over generated acts: every national number in
any layout and every date or place of birth is masked (or awaits a decision
as a suspect); officials, companies and public contact points never are."""

from datetime import date
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
from imio.municipal.publication.core.contacts import public_contacts
from imio.municipal.publication.core.masking import mask_html
from imio.municipal.publication.core.masking import Person
from stdnum.be import nn

import re


FIRST_NAMES = ["Jean", "Marie", "Jean-Pierre", "Anne-Sophie", "Luc", "Émilie", "Noël"]
SURNAMES = ["Dupont", "Lefèvre", "Van den Berghe", "d'Ursel", "Martin", "Lambert-Dubois"]
PLACES = ["Ciney", "Dinant", "Andenne", "La Louvière", "Saint-Servais", "Braine-l'Alleud"]
MONTHS = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
SEPARATORS = ["", ".", "-", " "]
# The municipality's and its services' public contact points, as configured.
MUNICIPALITY = {
    "email": "info@ville.namur.be",
    "phone": "081 24 60 11",
    "services": [
        {"id": "urbanisme", "email": "urbanisme@namur.be", "phone": "081/24.60.00"},
        {"id": "travaux", "email": "travaux@ville.namur.be", "phone": "+32 81 24 63 50"},
        {"id": "finances", "email": "", "phone": "081.24.61.20"},
        {"id": "secretariat"},
    ],
}
CONTACTS = tuple(public_contacts(MUNICIPALITY))
PHONE_SEPARATORS = [" ", ".", "/", "-", ""]


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def national_number(born: date, serial: int) -> str:
    base = f"{born:%y%m%d}{serial:03d}"
    prefix = "2" if born.year >= 2000 else ""
    number = base + f"{97 - int(prefix + base) % 97:02d}"
    assert nn.is_valid(number) and nn.get_birth_date(number) == born
    return number


@st.composite
def written_niss(draw):
    born = draw(st.dates(min_value=date(1920, 1, 1), max_value=date(2025, 12, 31)))
    number = national_number(born, draw(st.integers(min_value=1, max_value=997)))
    seps = [draw(st.sampled_from(SEPARATORS)) for _ in range(4)]
    groups = [number[:2], number[2:4], number[4:6], number[6:9], number[9:]]
    return groups[0] + "".join(sep + group for sep, group in zip(seps, groups[1:], strict=True))


@st.composite
def birth_sentence(draw):
    born = draw(st.dates(min_value=date(1920, 1, 1), max_value=date(2025, 12, 31)))
    day = "1er" if born.day == 1 else str(born.day)
    written_date = draw(
        st.sampled_from(
            [
                f"{born:%d/%m/%Y}",
                f"{born:%d.%m.%Y}",
                f"{born:%d-%m-%Y}",
                f"{day} {MONTHS.split()[born.month - 1]} {born.year}",
            ]
        )
    )
    place = draw(st.sampled_from(PLACES))
    name = f"{draw(st.sampled_from(FIRST_NAMES))} {draw(st.sampled_from(SURNAMES))}"
    born_word = draw(st.sampled_from(["né", "née"]))
    template = draw(
        st.sampled_from(
            [
                "{name}, {born} le {date} à {place}, sollicite un permis",
                "{name}, {born} à {place} le {date}, sollicite un permis",
                "la demande de {name} (date de naissance : {date} ; lieu de naissance : {place})",
                "{name}, {born} le {date}, {born} à {place}, est désigné·e",
                "{name} (° {date}), {born} à {place}, réside à l'étranger",
            ]
        )
    )
    text = template.format(name=name, born=born_word, date=written_date, place=place)
    return text, name, [written_date, place]


def written_phone(draw, zone: str, subscriber: str) -> str:
    """A Belgian number in one of its common layouts, national or international."""
    groups = [subscriber[i : i + 2] for i in range(0, len(subscriber), 2)]
    if len(subscriber) % 2:  # 0475 123 456 or 010 123 456: a group of three first
        groups = [subscriber[:3], *(subscriber[i : i + 2] for i in range(3, len(subscriber), 2))]
    first = draw(st.sampled_from(PHONE_SEPARATORS))
    rest = draw(st.sampled_from([" ", ".", ""]))
    prefix = draw(st.sampled_from(["0", "+32 ", "+32", "0032 ", "+32 (0)"]))
    return prefix + zone + first + rest.join(groups)


@st.composite
def public_contact(draw):
    """A configured contact point as an act writes it (other layout, other case)."""
    configured = draw(st.sampled_from(CONTACTS))
    if "@" in configured:
        return draw(st.sampled_from([configured, configured.upper(), configured.capitalize()]))
    number = digits(configured)
    number = number[2:] if number.startswith("32") else number[1:]
    return written_phone(draw, number[:2], number[2:])


@st.composite
def private_contact(draw):
    """A private person's mobile or landline (another zone) and e-mail."""
    if draw(st.booleans()):
        zone = draw(st.sampled_from(["470", "475", "486", "497"]))
        subscriber = draw(st.from_regex(r"\A[1-9]\d{5}\Z"))
    else:
        zone = draw(st.sampled_from(["10", "71", "65"]))
        subscriber = draw(st.from_regex(r"\A[1-9]\d{5}\Z"))
    local = draw(st.sampled_from(["g.vandamme", "marie.lambert83", "jp-collard", "noel_d"]))
    domain = draw(st.sampled_from(["gmail.com", "skynet.be", "outlook.be"]))
    return written_phone(draw, zone, subscriber), f"{local}@{domain}"


CONTEXT = (
    "<p>Le Bourgmestre, M. Maxence Hérion, préside.</p>"
    "<p>Le marché est attribué à la SRL Bati Construct, rue de Fer 25 à 5000 Namur.</p>"
    "<p>Renseignements : urbanisme@namur.be, 081/24.60.00.</p>"
    "<p>Considérant le rapport de M. Paul Collard, Échevin de l'Urbanisme ;</p>"
)
PUBLIC = ["Maxence Hérion", "SRL Bati Construct", "rue de Fer 25 à 5000 Namur"]
PUBLIC += ["urbanisme@namur.be", "081/24.60.00", "Paul Collard, Échevin"]


@settings(max_examples=80, deadline=None)
@given(
    niss=st.lists(written_niss(), min_size=1, max_size=3),
    births=birth_sentence(),
    publics=st.lists(public_contact(), min_size=1, max_size=4),
    private=private_contact(),
)
def test_personal_items_masked_public_ones_kept(niss, births, publics, private):
    sentence, name, items = births
    phone, email = private
    services = "".join(f"<p>Service communal : {contact}.</p>" for contact in publics)
    context = CONTEXT + services
    html = (
        context
        + f"<p>{sentence}.</p>"
        + "".join(f"<p>NISS : {n} ;</p>" for n in niss)
        + f"<p>{name} est joignable au {phone} ou par courriel ({email}).</p>"
    )
    result = mask_html(
        html, persons=[Person(name)], officials=["Maxence Hérion"], contacts=CONTACTS
    )
    assert result.html.startswith(context), result.html
    public_part = result.html.replace(context, "")
    for item in [*niss, *items, phone, email]:
        assert item not in public_part, (item, result.html)
    # one finding per number whatever its layout, one per date and place
    assert {digits(n) for n in niss} == {digits(f.text) for f in result.masked if f.kind == "niss"}
    assert set(items) <= {f.text for f in result.masked if f.kind == "birth"}
    assert {(f.kind, f.text) for f in result.masked} >= {("phone", phone), ("email", email)}
    for public in [*PUBLIC, *publics]:
        assert public in result.html, (public, result.html)
    assert result.undecided == ()
