"""Shared fixtures: the data, the real site, built once per test session, served once, and one Chromium."""
from pathlib import Path

import pytest

from harness.browser import launch, serve, still_context
from harness.site import ROOT, build
from thlao import data


@pytest.fixture(scope="session")
def ds():
    """The site's data, checked, as data/*.yml has it (a test that changes it changes a copy)."""
    return data.load(ROOT / "data")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built with --strict; Thai at the root, English under en/."""
    dest = tmp_path_factory.mktemp("site")
    build(dest)
    return dest


@pytest.fixture(scope="session")
def site_url(built_site):
    """Base URL of the built site served on 127.0.0.1."""
    with serve(built_site) as url:
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
