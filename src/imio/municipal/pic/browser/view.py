"""The page of a PIC plan: its investments and the envelope."""

from imio.municipal.core import money
from imio.municipal.interfaces import IInvestment
from imio.municipal.pic import rules as pic
from plone import api
from Products.Five.browser import BrowserView


class PlanView(BrowserView):
    def language(self) -> str:
        return (self.request.get("LANGUAGE") or api.portal.get_default_language() or "fr")[:2]

    def eur(self, value) -> str:
        return money.format_eur(value, locale=self.language()) if value is not None else ""

    def totals(self):
        return self.context.totals()

    def bar(self) -> dict:
        """Used / remaining of the envelope, for the progress bar."""
        totals = self.totals()
        if totals.used_percent is None:  # no envelope yet
            return {
                "used": "100" if totals.subsidies else "0",
                "over": bool(totals.subsidies),
                "label": "",
            }
        label = f"{totals.used_percent}"
        if self.language() in ("fr", "de"):
            label = label.replace(".", ",")
        return {
            "used": f"{min(totals.used_percent, 100)}",
            "over": totals.over_envelope > 0,
            "label": f"{label}\u00a0%",
        }

    def refusal(self) -> str | None:
        return self.context.approval_refusal()

    def investments(self) -> list[dict]:
        rows = []
        for investment in self.context.objectValues():
            if not IInvestment.providedBy(investment):
                continue
            amounts = investment.amounts(self.context)
            category = pic.CATEGORIES.get(investment.category)
            phase = pic.PHASES.get(investment.phase)
            rows.append(
                {
                    "url": investment.absolute_url(),
                    "title": investment.Title(),
                    "category": category.title if category else "",
                    "phase": investment.phase,
                    "phase_title": phase.title if phase else "",
                    "estimate": self.eur(investment.estimate_incl_vat),
                    # Only sewer works have an SPGE share: blank elsewhere.
                    "spge": self.eur(amounts.get("spge_share"))
                    if investment.category == "sewers"
                    else "",
                    "eligible": self.eur(amounts["eligible_amount"]),
                    "rate": f"{investment.rate(self.context)} %",
                    "subsidy": self.eur(amounts["subsidy"]),
                    "municipal": self.eur(amounts["municipal_share"]),
                }
            )
        return rows
