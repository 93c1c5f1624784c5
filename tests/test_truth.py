"""The site says only what the sources say: the rules the data can carry, on the real data and the
real built site, each with a negative control.

- no lead organisation without a source naming it; no status but not-reported without a dated source;
- the dashboard counts MOU items (activities.yml) only, never trainings, remarks or related developments;
- related developments are dated and sourced, never in an MOU status table, and shown as related on
  the related page, the timeline and each of their areas' pages;
- the 2022 MOU shows its computed end dates as computed and its state as not reported;
- no page presents the 2018 examples as a complete list of nine; TELMIN 16: "at", not "after".
"""
import copy
import re
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from harness.data import copy_of_data, edit, problem_messages
from harness.pages import LANGS as LANG_DIRS
from harness.pages import article, heading_ids, page
from thlao import data, dates, render

XSS = "<img src=x onerror=alert(1)>"
NINE = re.compile(r"\b(nine|9) (areas|fields)\b|names nine|divides the cooperation|เก้าด้าน|9 ด้าน", re.IGNORECASE)


def ctx(lang="en", today=date(2026, 11, 30)):
    return render.Context(lang=lang, lang_root="", site_root="", repo_url="https://example.org/r", today=today)


def soup(html):
    return BeautifulSoup(html, "html.parser")


# ---------------------------------------------------------------- leads and statuses

def test_no_mou_item_names_a_lead_without_a_source(ds):
    for item in ds.records["activities"]:
        for lead in item.get("leads", []):
            assert lead["sources"], item["id"]
    assert not any("lead_thai" in a or "lead_lao" in a for a in ds.records["activities"])


def test_a_lead_without_a_source_or_on_the_wrong_side_is_refused(tmp_path):
    dest = copy_of_data(tmp_path)
    path = dest / "activities.yml"
    edit(path, "  area: services\n", "  area: services\n  leads:\n    - organization: mdes\n      side: TH\n      sources: []\n")
    edit(path, "  area: research\n", "  area: research\n  leads:\n    - organization: mdes\n      side: LA\n      sources: [reporter-2018]\n")
    found = problem_messages(dest, thai=False)
    assert any('field "leads[1].sources": needs at least 1 item(s)' in p for p in found), found
    assert any('field "leads[1].side": "LA" is not the country of "mdes" (TH)' in p for p in found), found
    assert len(found) == 2
    # negative control: a lead a source names, on its own side, is accepted
    edit(path, "side: LA", "side: TH")
    edit(path, "sources: []", "sources: [reporter-2018]")
    assert problem_messages(dest, thai=False) == []


def test_every_status_but_not_reported_has_a_dated_source(ds):
    for item in ds.records["activities"]:
        if item["status"] != data.NOT_REPORTED:
            assert not dates.is_unknown(item["confirmed"]) and item["history"][-1]["sources"], item["id"]
    for agreement in ds.records["agreements"]:
        if agreement["state"] != data.NOT_REPORTED:
            assert not dates.is_unknown(agreement["confirmed"]), agreement["id"]
    assert {a["state"] for a in ds.records["agreements"]} == {data.NOT_REPORTED}


def test_a_status_or_a_state_without_a_date_is_refused(tmp_path):
    dest = copy_of_data(tmp_path)
    edit(dest / "agreements.yml", "state: not-reported\n  confirmed: 2018-02", "state: in-force\n  confirmed: unknown")
    found = problem_messages(dest, thai=False)
    assert found == [f"agreements.yml:{found[0].split(':')[1]}: Record \"mou-2018\", field \"confirmed\": state "
                     "\"in-force\" needs the date of the source that reports it, not \"unknown\"."]
    # negative control: not-reported needs no date
    edit(dest / "agreements.yml", "state: in-force", "state: not-reported")
    assert problem_messages(dest, thai=False) == []


# ---------------------------------------------------------------- the dashboard counts MOU items only

def dashboard_counts(html: str) -> dict:
    """{status word: total} from the dashboard's table of counts (the one after its SVG bar)."""
    rows = soup(html).select(".dashboard svg.status-bar + .data-table tbody tr")
    return {r.th.get_text(strip=True): int(r.find_all("td")[-1].get_text()) for r in rows}


def counts_part(html: str) -> str:
    """The dashboard's counts: the summary, the SVG bar and the table of counts."""
    page = soup(html)
    return "".join(str(el) for el in (page.find(id="dashboard-summary"), page.select_one("svg.status-bar"),
                                      page.select_one("svg.status-bar + .data-table")))


