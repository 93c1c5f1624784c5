"""Behaviour in a real browser: phone width, console, requests, language switch, search, no JavaScript."""
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from harness.site import page_file, page_paths

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}

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


@pytest.fixture(scope="module")
def phone(chromium, site_url):
    context = chromium.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True,
                                   has_touch=True)
    watch = Watch(context, urlsplit(site_url).netloc)
    yield context.new_page(), watch
    context.close()


@pytest.fixture(scope="module")
def crawl(phone, site_url, built_site) -> dict:
    """Every page of both languages loaded once at 360 px: what each logged and its layout."""
    page, watch = phone
    seen, last = {}, None
    for path in page_paths(built_site):
        # "load", not "networkidle" (half a second of quiet per page, most of the suite's time):
        # the watch spans the whole context, so what a page logs after its load still fails the
        # test, named under the next page loaded (or the last page, after the wait below)
        page.goto(site_url + path, wait_until="load")
        errors, foreign = watch.take()
        seen[path] = {"errors": errors, "foreign": foreign, **page.evaluate(LAYOUT_JS)}
        last = path
    page.wait_for_load_state("networkidle")
    errors, foreign = watch.take()
    seen[last]["errors"] += errors
    seen[last]["foreign"] += foreign
    return seen


def _problems(crawl: dict, key: str) -> list[str]:
    return [f"/{path}: {found[key]}" for path, found in crawl.items() if found[key]]


def test_no_console_error_on_any_page(crawl):
    assert len(crawl) > 60 and "en/" in crawl
    assert not (problems := _problems(crawl, "errors")), "\n".join(problems)


def test_no_request_to_another_host_on_any_page(crawl):
    assert not (problems := _problems(crawl, "foreign")), "\n".join(problems)


def test_pages_and_tables_fit_a_360px_screen(crawl, built_site):
    assert any("<table" in page_file(built_site, p).read_text("utf-8") for p in crawl)
    problems = [f"/{path}: page scrolls {found['overflow']} px sideways"
                for path, found in crawl.items() if found["overflow"] > 0]
    problems += [f"/{path}: tables {found['cut']} are cut off" for path, found in crawl.items()
                 if found["cut"]]
    assert not problems, "\n".join(problems)


def test_watch_and_layout_catch_planted_faults(phone, site_url):
    page, watch = phone
    page.goto(site_url + "en/", wait_until="networkidle")
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


SWITCH_PAGES = ["", "areas/broadband/", "status/", "about/privacy/"]


@pytest.mark.parametrize("path", SWITCH_PAGES)
def test_language_switch_keeps_the_page(phone, site_url, path):
    page, _ = phone
    for source, target, name in (("", "en/", "English"), ("en/", "", "ไทย")):
        page.goto(site_url + source + path)
        h1 = page.get_attribute("article h1", "id")
        page.locator(".md-select button").focus()  # the list opens on focus, as from the keyboard
        page.get_by_role("link", name=name, exact=True).click()
        page.wait_for_url(site_url + target + path)
        assert page.get_attribute("article h1", "id") == h1
        assert page.get_attribute("html", "lang") == (target[:-1] or "th")


@pytest.mark.parametrize("lang", ["", "en/"])
def test_search_finds_a_page_by_its_title_in_each_language(phone, site_url, built_site, lang):
    page, _ = phone
    target = f"{lang}areas/broadband/"
    title = BeautifulSoup(page_file(built_site, target).read_text("utf-8"), "html.parser")
    query = title.select_one("article h1").get_text(" ", strip=True).split()[0]
    page.goto(site_url + lang)
    page.locator("label.md-header__button[for=__search]").click()
    page.keyboard.type(query)
    page.keyboard.press("End")  # a key release makes Material search after Thai text input
    results = page.locator(".md-search-result__item a")
    results.first.wait_for()
    hrefs = {urlsplit(h).path for h in results.evaluate_all("els => els.map(e => e.href)")}
    assert "/" + target in hrefs, (query, hrefs)


@pytest.fixture(scope="module")
def no_js(chromium, site_url):
    context = chromium.new_context(viewport=PHONE, java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_pages_work_without_javascript(no_js, site_url, built_site):
    problems = []
    for path in page_paths(built_site):
        no_js.goto(site_url + path)
        html = BeautifulSoup(page_file(built_site, path).read_text("utf-8"), "html.parser")
        tables = len(html.select("article table"))
        if not no_js.locator("article h1").is_visible():
            problems.append(f"/{path}: heading not visible")
        if no_js.locator("article table:visible").count() != tables:
            problems.append(f"/{path}: not all {tables} tables visible")
        if (overflow := no_js.evaluate(LAYOUT_JS))["overflow"] > 0 or overflow["cut"]:
            problems.append(f"/{path}: does not fit 360 px: {overflow}")
    assert not problems, "\n".join(problems)


def test_navigation_works_without_javascript(no_js, site_url):
    no_js.goto(site_url)
    no_js.locator("label.md-header__button[for=__drawer]").click()  # CSS-only drawer toggle
    no_js.locator(".md-nav--primary > ul > li > a[href='status/']").click()
    assert no_js.url == site_url + "status/" and no_js.locator("article h1").is_visible()
    no_js.locator("label.md-header__button[for=__drawer]").click()
    section = no_js.locator(".md-nav--primary li:has(a[href='../areas/']) > input").get_attribute("id")
    no_js.locator(f"label[for={section}]").first.click()  # opens the section's panel
    no_js.locator(".md-nav--primary a[href='../areas/broadband/']").click()
    assert no_js.url == site_url + "areas/broadband/" and no_js.locator("article h1").is_visible()
