"""The page of each MOU item (items/<id>/) and of each related development (related/<id>/): made
from the data at build time in both languages, with the same address and heading ids in each,
linked by the language switcher, in the sitemap, the search index and the feeds, never in the nav.

On the fixture site (its data holds every case); what the pages say is in test_fixture_site.py."""
import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import urljoin, urlsplit

import markdown as md
import pytest
from bs4 import BeautifulSoup

from harness.data import check, copy_of_data, edit
from harness.pages import LANGS, article, generated_pages, page, section, soup, text_of
from harness.site import FIXTURE, configured_site_url
from thlao import dates, history, items

ITEM = "fx-broadband-2022"  # a question about it, a lead, two history entries, related developments in its area
RELATED = "fx-rel-2022"  # a place, one area, a question about it
ITEM_HEADINGS = ["record", "reported", "status", "history", "related-developments", "questions", "corrections",
                 "page-sources"]
RELATED_HEADINGS = ["record", "reported", "areas", "mou-items", "questions", "corrections", "page-sources"]


@pytest.fixture(scope="module")
def ds():
    return check(FIXTURE / "data")[0]


@pytest.fixture(scope="module")
def fixture_pages(ds):
    return generated_pages(ds)


def heading_ids(html: str) -> list[str]:
    return [h["id"] for h in article(html).find_all(["h1", "h2", "h3", "h4", "h5", "h6"]) if h.get("id")]


def text(html: str, heading_id: str) -> str:
    """The words of a heading's section as a reader sees them (without the heading's permalink)."""
    parts = section(html, heading_id)
    for permalink in (a for p in parts for a in ([p] if "headerlink" in (p.get("class") or []) else p.select(".headerlink"))):
        permalink.decompose()
    return " ".join(text_of(parts).split())


# ---------------------------------------------------------------- which pages, and their Markdown (no build)

def test_one_page_per_record_at_its_id(ds):
    paths = items.pages(ds, "th")
    assert set(paths) == ({f"items/{a['id']}.md" for a in ds.records["activities"]}
                          | {f"related/{r['id']}.md" for r in ds.records["related"]})
    assert items.url("activities", "x-1") == "items/x-1/" and items.url("related", "x-1") == "related/x-1/"
    # the same pages in both languages, each titled in its own
    assert set(items.pages(ds, "en")) == set(paths)
    activity = ds.get("activities", ITEM)
    assert items.pages(ds, "en")[f"items/{ITEM}.md"].startswith(f"# {activity['title']['en']} {{ #record }}\n")


def test_generated_pages_follow_the_data(tmp_path, fixture_pages):
    # the pages the tests expect are read from the data: a record added or renamed changes them
    data_dir = copy_of_data(tmp_path)
    edit(data_dir / "related.yml", f"- id: {RELATED}\n", "- id: renamed-development\n")
    found = generated_pages(check(data_dir)[0])
    assert "related/renamed-development/index.html" in found and f"related/{RELATED}/index.html" not in found
    # negative control: the fixture's own pages are not those
    assert set(found) != set(fixture_pages) and f"related/{RELATED}/index.html" in fixture_pages


def test_an_id_that_cannot_be_an_address_is_refused():
    with pytest.raises(ValueError, match="cannot be part of an address"):
        items.markdown("activities", 'x") }}{{ 7*7', "title")
    with pytest.raises(ValueError, match="no pages are generated"):
        items.markdown("sources", "reporter-2018", "title")


HOSTILE = ["</title><script>alert(1)</script>", "*not emphasis* _x_ `code` [link](http://x) ![i](y)",
           "{{ 7*7 }} {% if 1 %}y{% endif %} {#c#} { #other }", "R&D &amp; 5 < 6 > 4 # \\ done.",
           "line\nbreak"]


@pytest.mark.parametrize("title", HOSTILE)
def test_a_title_is_written_into_markdown_as_plain_text(title):
    written = items.markdown_text(title)
    assert not re.search(r"\{\{|\{%|\{#|<", written)  # nothing the macros or HTML would read
    html = md.markdown(f"# {written} {{ #record }}", extensions=["attr_list", "toc"])
    h1 = BeautifulSoup(html, "html.parser").h1
    assert h1["id"] == "record" and h1.get_text() == " ".join(title.split()) and not h1.find_all(True)


def test_plain_markdown_would_have_read_them():
    # negative control: written as it is, the same title is Markdown, a tag and an attribute list
    html = md.markdown(f"# {HOSTILE[1]} {{ #other }}", extensions=["attr_list"])
    assert BeautifulSoup(html, "html.parser").h1.find("em") is not None