def test_the_dashboard_counts_mou_items_only(ds):
    html = render.dashboard(ds, ctx())
    items = ds.records["activities"]
    expected = {render.LABELS["en"]["status"][s]: n for s, n in render.status_counts(items).items()}
    assert dashboard_counts(html) == expected and sum(expected.values()) == len(items)
    assert any("Counts MOU items only" in note.get_text() for note in soup(html).select(".dashboard-note"))
    # trainings, remarks and related developments, however many, change no count (the related
    # developments are listed apart, the latest three, labelled as not reported as under the MOUs)
    more = copy.deepcopy(ds)
    for name in ("trainings", "remarks", "related"):
        more.records[name] = more.records[name] * 3
    for t in more.records["trainings"]:
        t["status"] = "closed"
    assert counts_part(render.dashboard(more, ctx())) == counts_part(html)
    # negative control: one more MOU item is counted
    more.records["activities"] = more.records["activities"] + [dict(items[0], id="extra")]
    assert sum(dashboard_counts(render.dashboard(more, ctx())).values()) == len(items) + 1


@pytest.mark.parametrize("lang", LANG_DIRS)
@pytest.mark.parametrize("path", ["index.html", "status/index.html"])
def test_the_built_dashboard_counts_mou_items_only(built_site, ds, lang, path):
    counts = dashboard_counts(page(built_site, lang, path))
    assert sum(counts.values()) == len(ds.records["activities"])
    assert counts == {render.LABELS[lang]["status"][data.NOT_REPORTED]: len(ds.records["activities"])}


def records_in_tables(html: str) -> set[str]:
    return {tr["data-record"] for tr in soup(html).select("table [data-record]")}


def test_table_check_finds_a_related_development_in_a_table():
    html = '<table><tr data-record="activities/a"></tr><tr data-record="related/x"></tr></table><li data-record="related/y">'
    assert {r for r in records_in_tables(html) if not r.startswith("activities/")} == {"related/x"}


@pytest.mark.parametrize("lang", LANG_DIRS)
def test_related_developments_and_remarks_are_never_in_an_mou_status_table(built_site, ds, lang):
    paths = ["status/index.html", "index.html"] + [f"areas/{a['id']}/index.html" for a in ds.records["areas"]]
    for path in paths:
        in_tables = records_in_tables(page(built_site, lang, path))
        assert all(r.startswith("activities/") for r in in_tables), (path, in_tables)
    training = records_in_tables(page(built_site, lang, "training/index.html"))
    assert training == {f"trainings/{t['id']}" for t in ds.records["trainings"]}
    assert not soup(page(built_site, lang, "training/index.html")).select("article .status")


def test_trainings_and_remarks_are_not_mou_items(ds):
    assert not any({"status", "confirmed", "history"} & t.keys() for t in ds.records["trainings"])
    ids = {a["id"] for a in ds.records["activities"]}
    assert not ids & {r["id"] for r in ds.records["remarks"]}
    assert {"submarine-cable-customer", "clmv-technology"} == {r["id"] for r in ds.records["remarks"]}


# ---------------------------------------------------------------- related developments

def test_a_related_development_needs_a_date_and_a_source(tmp_path):
    dest = copy_of_data(tmp_path)
    path = dest / "related.yml"
    edit(path, "- id: laocert-thaicert-2013\n  date: 2013\n", "- id: laocert-thaicert-2013\n")
    edit(path, "  date: 2016-06\n", "  date: unknown\n")
    edit(path, "  sources: [laotiantimes-2025-06]", "  sources: []")
    found = problem_messages(dest, thai=False)
    assert any('"laocert-thaicert-2013": the field "date" is missing' in p for p in found), found
    assert any('"cat-china-telecom-2016", field "date": "unknown" is not a date' in p for p in found), found
    assert any('"cross-border-lines-2025", field "sources": needs at least 1 item(s)' in p for p in found), found
    assert len(found) == 3


def test_every_related_development_is_dated_sourced_and_tied_to_an_area(ds):
    for r in ds.records["related"]:
        assert not dates.is_unknown(r["date"]) and r["sources"] and r["areas"], r["id"]


def related_on(html: str) -> set[str]:
    return {li["data-record"].removeprefix("related/") for li in soup(html).select("article li[data-record^='related/']")}


@pytest.mark.parametrize("lang", LANG_DIRS)
def test_each_related_development_is_on_the_related_page_the_timeline_and_its_areas(built_site, ds, lang):
    label = render.LABELS[lang]["related_label"]
    every = {r["id"] for r in ds.records["related"]}
    for path in ("related/index.html", "timeline/index.html"):
        html = page(built_site, lang, path)
        assert related_on(html) == every, path
        assert all(label in li.get_text() for li in soup(html).select("article li[data-record^='related/']"))
    for area in ds.records["areas"]:
        html = page(built_site, lang, f"areas/{area['id']}/index.html")
        expected = {r["id"] for r in ds.records["related"] if area["id"] in r["areas"]}
        assert related_on(html) == expected, area["id"]


