"""Both daily jobs take the same common options and refuse the same way."""

from imio.municipal.jobs import reminders
from imio.municipal.jobs import tutelle

import pytest


JOBS = [reminders, tutelle]


@pytest.mark.parametrize("job", JOBS, ids=lambda job: job.__name__)
@pytest.mark.parametrize("url", ["plateforme.example.be", "ftp://example.be", "https://"])
def test_a_bad_url_is_a_usage_error(job, url, capsys):
    with pytest.raises(SystemExit) as exit:
        job.parse_args(["--zope-conf", "zope.conf", "--url", url])
    assert exit.value.code == 2
    assert "not an http(s) URL" in capsys.readouterr().err


@pytest.mark.parametrize("job", JOBS, ids=lambda job: job.__name__)
def test_the_common_options(job):
    options = job.parse_args(
        [
            "--zope-conf",
            "zope.conf",
            "--site",
            "Site",
            "--municipality",
            "namur",
            "--url",
            "https://plateforme.example.be/",
            "--today",
            "2026-12-07",
            "--dry-run",
        ]
    )
    assert (options.site, options.municipality, options.url) == (
        "Site",
        "namur",
        "https://plateforme.example.be/",
    )
    assert options.today.isoformat() == "2026-12-07"
    assert options.dry_run is True


@pytest.mark.parametrize("job", JOBS, ids=lambda job: job.__name__)
def test_a_bad_day_is_a_usage_error(job):
    with pytest.raises(SystemExit) as exit:
        job.parse_args(["--zope-conf", "zope.conf", "--today", "7/12/2026"])
    assert exit.value.code == 2
