"""Accessibility gate (WCAG 2.1 AA / TWCAG), part one: axe-core on every page (light scheme) and
on one page of each kind in the dark scheme. Keyboard reach and table markup: tests/test_a11y.py
(two files, so that the two test workers share the browser work)."""
import pytest

from harness.browser import still_context
from harness.checks import AXE, axe_violations
from harness.site import page_paths

SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme -> Material scheme

pytestmark = pytest.mark.browser


# Every page in the light scheme; in the dark one, one page of each kind: the colours come from
# the same stylesheet, and `make test` stays within five minutes as pages are added.
DARK_PAGES = [f"{lang}{path}" for lang in ("", "en/") for path in (
    "", "agreements/mou-2018/", "areas/broadband/", "status/", "timeline/", "sources/", "about/privacy/",
    "items/mou-2018-broadband/", "related/ministers-meet-2022-05/", "404.html")]


@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_finds_no_violation_on_any_page(chromium, site_url, built_site, scheme):
    # a context of its own per scheme: Material remembers the last scheme in localStorage,
    # and a busy machine must not let one run's choice leak into the other
    context = still_context(chromium, color_scheme=scheme)
    context.add_init_script(path=str(AXE))  # in every page as it loads, rather than sent to each
    page = context.new_page()
    paths = page_paths(built_site) if scheme == "light" else DARK_PAGES
    assert set(DARK_PAGES) <= set(page_paths(built_site))
    found = {}
    try:
        for path in paths:
            page.goto(site_url + path)
            # Material applies the scheme from script: check colours only once it has
            page.wait_for_function("s => document.body.getAttribute('data-md-color-scheme') === s",
                                   arg=SCHEMES[scheme], timeout=10000)
            if violations := axe_violations(page):
                found[path] = violations
    finally:
        context.close()
    assert any(p.startswith("en/") for p in paths) and "" in paths
    assert not found, "\n".join(f"/{p}\n  " + "\n  ".join(v) for p, v in found.items())


def test_axe_reports_a_planted_violation(page, site_url):
    page.emulate_media(color_scheme="light")
    page.goto(site_url)
    page.evaluate("document.querySelector('article').insertAdjacentHTML('beforeend',"
                  " '<img src=\"data:,\" width=\"9\" height=\"9\">')")
    assert any(v.startswith("image-alt ") for v in axe_violations(page))
