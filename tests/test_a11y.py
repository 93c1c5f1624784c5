"""Accessibility gate (WCAG 2.1 AA / TWCAG), part two, on both built sites: keyboard reach, the skip
link, table and chart markup, language names. The axe-core runs are in tests/test_axe.py.

The markup rules are read from every page of both sites. The keyboard is tried in Chromium on the
fixture site's Thai pages with a table (it has every kind of table; the English pages hold the
same), its homes and English status page, and on a real home and status page (every table of
either site sits in a focusable region: checked in the markup).
"""
import re

import pytest
from bs4 import BeautifulSoup

from harness.browser import NO_MOTION
from harness.site import page_file, page_paths
from thlao.search import article_html

SITES = ["fixture", "real"]
REAL_KEYBOARD_PAGES = ["", "en/status/"]  # a home, a status page


def focus_stops(page, limit=400) -> list[dict]:
    """Press Tab from the top of the page until focus cycles; describe each element focused."""
    stops = []
    page.evaluate("document.activeElement && document.activeElement.blur()")
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate("""() => {
            const el = document.activeElement;
            if (!el || el === document.body) return null;
            const tables = [...document.querySelectorAll('article table')];
            return {
                html: el.outerHTML.slice(0, 120),
                skip: el.classList.contains('md-skip'),
                search: el.matches('input[type=text], input[type=search]') && !!el.closest('.md-search'),
                hreflang: el.closest('.md-select') ? el.getAttribute('hreflang') : null,
                tables: tables.flatMap((t, i) => (el.contains(t) || t.contains(el)) ? [i] : []),
            };
        }""")
        if stop is None or (stops and stop == stops[0]):
            break
        stops.append(stop)
    return stops


def html_of(site, path) -> str:
    return page_file(site, path).read_text("utf-8")


def has_table(site, path) -> bool:
    return "<table" in article_html(html_of(site, path))


def keyboard_problems(page, url, paths) -> list[str]:
    page.emulate_media(color_scheme="light")
    problems = []
    for path in paths:
        page.goto(url + path)
        tables = page.locator("article table").count()
        stops = focus_stops(page)
        other = "en" if not path.startswith("en/") else "th"
        reached = {i for stop in stops for i in stop["tables"]}
        if not stops or not stops[0]["skip"]:
            problems.append(f"/{path}: the first Tab stop is not the skip link")
        if not any(stop["search"] for stop in stops):
            problems.append(f"/{path}: the search box is never focused")
        if not any(stop["hreflang"] == other for stop in stops):
            problems.append(f"/{path}: the language switcher link to '{other}' is never focused")
        if missing := set(range(tables)) - reached:
            problems.append(f"/{path}: tables {sorted(missing)} of {tables} are never focused")
    return problems


@pytest.mark.browser
def test_keyboard_reaches_skip_link_search_language_switcher_and_every_table_fixture(page, fixture_url, fixture_site):
    """Every Thai page with a table (the English pages hold the same tables) and both homes."""
    paths = ["", "en/", "en/status/", *(p for p in page_paths(fixture_site)
                                        if not p.startswith("en/") and has_table(fixture_site, p))]
    assert {"status/", "areas/fx-broadband/", "items/fx-broadband-2022/", "about/review/"} <= set(paths)
    assert not (problems := keyboard_problems(page, fixture_url, paths)), "\n".join(problems)


@pytest.mark.browser
def test_keyboard_reaches_skip_link_search_language_switcher_and_every_table_real(page, real_url, real_site):
    assert has_table(real_site, "en/status/")  # control: a table to reach
    assert not (problems := keyboard_problems(page, real_url, REAL_KEYBOARD_PAGES)), "\n".join(problems)


@pytest.mark.browser
def test_keyboard_check_finds_an_unreachable_table(page, fixture_url):
    page.goto(fixture_url + "status/")
    page.evaluate("document.querySelector('article').inert = true")  # nothing in it takes the focus
    stops = focus_stops(page)
    assert stops and not any(stop["tables"] for stop in stops)


@pytest.mark.browser
def test_skip_link_moves_to_the_content(page, fixture_url):
    page.goto(fixture_url + "en/")
    page.keyboard.press("Tab")
    target = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    assert target.startswith("#") and page.evaluate("location.hash") == target
    assert page.locator(f"article {target}").count() == 1


SKIP = re.compile(r'<a\b[^>]*\bclass="md-skip"[^>]*>')
ID = 'id="{}"'


def skip_problems(html: str) -> list[str]:
    """A page without a skip link to an element of its own."""
    link = SKIP.search(html)
    href = re.search(r'\bhref="#([^"]+)"', link[0]) if link else None
    if href is None:
        return ["no skip link"]
    return [] if ID.format(href[1]) in html else [f"the skip link's target #{href[1]} is missing"]


def test_skip_problems_finds_a_missing_target():
    assert skip_problems('<a href="#c" class="md-skip">Skip</a><h1 id="c">') == []
    assert skip_problems('<a href="#c" class="md-skip">Skip</a><h1 id="d">') == ["the skip link's target #c is missing"]
    assert skip_problems("<h1 id='c'>") == ["no skip link"]


@pytest.mark.parametrize("name", SITES)
def test_every_page_has_a_skip_link_to_an_existing_target(request, name):
    site = request.getfixturevalue(f"{name}_site")
    problems = [f"/{path}: {p}" for path in page_paths(site) for p in skip_problems(html_of(site, path))]
    assert not problems, "\n".join(problems)


# --- tables and charts ---------------------------------------------------------------------------

