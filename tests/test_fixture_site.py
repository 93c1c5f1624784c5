"""What the site shows, on the fixture site (tests/fixtures/site): its own pages and data hold
every case, and the expected values are written here by hand.

Labels are looked up by key (harness/labels.py), never by their words; dates are written out,
since Babel, not the labels, spells them. The site is built for 15 June 2026 (FIXTURE_DAY).
"""
import csv
import io
import json
import re
import xml.etree.ElementTree as ET

import pytest

from harness.labels import label
from harness.pages import article, section, text_of
from harness.site import ROOT, page_paths

TH, EN = "th", "en"
FOLDER = {TH: "", EN: "en/"}
ITEMS = ["fx-2019-aim", "fx-aim", "fx-broadband-2018", "fx-broadband-2022", "fx-discussed", "fx-matter",
         "fx-plan", "fx-posts-2018", "fx-skills-2022"]
RELATED = ["fx-rel-2016", "fx-rel-2022", "fx-rel-2025"]


def html(site, lang, path):
    return (site / FOLDER[lang] / path / "index.html").read_text(encoding="utf-8")


def text(site, lang, path, heading=None) -> str:
    page = html(site, lang, path)
    parts = section(page, heading) if heading else [article(page)]
    return " ".join(text_of(parts).split())


def count_line(lang, total, reported):
    return label(lang, "summary.all_some", items=label(lang, "items_count.other", n=total), reported=reported,
                 status=label(lang, "item_status.not-reported"))


# ---------------------------------------------------------------- the pages there are

def test_exact_pages(fixture_site):
    pages = ["", "status/", "timeline/", "related/", "training/", "organizations/", "glossary/", "unknowns/",
             "remarks/", "sources/", "about/open-data/", "about/data-dictionary/", "about/review/",
             *(f"areas/{a}/" for a in ("fx-posts", "fx-broadband", "fx-skills")),
             *(f"agreements/{a}/" for a in ("fx-2018", "fx-2022", "fx-2010", "fx-2019")),
             *(f"items/{i}/" for i in ITEMS), *(f"related/{r}/" for r in RELATED)]
    expected = sorted(["404.html", *pages, "en/404.html", *(f"en/{p}" for p in pages)])
    found = [p for p in page_paths(fixture_site) if "search" not in p]  # (a page the browser tests add)
    assert found == expected


# ---------------------------------------------------------------- sentences made from the data

@pytest.mark.parametrize("lang", [TH, EN])
def test_the_status_page_leads_with_the_counts(fixture_site, lang):
    first = article(html(fixture_site, lang, "status")).find("p")
    assert first.get("data-summary") == "all"
    words = " ".join(first.get_text(" ").split())
    assert words.startswith(count_line(lang, 9, 6))
    counts = ", ".join(f"{label(lang, f'item_status.{s}')} {n}" for s, n in
                       (("pipeline", 1), ("implementation", 1), ("finalisation", 1), ("closed", 1),
                        ("cancelled", 1), ("suspended", 1), ("not-reported", 3)))
    assert label(lang, "summary.counts", parts=counts) in words
    month = {TH: "มีนาคม 2569", EN: "March 2026"}[lang]
    assert label(lang, "summary.latest_confirmed", date=month) in words


@pytest.mark.parametrize("lang", [TH, EN])
def test_each_scope_gets_its_own_sentence(fixture_site, lang):
    def sentence(path):
        return " ".join(article(html(fixture_site, lang, path)).find("p", class_="status-summary").get_text(" ").split())

    items = lambda n: label(lang, "items_count.one" if n == 1 else "items_count.other", n=n)  # noqa: E731
    broadband, skills = {TH: ("บรอดแบนด์ทดสอบ", "ทักษะทดสอบ"), EN: ("Test broadband", "Test skills")}[lang]
    mou_2019, mou_2010 = {TH: ("ฉบับทดสอบ 2562", "ฉบับทดสอบ 2553"), EN: ("2019 test MOU", "2010 test MOU")}[lang]
    assert sentence("areas/fx-broadband").startswith(label(lang, "summary.scope_every", items=items(3), title=broadband))
    assert sentence("areas/fx-skills").startswith(
        label(lang, "summary.scope_some", items=items(4), title=skills, reported=2))
    assert sentence("agreements/fx-2019").startswith(label(lang, "summary.scope_none", items=items(1), title=mou_2019))
    assert label(lang, "summary.never_confirmed") in sentence("agreements/fx-2019")
    assert sentence("agreements/fx-2010") == label(lang, "summary.scope_empty", title=mou_2010)
    # negative control: no other scope's sentence
    assert label(lang, "summary.scope_none", items=items(3), title=broadband) not in sentence("areas/fx-broadband")