def test_a_page_without_a_source_file_has_no_last_changed_date():
    assert history.page_change({}, None, dates.Calendar.of("th", 543)) is None


# ---------------------------------------------------------------- the built pages

def test_each_page_exists_in_both_languages_with_the_same_heading_ids(fixture_site, fixture_pages):
    for path in fixture_pages:
        th, en = page(fixture_site, "th", path), page(fixture_site, "en", path)
        assert heading_ids(th) == heading_ids(en), path
        assert soup(fixture_site / path).html["lang"] == "th" and soup(fixture_site / "en" / path).html["lang"] == "en"
    assert heading_ids(page(fixture_site, "en", f"items/{ITEM}/index.html")) == ITEM_HEADINGS
    assert heading_ids(page(fixture_site, "en", f"related/{RELATED}/index.html")) == RELATED_HEADINGS


@pytest.mark.parametrize("path", [f"items/{ITEM}/index.html", f"related/{RELATED}/index.html"])
def test_the_switcher_leads_to_the_same_record_in_the_other_language_and_back(fixture_site, path):
    for lang, other in (("th", "en"), ("en", "th")):
        here = f"/{LANGS[lang]}{path}"
        links = {a["hreflang"]: a["href"] for a in soup(fixture_site / LANGS[lang] / path).select("a.md-select__link[hreflang]")}
        assert urlsplit(urljoin(here, links[other])).path == f"/{LANGS[other]}{path.removesuffix('index.html')}"


def test_the_sitemap_lists_both_languages_with_alternates(fixture_site, fixture_pages):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    site = configured_site_url()
    urls = {u.find("s:loc", ns).text: {link.get("hreflang"): link.get("href") for link in u.findall("x:link", ns)}
            for u in ET.parse(fixture_site / "sitemap.xml").getroot().findall("s:url", ns)}
    for path in fixture_pages:
        address = path.removesuffix("index.html")
        alternates = {"th": site + address, "en": site + "en/" + address, "x-default": site + address}
        assert urls[site + address] == urls[site + "en/" + address] == alternates


def test_no_page_is_in_the_navigation(fixture_site):
    generated = re.compile(r"(^|/)(items|related)/[a-z0-9-]+/$")
    for path in ("index.html", "status/index.html", "related/index.html", f"items/{ITEM}/index.html",
                 f"related/{RELATED}/index.html"):
        for lang in LANGS:
            nav = soup(fixture_site / LANGS[lang] / path).select_one("nav.md-nav--primary")
            hrefs = [a["href"] for a in nav.select("a[href]")]
            assert hrefs and not [h for h in hrefs if generated.search(urlsplit(h).path)], (lang, path)
    # negative control: the article of the related developments page does link to them
    related = article(page(fixture_site, "th", "related/index.html"))
    assert any(generated.search(a["href"]) for a in related.select("a[href]"))


def test_every_page_is_in_its_language_s_search_index(fixture_site, fixture_pages, ds):
    for lang in LANGS:
        docs = json.loads((fixture_site / LANGS[lang] / "search" / "search_docs.json").read_text(encoding="utf-8"))["docs"]
        locations = {d["location"] for d in docs}
        for path in fixture_pages:
            url = path.removesuffix("index.html")
            assert {url, f"{url}#status" if url.startswith("items/") else f"{url}#mou-items"} <= locations, (lang, url)
        title = next(d["title"] for d in docs if d["location"] == f"related/{RELATED}/")
        assert title.replace("\u200b", "") == ds.get("related", RELATED)["title"][lang]


def test_the_feeds_link_the_pages(fixture_site, ds):
    a = "{http://www.w3.org/2005/Atom}"
    for lang in LANGS:
        root = ET.parse(fixture_site / LANGS[lang] / "feed.xml").getroot()
        links = {e.find(f"{a}link").get("href").removeprefix(f"{configured_site_url()}{LANGS[lang]}")
                 for e in root.findall(f"{a}entry")}
        assert {f"related/{r['id']}/" for r in ds.records["related"]} <= links
        assert {f"items/{x['id']}/" for x in ds.records["activities"]
                if any(h["date"] != "unknown" for h in x["history"])} <= links


def test_no_edit_button_or_last_changed_date_for_a_page_with_no_file(fixture_site):
    for lang in LANGS:
        doc = soup(fixture_site / LANGS[lang] / f"items/{ITEM}/index.html")
        assert not doc.select('a[rel="edit"], a.page-edit-link, .page-last-changed')
    # negative control: a page written in docs/ has both links
    assert soup(fixture_site / "status/index.html").select('a[rel="edit"], a.page-edit-link')


