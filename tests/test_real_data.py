"""The real site says no more than its data, and its data no more than the sources: rules that hold
whatever the data says today, checked on data/ and on the real site as built.

- the data check's truth rules (a status or a state needs a dated source, a lead its source,
  a related development its date, area and source) hold on data/ (test_data_check.py shows each
  rule refusing a slip);
- counts and status tables hold MOU items only: never a training course, a remark or a related
  development; each related development is listed on the related page, the timeline and the
  pages of its areas, as related;
- computed dates are labelled computed; a source's headline is only ever its own;
- years are Buddhist Era on Thai pages and Common Era on English ones;
- what is said in full on one page is not repeated in full on more than two;
- a page lists every source it cites.
"""
import re
from collections import Counter

import pytest

from harness.labels import label
from harness.pages import LANGS, article, doc_pages, generated_pages, heading_ids, soup
from thlao import data


def _page(site, lang, path):
    return (site / LANGS[lang] / path).read_text(encoding="utf-8")


def _all_pages(site, real_data):
    return sorted(set(doc_pages()) | set(generated_pages(real_data)))


# ---------------------------------------------------------------- the data

def test_statuses_and_states_other_than_not_reported_are_dated_and_sourced(real_data):
    for item in real_data.records["activities"]:
        for lead in item.get("leads", []):
            assert lead["sources"], item["id"]
        if item["status"] != data.NOT_REPORTED:
            assert item["confirmed"] != "unknown" and item["history"][-1]["sources"], item["id"]
            assert item["history"][-1]["status"] == item["status"], item["id"]
    for agreement in real_data.records["agreements"]:
        if agreement["state"] != data.NOT_REPORTED:
            assert agreement["confirmed"] != "unknown", agreement["id"]


def test_related_developments_are_dated_sourced_and_tied_to_an_area(real_data):
    for record in real_data.records["related"]:
        assert record["date"] != "unknown" and record["sources"] and record["areas"], record["id"]


def test_every_area_has_an_item_of_kind_area_for_each_agreement_it_lists(real_data):
    kinds = {(a["area"], a["agreement"]) for a in real_data.records["activities"] if a["kind"] == "area"}
    for area in real_data.records["areas"]:
        assert {(area["id"], agreement) for agreement in area["agreements"]} <= kinds, area["id"]


# ---------------------------------------------------------------- counts and tables

@pytest.mark.parametrize("lang", LANGS)
def test_status_tables_hold_mou_items_only_each_linked_to_its_page(real_site, real_data, lang):
    items = {a["id"] for a in real_data.records["activities"]}
    for path in doc_pages():
        for row in article(_page(real_site, lang, path)).select("[data-tracker] tbody tr"):
            kind, _, record = row["data-record"].partition("/")
            assert kind == "activities" and record in items, (path, row["data-record"])
            assert row.find("a")["href"].endswith(f"items/{record}/"), (path, record)


@pytest.mark.parametrize("lang", LANGS)
def test_the_dashboard_counts_mou_items_only(real_site, real_data, lang):
    counts = article(_page(real_site, lang, "status/index.html")).select(".dashboard table")[0]
    totals = [int(row.find_all("td")[-1].get_text()) for row in counts.select("tbody tr")]
    assert sum(totals) == len(real_data.records["activities"])


@pytest.mark.parametrize("lang", LANGS)
def test_the_status_page_leads_with_the_counts_of_the_data(real_site, real_data, lang):
    items = real_data.records["activities"]
    reported = sum(1 for a in items if a["status"] != data.NOT_REPORTED)
    case = "all_none" if not reported else "all_every" if reported == len(items) else "all_some"
    first = article(_page(real_site, lang, "status/index.html")).find("p")
    expected = label(lang, f"summary.{case}", items=label(lang, "items_count.other", n=len(items)),
                     reported=reported, status=label(lang, "item_status.not-reported"))
    assert " ".join(first.get_text(" ").split()).startswith(expected)


@pytest.mark.parametrize("lang", LANGS)
def test_each_related_development_is_listed_as_related_where_it_belongs(real_site, real_data, lang):
    areas_with_pages = {p.split("/")[1] for p in doc_pages() if p.startswith("areas/") and p != "areas/index.html"}
    for record in real_data.records["related"]:
        pages = ["related/index.html", "timeline/index.html",
                 *(f"areas/{a}/index.html" for a in record["areas"] if a in areas_with_pages)]
        for path in pages:
            listing = article(_page(real_site, lang, path)).find(id=f"related-{record['id']}")
            assert listing is not None, (path, record["id"])
            assert listing.find_parent(class_="data-table") is None  # never a row of a status table


# ---------------------------------------------------------------- what the pages claim

@pytest.mark.parametrize("lang", LANGS)
def test_computed_dates_are_labelled_computed(real_site, real_data, lang):
    for path in _all_pages(real_site, real_data):
        body = article(_page(real_site, lang, path))
        for item in body.select("[data-computed]"):
            holder = item if item.name in ("li", "dd") else item.find_parent(["li", "dd"])
            assert label(lang, "common.computed") in holder.get_text(), path


