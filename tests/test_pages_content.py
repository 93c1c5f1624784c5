"""The topic, reference and about pages as built, in both languages: text under its heading,
sources listed where cited, and the print stylesheet on every page; each with a negative control."""
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from harness.pages import DOCS, article, cited_sources, page, section, text_of
from harness.pages import LANGS as LANG_DIRS
from harness.site import ROOT

THAI = re.compile(r"[\u0E00-\u0E7F]")
# The pages of this part that cite sources (each must end with the list of what it cites).
CITING_PAGES = ["gms-superhighway", "startups", "training", "future", "timeline", "organizations",
                "glossary"]


def flat(parts: list) -> str:
    """The text of these elements as a reader sees it: whitespace runs become one space."""
    return " ".join(text_of(parts).split())


def text_under(site: Path, lang: str, path: str, heading_id: str) -> str:
    return flat(section(page(site, lang, path), heading_id))


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def page_url(site: Path, html: Path) -> str:
    """The URL path a built file is served at, from the site root ('/en/timeline/index.html')."""
    return "/" + html.relative_to(site).as_posix()


def resolves_to_file(site: Path, html: Path, href: str) -> bool:
    """Whether a same-site href on this page leads to a file of the built site."""
    target = urlsplit(urljoin(page_url(site, html), href)).path
    path = site / target.lstrip("/")
    return (path / "index.html").is_file() if target.endswith("/") else path.is_file()


