"""Rules of the pages as built, in both languages: citations lead to the bibliography, a page that
cites nothing has no source list, the about pages send errors and contact to the issue forms and
give no personal contact, and every page prints as its article; each with a negative control.

What the pages say is the content editors' (docs/): these tests hold the rules, not the words."""
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from harness.labels import label
from harness.pages import LANGS as LANG_DIRS
from harness.pages import article, doc_pages, generated_pages, page, section, text_of
from harness.site import ROOT
from thlao import config


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


# Sources: every citing page ends with the list of what it cites, and citations resolve.

@pytest.mark.parametrize("lang", LANG_DIRS)
def test_page_that_cites_nothing_has_no_source_list(real_site, real_data, lang):
    for path in sorted(set(doc_pages()) | set(generated_pages(real_data))):
        body = article(page(real_site, lang, path))
        assert bool(body.select("a.cite")) or body.find(id="page-sources") is None, path


@pytest.mark.parametrize("lang", LANG_DIRS)
def test_every_citation_leads_to_a_bibliography_entry(real_site, real_data, lang):
    sources = article(page(real_site, lang, "sources/index.html"))
    anchors = {el["id"] for el in sources.find_all(id=re.compile(r"^src-"))}
    for path in sorted(set(doc_pages()) | set(generated_pages(real_data))):
        for href in (a["href"] for a in article(page(real_site, lang, path)).find_all("a", href=re.compile(r"#src-"))):
            assert urlsplit(href).path.rstrip("/").endswith("sources"), f"{path}: {href}"
            assert urlsplit(href).fragment in anchors, f"{lang}/{path}: {href} has no entry"


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
def test_about_points_errors_and_contact_to_the_repository_issue_forms(real_site, lang):
    html = page(real_site, lang, "about/index.html")
    forms = f"{repo_url()}/issues/new/choose"
    for heading_id in ("report-an-error", "contact"):
        links = [a["href"] for p in section(html, heading_id) for a in p.find_all("a", href=True)]
        assert forms in links, f"{lang} #{heading_id}: {links}"


@pytest.mark.parametrize("lang", LANG_DIRS)
def test_the_review_page_gives_the_review_period_set_in_the_config(fixture_site, lang):
    # the fixture's review page says "every {{ review_months() }} months" and lists by the same setting
    months = config.load(ROOT / "mkdocs.yml").review_after_months
    text = " ".join(article(page(fixture_site, lang, "about/review/index.html")).get_text(" ").split())
    assert f"Every {months} months." in text
    assert label(lang, "review.caption", months=months) in text


@pytest.mark.parametrize("lang", LANG_DIRS)
@pytest.mark.parametrize("path", ["about/index.html", "about/privacy/index.html",
                                  "about/accessibility/index.html"])
def test_about_pages_give_no_email_phone_or_address(real_site, lang, path):
    body = article(page(real_site, lang, path))
    assert not body.find("a", href=re.compile(r"^(mailto|tel):"))
    assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", body.get_text(" "))


# Print: the stylesheet is linked from every page, and it does what it says on paper.

def test_print_stylesheet_is_linked_from_every_page(real_site):
    pages = html_pages(real_site)
    assert (real_site / "en" / "timeline" / "index.html") in pages
    missing = []
    for html in pages:
        hrefs = print_css_hrefs(html.read_text(encoding="utf-8"))
        if not hrefs or not all(resolves_to_file(real_site, html, h) for h in hrefs):
            missing.append(f"{html.relative_to(real_site)}: {hrefs}")
    assert not missing, "\n".join(missing)


def test_print_link_check_catches_a_missing_or_broken_link(real_site):
    page_in_en = real_site / "en" / "timeline" / "index.html"
    assert print_css_hrefs('<link rel="stylesheet" href="../assets/site.css">') == []
    assert not resolves_to_file(real_site, page_in_en, "../assets/prnt.css")
    assert resolves_to_file(real_site, page_in_en, "../../assets/print.css")


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
        tab, fixture_url, lang_dir, scheme):
    tab.emulate_media(media="screen", color_scheme=scheme)
    tab.goto(fixture_url + lang_dir)  # a citation, and its source's address in the page's list
    external = "article a[href^='https://example.org/day']"
    # Negative control: on screen the header shows and links carry no address.
    assert "none" not in tab.evaluate(DISPLAY, ".md-header")
    assert tab.evaluate(AFTER, external) == "none"
    tab.emulate_media(media="print", color_scheme=scheme)
    for selector in PRINT_HIDDEN:
        shown = tab.evaluate(DISPLAY, selector)
        assert shown and set(shown) == {"none"}, f"{selector} prints ({shown})"
    assert "example.org/day" in tab.evaluate(AFTER, external)
    assert tab.evaluate(AFTER, "article a.cite") == "none"  # internal link
    assert tab.evaluate(STYLE, ["body", "backgroundColor"]) == "rgb(255, 255, 255)"
    assert tab.evaluate(STYLE, ["article p", "color"]) == "rgb(0, 0, 0)"
    assert tab.evaluate(STYLE, [".md-typeset", "fontSize"]) == BODY_SIZE[lang_dir]


@pytest.mark.browser
def test_printed_table_keeps_rows_whole_and_repeats_its_header(tab, fixture_url):
    tab.goto(fixture_url + "training/")
    assert tab.evaluate(STYLE, ["article tbody tr", "breakInside"]) == "auto"  # screen
    tab.emulate_media(media="print")
    assert tab.evaluate(STYLE, ["article tbody tr", "breakInside"]) == "avoid"
    assert tab.evaluate(STYLE, ["article thead", "display"]) == "table-header-group"
    assert tab.evaluate(STYLE, [".md-typeset__scrollwrap", "overflowX"]) == "visible"