@pytest.mark.parametrize("lang", LANGS)
def test_a_headline_is_only_ever_the_source_s_own(real_site, real_data, lang):
    with_headline = {s["id"] for s in real_data.records["sources"] if s.get("headline")}
    entries = article(_page(real_site, lang, "sources/index.html")).select("ul.bibliography li")
    assert {li["id"].removeprefix("src-") for li in entries if li.find("cite")} == with_headline


@pytest.mark.parametrize("lang", LANGS)
def test_thai_pages_give_buddhist_era_years_and_english_ones_common_era(real_site, real_data, lang):
    offset = int(label(lang, "locale.year_offset"))
    for path in _all_pages(real_site, real_data):
        for time in article(_page(real_site, lang, path)).find_all("time", datetime=True):
            year = int(time["datetime"][:4])
            assert str(year + offset) in time.get_text(), (path, time)


# Claims FACTS.md says the sources do not support, as the pages might word them.
UNSUPPORTED = {
    "the 2018 examples as a complete list": re.compile(
        r"\b(nine|9) (areas|fields)\b|names nine|เก้าด้าน|9 ด้าน", re.IGNORECASE),
    "the 2022 MOU as the 2018 one's successor": re.compile(r"\bsuccessor\b|ฉบับที่สืบต่อ|สืบทอด", re.IGNORECASE),
    # (asked as a question, "whether ... ended", it is what the sources leave open)
    "the 2018 MOU as ended": re.compile(r"(?<!whether and )(?<!whether or )\bwhen (did )?the 2018 MOU (end|expire)"
                                        r"|(after|since|once) the 2018 MOU (ended|expired)"
                                        r"|the 2018 MOU (ended|expired) (in|on) \w", re.IGNORECASE),
    "the Lao side proposing after TELMIN 16": re.compile(r"after (the )?(ASEAN )?TELMIN 16[^.]{0,80}propos",
                                                          re.IGNORECASE),
}


@pytest.mark.parametrize("lang", LANGS)
def test_no_page_makes_a_claim_the_sources_do_not_support(real_site, real_data, lang):
    found = []
    for path in _all_pages(real_site, real_data):
        words = " ".join(article(_page(real_site, lang, path)).get_text(" ").split())
        found += [f"{path}: {claim}" for claim, pattern in UNSUPPORTED.items() if pattern.search(words)]
    assert not found


def test_the_claim_check_catches_each_claim():
    # negative control: each pattern catches the wording it is for
    for claim in ("The MOU names nine areas.", "The 2022 MOU, its successor, was signed.",
                  "When did the 2018 MOU end?", "After the 2018 MOU expired, a new one was signed.",
                  "After TELMIN 16 the Lao side proposed an MOU."):
        assert any(p.search(claim) for p in UNSUPPORTED.values()), claim
    for open_question in ("Whether and when the 2018 MOU ended is not known.",
                          "Whether the 2018 MOU has ended and, if it has, when.",
                          "No source says the 2018 MOU ended, lapsed or was replaced."):
        assert not any(p.search(open_question) for p in UNSUPPORTED.values()), open_question


# ---------------------------------------------------------------- said once

@pytest.mark.parametrize("lang", LANGS)
def test_no_long_paragraph_is_on_more_than_two_pages(real_site, real_data, lang):
    seen = Counter()
    for path in _all_pages(real_site, real_data):
        paragraphs = {" ".join(p.get_text(" ").split()) for p in article(_page(real_site, lang, path)).find_all("p")}
        seen.update(p for p in paragraphs if len(p) >= 100)
    repeated = {p[:80]: n for p, n in seen.items() if n > 2}
    assert not repeated


# ---------------------------------------------------------------- sources and headings

@pytest.mark.parametrize("lang", LANGS)
def test_a_page_lists_every_source_it_cites(real_site, real_data, lang):
    for path in _all_pages(real_site, real_data):
        body = article(_page(real_site, lang, path))
        cited = {a["href"].rsplit("#src-", 1)[1] for a in body.select("a.cite")}
        listing = body.find(id="page-sources")
        listed = {li["id"].removeprefix("src-") for li in body.select("ul.bibliography li")}  # the sources page
        if listing is not None:
            listed |= {a["href"].rsplit("#src-", 1)[1] for a in listing.find_next("ul").select("a[href*='#src-']")}
        assert cited <= listed, (path, cited - listed)


def test_every_page_has_the_same_heading_ids_in_both_languages(real_site, real_data):
    for path in _all_pages(real_site, real_data):
        assert heading_ids(_page(real_site, "th", path)) == heading_ids(_page(real_site, "en", path)), path


@pytest.mark.parametrize("lang", LANGS)
def test_generated_pages_have_no_edit_link_nor_last_changed_date(real_site, real_data, lang):
    for path in generated_pages(real_data):
        page = soup(real_site / LANGS[lang] / path)
        assert not page.select(".page-edit-link, .page-last-changed, .md-content__button"), path
        assert page.select_one("a.edit-record")["href"].startswith("https://github.com/")