def print_css_hrefs(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    return [link["href"] for link in soup.find_all("link", rel="stylesheet", href=True)
            if link["href"].split("?")[0].endswith("assets/print.css")]


# GMS-ISN history: the years in the page's own era.

YEARS = {"th": ["ธันวาคม พ.ศ. 2547", "5 กรกฎาคม พ.ศ. 2548", "30–31 มีนาคม พ.ศ. 2551"],
         "en": ["December 2004", "5 July 2005", "30–31 March 2008"]}
OTHER_ERA = {"th": ["2004", "2005", "2008"], "en": ["2547", "2548", "2551"]}


@pytest.mark.parametrize("lang", LANG_DIRS)
def test_gms_history_gives_each_milestone_in_the_page_era(built_site, lang):
    history = text_under(built_site, lang, "gms-superhighway/index.html", "history")
    for year in YEARS[lang]:
        assert year in history, f"{lang}: '{year}' missing under #history"
    assert not [y for y in OTHER_ERA[lang] if y in history], "a year in the other language's era"
    # The history section stops at the next heading: the 2018 report's uses are not in it.
    assert ("ความมั่นคงปลอดภัยไซเบอร์" if lang == "th" else "Cyber security") not in history


@pytest.mark.parametrize("lang", LANG_DIRS)
def test_gms_history_cites_the_regional_sources_only(built_site, lang):
    parts = section(page(built_site, lang, "gms-superhighway/index.html"), "history")
    assert cited_sources(parts) == {"adb-2005", "xinhua-2008"}


def test_english_gms_history_has_no_thai_text(built_site):
    history = text_under(built_site, "en", "gms-superhighway/index.html", "history")
    assert history and not THAI.search(history)
    assert THAI.search(text_under(built_site, "th", "gms-superhighway/index.html", "history"))


# Privacy: no cookies, no tracking, and the host's logs named plainly.

PRIVACY = {"th": {"summary": ["ไม่ใช้คุกกี้", "ไม่ติดตามผู้ใช้", "ไม่เก็บสถิติผู้เข้าชม"],
                  "host-logs": ["GitHub Pages", "หมายเลขไอพี"]},
           "en": {"summary": ["No cookies", "No tracking", "No analytics"],
                  "host-logs": ["GitHub Pages", "IP addresses"]}}


@pytest.mark.parametrize("lang", LANG_DIRS)
def test_privacy_says_no_cookies_and_names_the_host_logs(built_site, lang):
    for heading_id, phrases in PRIVACY[lang].items():
        text = text_under(built_site, lang, "about/privacy/index.html", heading_id)
        assert all(p in text for p in phrases), f"{lang} #{heading_id}: {text}"


def test_privacy_pages_do_not_mix_languages(built_site):
    th = text_under(built_site, "th", "about/privacy/index.html", "privacy")
    en = text_under(built_site, "en", "about/privacy/index.html", "privacy")
    assert "No cookies" not in th and "คุกกี้" not in en


def test_privacy_promise_holds_no_page_loads_anything_from_another_host(built_site):
    # "No request leaves the site": no stylesheet, script, image or font from elsewhere.
    outside = []
    for html in html_pages(built_site):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.select("script[src], link[rel~=stylesheet], link[rel~=preload], img[src]"):
            address = tag.get("src") or tag.get("href")
            if urlsplit(address).netloc:
                outside.append(f"{html.relative_to(built_site)}: {address}")
        if soup.find(attrs={"data-md-component": "source"}):  # Material's api.github.com fetch
            outside.append(f"{html.relative_to(built_site)}: repository facts from api.github.com")
    assert not outside, "\n".join(outside)


# Sources: every citing page ends with the list of what it cites, and citations resolve.

def cites_in_markdown(lang: str, name: str) -> set[str]:
    markdown = (DOCS / lang / f"{name}.md").read_text("utf-8")
    return set(re.findall(r'cite\("([a-z0-9-]+)"\)', markdown))


@pytest.mark.parametrize("lang", LANG_DIRS)
@pytest.mark.parametrize("name", CITING_PAGES)
def test_citing_page_lists_every_source_it_cites(built_site, lang, name):
    html = page(built_site, lang, f"{name}/index.html")
    listed = cited_sources(section(html, "page-sources"))
    # Citations written on the page and those inside tables and lists drawn from data.
    cited = cites_in_markdown(lang, name) | cited_sources([article(html)])
    assert cites_in_markdown(lang, name) or name == "glossary", f"{lang}/{name}.md cites nothing"
    assert cited == listed, f"{lang}/{name}: cited but not listed: {cited - listed}"


@pytest.mark.parametrize("lang", LANG_DIRS)
def test_page_that_cites_nothing_has_no_source_list(built_site, lang):
    privacy = article(page(built_site, lang, "about/privacy/index.html"))
    assert privacy.find(id="page-sources") is None


@pytest.mark.parametrize("lang", LANG_DIRS)
def test_every_citation_on_these_pages_leads_to_a_bibliography_entry(built_site, lang):
    sources = article(page(built_site, lang, "sources/index.html"))
    anchors = {el["id"] for el in sources.find_all(id=re.compile(r"^src-"))}
    for name in CITING_PAGES:
        html = page(built_site, lang, f"{name}/index.html")
        links = [a["href"] for a in article(html).find_all("a", href=re.compile(r"#src-"))]
        assert links, f"{lang}/{name}: no citation links"
        for href in links:
            assert urlsplit(href).path.rstrip("/").endswith("sources"), f"{name}: {href}"
            assert urlsplit(href).fragment in anchors, f"{lang}/{name}: {href} has no entry"


# Timeline: where the sources differ on TELMIN 16, each source with what it says.

TELMIN_DAY = {"th": "26 ธันวาคม 2559", "en": "26 December 2016"}


@pytest.mark.parametrize("lang", LANG_DIRS)
def test_timeline_shows_the_telmin_16_date_as_each_source_gives_it(built_site, lang):
    parts = section(page(built_site, lang, "timeline/index.html"), "telmin-16-date")
    by_source = {src: flat([li]) for p in parts for li in p.find_all("li")
                 for src in cited_sources([li])}
    assert set(by_source) == {"reporter-2018", "siambiz-2018", "borneo-2016"}
    assert TELMIN_DAY[lang] in by_source["reporter-2018"]
    assert TELMIN_DAY[lang] in by_source["siambiz-2018"]
    assert TELMIN_DAY[lang] not in by_source["borneo-2016"]  # the Borneo report gives no day
    assert ("2016" if lang == "th" else "2559") not in flat(parts)


def test_section_stops_at_the_next_heading_and_refuses_a_missing_one():
    html = ('<article><h2 id="a">A</h2><p>one</p><h3 id="b">B</h3><p>two</p>'
            '<h2 id="c">C</h2><p>three</p></article>')
    assert text_of(section(html, "a")) == "A one B two"
    with pytest.raises(AssertionError, match="no heading #broadband"):
        section(html, "broadband")


# About: how to report an error and how to get in touch, without inventing a mailbox.

def config_value(pattern: str) -> str:
    """A value from mkdocs.yml, found by a regular expression's first group."""
    return re.search(pattern, (ROOT / "mkdocs.yml").read_text("utf-8"), re.M)[1]


def repo_url() -> str:
    return config_value(r"^repo_url:\s*(\S+)")


@pytest.mark.parametrize("lang", LANG_DIRS)
def test_about_points_errors_and_contact_to_the_repository_issue_forms(built_site, lang):
    html = page(built_site, lang, "about/index.html")
    forms = f"{repo_url()}/issues/new/choose"
    for heading_id in ("report-an-error", "contact"):
        links = [a["href"] for p in section(html, heading_id) for a in p.find_all("a", href=True)]
        assert forms in links, f"{lang} #{heading_id}: {links}"


@pytest.mark.parametrize("lang", LANG_DIRS)
def test_about_gives_the_review_period_set_in_the_config(built_site, lang):
    months = config_value(r"^\s+review_after_months:\s*(\d+)")
    review = text_under(built_site, lang, "about/index.html", "review")
    assert (f"{months} เดือน" if lang == "th" else f"{months} months") in review
    assert "{{" not in review and "review_after_months" not in review  # the macro rendered


@pytest.mark.parametrize("lang", LANG_DIRS)
@pytest.mark.parametrize("path", ["about/index.html", "about/privacy/index.html",
                                  "about/accessibility/index.html"])
def test_about_pages_give_no_email_phone_or_address(built_site, lang, path):
    body = article(page(built_site, lang, path))
    assert not body.find("a", href=re.compile(r"^(mailto|tel):"))
    assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", body.get_text(" "))


@pytest.mark.parametrize("lang", LANG_DIRS)
def test_accessibility_statement_names_target_tests_and_limits(built_site, lang):
    path = "about/accessibility/index.html"
    assert "WCAG 2.1" in text_under(built_site, lang, path, "target")
    assert "TWCAG" in text_under(built_site, lang, path, "target")
    testing = text_under(built_site, lang, path, "testing")
    assert "axe-core" in testing and "Nu HTML Checker" in testing
    limits = text_under(built_site, lang, path, "known-limitations")
    none_known = "ยังไม่พบข้อจำกัด" if lang == "th" else "No accessibility limitations are known"
    assert none_known in limits


# Print: the stylesheet is linked from every page, and it does what it says on paper.

def test_print_stylesheet_is_linked_from_every_page(built_site):
    pages = html_pages(built_site)
    assert len(pages) >= 60 and (built_site / "en" / "timeline" / "index.html") in pages
    missing = []
    for html in pages:
        hrefs = print_css_hrefs(html.read_text(encoding="utf-8"))
        if not hrefs or not all(resolves_to_file(built_site, html, h) for h in hrefs):
            missing.append(f"{html.relative_to(built_site)}: {hrefs}")
    assert not missing, "\n".join(missing)


def test_print_link_check_catches_a_missing_or_broken_link(built_site):
    page_in_en = built_site / "en" / "timeline" / "index.html"
    assert print_css_hrefs('<link rel="stylesheet" href="../assets/site.css">') == []
    assert not resolves_to_file(built_site, page_in_en, "../assets/prnt.css")
    assert resolves_to_file(built_site, page_in_en, "../../assets/print.css")


PRINT_HIDDEN = [".md-header", ".md-sidebar--primary", ".md-footer", ".md-top", ".md-search"]
DISPLAY = "s => [...document.querySelectorAll(s)].map(e => getComputedStyle(e).display)"
AFTER = "s => getComputedStyle(document.querySelector(s), '::after').content"
STYLE = "([s, p]) => getComputedStyle(document.querySelector(s))[p]"
BODY_SIZE = {"": "16px", "en/": "14.6667px"}  # print: 12pt for Thai, 11pt for English


@pytest.fixture
def tab(chromium):
    page_ = chromium.new_page()
    yield page_
    page_.close()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang_dir", ["", "en/"])
def test_printed_page_is_the_article_in_black_on_white_with_link_addresses(
        tab, site_url, lang_dir, scheme):
    tab.emulate_media(media="screen", color_scheme=scheme)
    tab.goto(site_url + lang_dir + "about/privacy/")
    external = "article a[href^='https://docs.github.com']"
    # Negative control: on screen the header shows and links carry no address.
    assert "none" not in tab.evaluate(DISPLAY, ".md-header")
    assert tab.evaluate(AFTER, external) == "none"
    tab.emulate_media(media="print", color_scheme=scheme)
    for selector in PRINT_HIDDEN:
        shown = tab.evaluate(DISPLAY, selector)
        assert shown and set(shown) == {"none"}, f"{selector} prints ({shown})"
    assert "docs.github.com/en/pages" in tab.evaluate(AFTER, external)
    assert tab.evaluate(AFTER, "article p a[href^='../']") == "none"  # internal link
    assert tab.evaluate(STYLE, ["body", "backgroundColor"]) == "rgb(255, 255, 255)"
    assert tab.evaluate(STYLE, ["article p", "color"]) == "rgb(0, 0, 0)"
    assert tab.evaluate(STYLE, [".md-typeset", "fontSize"]) == BODY_SIZE[lang_dir]


@pytest.mark.browser
def test_printed_table_keeps_rows_whole_and_repeats_its_header(tab, site_url):
    tab.goto(site_url + "training/")
    assert tab.evaluate(STYLE, ["article tbody tr", "breakInside"]) == "auto"  # screen
    tab.emulate_media(media="print")
    assert tab.evaluate(STYLE, ["article tbody tr", "breakInside"]) == "avoid"
    assert tab.evaluate(STYLE, ["article thead", "display"]) == "table-header-group"
    assert tab.evaluate(STYLE, [".md-typeset__scrollwrap", "overflowX"]) == "visible"
