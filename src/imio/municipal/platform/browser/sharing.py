"""The sharing page of a municipality's content searches its own people.

Plone's sharing page searches every user and group of the platform through
PAS (users by login, full name and e-mail; groups by id and title): at the
region's size, about 10,000 users and 3,900 groups for each search, and a
Namur case file would be offered to Gembloux's staff. Inside a municipality
the search reads the municipality's staff group instead (its function and
service groups are nested in it; their members are its people) and matches
the term on those alone. Outside any municipality (the site, the shared
projects) Plone's search is unchanged.

Saving keeps the same border: a role newly given inside a municipality goes
to its own people and groups only (an id typed by hand, « Logged-in users »
or another municipality's staff is refused with the reason, nothing saved),
for every role that reaches the page, platform administrators included.
"""

from imio.municipal import _
from imio.municipal.errors import InvalidInput
from imio.municipal.errors import MunicipalRefusal
from imio.municipal.platform import naming
from imio.municipal.platform import people_search
from imio.municipal.platform.groups import principals_in_group
from imio.municipal.platform.lookup import ins_code_of
from imio.municipal.platform.refusals import show_refusal
from plone import api
from plone.app.workflow.browser.sharing import SharingView

import transaction


def refuse_strangers(context, new_settings, principals) -> None:
    """Refuse a role newly given to anyone outside ``principals`` (group
    ids, user ids). Taking roles away, or keeping them, is always allowed."""
    own = set(principals[0]) | set(principals[1])
    for setting in new_settings:
        principal = setting["id"]
        held = set(context.get_local_roles_for_userid(userid=principal))
        if set(setting.get("roles") or ()) - held and principal not in own:
            refusal = InvalidInput(principal)
            # translated where it is shown, in the user's language
            refusal.message = _(
                "refusal_sharing_stranger",
                default="${principal} is not one of the municipality's staff: "
                "a role here is given to its own people and groups only.",
                mapping={"principal": principal},
            )
            raise refusal


class MunicipalSharingView(SharingView):
    def update_role_settings(self, new_settings, reindex=True):
        ins_code = ins_code_of(self.context)
        if ins_code is not None:
            refuse_strangers(self.context, new_settings, self._principals(ins_code))
        return super().update_role_settings(new_settings, reindex)

    def handle_form(self):
        # The page's own form: a refusal shows its reason and saves nothing
        # (the inheritance checkbox is handled before the roles).
        savepoint = transaction.savepoint()
        try:
            return super().handle_form()
        except MunicipalRefusal as refusal:
            savepoint.rollback()
            self.request.response.setStatus(refusal.status)
            show_refusal(refusal, self.request)
            return True

    def _principals(self, ins_code: str) -> tuple[list[str], list[str]]:
        key = "_municipal_principals"
        if getattr(self, key, None) is None:
            setattr(self, key, principals_in_group(naming.staff_group(ins_code)))
        return getattr(self, key)

    def user_search_results(self):
        ins_code = ins_code_of(self.context)
        if ins_code is None:
            return super().user_search_results()
        acl_users = api.portal.get_tool("acl_users")
        found = {}

        def search_for_principal(_hunter, term):
            for user_id in self._principals(ins_code)[1]:
                user = acl_users.getUserById(user_id)
                if user is not None and people_search.matches(
                    term,
                    user_id,
                    user.getUserName(),
                    user.getProperty("fullname"),
                    user.getProperty("email"),
                ):
                    found[user_id] = user
            return [{"userid": user_id} for user_id in found]

        return self._principal_search_results(
            search_for_principal,
            found.get,
            lambda user, default: user.getProperty("fullname") or user.getId() or default,
            "user",
            "userid",
        )

    def group_search_results(self):
        ins_code = ins_code_of(self.context)
        if ins_code is None:
            return super().group_search_results()
        # PAS's group, without portal_groups' wrapper: its title and roles
        # are all the page shows
        acl_users = api.portal.get_tool("acl_users")
        found = {}

        def title_of(group, default=None):
            return group.getProperty("title") or group.getId() or default

        def search_for_principal(_hunter, term):
            for group_id in self._principals(ins_code)[0]:
                group = acl_users.getGroup(group_id)
                if group is not None and people_search.matches(term, group_id, title_of(group)):
                    found[group_id] = group
            return [{"groupid": group_id} for group_id in found]

        return self._principal_search_results(
            search_for_principal, found.get, title_of, "group", "groupid"
        )
