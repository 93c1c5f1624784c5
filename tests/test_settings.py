"""One place for the settings and one "today".

- The site plugin's settings are typed and read from mkdocs.yml by the build and by
  `make check-data` alike: point them at another data folder and both follow.
- The build's date is SOURCE_DATE_EPOCH when set, else today in Thailand; every date worked out
  against today (dates ahead, due for review, the data check's "after today") uses it. Each
  computed date is tested with the build date on either side of it.
"""
from datetime import UTC, date, datetime, timedelta

import pytest
from mkdocs.exceptions import ConfigurationError

from harness.data import copy_of_data, edit, run_check
from harness.site import FIXTURE, ROOT, BuildFailed, build, site_config
from thlao import config, data, dates


def test_the_settings_are_read_from_mkdocs_yml_with_paths_from_there():
    settings = config.load(ROOT / "mkdocs.yml")
    assert settings.data_dir == str(ROOT / "data") and settings.labels_dir == str(ROOT / "labels")
    assert settings.schemas_dir == str(ROOT / "schemas") and settings.terms_file == str(ROOT / "terms.yml")
    assert isinstance(settings.review_after_months, int)


def test_a_wrong_setting_is_refused_with_its_name(tmp_path):
    config_file = site_config(tmp_path, docs=FIXTURE / "docs", data=tmp_path / "nowhere")
    with pytest.raises(ConfigurationError, match="plugins.thlao.data_dir"):
        config.load(config_file)
    bad_months = site_config(tmp_path, docs=FIXTURE / "docs", data=FIXTURE / "data", review_after_months="soon")
    with pytest.raises(ConfigurationError, match="review_after_months"):
        config.load(bad_months)


def test_check_data_and_the_build_follow_the_same_setting(tmp_path):
    dest = copy_of_data(tmp_path)
    edit(dest / "activities.yml", "status: pipeline\n", "status: started\n")
    run = run_check(dest, tmp_path)
    assert run.returncode == 1 and '"started" is not allowed' in run.stdout
    with pytest.raises(BuildFailed, match='"started" is not allowed'):
        build(tmp_path / "site", config=site_config(tmp_path, docs=FIXTURE / "docs", data=dest))
    # negative control: the same folder, mended, passes both
    edit(dest / "activities.yml", "status: started\n", "status: pipeline\n")
    assert run_check(dest, tmp_path).returncode == 0


def _epoch(moment: datetime) -> dict:
    return {"SOURCE_DATE_EPOCH": str(int(moment.timestamp()))}


def test_the_build_date_is_source_date_epoch_in_thailand():
    # 23:30 UTC on 6 December is already 7 December in Bangkok
    late = datetime(2026, 12, 6, 23, 30, tzinfo=UTC)
    assert dates.build_date(_epoch(late)) == date(2026, 12, 7)
    assert dates.build_date(_epoch(late - timedelta(hours=7))) == date(2026, 12, 6)
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH"):
        dates.build_date({"SOURCE_DATE_EPOCH": "yesterday"})


def test_without_source_date_epoch_it_is_today_in_thailand():
    before = datetime.now(dates.THAILAND).date()
    found = dates.build_date({})
    assert found in (before, datetime.now(dates.THAILAND).date())


MOU = {"signed": "2022-11-07", "term_years": 5, "extension_years": 3}


@pytest.mark.parametrize("today, ahead", [
    ("2027-11-06", ["2027-11-07", "2030-11-07"]),  # the day before the first end: both ahead
    ("2027-11-07", ["2030-11-07"]),                # on the day: it is no longer ahead
    ("2030-11-06", ["2030-11-07"]),
    ("2030-11-07", []),                            # nothing left
])
def test_dates_ahead_on_either_side_of_each_computed_date(today, ahead):
    assert [day for day, _, _ in dates.dates_ahead([MOU], date.fromisoformat(today))] == ahead


@pytest.mark.parametrize("confirmed, today, due", [
    ("2025-06-14", "2026-06-13", False), ("2025-06-14", "2026-06-14", True),  # twelve months to the day
    ("2025-06", "2026-06-29", False), ("2025-06", "2026-06-30", True),        # a month counts from its last day
    ("2025", "2026-12-30", False), ("2025", "2026-12-31", True),              # a year from its last day
    ("unknown", "2000-01-01", True),                                          # never confirmed
])
def test_due_for_review_on_either_side_of_its_day(confirmed, today, due):
    assert data.due_for_review(confirmed, date.fromisoformat(today), 12) is due


def test_the_data_check_uses_the_build_date(tmp_path):
    dest = copy_of_data(tmp_path)
    edit(dest / "activities.yml", "confirmed: 2026-03\n", "confirmed: 2026-07\n")
    edit(dest / "activities.yml", "    - date: 2026-03\n", "    - date: 2026-07\n")
    epoch = lambda day: _epoch(datetime.fromisoformat(f"{day}T12:00:00").replace(tzinfo=dates.THAILAND))  # noqa: E731
    ahead = run_check(dest, tmp_path, env=epoch("2026-06-15"))
    assert ahead.returncode == 1 and '"2026-07" is after today' in ahead.stdout
    # negative control: built a day after that month, the same data passes
    assert run_check(dest, tmp_path, env=epoch("2026-07-01")).returncode == 0