@pytest.mark.parametrize("lang", [TH, EN])
def test_the_home_page_says_the_counts_the_next_date_and_the_latest_related(fixture_site, lang):
    home = " ".join(article(html(fixture_site, lang, "")).find(class_="home-summary").get_text(" ").split())
    assert count_line(lang, 9, 6) in home
    assert {TH: "7 พฤศจิกายน 2570", EN: "7 November 2027"}[lang] in home
    assert {TH: "20–21 พฤศจิกายน 2568", EN: "20–21 November 2025"}[lang] in home
    assert {TH: "ความเคลื่อนไหวทดสอบ 2568", EN: "Test development of 2025"}[lang] in home
    assert {TH: "7 พฤศจิกายน 2573", EN: "7 November 2030"}[lang] not in home  # the next one only
    assert "dashboard" not in html(fixture_site, lang, "")  # the full dashboard is on the status page only


def test_computed_dates_cite_the_sources_of_the_signing_and_the_term_only(fixture_site):
    coming = article(html(fixture_site, EN, "timeline")).find("ul", class_="next-dates")
    cited = {a["href"].rsplit("#src-", 1)[1] for a in coming.select("a.cite")}
    assert cited == {"src-day", "src-headline"}  # fx-2022's term_sources; not src-year, also among its sources
    assert [li["data-computed"] for li in coming.find_all("li")] == ["first", "extended"]
    as_of = " ".join(article(html(fixture_site, EN, "timeline")).find("p", class_="as-of").get_text(" ").split())
    assert "15 June 2026" in as_of


# ---------------------------------------------------------------- the dashboard and the status tables

def test_the_areas_grid_gives_each_cell_its_state(fixture_site):
    grid = {(tr["data-area"], td["data-agreement"]): td for tr in article(html(fixture_site, EN, "status"))
            .select(".dashboard tr[data-area]") for td in tr.find_all("td")}
    assert grid[("fx-posts", "fx-2018")]["data-item"] == "fx-posts-2018"
    assert grid[("fx-posts", "fx-2022")]["data-reported"] == "title"  # named in the title, no item
    assert grid[("fx-posts", "fx-2022")].get_text(strip=True) == label(EN, "dashboard.in_title")
    assert grid[("fx-broadband", "fx-2022")]["data-status"] == "implementation"
    assert "Test broadband of 2022" in grid[("fx-broadband", "fx-2022")].get_text()  # the item's own title
    assert grid[("fx-skills", "fx-2018")]["data-reported"] == "no"
    assert grid[("fx-skills", "fx-2018")].get_text(strip=True) == label(EN, "dashboard.not_in_list")
    assert len(grid) == 3 * 4


def test_the_latest_related_developments_come_newest_first(fixture_site):
    latest = article(html(fixture_site, EN, "status")).select("ul.dashboard-related li")
    assert [li["data-related"] for li in latest] == ["fx-rel-2025", "fx-rel-2022", "fx-rel-2016"]


