"""1010 -> 1011: the code moved to one package per capability.

The type information of existing sites names the old classes and schemas;
reimporting it names the new ones. The pickled objects keep loading through
``imio.municipal.legacy`` until ``zodbupdate`` rewrites them (``renames.py``).
"""

PROFILE = "profile-imio.municipal:default"


def reimport_types(setup_tool):
    setup_tool.runImportStepFromProfile(PROFILE, "typeinfo", run_dependencies=False)