def test_related_list_for_one_area_leaves_out_the_others(ds):
    # negative control for the check above: a list for one area does not show every development
    html = render.related_list(ds, ctx(), "cybersecurity")
    assert related_on(f"<article>{html}</article>") == {"laocert-thaicert-2013"}
    assert "no-related" in render.related_list(ds, ctx(), "smart-city")


# ---------------------------------------------------------------- the 2022 MOU: term, computed dates, state

def test_term_ends_are_computed_from_the_reported_term(ds):
    mou = ds.get("agreements", "mou-2022")
    assert dates.term_ends(mou) == [("first", "2027-11-07"), ("extended", "2030-11-07")]
    assert dates.term_ends(ds.get("agreements", "mou-2018")) == []  # no term reported
    assert dates.add_years("2024-02-29", 1) == "2025-02-28"
    assert dates.term_ends(dict(mou, extension_years="unknown")) == [("first", "2027-11-07")]
    assert dates.term_ends(dict(mou, signed="2022-11")) == []  # a month is not a day to count from
    with pytest.raises(ValueError):
        dates.add_years("2022", 5)


IN_FORCE = re.compile(r"in force|มีผลใช้บังคับ", re.IGNORECASE)


@pytest.mark.parametrize("lang", LANG_DIRS)
def test_the_2022_facts_box_shows_computed_dates_and_no_reported_state(built_site, lang):
    box = soup(page(built_site, lang, "agreements/mou-2022/index.html")).select_one(
        'dl.agreement-facts[data-record="agreements/mou-2022"]')
    computed = {s["data-computed"]: s.time["datetime"] for s in box.select(".computed")}
    assert computed == {"first": "2027-11-07", "extended": "2030-11-07"}
    assert box.get_text().count(render.LABELS[lang]["computed"]) == 2
    states = [dd for dt, dd in zip(box.find_all("dt"), box.find_all("dd"), strict=True) if dt.get_text() == render.LABELS[lang]["state"]]
    assert [dd.get_text() for dd in states] == [render.LABELS[lang]["states"][data.NOT_REPORTED]]
    assert not IN_FORCE.search(box.get_text())


def test_a_reported_state_would_show_with_its_date(ds):
    # negative control: the facts box does say "In force" when a dated source reports it
    reported = copy.deepcopy(ds)
    mou = reported.get("agreements", "mou-2022")
    mou.update(state="in-force", confirmed="2026-01-15")
    html = render.agreement_facts(reported, "mou-2022", ctx())
    assert IN_FORCE.search(html) and "15 January 2026" in html


@pytest.mark.parametrize("lang", LANG_DIRS)
def test_the_home_page_gives_the_next_date_labelled_as_computed(built_site, lang):
    parts = soup(page(built_site, lang, "index.html")).select("article .next-dates li")
    assert parts and parts[0].time["datetime"] == "2027-11-07" and parts[0]["data-computed"] == "first"
    assert render.LABELS[lang]["computed"] in parts[0].get_text()


def test_next_dates_follow_today(ds):
    after_first = soup(render.next_dates(ds, ctx(today=date(2028, 1, 1)))).select("li")
    assert [li.time["datetime"] for li in after_first] == ["2030-11-07"]
    assert "No date ahead" in render.next_dates(ds, ctx(today=date(2031, 1, 1)))


# ---------------------------------------------------------------- what pages must not say

def article_texts(site: Path):
    for html in sorted(site.rglob("*.html")):
        body = article(html.read_text(encoding="utf-8"))
        if body is not None:
            yield html.relative_to(site).as_posix(), " ".join(body.get_text(" ").split())


def test_no_page_presents_the_2018_examples_as_nine_areas(built_site):
    found = [(path, m.group()) for path, text in article_texts(built_site) for m in [NINE.search(text)] if m]
    assert found == []
    # negative control: the phrases the review found are caught
    assert NINE.search("The Thai minister named nine areas") and NINE.search("ไว้เก้าด้าน")


AFTER_TELMIN = re.compile(r"after (the|its 16th) meeting,? the Lao side|หลังการประชุม(ครั้งที่ 16)? ฝ่ายลาว", re.IGNORECASE)
DIFFER = re.compile(r"sources (differ|disagree|do not agree)|ไม่ตรงกัน|where-sources-differ", re.IGNORECASE)