@pytest.mark.parametrize("lang", [TH, EN])
def test_every_row_shows_its_status_and_date_at_its_own_precision(fixture_site, lang):
    rows = {tr["data-record"].split("/")[1]: tr for tr in article(html(fixture_site, lang, "status"))
            .select("tr[data-record]")}
    assert sorted(rows) == ITEMS
    status = {i: tr["data-status"] for i, tr in rows.items()}
    assert status == {"fx-posts-2018": "not-reported", "fx-broadband-2018": "pipeline",
                      "fx-broadband-2022": "implementation", "fx-skills-2022": "finalisation",
                      "fx-aim": "closed", "fx-plan": "cancelled", "fx-matter": "suspended",
                      "fx-discussed": "not-reported", "fx-2019-aim": "not-reported"}
    for item, code in status.items():
        assert rows[item].select_one(".col-status").get_text(strip=True) == label(lang, f"item_status.{code}")
    dates = {TH: {"fx-broadband-2018": "20 พฤษภาคม 2562", "fx-broadband-2022": "มีนาคม 2569",
                  "fx-skills-2022": "2568"},
             EN: {"fx-broadband-2018": "20 May 2019", "fx-broadband-2022": "March 2026", "fx-skills-2022": "2025"}}
    for item, words in dates[lang].items():
        assert rows[item].select_one(".col-confirmed").get_text(strip=True) == words
    assert rows["fx-discussed"].select_one(".col-confirmed").get_text(strip=True) == label(lang, "common.not_known")
    assert not rows["fx-discussed"].select_one(".col-confirmed time")  # no machine date for "not known"
    assert rows["fx-broadband-2018"].select_one(".col-confirmed time")["datetime"] == "2019-05-20"


def test_an_area_table_holds_its_own_items_only(fixture_site):
    rows = article(html(fixture_site, EN, "areas/fx-broadband")).select("tr[data-record]")
    assert sorted(tr["data-record"] for tr in rows) == [
        "activities/fx-broadband-2018", "activities/fx-broadband-2022", "activities/fx-matter"]


def test_the_tracker_gets_its_words_and_every_code_of_each_facet_from_the_page(fixture_site):
    tracker = article(html(fixture_site, EN, "areas/fx-broadband")).select_one("[data-tracker]")
    words = json.loads(tracker["data-tracker-words"])
    assert words["filter"] == label(EN, "tracker.filter") and words["none"] == label(EN, "tracker.none")
    facets = json.loads(tracker["data-tracker-facets"])
    assert set(facets) == {"status", "agreement", "kind"}  # no area facet on an area's page
    assert [code for code, _ in facets["status"]] == ["pipeline", "implementation", "finalisation", "closed",
                                                      "cancelled", "suspended", "not-reported"]
    assert [code for code, _ in facets["agreement"]] == ["fx-2018", "fx-2022", "fx-2010", "fx-2019"]
    all_items = json.loads(article(html(fixture_site, EN, "status")).select_one("[data-tracker]")
                           ["data-tracker-facets"])
    assert "area" in all_items


# ---------------------------------------------------------------- agreements

@pytest.mark.parametrize("lang", [TH, EN])
def test_each_agreement_state_shows_in_its_words(fixture_site, lang):
    for agreement, state in (("fx-2018", "not-reported"), ("fx-2022", "in-force"), ("fx-2010", "expired"),
                             ("fx-2019", "superseded")):
        facts = article(html(fixture_site, lang, f"agreements/{agreement}")).select_one("dl.agreement-facts")
        dt = facts.find("dt", string=label(lang, "agreement.state"))
        assert dt.find_next_sibling("dd").get_text(" ", strip=True).startswith(label(lang, f"agreement_state.{state}"))
    reported = article(html(fixture_site, EN, "agreements/fx-2022")).find("dt", string=label(EN, "agreement.state"))
    assert reported.find_next_sibling("dd").find("time")["datetime"] == "2025-03-01"
    unreported = article(html(fixture_site, EN, "agreements/fx-2018")).find("dt", string=label(EN, "agreement.state"))
    assert unreported.find_next_sibling("dd").find("time") is None  # not reported: no date


def test_the_ends_of_a_term_are_computed_only_from_a_day_and_a_term(fixture_site):
    def ends(agreement):
        facts = article(html(fixture_site, EN, f"agreements/{agreement}"))
        return [(span["data-computed"], span.find("time")["datetime"]) for span in facts.select("span.computed")]
    assert ends("fx-2022") == [("first", "2027-11-07"), ("extended", "2030-11-07")]
    assert ends("fx-2010") == [("first", "2015-05-01")]
    assert ends("fx-2019") == []  # signed in a month: no day to count from
    assert ends("fx-2018") == []  # no term reported
    assert label(EN, "agreement.term_end") in text(fixture_site, EN, "agreements/fx-2019")


