"""Behaviour in a real browser, on both built sites: no console error and no request to another host
on any page, every page and table fits a 360 px phone, every page works without JavaScript, the
language switch keeps the page, search opens from a phone's header.

The fixture site (every case) is crawled whole; of the real site (what readers get), every page
written by hand, and one page of each kind a template makes (harness/checks.py crawl_paths).
"""
import re
from html import unescape
from urllib.parse import urljoin, urlsplit

import pytest

from harness.checks import crawl_paths
from harness.site import page_file, page_paths
from thlao.search import article_html

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}
SITES = ["fixture", "real"]

# Per page at 360 px: how far the page scrolls sideways, and each table wider than the
# screen that no scrollable box on the screen holds (its content would be cut off).
LAYOUT_JS = """() => {
    const article = document.querySelector('article');
    const right = innerWidth + 1;
    const onScreen = el => el.getBoundingClientRect().right <= right;
    const scrolls = el => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
    const holder = t => { for (let el = t; el && el !== article; el = el.parentElement)
                              if (scrolls(el) && onScreen(el)) return el; return null; };
    const cut = [...article.querySelectorAll('table')].flatMap((t, i) => {
        const box = onScreen(t) ? t : holder(t);
        return box && box.scrollWidth >= t.scrollWidth ? [] : [i];
    });
    return {overflow: document.documentElement.scrollWidth - innerWidth, cut};
}"""


class Watch:
    """What a browser context logs: console errors, page errors and requests off the site."""

    def __init__(self, context, own_host: str):
        self.errors, self.foreign = [], []
        context.route("**/*", self._route)
        context.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        context.on("weberror", lambda e: self.errors.append(str(e.error)))
        self.own_host = own_host

    def _route(self, route):
        if urlsplit(route.request.url).netloc == self.own_host:
            return route.continue_()
        self.foreign.append(route.request.url)
        return route.abort()

    def take(self) -> tuple[list, list]:
        taken = self.errors[:], self.foreign[:]
        self.errors.clear()
        self.foreign.clear()
        return taken


@pytest.fixture(scope="module", params=SITES)
def site(request) -> dict:
    """A built site: its folder, its URL, and whether a crawl visits every page of it."""
    name = request.param
    return {"name": name, "dir": request.getfixturevalue(f"{name}_site"),
            "url": request.getfixturevalue(f"{name}_url"), "every": name == "fixture"}


def open_phone(chromium, url):
    context = chromium.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    return context, context.new_page(), Watch(context, urlsplit(url).netloc)


@pytest.fixture(scope="module")
def phone(chromium, fixture_url):
    """A phone's page on the fixture site, and what it logs."""
    context, page, watch = open_phone(chromium, fixture_url)
    yield page, watch
    context.close()


@pytest.fixture(scope="module")
def crawl(chromium, site) -> dict:
    """The site's crawl_paths loaded once each at 360 px: what each logged and its layout."""
    context, page, watch = open_phone(chromium, site["url"])
    seen, last = {}, None
    for path in crawl_paths(site["dir"], site["every"]):
        # "load", not "networkidle" (half a second of quiet per page, most of the suite's time):
        # the watch spans the whole context, so what a page logs after its load still fails the
        # test, named under the next page loaded (or the last page, after the wait below)
        page.goto(site["url"] + path, wait_until="load")
        errors, foreign = watch.take()
        seen[path] = {"errors": errors, "foreign": foreign, **page.evaluate(LAYOUT_JS)}
        last = path
    page.wait_for_load_state("networkidle")
    errors, foreign = watch.take()
    seen[last]["errors"] += errors
    seen[last]["foreign"] += foreign
    context.close()
    return seen


def _problems(crawl: dict, key: str) -> list[str]:
    return [f"/{path}: {found[key]}" for path, found in crawl.items() if found[key]]


def test_the_crawl_visits_both_languages_and_each_kind_of_page(crawl, site):
    kinds = {p.removeprefix("en/").split("/")[0] for p in crawl}
    assert {"", "items", "related", "areas", "status", "404.html"} <= kinds
    assert "" in crawl and "en/" in crawl and "404.html" in crawl and "en/404.html" in crawl
    if site["every"]:
        assert set(crawl) == set(page_paths(site["dir"]))


def test_no_console_error_on_any_page(crawl):
    assert not (problems := _problems(crawl, "errors")), "\n".join(problems)


def test_no_request_to_another_host_on_any_page(crawl):
    assert not (problems := _problems(crawl, "foreign")), "\n".join(problems)


def test_pages_and_tables_fit_a_360px_screen(crawl, site):
    assert any("<table" in page_file(site["dir"], p).read_text("utf-8") for p in crawl)
    problems = [f"/{path}: page scrolls {found['overflow']} px sideways"
                for path, found in crawl.items() if found["overflow"] > 0]
    problems += [f"/{path}: tables {found['cut']} are cut off" for path, found in crawl.items()
                 if found["cut"]]
    assert not problems, "\n".join(problems)


def test_watch_and_layout_catch_planted_faults(phone, fixture_url):
    page, watch = phone
    page.goto(fixture_url + "en/", wait_until="networkidle")
    watch.take()
    page.evaluate("""() => {
        console.error('planted');
        document.body.insertAdjacentHTML('beforeend', '<img src="https://example.org/x.png">');
        const t = '<table class="planted"><tr>' + '<td>wide&nbsp;cell</td>'.repeat(30) + '</tr></table>';
        document.querySelector('article').insertAdjacentHTML('beforeend',
            '<div style="overflow:hidden">' + t + '</div>');
    }""")
    page.wait_for_timeout(300)
    errors, foreign = watch.take()
    assert "planted" in errors and foreign == ["https://example.org/x.png"]
    assert page.evaluate(LAYOUT_JS)["cut"]


