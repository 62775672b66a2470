"""Citizens and pieces of the e-counter tests."""

MARIE = {"sub": "marie.lambert", "niss": "78051212326", "fullname": "Marie Lambert"}
LUC = {"sub": "luc.renard", "niss": "90021404581", "fullname": "Luc Renard"}


def make_citizen(person: dict) -> str:
    """A citizen account as the sign-in makes it (integration tests)."""
    from imio.municipal.counter.citizens import citizen_id
    from imio.municipal.counter.citizens import CITIZENS_GROUP
    from plone import api

    user_id = citizen_id(person["sub"])
    if api.user.get(userid=user_id) is None:
        api.user.create(
            username=user_id,
            email=f"{person['sub']}@example.be",
            password="never-used-Passw0rd",
            properties={"fullname": person["fullname"], "niss": person["niss"]},
        )
        api.group.add_user(groupname=CITIZENS_GROUP, username=user_id)
    return user_id


def pdf_bytes(pages: int = 1) -> bytes:
    import io
    import pikepdf

    pdf = pikepdf.new()
    for _ in range(pages):
        pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