def table_problems(html: str) -> list[str]:
    """What a table of the article lacks for assistive technology and the keyboard: a caption,
    header cells each with a scope, and a focusable, named region around it (a wide table
    scrolls inside it)."""
    problems = []
    for i, table in enumerate(BeautifulSoup(article_html(html), "html.parser").select("article table")):
        if not (table.caption and table.caption.get_text(strip=True)):
            problems.append(f"table {i} has no caption")
        cells = table.find_all("th")
        if not cells:
            problems.append(f"table {i} has no header cell (th)")
        if [th for th in cells if th.get("scope") not in ("col", "row", "colgroup", "rowgroup")]:
            problems.append(f"table {i} has a header cell without a scope")
        region = table.find_parent(attrs={"tabindex": "0"})
        if not (region and region.get("role") == "region" and region.get("aria-label", "").strip()):
            problems.append(f"table {i} is not in a focusable, named region")
    return problems


def test_table_problems_finds_a_bare_table():
    bare = "<article><table><tr><th>H</th></tr><tr><td>1</td></tr></table></article>"
    good = ('<article><div role="region" aria-label="C" tabindex="0"><table><caption>C</caption>'
            '<tr><th scope="col">H</th></tr><tr><td>1</td></tr></table></div></article>')
    assert table_problems(bare) == ["table 0 has no caption", "table 0 has a header cell without a scope",
                                    "table 0 is not in a focusable, named region"]
    assert table_problems(good) == []


@pytest.mark.parametrize("name", SITES)
def test_every_table_has_a_caption_scoped_header_cells_and_a_focusable_region(request, name):
    site = request.getfixturevalue(f"{name}_site")
    paths = page_paths(site)
    assert any(has_table(site, p) for p in paths)  # control: there are tables
    problems = [f"/{path}: {problem}" for path in paths for problem in table_problems(html_of(site, path))]
    assert not problems, "\n".join(problems)


def chart_problems(html: str) -> list[str]:
    """What a chart (an <svg> in the article) lacks: a name, and its figures in text."""
    soup = BeautifulSoup(article_html(html), "html.parser")
    problems = []
    icons = {id(svg) for svg in soup.select("article a svg, article button svg, article .md-icon svg,"
                                             " [aria-hidden=true] svg")}
    charts = [svg for svg in soup.select("article svg:not([aria-hidden=true])") if id(svg) not in icons]
    for i, svg in enumerate(charts):
        described = soup.find(id=svg.get("aria-describedby", "")) if svg.get("aria-describedby") else None
        text = " ".join(el.get_text(" ") for el in [described, *svg.find_next_siblings()] if el)
        figures = {t.get_text().rsplit(":", 1)[-1].strip() for t in svg.select("title")}
        if svg.get("role") != "img" or not svg.get("aria-label", "").strip():
            problems.append(f"chart {i} is not an image with a name (role=img, aria-label)")
        if described is None or not figures or not all(f in text.split() for f in figures):
            problems.append(f"chart {i}: figures {sorted(figures)} not all in its text equivalent")
    return problems


def test_chart_problems_finds_a_chart_without_text():
    bare = '<article><svg><rect><title>Closed: 5</title></rect></svg></article>'
    good = ('<article><p id="d">5 closed</p><svg role="img" aria-label="Chart" aria-describedby="d">'
            '<rect><title>Closed: 5</title></rect></svg></article>')
    assert len(chart_problems(bare)) == 2 and chart_problems(good) == []


@pytest.mark.parametrize("name", SITES)
@pytest.mark.parametrize("path", ["status/", "en/status/"])
def test_the_status_chart_has_a_name_and_a_text_equivalent(request, name, path):
    """The dashboard's bar chart (the timeline figure's own pattern is tests/test_timeline_svg.py's)."""
    html = html_of(request.getfixturevalue(f"{name}_site"), path)
    assert "<svg" in article_html(html), "no chart on the status page"
    assert not (problems := chart_problems(html)), "\n".join(problems)


SWITCH_LINK = re.compile(r'<a\b[^>]*\bclass="md-select__link"[^>]*>')


@pytest.mark.parametrize("name", SITES)
def test_language_names_are_marked_in_their_own_language(request, name):
    site = request.getfixturevalue(f"{name}_site")
    problems = []
    for path in page_paths(site):
        links = SWITCH_LINK.findall(html_of(site, path))
        langs = [(re.search(r'\bhreflang="([^"]*)"', a)[1], re.search(r'\blang="([^"]*)"', a)) for a in links]
        if len(links) != 2 or any(lang is None or lang[1] != hreflang for hreflang, lang in langs):
            problems.append(f"/{path}: {links}")
    assert not problems, "\n".join(problems)


@pytest.mark.browser
@pytest.mark.parametrize("name, path", [("fixture", "areas/fx-broadband/"), ("real", "")])
def test_keyboard_focus_stays_on_screen_at_phone_width(chromium, request, name, path):
    url = request.getfixturevalue(f"{name}_url")
    context = chromium.new_context(viewport={"width": 360, "height": 740}, reduced_motion="reduce")
    page = context.new_page()
    page.add_init_script(f"addEventListener('DOMContentLoaded', () => document.head"
                         f".insertAdjacentHTML('beforeend', '<style>{NO_MOTION}</style>'))")
    page.goto(url + path)
    off_screen = []
    for _ in range(30):  # the header, then the navigation drawer's links
        page.keyboard.press("Tab")
        box = page.evaluate("(r => [r.left, r.right, r.width])"
                            "(document.activeElement.getBoundingClientRect())")
        if box[2] and (box[1] <= 0 or box[0] >= 360):
            off_screen.append(page.evaluate("document.activeElement.outerHTML.slice(0, 80)"))
    context.close()
    assert not off_screen, "\n".join(off_screen)
