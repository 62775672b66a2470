"""The reliability test of the exchange (issue 7): ``pytest -m reliability``."""


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "reliability: the outbox against the faulty simulator with its own ZEO server "
        "and worker processes killed during the run (about a minute)",
    )
