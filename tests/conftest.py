"""Shared fixtures: the real site and the fixture site, each built once per test session (the two
pytest-xdist workers share one build of each), served on 127.0.0.1, and one Chromium per worker.

- real_site: the repository's mkdocs.yml and data/. Tests on it state rules that hold whatever
  the data says (a clerk's correct update must keep them green).
- fixture_site: tests/fixtures/site, its own pages and data holding every case (every status,
  state and kind, dates at every precision, due and not due for review), built for a pinned day
  (harness/site.py FIXTURE_DAY). Tests on it check rendering against values written by hand.
"""
import json
import os
import shutil
from pathlib import Path

import pytest
from filelock import FileLock

from harness.browser import launch, serve, still_context
from harness.site import FIXTURE_EPOCH, ROOT, build, fixture_config
from thlao import check


def _shared(tmp_path_factory, name: str, make) -> Path:
    """A folder made once for the whole session: the first worker to ask makes it, under a lock,
    and the others wait for it; a failed build is raised in every worker that asks."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the same for every worker of the session
    folder, done = base / name, base / f"{name}.json"
    with FileLock(str(base / f"{name}.lock")):
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            try:
                extra = make(folder)
                done.write_text(json.dumps({"ok": True, "extra": extra}), encoding="utf-8")
            except Exception as failed:  # noqa: BLE001 - every worker reports the same failure
                done.write_text(json.dumps({"ok": False, "error": str(failed)}), encoding="utf-8")
        state = json.loads(done.read_text(encoding="utf-8"))
    if not state["ok"]:
        pytest.fail(state["error"], pytrace=False)
    return folder


@pytest.fixture(scope="session")
def real_data():
    """The repository's data, checked as `make check-data` checks it (a test that changes it
    changes a copy)."""
    dataset, problems = check.run(ROOT / "mkdocs.yml")
    assert not problems, "\n".join(map(str, problems))
    return dataset


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The real site, built with --strict; Thai at the root, English under en/."""
    def make(folder):
        build(folder / "site")
    return _shared(tmp_path_factory, "real-site", make) / "site"


@pytest.fixture(scope="session")
def fixture_build(tmp_path_factory) -> dict:
    """The fixture site, built once with --strict for the pinned day; {site, log} (the log at
    debug level, where the build says which labels no page showed)."""
    def make(folder):
        run = build(folder / "site", config=fixture_config(folder), env={"SOURCE_DATE_EPOCH": FIXTURE_EPOCH},
                    verbose=True)
        lines = [line for line in (run.stdout + run.stderr).splitlines() if "thlao:" in line]
        (folder / "thlao.log").write_text("\n".join(lines), encoding="utf-8")
    folder = _shared(tmp_path_factory, "fixture-site", make)
    return {"site": folder / "site", "log": (folder / "thlao.log").read_text(encoding="utf-8")}


@pytest.fixture(scope="session")
def fixture_site(fixture_build) -> Path:
    return fixture_build["site"]


@pytest.fixture(scope="session")
def real_url(real_site):
    """Base URL of the built real site served on 127.0.0.1."""
    with serve(real_site) as url:
        yield url


@pytest.fixture(scope="session")
def fixture_url(fixture_site):
    """Base URL of the built fixture site served on 127.0.0.1."""
    with serve(fixture_site) as url:
        yield url


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium for the whole session."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def page(chromium):
    """A page in a browser context without motion (axe samples settled colours), one per test module."""
    context = still_context(chromium)
    yield context.new_page()
    context.close()


def pytest_collection_modifyitems(items):
    """A test that drives Chromium must say so (`pytest -m "not browser"` then starts none)."""
    unmarked = [item.nodeid for item in items
                if "chromium" in item.fixturenames and not item.get_closest_marker("browser")]
    if unmarked:
        raise pytest.UsageError("mark these tests @pytest.mark.browser: " + ", ".join(unmarked))
