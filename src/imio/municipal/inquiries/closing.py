"""Closing a public inquiry: refused before its end; otherwise the report is
written (a PDF/A official document) and joins the case file in the same
transaction; when it cannot be written the inquiry stays open."""

from imio.municipal import _
from imio.municipal.core.calendar import belgian_date
from imio.municipal.core.calendar import belgian_today
from imio.municipal.errors import MunicipalRefusal
from imio.municipal.inquiries.opening import free_id
from imio.municipal.inquiries.report import render_report
from plone import api
from plone.namedfile.file import NamedBlobFile
from Products.CMFCore.WorkflowCore import WorkflowException
from zope.globalrequest import getRequest
from zope.i18n import translate

import transaction


REPORT_ID = "rapport-enquete-publique"


def closing_refusal(inquiry):
    """Why the inquiry may not close today, or None."""
    if inquiry.end is None or belgian_today() <= inquiry.end:
        return _(
            "refusal_inquiry_close_before_end",
            default="The public inquiry runs until ${end}: it can be closed from the next day.",
            mapping={"end": belgian_date(inquiry.end) if inquiry.end else "?"},
        )
    return None


def before_transition(inquiry, event):
    if event.transition is None or event.transition.id != "close":
        return
    reason = closing_refusal(inquiry)
    if reason is not None:
        transaction.doom()
        raise WorkflowException(translate(reason, context=getRequest()))


def after_transition(inquiry, event):
    if event.transition is None or event.transition.id != "close":
        return
    try:
        write_report(inquiry)
    except MunicipalRefusal as refused:
        # No report (LibreOffice down...): the inquiry stays open.
        transaction.doom()
        raise WorkflowException(str(refused)) from None


def write_report(inquiry):
    """The report as a confidential annex of the case file (it names the
    citizens who reacted); its UID is kept on the inquiry."""
    dossier = inquiry.__parent__
    data = render_report(inquiry, getRequest())
    # The case file may have moved on (the agent may no longer add annexes
    # there): the report is the product's own writing, not the agent's.
    with api.env.adopt_roles(["Manager"]):
        report = api.content.create(
            container=dossier,
            type="File",
            id=free_id(dossier, REPORT_ID),
            title=f"Rapport d'enquête publique ({belgian_date(inquiry.start)} – "
            f"{belgian_date(inquiry.end)})",
            file=NamedBlobFile(
                data=data, contentType="application/pdf", filename=f"{REPORT_ID}.pdf"
            ),
            annex_category="other",
            confidential=True,
        )
    inquiry.report_uid = report.UID()
    return report
