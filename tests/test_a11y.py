"""Accessibility gate (WCAG 2.1 AA / TWCAG), part two: keyboard reach, skip link, table markup.
The axe-core runs are in tests/test_axe.py."""
import pytest
from bs4 import BeautifulSoup

from harness.browser import NO_MOTION
from harness.pages import GENERATED_PAGES
from harness.site import page_file, page_paths

pytestmark = pytest.mark.browser


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


def pages_with_tables(site) -> list[str]:
    return [p for p in page_paths(site) if "<table" in page_file(site, p).read_text("utf-8")]


# The page of each MOU item (thlao/items.py) has one table, its status history, made by one
# template: one of them per language stands for the rest, as in the dark scheme (axe, the HTML
# checker and the 360 px crawl still see every one).
ITEM_PAGES_SAMPLED = {f"{lang}{path.removesuffix('index.html')}" for lang in ("", "en/")
                      for path in GENERATED_PAGES if path.startswith("items/")} - {
    "items/mou-2018-broadband/", "en/items/mou-2018-broadband/"}


# Likewise the fourteen area pages: one template, the same tracker table; one per language.
AREA_PAGES_SAMPLED = {f"{lang}areas/{area}/" for lang in ("", "en/") for area in (
    "posts-telecom", "digital-government", "digital-industry", "services", "innovation",
    "digital-opportunity", "research", "knowledge-exchange", "digital-economy", "smart-city",
    "e-transactions", "cybersecurity", "digital-skills")}


@pytest.fixture(scope="module")
def keyboard_pages(built_site) -> list[str]:
    pages = sorted({"", "en/", *pages_with_tables(built_site)} - ITEM_PAGES_SAMPLED - AREA_PAGES_SAMPLED)
    assert {"items/mou-2018-broadband/", "en/items/mou-2018-broadband/", "areas/broadband/",
            "en/areas/broadband/", "status/", "en/status/"} <= set(pages)
    return pages


def test_keyboard_reaches_skip_link_search_language_switcher_and_every_table(
        page, site_url, built_site, keyboard_pages):
    page.emulate_media(color_scheme="light")
    problems = []
    for path in keyboard_pages:
        page.goto(site_url + path)
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
    assert not problems, "\n".join(problems)


def test_skip_link_moves_to_the_content(page, site_url):
    page.goto(site_url + "en/")
    page.keyboard.press("Tab")
    target = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    assert target.startswith("#") and page.evaluate("location.hash") == target
    assert page.locator(f"article {target}").count() == 1


def test_every_page_has_a_skip_link_to_an_existing_target(built_site):
    problems = []
    for path in page_paths(built_site):
        html = BeautifulSoup(page_file(built_site, path).read_text("utf-8"), "html.parser")
        skip = html.select_one("a.md-skip[href^='#']")
        if skip is None or html.find(id=skip["href"][1:]) is None:
            problems.append(f"/{path}: no skip link, or its target id is missing")
    assert not problems, "\n".join(problems)


def table_problems(html: str) -> list[str]:
    """What a table lacks for assistive technology: a caption and header cells."""
    problems = []
    for i, table in enumerate(BeautifulSoup(html, "html.parser").select("article table")):
        if not (table.caption and table.caption.get_text(strip=True)):
            problems.append(f"table {i} has no caption")
        if not table.find("th"):
            problems.append(f"table {i} has no header cell (th)")
    return problems


def test_table_problems_finds_a_bare_table():
    bare = "<article><table><tr><td>1</td></tr></table></article>"
    good = "<article><table><caption>C</caption><tr><th>H</th></tr><tr><td>1</td></tr></table></article>"
    assert table_problems(bare) == ["table 0 has no caption", "table 0 has no header cell (th)"]
    assert table_problems(good) == []


def test_every_table_has_a_caption_and_header_cells(built_site):
    problems = [f"/{path}: {problem}" for path in page_paths(built_site)
                for problem in table_problems(page_file(built_site, path).read_text("utf-8"))]
    assert not problems, "\n".join(problems)


def chart_problems(html: str) -> list[str]:
    """What a chart (an <svg> in the article) lacks: a name, and its figures in text."""
    soup = BeautifulSoup(html, "html.parser")
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


@pytest.mark.parametrize("path", ["status/", "en/status/"])
def test_status_chart_has_a_text_equivalent(built_site, path):
    html = page_file(built_site, path).read_text("utf-8")
    assert "<svg" in html.split("<article", 1)[1], "no chart on the status page"
    assert not (problems := chart_problems(html)), "\n".join(problems)


def test_language_names_are_marked_in_their_own_language(built_site):
    for path in ("", "en/"):
        html = BeautifulSoup(page_file(built_site, path).read_text("utf-8"), "html.parser")
        links = html.select(".md-select__link")
        assert links and all(a.get("lang") == a["hreflang"] for a in links), path


def test_keyboard_focus_stays_on_screen_at_phone_width(chromium, site_url):
    context = chromium.new_context(viewport={"width": 360, "height": 740}, reduced_motion="reduce")
    page = context.new_page()
    page.add_init_script(f"addEventListener('DOMContentLoaded', () => document.head"
                         f".insertAdjacentHTML('beforeend', '<style>{NO_MOTION}</style>'))")
    page.goto(site_url + "areas/broadband/")
    off_screen = []
    for _ in range(30):  # the header, then the navigation drawer's links
        page.keyboard.press("Tab")
        box = page.evaluate("(r => [r.left, r.right, r.width])"
                            "(document.activeElement.getBoundingClientRect())")
        if box[2] and (box[1] <= 0 or box[0] >= 360):
            off_screen.append(page.evaluate("document.activeElement.outerHTML.slice(0, 80)"))
    context.close()
    assert not off_screen, "\n".join(off_screen)
