"""REST: `GET <municipality>/@steering` answers the dashboard's tables as
JSON (same filters: `start`, `end`, `service`; a bad one is a 400 with its
reason)."""

from decimal import Decimal
from imio.municipal.core import money
from imio.municipal.core.calendar import belgian_today
from imio.municipal.errors import InvalidInput
from imio.municipal.platform.refusals import refusal_answer
from imio.municipal.steering import compute
from imio.municipal.steering.browser.sections import COLUMN_TITLES
from imio.municipal.steering.browser.sections import period_from
from imio.municipal.steering.browser.sections import SECTIONS
from imio.municipal.steering.browser.sections import service_from
from plone.restapi.services import Service
from zope.i18n import translate


def json_cell(value):
    if isinstance(value, Decimal):
        return money.to_json(value)
    if isinstance(value, float):
        return round(value, 1)
    return value


class SteeringGet(Service):
    def reply(self):
        services = [row["id"] for row in (self.context.services or [])]
        try:
            period = period_from(self.request.form, belgian_today())
            service = service_from(self.request.form, services)
        except InvalidInput as refusal:
            return refusal_answer(refusal, self.request)
        tables = compute.municipality_tables(self.context, period, service)
        return {
            "@id": f"{self.context.absolute_url()}/@steering",
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
            "service": service,
            "figures": [
                {
                    "name": section.name,
                    "title": translate(section.title, context=self.request),
                    "columns": [
                        {
                            "name": column.name,
                            "kind": column.kind,
                            "title": translate(
                                COLUMN_TITLES.get(column.name, column.name), context=self.request
                            ),
                        }
                        for column in tables[section.name].columns
                    ],
                    "rows": [
                        [json_cell(cell) for cell in row] for row in tables[section.name].rows
                    ],
                }
                for section in SECTIONS
            ],
        }
