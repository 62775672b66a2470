"""zconsole script of the backup test: what the platform holds, and changes.

    zconsole run zope.conf backup_actor.py fingerprint --out before.json
    zconsole run zope.conf backup_actor.py change

``fingerprint`` writes the database's last transaction, every catalogued
object (type, state, title, modification time, act number), the digest of
every stored file, the numbering counters and the outbox. ``change`` deletes
a case file, renames another, adds a file, takes a number and queues a
message: everything a restore must undo.
"""

from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SpecialUsers import system
from imio.municipal.exchange import outbox
from imio.municipal.platform import numbering
from plone import api
from plone.namedfile.file import NamedBlobFile
from zope.annotation.interfaces import IAnnotations
from zope.component.hooks import setSite

import argparse
import hashlib
import json
import sys
import transaction


def files_of(obj) -> dict:
    obj._p_activate()  # a ghost's vars() are empty
    return {
        name: hashlib.sha256(value.data).hexdigest()
        for name, value in sorted(vars(obj).items())
        if hasattr(value, "_blob")
    }


def fingerprint(app, portal) -> dict:
    objects = {}
    site_path = "/".join(portal.getPhysicalPath())
    for brain in portal.portal_catalog.unrestrictedSearchResults(path=site_path, sort_on="path"):
        obj = brain._unrestrictedGetObject()
        objects[brain.getPath()] = {
            "type": obj.portal_type,
            "state": api.content.get_state(obj, default=None),
            "title": obj.Title(),
            "modified": str(obj.modified()),
            "number": getattr(obj, "number", None),
            "files": files_of(obj),
        }
    counters = {}
    for brain in api.content.find(context=portal, portal_type="Municipality", unrestricted=True):
        held = IAnnotations(brain._unrestrictedGetObject()).get(numbering.COUNTERS_KEY, {})
        counters[brain.getId] = {repr(key): counter.value for key, counter in held.items()}
    box = outbox.get_outbox(portal)
    messages = {
        key: [message.state, message.target, message.obj_uid, message.attempts]
        for key, message in (box.messages.items() if box is not None else ())
    }
    return {
        "last_transaction": app._p_jar.db().lastTransaction().hex(),
        "objects": objects,
        "counters": counters,
        "outbox": messages,
    }


def change(portal) -> dict:
    dossiers = api.content.find(
        context=portal, portal_type="Dossier", sort_on="path", unrestricted=True
    )
    deleted, renamed = (brain._unrestrictedGetObject() for brain in dossiers[:2])
    deleted_path = "/".join(deleted.getPhysicalPath())
    api.content.delete(deleted, check_linkintegrity=False)
    renamed.title = "Titre changé après la sauvegarde"
    renamed.reindexObject()
    api.content.create(
        container=renamed,
        type="File",
        id="ajout-apres-sauvegarde.pdf",
        file=NamedBlobFile(data=b"%PDF-1.4 after the backup", filename="ajout.pdf"),
    )
    number = numbering.next_number(portal["namur"], "act", 2026, "backup-test")
    outbox.enqueue(
        portal,
        target="etutelle",
        ins_code="92094",
        obj_uid=renamed.UID(),
        obj_path="/".join(renamed.getPhysicalPath()),
        obj_title=renamed.title,
        transport="http",
        payload=b"<message/>",
        media_type="application/xml",
        filename="message.xml",
    )
    transaction.commit()
    return {"deleted": deleted_path, "number": number}


def main(app, argv) -> None:
    parser = argparse.ArgumentParser(prog="backup_actor.py")
    parser.add_argument("command", choices=["fingerprint", "change"])
    parser.add_argument("--site", default="Plone")
    parser.add_argument("--out")
    options = parser.parse_args(argv)
    portal = app[options.site]
    setSite(portal)
    newSecurityManager(None, system)  # the platform's own hand, not a user's
    result = fingerprint(app, portal) if options.command == "fingerprint" else change(portal)
    if options.out:
        with open(options.out, "w", encoding="utf-8") as stream:
            json.dump(result, stream, indent=2, sort_keys=True)
    print(json.dumps(result)[:500])


def script_args(argv):
    for index, arg in enumerate(argv):
        if arg.endswith("backup_actor.py"):
            return argv[index + 1 :]
    return []


if __name__ == "__main__":
    main(app, script_args(sys.argv))  # noqa: F821 (app is provided by zconsole)