# --- the language switch ---------------------------------------------------------------------------

SWITCH_LINK = re.compile(r'<a\b[^>]*\bclass="md-select__link"[^>]*>')


def attribute(tag: str, name: str) -> str | None:
    found = re.search(rf'\b{name}="([^"]*)"', tag)
    return unescape(found[1]) if found else None


def switch_problems(site_dir) -> list[str]:
    """Pages whose language switch does not lead to the same page in the other language (a 404
    page: to the other language's home)."""
    problems = []
    for path in page_paths(site_dir):
        lang, rest = ("en", path[3:]) if path.startswith("en/") else ("th", path)
        other = "th" if lang == "en" else "en"
        want = "/" + ("en/" if other == "en" else "") + ("" if rest == "404.html" else rest)
        links = [a for a in SWITCH_LINK.findall(page_file(site_dir, path).read_text("utf-8"))
                 if attribute(a, "hreflang") == other]
        got = [urlsplit(urljoin("/" + path, attribute(a, "href"))).path for a in links]
        if got != [want]:
            problems.append(f"/{path}: switches to {got}, not {want}")
    return problems


@pytest.mark.parametrize("name", SITES)
def test_the_language_switch_of_every_page_leads_to_the_same_page(request, name):
    site_dir = request.getfixturevalue(f"{name}_site")
    assert not (problems := switch_problems(site_dir)), "\n".join(problems)


def test_switch_problems_finds_a_switch_to_another_page(tmp_path):
    (tmp_path / "en" / "a").mkdir(parents=True)
    (tmp_path / "a").mkdir()
    link = '<a href="{}" hreflang="{}" class="md-select__link">'
    (tmp_path / "a" / "index.html").write_text(link.format("./", "th") + link.format("../en/", "en"))
    (tmp_path / "en" / "a" / "index.html").write_text(link.format("../../a/", "th") + link.format("./", "en"))
    assert switch_problems(tmp_path) == ["/a/: switches to ['/en/'], not /en/a/"]


@pytest.mark.parametrize("path", ["", "items/fx-broadband-2022/", "areas/fx-broadband/"])
def test_language_switch_keeps_the_page(phone, fixture_url, path):
    """From the keyboard, as on a phone: the list opens on focus, and its link is followed."""
    page, _ = phone
    for source, target in (("", "en/"), ("en/", "")):
        page.goto(fixture_url + source + path)
        h1 = page.get_attribute("article h1", "id")
        page.locator(".md-select button").focus()  # the list opens on focus, as from the keyboard
        page.locator(f".md-select a[hreflang={target[:-1] or 'th'}]").click()
        page.wait_for_url(fixture_url + target + path)
        assert page.get_attribute("article h1", "id") == h1
        assert page.get_attribute("html", "lang") == (target[:-1] or "th")


@pytest.mark.parametrize("lang, word", [("", "ค้นหา"), ("en/", "search")])
def test_search_opens_from_the_phone_header_and_finds_a_page_by_its_title(phone, fixture_url, lang, word):
    """A word of the title of the fixture's page of search cases (tests/test_search.py has the rest)."""
    page, _ = phone
    page.goto(fixture_url + lang)
    page.locator("label.md-header__button[for=__search]").click()
    page.keyboard.type(word)
    page.keyboard.press("End")  # a key release makes Material search after Thai text input
    results = page.locator(".md-search-result__item a")
    results.first.wait_for()
    hrefs = {urlsplit(h).path for h in results.evaluate_all("els => els.map(e => e.href)")}
    assert f"/{lang}search-cases/" in hrefs, (word, hrefs)


# --- without JavaScript -----------------------------------------------------------------------------

def test_pages_work_without_javascript(chromium, site):
    """Every page of the fixture site; of the real site's crawl, the homes and the pages with a
    table (where the script does most: Material wraps tables, tracker.js adds the filter)."""
    context = chromium.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    problems = []
    for path in crawl_paths(site["dir"], site["every"]):
        tables = article_html(page_file(site["dir"], path).read_text("utf-8")).count("<table")
        if not (site["every"] or tables or path in ("", "en/")):
            continue
        page.goto(site["url"] + path)
        if not page.locator("article h1").is_visible():
            problems.append(f"/{path}: heading not visible")
        if page.locator("article table:visible").count() != tables:
            problems.append(f"/{path}: not all {tables} tables visible")
        if (overflow := page.evaluate(LAYOUT_JS))["overflow"] > 0 or overflow["cut"]:
            problems.append(f"/{path}: does not fit 360 px: {overflow}")
    context.close()
    assert not problems, "\n".join(problems)


def test_navigation_works_without_javascript(chromium, fixture_url):
    context = chromium.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(fixture_url)
    page.locator("label.md-header__button[for=__drawer]").click()  # CSS-only drawer toggle
    page.locator(".md-nav--primary > ul > li > a[href='status/']").click()
    assert page.url == fixture_url + "status/" and page.locator("article h1").is_visible()
    page.locator("label.md-header__button[for=__drawer]").click()
    section = page.locator(".md-nav--primary li:has(a[href='../areas/fx-posts/']) > input").get_attribute("id")
    page.locator(f"label[for={section}]").first.click()  # opens the section's panel
    page.locator(".md-nav--primary a[href='../areas/fx-broadband/']").click()
    assert page.url == fixture_url + "areas/fx-broadband/" and page.locator("article h1").is_visible()
    context.close()
