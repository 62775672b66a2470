"""Run one benchmark function inside a Zope process of its own.

    python benchmarks/lib/zrun.py ZOPE_CONF MODULE:FUNCTION JSON_KWARGS RESULT_FILE

Opens the database of ZOPE_CONF as `zconsole run` does (a request, the
system user), imports MODULE from benchmarks/ (a benchmark script: its
`main()` is guarded by ``__name__``), calls FUNCTION(app, **kwargs) and
writes what it returns, as JSON, to RESULT_FILE. The function commits.
"""

from pathlib import Path

import importlib
import json
import logging
import sys
import warnings


BENCHMARKS = Path(__file__).resolve().parents[1]


def main(conf: str, target: str, kwargs: str, result_file: str) -> None:
    # benchmarks/, not benchmarks/lib (whose modules would shadow others)
    sys.path[0] = str(BENCHMARKS)
    warnings.filterwarnings("ignore", "pkg_resources is deprecated")
    from AccessControl.SecurityManagement import newSecurityManager
    from AccessControl.users import system
    from Testing.makerequest import makerequest
    from zope.globalrequest import setRequest
    from Zope2.Startup.run import make_wsgi_app

    import Zope2

    make_wsgi_app({}, conf)
    # The log goes next to the result (var/bench/NAME/log), not to the table.
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    log = logging.FileHandler(Path(result_file).with_suffix(".log"))
    log.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root.addHandler(log)
    app = makerequest(Zope2.app())
    app.REQUEST["PARENTS"] = [app]
    setRequest(app.REQUEST)
    newSecurityManager(None, system)
    module_name, function_name = target.split(":")
    function = getattr(importlib.import_module(module_name), function_name)
    result = function(app, **json.loads(kwargs))
    Path(result_file).write_text(json.dumps(result))
    app._p_jar.close()
    Zope2.DB.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
