"""Accessibility gate (WCAG 2.1 AA / TWCAG), part one: axe-core.

- Light scheme: every Thai page of the fixture site (it has every case of what the templates
  make) and one English page of each kind (the same templates); of the real site, every page
  written by hand and one page of each kind a template makes (harness/checks.py crawl_paths),
  the article alone but for the homes and status pages, checked whole.
- Dark scheme: one fixture page of each kind, the real homes and status pages (the colours come
  from the same stylesheet).

Keyboard reach and table markup: tests/test_a11y.py (two files, so that the two test workers
share the browser work)."""
import pytest

from harness.browser import still_context
from harness.checks import AXE, axe_violations, crawl_paths
from harness.site import page_paths

SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme -> Material scheme

pytestmark = pytest.mark.browser

# One fixture page of each kind; the English pages are made by the same templates as the Thai.
KINDS_FIXTURE = ["", "agreements/fx-2022/", "areas/fx-broadband/", "status/", "timeline/", "sources/",
                 "about/review/", "items/fx-broadband-2022/", "related/fx-rel-2022/", "404.html"]
DARK_FIXTURE = [*KINDS_FIXTURE, "en/", "en/status/"]
DARK_REAL = ["", "en/", "status/", "en/status/"]


def light_paths(name: str, site) -> list[str]:
    """The fixture site: every Thai page and one English page of each kind; the real site: every
    page written by hand and one page of each kind a template makes, in both languages."""
    if name == "real":
        return crawl_paths(site, every=False)
    return [p for p in page_paths(site) if not p.startswith("en/")] + [f"en/{p}" for p in KINDS_FIXTURE]


def axe_crawl(chromium, url: str, paths: list[str], scheme: str, whole: list[str] | None = None) -> dict:
    """{path: violations} of the pages with any, each page loaded in the scheme; of each page the
    whole document, or, where `whole` is given, of the pages not in it the article alone."""
    # a context of its own per crawl: Material remembers the last scheme in localStorage,
    # and a busy machine must not let one run's choice leak into the other
    context = still_context(chromium, color_scheme=scheme)
    context.add_init_script(path=str(AXE))  # in every page as it loads, rather than sent to each
    page = context.new_page()
    found = {}
    try:
        for path in paths:
            page.goto(url + path)
            # Material applies the scheme from script: check colours only once it has
            page.wait_for_function("s => document.body.getAttribute('data-md-color-scheme') === s",
                                   arg=SCHEMES[scheme], timeout=10000)
            within = None if whole is None or path in whole else "article"
            if violations := axe_violations(page, within):
                found[path] = violations
    finally:
        context.close()
    return found


def report(found: dict) -> str:
    return "\n".join(f"/{p}\n  " + "\n  ".join(v) for p, v in found.items())


@pytest.mark.parametrize("name", ["fixture", "real"])
def test_axe_finds_no_violation_in_the_light_scheme(chromium, request, name):
    site, url = request.getfixturevalue(f"{name}_site"), request.getfixturevalue(f"{name}_url")
    paths = light_paths(name, site)
    assert {"", "en/", "status/", "en/status/", "404.html", "en/404.html"} <= set(paths)
    assert any(p.startswith("items/") for p in paths) and any(p.startswith("en/related/") for p in paths)
    # the real site's chrome (header, navigation, footer) is the fixture's template with more
    # entries: checked whole on its homes and status pages, the article alone elsewhere
    whole = DARK_REAL if name == "real" else None
    assert not (found := axe_crawl(chromium, url, paths, "light", whole)), report(found)


@pytest.mark.parametrize("name, paths", [("fixture", DARK_FIXTURE), ("real", DARK_REAL)])
def test_axe_finds_no_violation_in_the_dark_scheme(chromium, request, name, paths):
    site, url = request.getfixturevalue(f"{name}_site"), request.getfixturevalue(f"{name}_url")
    assert set(paths) <= set(page_paths(site))
    assert not (found := axe_crawl(chromium, url, paths, "dark")), report(found)


def test_axe_reports_a_planted_violation(page, fixture_url):
    page.emulate_media(color_scheme="light")
    page.goto(fixture_url)
    page.evaluate("document.querySelector('article').insertAdjacentHTML('beforeend',"
                  " '<img src=\"data:,\" width=\"9\" height=\"9\">')")
    assert any(v.startswith("image-alt ") for v in axe_violations(page))
    assert any(v.startswith("image-alt ") for v in axe_violations(page, "article"))  # the article alone too
