"""The page of each MOU item (items/<id>/) and of each related development (related/<id>/): made
from the data at build time in both languages, with the same address and heading ids in each,
linked by the language switcher, in the sitemap, the search index and the feeds, never in the nav."""
import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urljoin, urlsplit

import markdown as md
import pytest
import yaml
from bs4 import BeautifulSoup

from harness.data import copy_of_data, edit, line_containing
from harness.pages import (
    GENERATED_PAGES,
    LANGS,
    article,
    generated_pages,
    page,
    section,
    soup,
    text_of,
)
from harness.site import ROOT, build
from thlao import history, items

REPO = "https://github.com/thlao-digital/thlao-digital.github.io"
ITEM = "community-ict-centres-study"  # a question about it, its agreement's and related developments in its area
RELATED = "lao-pm-visit-2022-06"  # two days, no place or organisation given, one area, one question about it
ITEM_HEADINGS = ["record", "reported", "status", "history", "related-developments", "questions", "corrections",
                 "page-sources"]
ROOTS = {"th": "../../", "en": "../../../en/"}  # each language's root, from a record's page
RELATED_HEADINGS = ["record", "reported", "areas", "mou-items", "questions", "corrections", "page-sources"]


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


def test_generated_pages_follow_the_data(tmp_path):
    # the pages the tests expect are read from the data: a record added or renamed changes them
    data_dir = copy_of_data(tmp_path)
    edit(data_dir / "related.yml", f"- id: {RELATED}\n", "- id: renamed-development\n")
    found = generated_pages(data_dir)
    assert "related/renamed-development/index.html" in found and f"related/{RELATED}/index.html" not in found
    # negative control: the real data's pages are not those
    assert set(found) != set(GENERATED_PAGES) and f"related/{RELATED}/index.html" in GENERATED_PAGES


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
    assert history.page_change({}, None, "th") is None


# ---------------------------------------------------------------- the built pages

@pytest.mark.parametrize("path", GENERATED_PAGES)
def test_each_page_exists_in_both_languages_with_the_same_heading_ids(built_site, path):
    th, en = page(built_site, "th", path), page(built_site, "en", path)
    expected = ITEM_HEADINGS if path.startswith("items/") else RELATED_HEADINGS
    assert heading_ids(th) == heading_ids(en) == expected
    assert soup(built_site / path).html["lang"] == "th" and soup(built_site / "en" / path).html["lang"] == "en"


@pytest.mark.parametrize("path", [f"items/{ITEM}/index.html", f"related/{RELATED}/index.html"])
def test_the_switcher_leads_to_the_same_record_in_the_other_language_and_back(built_site, path):
    for lang, other in (("th", "en"), ("en", "th")):
        here = f"/{LANGS[lang]}{path}"
        links = {a["hreflang"]: a["href"] for a in soup(built_site / LANGS[lang] / path).select("a.md-select__link[hreflang]")}
        assert urlsplit(urljoin(here, links[other])).path == f"/{LANGS[other]}{path.removesuffix('index.html')}"