def test_telmin_16_is_where_the_lao_side_proposed_the_mou(ds, built_site):
    event = ds.get("events", "telmin-16")
    assert event["description"]["en"].startswith("At the meeting the Lao side proposed")
    assert event["description"]["th"].startswith("ในการประชุม ฝ่าย สปป.ลาว เสนอ")
    assert "other_reports" not in event
    telmin = ds.get("organizations", "asean-telmin")["description"]
    assert telmin["en"].startswith("At its 16th meeting") and telmin["th"].startswith("ในการประชุมครั้งที่ 16")
    for path, text in article_texts(built_site):
        assert not AFTER_TELMIN.search(text), path
        assert not DIFFER.search(text) or "not disagree" in text or "ไม่ได้ขัดกัน" in text, path
    # negative control: the old wording is caught
    assert AFTER_TELMIN.search("After the meeting the Lao side proposed a joint ICT MOU")
    assert AFTER_TELMIN.search("หลังการประชุม ฝ่ายลาวเสนอให้ทำบันทึกความเข้าใจ")


# ---------------------------------------------------------------- areas, unknowns, sources

def test_an_areas_agreements_follow_from_its_records(tmp_path):
    dest = copy_of_data(tmp_path)
    edit(dest / "areas.yml", "  agreements: [mou-2018]\n  sources: [reporter-2018, innolife-2022]",
         "  agreements: [mou-2018, mou-2022]\n  sources: [reporter-2018, innolife-2022]")
    found = problem_messages(dest, thai=False)
    assert len(found) == 1 and 'Record "posts-telecom", field "agreements": lists mou-2018, mou-2022 but ' \
        'activities.yml reports this area for: mou-2018.' in found[0], found


@pytest.mark.parametrize("lang", LANG_DIRS)
def test_area_page_titles_are_the_data_titles(built_site, ds, lang):
    for area in ds.records["areas"]:
        h1 = article(page(built_site, lang, f"areas/{area['id']}/index.html")).h1
        assert h1.get_text().rstrip("¶").strip() == area["title"][lang], area["id"]


def test_every_area_has_a_reported_record(ds):
    by_area = {a["area"] for a in ds.records["activities"] if a["kind"] == "area"}
    assert by_area == {a["id"] for a in ds.records["areas"]}


def test_the_unknowns_page_lists_every_question_with_the_same_heading_ids(built_site, ds):
    th, en = (page(built_site, lang, "unknowns/index.html") for lang in LANG_DIRS)
    assert heading_ids(th) == heading_ids(en) >= {"unknowns", "questions", "send-a-source"}
    for html in (th, en):
        shown = {li["data-record"] for li in soup(html).select("li[data-record^='questions/']")}
        assert shown == {f"questions/{q['id']}" for q in ds.records["questions"]}
    assert len(ds.records["questions"]) >= 10


@pytest.mark.parametrize("lang", LANG_DIRS)
def test_headlines_are_only_the_sources_own(built_site, ds, lang):
    html = page(built_site, lang, "sources/index.html")
    for source in ds.records["sources"]:
        entry = soup(html).find(id=f"src-{source['id']}")
        cites = [c.get_text() for c in entry.find_all("cite")]
        assert cites == list(source.get("headline", {}).values())[:1], source["id"]
        assert render.LABELS[lang]["source_description"] in entry.get_text()
    assert sum(1 for s in ds.records["sources"] if "headline" in s) == 3


@pytest.mark.parametrize("lang", LANG_DIRS)
def test_the_limits_of_the_sources_are_said_on_the_sources_page_and_linked(built_site, lang):
    limits = soup(page(built_site, lang, "sources/index.html")).find(id="limits")
    assert limits is not None
    for path in ("index.html", "about/index.html"):
        hrefs = [a["href"] for a in article(page(built_site, lang, path)).find_all("a", href=True)]
        assert any(h.endswith("sources/#limits") for h in hrefs), path


# ---------------------------------------------------------------- the new renderers escape data

def poisoned(ds):
    bad = copy.deepcopy(ds)
    for name in ("related", "remarks", "questions"):
        for r in bad.records[name]:
            for key in ("title", "question", "description", "speaker", "note"):
                if key in r:
                    r[key] = {"th": XSS, "en": XSS}
    return bad


@pytest.mark.parametrize("renderer", [render.related_list, render.remarks_list, render.questions_list])
@pytest.mark.parametrize("lang", ["th", "en"])
def test_new_renderers_escape_data(ds, renderer, lang):
    html = renderer(poisoned(ds), ctx(lang))
    assert soup(html).find("img") is None and XSS in soup(html).get_text()
