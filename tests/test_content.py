"""The content pages as built: the same heading ids in both languages, area pages with their
status table and sources, and the 2018 MOU's unknowns and disputed dates shown as the sources give them."""
import re
from pathlib import Path

import pytest

from harness.pages import (
    DOCS,
    built_path,
    cited_sources,
    heading_ids,
    page,
    section,
    text_of,
)
from harness.pages import LANGS as LANG_DIRS
from thlao.data import load

AREAS = sorted(p.stem for p in (DOCS / "th" / "areas").glob("*.md") if p.stem != "index")


def id_differences(th: dict[str, set[str]], en: dict[str, set[str]]) -> dict[str, tuple[set, set]]:
    """Pages whose heading ids differ between languages: page -> (only in Thai, only in English)."""
    pages = th.keys() | en.keys()
    diffs = {p: (th.get(p, set()) - en.get(p, set()), en.get(p, set()) - th.get(p, set())) for p in pages}
    return {p: d for p, d in sorted(diffs.items()) if d != (set(), set())}


# (1) Both language versions of every page carry the same set of heading ids.

def site_heading_ids(site: Path, lang: str) -> dict[str, set[str]]:
    """Heading ids of every Markdown page of one language, by built path."""
    paths = (built_path(md.relative_to(DOCS / lang)) for md in (DOCS / lang).rglob("*.md"))
    return {path: heading_ids(page(site, lang, path)) for path in paths}


def test_every_page_has_the_same_heading_ids_in_both_languages(built_site):
    th, en = site_heading_ids(built_site, "th"), site_heading_ids(built_site, "en")
    assert len(th) >= 30 and "home" in th["index.html"] and "mou-2018" in en["agreements/mou-2018/index.html"]
    assert id_differences(th, en) == {}


def test_id_differences_reports_a_page_whose_ids_differ():
    th_html = '<article><h1 id="home">บ้าน</h1><h2 id="parties">คู่ภาคี</h2></article>'
    en_html = '<article><h1 id="home">Home</h1><h2 id="the-parties">Parties</h2></article>'
    same = {"index.html": heading_ids(th_html)}
    assert id_differences({"index.html": heading_ids(th_html), "a.html": {"x"}},
                          {"index.html": heading_ids(en_html), "a.html": {"x"}}) == {
        "index.html": ({"parties"}, {"the-parties"})}
    assert id_differences(same, {}) == {"index.html": ({"home", "parties"}, set())}
    assert id_differences(same, same) == {}


# (2) Each area page has its status table section and lists its sources.

@pytest.fixture(scope="module")
def activities_by_area() -> dict[str, set[str]]:
    """Activity ids per area, from the checked data the status tables are drawn from."""
    found = {}
    for record in load().records["activities"]:
        found.setdefault(record["area"], set()).add(record["id"])
    return found


@pytest.mark.parametrize("lang", LANG_DIRS)
@pytest.mark.parametrize("area", AREAS)
def test_area_page_has_its_status_table_and_lists_its_sources(built_site, activities_by_area, area, lang):
    html = page(built_site, lang, f"areas/{area}/index.html")
    status = section(html, "status")
    rows = {tr["data-record"].removeprefix("activities/") for p in status
            for tr in p.select('tr[data-record^="activities/"]')}
    expected = activities_by_area.get(area, set())
    assert rows == expected, f"{area}: status rows {rows}, data has {expected}"
    if not expected:  # an area with nothing recorded says so under its status heading
        assert any("no-activities" in (p.get("class") or []) for p in status), f"{area}: no status note"
    md = (DOCS / lang / "areas" / f"{area}.md").read_text(encoding="utf-8")
    cited_in_text = set(re.findall(r'cite\("([a-z0-9-]+)"\)', md))
    listed = cited_sources(section(html, "page-sources"))
    assert cited_in_text and cited_in_text <= listed, f"{area}: cited {cited_in_text}, listed {listed}"


def test_area_sources_list_leaves_out_what_the_page_never_uses(built_site):
    # Negative control: the GMS-ISN history sources belong to other pages, not to an area page.
    listed = cited_sources(section(page(built_site, "th", "areas/smart-city/index.html"), "page-sources"))
    assert listed == {"bangkokpost-2022"}


# (3) The 2018 MOU page says the signing date is unknown, in both languages.

UNKNOWN = {"th": ("วันที่ลงนาม", "ไม่ทราบ"), "en": ("Date of signing", "not known")}


@pytest.mark.parametrize("lang", LANG_DIRS)
def test_mou_2018_says_its_signing_date_is_unknown(built_site, lang):
    label, unknown = UNKNOWN[lang]
    signing = text_of(section(page(built_site, lang, "agreements/mou-2018/index.html"), "signing"))
    assert label in signing and unknown in signing
    assert re.search(rf"{label}\W+{unknown}", signing), signing


@pytest.mark.parametrize("lang", LANG_DIRS)
def test_mou_2022_signing_is_not_called_unknown(built_site, lang):
    # Negative control: the same check on a page whose signing date is known.
    label, unknown = UNKNOWN[lang]
    signing = text_of(section(page(built_site, lang, "agreements/mou-2022/index.html"), "signing"))
    assert unknown not in signing
    assert ("7 พฤศจิกายน 2565" if lang == "th" else "7 November 2022") in signing


# (4) The TELMIN 16 date disagreement is shown with each source.

TELMIN_DAY = {"th": "26 ธันวาคม 2559", "en": "26 December 2016"}


@pytest.mark.parametrize("lang", LANG_DIRS)
def test_telmin_16_date_is_shown_as_each_source_gives_it(built_site, lang):
    parts = section(page(built_site, lang, "agreements/mou-2018/index.html"), "telmin-16-date")
    items = [li for p in parts for li in p.find_all("li")]
    by_source = {src: text_of([li]) for li in items for src in cited_sources([li])}
    assert set(by_source) == {"reporter-2018", "siambiz-2018", "borneo-2016"}
    assert TELMIN_DAY[lang] in by_source["reporter-2018"]
    assert TELMIN_DAY[lang] in by_source["siambiz-2018"]
    # borneo-2016 gives the year only: the page must not lend it the day the others report.
    assert TELMIN_DAY[lang] not in by_source["borneo-2016"]
    assert ("2559" if lang == "th" else "2016") in by_source["borneo-2016"]
    assert ("บรูไน" if lang == "th" else "Brunei") in by_source["borneo-2016"]