# ---------------------------------------------------------------- the page of an MOU item

@pytest.mark.parametrize("lang", [TH, EN])
def test_an_item_page_gives_its_status_history_lead_and_questions(fixture_site, lang):
    page = html(fixture_site, lang, "items/fx-broadband-2022")
    status = text_of(section(page, "status"))
    assert label(lang, "item_status.implementation") in status
    assert {TH: "มีนาคม 2569", EN: "March 2026"}[lang] in status
    assert label(lang, "item_page.no_progress") not in status
    history = section(page, "history")
    assert len([tr for tr in history[1].select("tbody tr")]) == 2
    assert label(lang, "item_page.thai_side") in text_of(section(page, "reported"))
    links = [a["href"] for part in section(page, "questions") for a in part.select("a") if "question-" in a["href"]]
    assert len(links) == 1 and links[0].endswith("unknowns/#question-fx-q-item")
    related = [a.get_text() for a in section(page, "related-developments")[1].find_next("ul").find_all("a")]
    assert related == [{TH: "ความเคลื่อนไหวทดสอบ 2559", EN: "Test development of 2016"}[lang],
                       {TH: "ความเคลื่อนไหวทดสอบ 2565", EN: "Test development of 2022"}[lang]]


@pytest.mark.parametrize("lang", [TH, EN])
def test_an_item_page_leaves_out_what_is_not_about_it(fixture_site, lang):
    page = html(fixture_site, lang, "items/fx-skills-2022")
    ids = {h["id"] for h in article(page).find_all(["h2"], id=True)}
    assert "history" not in ids  # one history entry says no more than the status
    assert label(lang, "item_page.no_related") in text_of(section(page, "related-developments"))
    assert label(lang, "item_page.no_questions") in text_of(section(page, "questions"))
    discussed = html(fixture_site, lang, "items/fx-discussed")
    assert label(lang, "item_page.no_progress") in text_of(section(discussed, "status"))
    for path in ("items/fx-skills-2022", "items/fx-discussed", "items/fx-aim"):  # due or not: no flag
        assert "review-due" not in html(fixture_site, lang, path)


def test_a_title_with_markup_shows_as_text(fixture_site):
    page = article(html(fixture_site, EN, "items/fx-matter"))
    assert page.find("h1").get_text(strip=True).rstrip("¶") == 'Test key matter <b>not bold</b> & "quoted"'
    assert page.find("b") is None
    row = article(html(fixture_site, TH, "status")).select_one('tr[data-record="activities/fx-matter"] th')
    assert row.get_text(strip=True) == 'เรื่องสำคัญทดสอบ <b>ไม่หนา</b> & "อ้าง"' and row.find("b") is None


# ---------------------------------------------------------------- the page of a related development

@pytest.mark.parametrize("lang", [TH, EN])
def test_a_related_page_says_where_and_who_only_when_the_data_does(fixture_site, lang):
    with_place = text_of(section(html(fixture_site, lang, "related/fx-rel-2022"), "reported"))
    assert {TH: "หนองคาย", EN: "Nong Khai"}[lang] in with_place
    assert label(lang, "related_page.place") in with_place
    without = html(fixture_site, lang, "related/fx-rel-2016")
    assert label(lang, "related_page.place") not in text_of(section(without, "reported"))
    assert {TH: "ผู้ให้บริการทดสอบ", EN: "Test Operator"}[lang] in text_of(section(without, "areas"))
    assert label(lang, "related_page.organizations") not in text_of(section(html(fixture_site, lang,
                                                                                 "related/fx-rel-2022"), "areas"))
    span = text_of(section(html(fixture_site, lang, "related/fx-rel-2025"), "reported"))
    assert {TH: "20–21 พฤศจิกายน 2568", EN: "20–21 November 2025"}[lang] in span