def test_the_sitemap_lists_both_languages_with_alternates(built_site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    site = "https://thlao-digital.github.io/"
    urls = {u.find("s:loc", ns).text: {link.get("hreflang"): link.get("href") for link in u.findall("x:link", ns)}
            for u in ET.parse(built_site / "sitemap.xml").getroot().findall("s:url", ns)}
    for path in GENERATED_PAGES:
        address = path.removesuffix("index.html")
        alternates = {"th": site + address, "en": site + "en/" + address, "x-default": site + address}
        assert urls[site + address] == urls[site + "en/" + address] == alternates


def test_no_page_is_in_the_navigation(built_site):
    generated = re.compile(r"(^|/)(items|related)/[a-z0-9-]+/$")
    for path in ("index.html", "status/index.html", "related/index.html", f"items/{ITEM}/index.html",
                 f"related/{RELATED}/index.html"):
        for lang in LANGS:
            nav = soup(built_site / LANGS[lang] / path).select_one("nav.md-nav--primary")
            hrefs = [a["href"] for a in nav.select("a[href]")]
            assert hrefs and not [h for h in hrefs if generated.search(urlsplit(h).path)], (lang, path)
    # negative control: the article of the related developments page does link to them
    related = article(page(built_site, "th", "related/index.html"))
    assert any(generated.search(a["href"]) for a in related.select("a[href]"))


def test_every_page_is_in_its_language_s_search_index(built_site, ds):
    for lang in LANGS:
        docs = json.loads((built_site / LANGS[lang] / "search" / "search_docs.json").read_text(encoding="utf-8"))["docs"]
        locations = {d["location"] for d in docs}
        for path in GENERATED_PAGES:
            url = path.removesuffix("index.html")
            assert {url, f"{url}#status" if url.startswith("items/") else f"{url}#mou-items"} <= locations, (lang, url)
        title = next(d["title"] for d in docs if d["location"] == f"related/{RELATED}/")
        assert title.replace("\u200b", "") == ds.get("related", RELATED)["title"][lang]


def test_the_feeds_link_the_pages(built_site, ds):
    a = "{http://www.w3.org/2005/Atom}"
    for lang in LANGS:
        root = ET.parse(built_site / LANGS[lang] / "feed.xml").getroot()
        links = {e.find(f"{a}link").get("href").removeprefix(f"https://thlao-digital.github.io/{LANGS[lang]}")
                 for e in root.findall(f"{a}entry")}
        assert {f"related/{r['id']}/" for r in ds.records["related"]} <= links
        assert {f"items/{x['id']}/" for x in ds.records["activities"]
                if any(h["date"] != "unknown" for h in x["history"])} <= links


def test_no_edit_button_or_last_changed_date_for_a_page_with_no_file(built_site):
    for lang in LANGS:
        doc = soup(built_site / LANGS[lang] / f"items/{ITEM}/index.html")
        assert not doc.select('a[rel="edit"], a.page-edit-link, .page-last-changed')
    # negative control: a page written in docs/ has both links
    assert soup(built_site / "status/index.html").select('a[rel="edit"], a.page-edit-link')


# ---------------------------------------------------------------- what each page says, in each language

def correction_form_fields() -> set[str]:
    form = yaml.safe_load((ROOT / ".github/ISSUE_TEMPLATE/correction.yml").read_text(encoding="utf-8"))
    return {field["id"] for field in form["body"] if "id" in field}


def check_corrections(html, name, record_id, words):
    links = {a.get_text(): a["href"] for a in article(html).select("#corrections ~ ul a[href]")}
    suggest, edit_link = links[words[0]], links[words[1]]
    query = parse_qs(urlsplit(suggest).query)
    assert suggest.startswith(f"{REPO}/issues/new?")
    assert query == {"template": ["correction.yml"], "record": [f"{name}/{record_id}"]}
    assert "record" in correction_form_fields()  # the form has the field the link fills in
    line = line_containing(ROOT / "data" / f"{name}.yml", f"- id: {record_id}")
    assert (ROOT / "data" / f"{name}.yml").read_text("utf-8").split("\n")[line - 1] == f"- id: {record_id}"
    assert edit_link == f"{REPO}/blob/main/data/{name}.yml#L{line}"
    assert f"data/{name}.yml" in text(html, "corrections") and str(line) in text(html, "corrections")


ITEM_TEXT = {
    "th": {
        "record": "ศึกษาดูงานด้านเนื้อหาดิจิทัลและศูนย์การเรียนรู้ไอซีทีชุมชนของไทย",
        "intro": "รายการภายใต้บันทึกความเข้าใจ · รายงานเป็น: เรื่องที่หารือกันไว้",
        "reported": ["ฝ่ายลาวประสงค์จะศึกษาดูงาน", "บันทึกความเข้าใจ บันทึกความเข้าใจ พ.ศ. 2561",
                     "ด้านความร่วมมือ โอกาสทางดิจิทัล", "หน่วยงานนำ ไม่ระบุ"],
        "status": ["สถานะ ไม่มีรายงาน — ไม่มีแหล่งที่มาใดรายงานความคืบหน้าของรายการนี้",
                   "ยืนยันล่าสุด กุมภาพันธ์ 2561", "แหล่งที่มาของสถานะ"],
        "history": ["กุมภาพันธ์ 2561 ไม่มีรายงาน รายงานว่าหารือกันเป็นความเป็นไปได้ในอนาคต"],
        "related": ["เรื่องที่เกี่ยวข้อง ไม่มีรายงานว่าอยู่ภายใต้บันทึกความเข้าใจ", "7 พฤษภาคม 2565", "พฤศจิกายน 2568"],
        "questions": ["เกี่ยวกับรายการนี้", "เกี่ยวกับบันทึกความเข้าใจ พ.ศ. 2561 ซึ่งเป็นบันทึกความเข้าใจของรายการนี้"],
        "links": ("เสนอให้แก้ไขข้อมูลรายการนี้", "แก้ไขรายการนี้ในแฟ้มข้อมูล"),
    },
    "en": {
        "record": "Study of Thai content work and community ICT learning centres",
        "intro": "MOU item · Reported as: Discussed",
        "reported": ["The Lao side wishes to study", "Agreement 2018 MOU", "Cooperation area Digital opportunity",
                     "Lead Not stated"],
        "status": ["Status Not reported — No source reports progress on this item.", "Last confirmed February 2018",
                   "Sources of the status"],
        "history": ["February 2018 Not reported Reported as discussed as a future possibility"],
        "related": ["Related, not reported as under the MOUs", "7 May 2022", "November 2025"],
        "questions": ["About this item", "About the 2018 MOU, the agreement of this item"],
        "links": ("Suggest a correction to this record", "Edit this record in the data file"),
    },
}


@pytest.mark.parametrize("lang", LANGS)
def test_what_the_page_of_an_mou_item_says(built_site, ds, lang):
    html, words, root = page(built_site, lang, f"items/{ITEM}/index.html"), ITEM_TEXT[lang], ROOTS[lang]
    assert text(html, "record").startswith(words["record"] + " " + words["intro"])
    reported = section(html, "reported")
    assert all(w in text(html, "reported") for w in words["reported"]), text(html, "reported")
    hrefs = {a["href"] for p in reported for a in p.select("a[href]:not(.headerlink)")}
    assert {f"{root}agreements/mou-2018/", f"{root}areas/digital-opportunity/", f"{root}sources/#src-reporter-2018"} <= hrefs
    assert all(w in text(html, "status") for w in words["status"]), text(html, "status")
    assert section(html, "status")[1].find("time")["datetime"] == "2018-02"
    # the whole history: one row per entry, each dated and sourced
    rows = [tr for p in section(html, "history") for tr in p.select("tbody tr")]
    assert len(rows) == len(ds.get("activities", ITEM)["history"]) == 1
    assert words["history"][0] in " ".join(rows[0].get_text(" ").split())
    assert rows[0].select_one('a.cite[href$="#src-reporter-2018"]')
    # the related developments of its area, each linked to its page, in date order
    related = [a["href"] for p in section(html, "related-developments") for a in p.select("li > a")]
    assert related == [f"{root}related/ministers-meet-2022-05/", f"{root}related/postal-mou-2025-11/"]
    assert all(w in text(html, "related-developments") for w in words["related"])
    # the open questions: the one about the item, then those about its agreement (said which)
    questions = text(html, "questions")
    assert questions.index(words["questions"][0]) < questions.index(words["questions"][1])
    hrefs = [a["href"] for p in section(html, "questions") for a in p.select("li > a")]
    assert hrefs[0] == f"{root}unknowns/#question-lao-policy-name" and f"{root}unknowns/#question-mou-texts" in hrefs
    assert f"{root}unknowns/#question-mou-2022-place" not in hrefs  # about the other agreement only
    check_corrections(html, "activities", ITEM, words["links"])


RELATED_TEXT = {
    "th": {
        "record": "การเยือนไทยอย่างเป็นทางการของนายกรัฐมนตรี สปป.ลาว",
        "label": "ความเคลื่อนไหวที่เกี่ยวข้อง: ไม่มีแหล่งที่มาใดรายงานว่าทำภายใต้บันทึกความเข้าใจฉบับใด",
        "reported": ["ช่วงเวลา 1–2 มิถุนายน 2565", "สถานที่ ไม่ทราบ", "หลังบันทึกความเข้าใจ พ.ศ. 2561",
                     "หมายเหตุ ข่าวเผยแพร่เมื่อวันที่ 30 พฤษภาคม 2565"],
        "areas": ["ด้านที่เกี่ยวข้อง เศรษฐกิจดิจิทัล", "หน่วยงานที่กล่าวถึง ไม่ระบุ"],
        "items": "เศรษฐกิจดิจิทัล — เศรษฐกิจดิจิทัล · ไม่มีรายงาน",
        "questions": "เกี่ยวกับความเคลื่อนไหวนี้",
        "links": ("เสนอให้แก้ไขข้อมูลรายการนี้", "แก้ไขรายการนี้ในแฟ้มข้อมูล"),
    },
    "en": {
        "record": "The Lao PDR prime minister's official visit to Thailand",
        "label": "Related development: no source reports it as done under either MOU",
        "reported": ["When 1–2 June 2022", "Place Not known", "After the 2018 MOU",
                     "Note The report was published on 30 May 2022"],
        "areas": ["Areas it touches Digital economy", "Organisations named Not stated"],
        "items": "Digital economy — Digital economy · Not reported",
        "questions": "About this development",
        "links": ("Suggest a correction to this record", "Edit this record in the data file"),
    },
}


@pytest.mark.parametrize("lang", LANGS)
def test_what_the_page_of_a_related_development_says(built_site, lang):
    html, words, root = page(built_site, lang, f"related/{RELATED}/index.html"), RELATED_TEXT[lang], ROOTS[lang]
    assert text(html, "record").startswith(words["record"] + " " + words["label"])
    assert all(w in text(html, "reported") for w in words["reported"]), text(html, "reported")
    assert {a["href"] for p in section(html, "reported") for a in p.select("a[href]:not(.headerlink)")} == \
           {f"{root}sources/#src-pattayamail-2022-05"}
    assert all(w in text(html, "areas") for w in words["areas"]), text(html, "areas")
    assert [a["href"] for p in section(html, "mou-items") for a in p.select("li > a")] == \
           [f"{root}items/mou-2022-digital-economy/"]
    assert words["items"] in text(html, "mou-items")
    assert words["questions"] in text(html, "questions")
    assert [a["href"] for p in section(html, "questions") for a in p.select("li > a")] == \
           [f"{root}unknowns/#question-related-under-mou"]
    check_corrections(html, "related", RELATED, words["links"])
    # the old anchor on the list page still leads to the development
    assert soup(built_site / LANGS[lang] / "related/index.html").find(id=f"related-{RELATED}")


def test_thai_pages_give_buddhist_era_years_and_english_ones_common_era(built_site):
    th, en = page(built_site, "th", f"related/{RELATED}/index.html"), page(built_site, "en", f"related/{RELATED}/index.html")
    assert "2565" in text(th, "reported") and "2022" not in text(th, "reported")
    assert "2022" in text(en, "reported") and "2565" not in text(en, "reported")


# ---------------------------------------------------------------- hostile data

def test_a_title_with_markup_is_shown_as_text(tmp_path, monkeypatch):
    data_dir = copy_of_data(tmp_path)
    hostile = "</title><script>alert(1)</script> {{ 7*7 }} *x*"
    edit(data_dir / "activities.yml", "    en: Study of Thai content work and community ICT learning centres\n",
         f"    en: {json.dumps(hostile)}\n")
    edit(data_dir / "related.yml", "    en: The Lao PDR prime minister's official visit to Thailand\n",
         f"    en: {json.dumps(hostile)}\n")
    site = tmp_path / "site"
    monkeypatch.setenv("THLAO_DATA_DIR", str(data_dir))
    build(site, quiet=True)
    for path in (f"en/items/{ITEM}/index.html", f"en/related/{RELATED}/index.html"):
        doc = soup(site / path)
        assert doc.select_one("article h1").get_text().removesuffix("¶") == hostile
        assert doc.head.title.get_text() == f"{hostile} - Thailand–Lao PDR digital cooperation"
        assert not [s for s in doc.find_all("script") if "alert(1)" in s.get_text()]
    # where the other pages name it, it is text too
    listing = soup(site / "en/related/index.html")
    assert listing.find("a", string=hostile) is not None and "alert(1)" not in "".join(
        s.get_text() for s in listing.find_all("script"))


# ---------------------------------------------------------------- a reader, in the browser

@pytest.fixture(scope="module")
def reader(chromium):
    context = chromium.new_context(viewport={"width": 360, "height": 740})
    yield context.new_page()
    context.close()


def click_to(page_, link, site_url, expected):
    link.first.click()
    page_.wait_for_url(site_url + expected)


@pytest.mark.browser
def test_from_home_to_a_related_development_in_two_clicks_and_switch_language(reader, site_url):
    reader.goto(site_url)
    click_to(reader, reader.locator("article a[href='related/']"), site_url, "related/")
    click_to(reader, reader.locator(f"#related-{RELATED} a[href='../related/{RELATED}/']"), site_url,
             f"related/{RELATED}/")
    assert reader.locator("article h1").inner_text().startswith("การเยือนไทย")
    for target, name in (("en/", "English"), ("", "ไทย")):
        reader.locator(".md-select button").focus()  # the language list opens on focus, as from the keyboard
        reader.get_by_role("link", name=name, exact=True).click()
        reader.wait_for_url(f"{site_url}{target}related/{RELATED}/")
        assert reader.get_attribute("html", "lang") == (target[:-1] or "th")
        assert reader.get_attribute("article h1", "id") == "record"


@pytest.mark.browser
def test_from_home_to_an_mou_item_in_two_clicks(reader, site_url):
    reader.goto(site_url)
    click_to(reader, reader.locator("article a[href='status/']"), site_url, "status/")
    to_item = reader.locator(f"article a[href$='items/{ITEM}/']")
    assert to_item.count(), "the status table does not link the item to its page"
    click_to(reader, to_item, site_url, f"items/{ITEM}/")
    assert reader.locator("article h1").inner_text().startswith("ศึกษาดูงาน")
    reader.locator(".md-select button").focus()
    reader.get_by_role("link", name="English", exact=True).click()
    reader.wait_for_url(f"{site_url}en/items/{ITEM}/")
    assert reader.locator("article h1").inner_text().startswith("Study of Thai content work")
