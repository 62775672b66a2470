"""The DPO's pages render in French, with what was searched."""

from plone import api


def render(portal, name, **form):
    request = portal.REQUEST
    request.form.update(form)
    with api.env.adopt_user(username="namur-dpo"):
        view = api.content.get_view(name=name, context=portal["namur"], request=request)
        return view()


def test_the_data_subject_page_lists_the_person_s_case_files(portal):
    html = render(portal, "data-subject", niss="85.07.30-033.28")
    assert 'id="subject-dossiers"' in html
    assert "@@data-subject-export?niss=85073003328" in html


def test_the_journal_page_lists_the_accesses(portal, access_journal):
    render(portal, "data-subject", niss="85.07.30-033.28")  # journalled
    html = render(portal, "access-journal", niss="85073003328")
    assert 'class="table table-sm journal-entries"' in html
    assert "namur-dpo" in html


def test_the_data_subject_page_shows_state_titles_not_ids(portal):
    html = render(portal, "data-subject", niss="85.07.30-033.28")
    workflow_tool = api.portal.get_tool("portal_workflow")
    states = {
        state_id
        for workflow in workflow_tool.objectValues()
        for state_id in getattr(workflow, "states", {}).objectIds()
    }
    assert 'class="discreet">' in html
    shown = set(
        html.split('class="discreet">')[i].split("<")[0]
        for i in range(1, html.count('class="discreet">') + 1)
    )
    assert "Proposé" in shown, shown
    assert not shown & states, f"state ids shown: {shown & states}"
