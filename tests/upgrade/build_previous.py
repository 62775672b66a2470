"""Build the demo site with the previous release's code (run in its own process).

    python build_previous.py ZOPE_CONF OLD_SRC CREATE_SITE_SCRIPT MAIL_DIR BASELINE_JSON

OLD_SRC must come first on PYTHONPATH. Runs the release's own
scripts/create_site.py (what `make run` does on a new database), then writes
what the release shows: every content object and the staff's pages.
"""

from site_probe import open_app
from site_probe import package_file
from site_probe import request_for
from site_probe import snapshot
from site_probe import staff_pages

import json
import runpy
import sys
import transaction


SITE_ID = "Plone"
ADMIN = "admin"


def main(zope_conf, old_src, create_site_script, mail_dir, baseline) -> None:
    summary = {"package": package_file(old_src)}
    app = open_app(zope_conf)
    create_site = runpy.run_path(create_site_script, run_name="create_site")
    create_site["main"](app, ["--site-id", SITE_ID, "--admin", ADMIN, "--mail-queue", mail_dir])
    transaction.commit()
    site, _request = request_for(app, SITE_ID, ADMIN)
    setup = site.portal_setup
    summary["profile_version"] = setup.getLastVersionForProfile("imio.municipal:default")
    summary["objects"] = snapshot(site)
    summary.update(staff_pages(app, SITE_ID))
    transaction.abort()
    app._p_jar.db().close()
    with open(baseline, "w") as out:
        json.dump(summary, out, indent=1, sort_keys=True)
    print(f"Previous release: {len(summary['objects'])} content objects")


if __name__ == "__main__":
    main(*sys.argv[1:])