def test_related_lists_are_linked_lines_said_once_to_be_outside_the_mous(fixture_site):
    page = article(html(fixture_site, EN, "related"))
    lines = page.select("ol.related li")
    assert [li["data-record"] for li in lines] == [f"related/{r}" for r in RELATED]  # date order
    assert all(li.find("a")["href"].endswith(f"related/{li['data-record'].split('/')[1]}/") for li in lines)
    assert page.get_text().count(label(EN, "common.related_not_under")) == 1
    assert "A development over two days." not in page.get_text()  # told in full on its own page only


# ---------------------------------------------------------------- review, sources, reference lists

def test_the_review_page_lists_exactly_the_records_due_on_the_build_day(fixture_site):
    rows = [tr["data-record"] for tr in article(html(fixture_site, EN, "about/review")).select("tr[data-record]")]
    assert sorted(rows) == sorted([
        "agreements/fx-2018", "agreements/fx-2022", "agreements/fx-2010",  # not fx-2019: January 2026
        "activities/fx-posts-2018", "activities/fx-broadband-2018", "activities/fx-aim",
        "activities/fx-plan",  # 14 June 2025: twelve months to the day
        "activities/fx-discussed", "activities/fx-2019-aim"])  # never confirmed
    # not due: fx-matter (16 June 2025: eleven months), and the recent ones
    period = " ".join(article(html(fixture_site, EN, "about/review")).find("p", class_="review-period").get_text(" ").split())
    assert label(EN, "review.period", months=12) in period and "15 June 2026" in period


def test_the_bibliography_gives_headlines_dates_languages_and_archived_copies(fixture_site):
    entries = {li["id"].removeprefix("src-"): li for li in article(html(fixture_site, EN, "sources"))
               .select("ul.bibliography li")}
    assert entries["src-headline"].find("cite").get_text() == "Test headline: as the source wrote it"
    assert entries["src-day"].find("cite") is None  # no headline of its own: only the site's description
    assert label(EN, "common.source_undated") in entries["src-undated"].get_text()
    assert label(EN, "source_language.lo") in entries["src-lao"].get_text()
    for source_id, entry in entries.items():
        archived = entry.select_one("a.archived")["href"]
        assert archived == f"https://web.archive.org/web/*/https://example.org/{source_id.removeprefix('src-')}"


def test_a_page_lists_the_sources_it_cites_with_publisher_date_and_link(fixture_site):
    listing = section(html(fixture_site, EN, ""), "page-sources")[1]
    items = listing.find_all("li")
    assert [li.find("a")["href"] for li in items] == ["https://example.org/day", "https://example.org/headline"]
    assert "A source dated to the day." not in listing.get_text()  # the description stays on the sources page
    assert items[0].select("a")[-1]["href"].endswith("sources/#src-src-day")


def test_a_glossary_source_backs_the_term_s_use_not_the_definition(fixture_site):
    glossary = article(html(fixture_site, EN, "glossary"))
    cited = glossary.find("dt", id="term-fx-term").find_next_sibling("dd")
    assert label(EN, "glossary.used_in") in cited.get_text() and cited.select("a.cite")
    plain = glossary.find("dt", id="term-fx-term-plain").find_next_sibling("dd")
    assert label(EN, "glossary.used_in") not in plain.get_text() and not plain.select("a.cite")


def test_the_timeline_list_is_in_date_order_with_each_report(fixture_site):
    events = article(html(fixture_site, EN, "timeline")).select("ol.timeline > li")
    assert [li["id"] for li in events] == ["event-fx-reported", "event-fx-signed", "event-fx-meeting"]
    assert label(EN, "timeline_list.other_report") in events[2].get_text()
    assert "2016" in events[2].get_text()


def test_reference_lists(fixture_site):
    training = article(html(fixture_site, EN, "training")).select_one("tr[data-record]")
    assert "TTM" in training.get_text() and label(EN, "common.not_known") in training.get_text()
    org = article(html(fixture_site, EN, "organizations")).select_one('tr[data-record="organizations/fx-la-ministry"]')
    assert label(EN, "organizations.renamed_from", name="Lao Test Ministry (earlier name)") in org.get_text()
    remarks = article(html(fixture_site, EN, "remarks"))
    assert remarks.get_text().count(label(EN, "remarks_list.label")) == 1


