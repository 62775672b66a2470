"""The preview of an act's publication, as data: the masked texts, every
personal data item found with its decision, the publishable annexes and the
public versions already made. The secretariat's page and ``GET
@publication`` both show it."""

from imio.municipal.publication import choices
from imio.municipal.publication import decisions
from imio.municipal.publication.sections import versions
from imio.municipal.publication.texts import public_texts
from plone import api


def preview(act, texts=None) -> dict:
    """What publishing the act now would give, and what is still to decide."""
    texts = texts if texts is not None else public_texts(act)
    stored = decisions.finding_decisions(act)
    undecided = {finding.key for finding in texts.undecided}
    releases = decisions.annex_releases(act)
    state = api.content.get_state(act, default=None)
    return {
        "review_state": state,
        "title": texts.title.html,
        "text": texts.html,
        "items": [
            {
                "key": finding.key,
                "kind": finding.kind,
                "text": finding.text,
                "certain": finding.certain,
                "releasable": finding.releasable,
                "decision": (
                    {"action": stored[finding.key].action, "reason": stored[finding.key].reason}
                    if finding.key in stored
                    else None
                ),
                "undecided": finding.key in undecided,
            }
            for finding in texts.findings
        ],
        "annexes": [
            {
                "UID": annex.UID(),
                "title": annex.Title(),
                "released": annex.UID() in releases,
                "reason": releases.get(annex.UID(), ""),
                "changed_since_release": decisions.released_content_changed(act, annex),
            }
            for annex in choices.publishable_annexes(act)
        ],
        "publishable": state == "executory" and not texts.undecided,
        "may_decide": choices.may_decide(act),
        "versions": [version.absolute_url() for version in versions(act)],
    }
