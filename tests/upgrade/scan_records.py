"""Read the previous release's records with the current code, before zodbupdate.

    python scan_records.py DATA_FS SUMMARY_JSON

Between deploying the code and running zodbupdate, Zope loads the records
under their old class paths: each must import, and be the very object the
renames give its record after zodbupdate.
"""

from site_probe import moved
from site_probe import package_renames
from site_probe import resolve
from site_probe import storage_globals
from ZODB.FileStorage import FileStorage

import json
import sys


def main(data_fs, summary_file) -> None:
    renames = package_renames()
    storage = FileStorage(data_fs, read_only=True)
    try:
        references = storage_globals(storage)
    finally:
        storage.close()
    unresolved, aliased, differ, unrenamed = [], [], [], []
    for module, name in sorted(references):
        try:
            found = resolve(module, name)
        except Exception:  # noqa: BLE001 (any failure means a broken object)
            unresolved.append(f"{module}.{name}")
            continue
        if not module.startswith("imio.municipal.") or not moved(module, name):
            continue
        aliased.append(f"{module}.{name}")
        renamed = renames.get(f"{module} {name}")
        if renamed is None:
            unrenamed.append(f"{module}.{name}")
        elif resolve(*renamed.split(" ")) is not found:
            differ.append(f"{module}.{name} is not {renamed}")
    with open(summary_file, "w") as out:
        summary = {"unresolved": unresolved, "aliased": aliased, "differ": differ}
        json.dump({**summary, "unrenamed": unrenamed}, out, indent=1)
    print(f"{len(references)} globals, {len(aliased)} old paths, {len(unresolved)} unresolved")


if __name__ == "__main__":
    main(*sys.argv[1:])