# ---------------------------------------------------------------- the theme's pages, feeds and open data

@pytest.mark.parametrize("lang", [TH, EN])
def test_the_data_dictionary_has_a_row_per_schema_field_saying_what_it_takes(fixture_site, lang):
    """The rule, read from the schemas (code, not data): every field in schema order, required as
    the schema says; a yes/no field takes true or false, an enum field its values, never "text"."""
    page = article(html(fixture_site, lang, "about/data-dictionary"))
    for path in sorted((ROOT / "schemas").glob("*.schema.json")):
        name = path.name.removesuffix(".schema.json")
        if name == "common":
            continue
        item = json.loads(path.read_text("utf-8"))["items"]
        table = page.find("h2", id=f"dict-{name}").find_next("table")
        rows = {tr.th.get_text(strip=True): [td.get_text(strip=True) for td in tr.find_all("td")]
                for tr in table.tbody.find_all("tr")}
        assert list(rows) == list(item["properties"]), name
        for key, prop in item["properties"].items():
            required = label(lang, "data_dictionary." + ("required" if key in item.get("required", []) else "optional"))
            assert rows[key][0] == required, (name, key)
            if prop.get("type") == "boolean":
                assert rows[key][1] == "true, false", (name, key)
            if "enum" in prop:
                assert rows[key][1] == ", ".join(prop["enum"]), (name, key)
    booleans = [tr for tr in page.select("tbody tr") if tr.find_all("td")[1].get_text(strip=True) == "true, false"]
    assert booleans  # control: the schemas have a yes/no field, so the rule above was applied


@pytest.mark.parametrize("lang", [TH, EN])
def test_each_language_has_its_own_404_in_its_words(fixture_site, lang):
    page = (fixture_site / FOLDER[lang] / "404.html").read_text(encoding="utf-8")
    assert article(page).find("h1").get_text(strip=True).rstrip("¶") == label(lang, "not_found.title")
    other = EN if lang == TH else TH
    assert article(page).find("div", lang=other).find("h2").get_text(strip=True) == label(other, "not_found.title")


@pytest.mark.parametrize("lang", [TH, EN])
def test_heading_permalinks_are_titled_in_the_page_language(fixture_site, lang):
    links = article(html(fixture_site, lang, "status")).select("a.headerlink")
    assert links and {a["title"] for a in links} == {label(lang, "common.permalink")}
    assert label(lang, "common.permalink") != label(EN if lang == TH else TH, "common.permalink")  # control


def test_the_feeds_have_every_dated_status_change_and_related_development(fixture_site):
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.parse(fixture_site / "en" / "feed.xml").getroot()
    entries = feed.findall(f"{atom}entry")
    # 9 dated history entries (fx-discussed and fx-2019-aim have none) and 3 related developments
    assert len(entries) == 12
    titles = [e.find(f"{atom}title").text for e in entries]
    assert titles[0] == f"Test broadband of 2022: {label(EN, 'item_status.implementation')} (March 2026)"
    assert sum(t.startswith(label(EN, "feed.related")) for t in titles) == 3
    assert feed.find(f"{atom}title").text == label(EN, "feed.title")


def test_open_data_reads_back_and_no_csv_cell_starts_a_formula(fixture_site):
    records = json.loads((fixture_site / "data" / "glossary.json").read_text(encoding="utf-8"))
    assert records[1]["definition"]["en"] == "=1+1 is not a formula here."  # the JSON keeps it as written
    rows = list(csv.DictReader(io.StringIO((fixture_site / "data" / "glossary.csv").read_text(encoding="utf-8-sig"))))
    assert rows[1]["definition.en"] == "'=1+1 is not a formula here."
    assert rows[0]["definition.en"] == "The site's own definition."  # negative control: left alone
    for path in (fixture_site / "data").glob("*.csv"):
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))):
            assert not any(re.match(r"[=+\-@\t\r]", cell) for cell in row), (path.name, row)
