"""What the data-protection officer writes in the register, kept per municipality."""

from imio.municipal import _
from imio.municipal.authentic.authorisations import authorisations
from imio.municipal.authentic.authorisations import refusal
from imio.municipal.errors import InvalidInput
from imio.municipal.records import register
from persistent.mapping import PersistentMapping
from zope.annotation.interfaces import IAnnotations


KEY = "imio.municipal.records.register"
MAX_LENGTH = 4000


def completed(municipality) -> dict:
    """``{"controller": {field: text}, "activities": {code: {field: text}}}``."""
    kept = IAnnotations(municipality).get(KEY, {})
    return {
        "controller": dict(kept.get("controller", {})),
        "activities": {code: dict(fields) for code, fields in kept.get("activities", {}).items()},
    }


def _refuse_field(name: str):
    return refusal(
        InvalidInput,
        _(
            "error_register_field",
            default="${name} cannot be completed in the register: the generated columns "
            "come from the configuration.",
            mapping={"name": name},
        ),
    )


def _checked(fields: object, allowed: tuple[str, ...]) -> dict[str, str]:
    if not isinstance(fields, dict):
        raise _refuse_field(str(fields))
    for name, text in fields.items():
        if name not in allowed:
            raise _refuse_field(name)
        if not isinstance(text, str) or len(text) > MAX_LENGTH:
            raise refusal(
                InvalidInput,
                _(
                    "error_register_text",
                    default="${name}: a text of at most ${max} characters is expected.",
                    mapping={"name": name, "max": MAX_LENGTH},
                ),
            )
    return {name: text.strip() for name, text in fields.items()}


def complete(municipality, data: dict) -> None:
    """Merge the DPO's texts into the register; everything is checked first."""
    codes = {activity.code for activity in register.build_register()}
    controller = _checked(data.get("controller", {}), register.CONTROLLER_FIELDS)
    activities = data.get("activities", {})
    if not isinstance(activities, dict):
        raise _refuse_field("activities")
    checked = {}
    for code, fields in activities.items():
        if code not in codes:
            raise _refuse_field(code)
        checked[code] = _checked(fields, register.COMPLETED_FIELDS)
    annotations = IAnnotations(municipality)
    kept = annotations.get(KEY)
    if kept is None:
        kept = annotations[KEY] = PersistentMapping(
            {"controller": PersistentMapping(), "activities": PersistentMapping()}
        )
    kept["controller"].update(controller)
    for code, fields in checked.items():
        current = dict(kept["activities"].get(code, {}))
        current.update(fields)
        kept["activities"][code] = current


def municipality_register(municipality) -> tuple[dict, list]:
    """The controller's texts and the completed activities of ``municipality``."""
    texts = completed(municipality)
    activities = register.build_register(authorisations(municipality), texts["activities"])
    return texts["controller"], activities
