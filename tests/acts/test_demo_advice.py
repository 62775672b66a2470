"""The demo shows the three situations of the advice in Namur."""

from imio.municipal.acts import advice
from imio.municipal.demo.advice import ACTS
from imio.municipal.platform.content_ids import slug
from plone import api


def test_demo_acts_with_advice(portal):
    register = portal["namur"]["actes"]
    acts = [register[slug(spec[0])] for spec in ACTS]
    statuses = [[record["status"] for record in advice.advices(act)] for act in acts]
    assert statuses == [["asked"], ["given"], ["passed_over"]]
    assert [api.content.get_state(act) for act in acts] == ["proposed", "validated", "validated"]
    # The first one is held back until its last day; the others went on.
    assert advice.advice_refusals(acts[0])
    assert advice.recitals(acts[1])[0].startswith(
        "Vu l'avis de légalité favorable avec remarques du directeur financier rendu le "
    )
    assert "restée sans réponse" in advice.recitals(acts[2])[0]
