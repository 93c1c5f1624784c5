"""The public tables, the dashboard and the timeline picture, on the real data and the real built site.

Without a browser: the compact status tables (exactly five columns, no data-file line, no edit
link, no description; every row links to its item page; Thai cut into words in data-text), the
dashboard's areas x agreements table against the data (with a negative control) and its latest
related developments. In Chromium (marked browser): the filter and sort on status/ and
en/status/ (typing, a facet, keyboard only, the URL's state), every row without JavaScript, no
area facet on an area page, the timeline figure described by a list holding every event and
every related development, and nothing cut off at 360 px.
"""
import copy
import re
from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from harness.filter_page import pause
from harness.renderers import TODAY, ctx
from thlao import dates, render

CUT = "\u200b"
COLUMNS = {"th": ["รายการภายใต้บันทึกความเข้าใจ", "ด้านความร่วมมือ", "บันทึกความเข้าใจ", "สถานะ", "ยืนยันล่าสุด"],
           "en": ["MOU item", "Cooperation area", "Agreement", "Status", "Last confirmed"]}


def soup(html):
    return BeautifulSoup(html, "html.parser")


def compact_tables(ds, lang):
    """(name, HTML) of every compact status table: the status page's and each area's."""
    yield "activities_table", render.activities_table(ds, ctx(lang))
    for area in ds.records["areas"]:
        yield f"status_table({area['id']})", render.status_table(ds, area["id"], ctx(lang))


# ---------------------------------------------------------------- the compact tables

def compact_problems(html: str, lang: str) -> list[str]:
    """What makes a status table other than compact: columns, a data-file line, an edit link, a
    description, a row without its item link."""
    problems = []
    for table in soup(html).find_all("table"):
        headers = [th.get_text(strip=True) for th in table.select("thead th")]
        if headers != COLUMNS[lang]:
            problems.append(f"columns {headers}")
        for row in table.select("tbody tr"):
            cells = row.find_all(["th", "td"], recursive=False)
            record = row.get("data-record", "?")
            if len(cells) != 5:
                problems.append(f"{record}: {len(cells)} cells")
            if row.find("small"):
                problems.append(f"{record}: a description (<small>)")
            if row.find("a", href=re.compile(r"/blob/|/edit/|#L\d+")) or row.find("a", attrs={"aria-label": True}):
                problems.append(f"{record}: an edit link")
            if re.search(r"\b(line|บรรทัด)\b", row.get_text(" "), re.IGNORECASE):
                problems.append(f"{record}: a line number")
            link = row.th.find("a") if row.th else None
            item = record.removeprefix("activities/")
            if link is None or not link["href"].endswith(f"items/{item}/"):
                problems.append(f"{record}: no link to items/{item}/")
    return problems


@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_status_tables_are_compact_and_link_each_item_to_its_page(ds, lang):
    seen = set()
    for name, html in compact_tables(ds, lang):
        assert compact_problems(html, lang) == [], name
        for row in soup(html).select("tbody tr"):
            seen.add(row["data-record"])
            assert row.th["scope"] == "row" and row.th["id"] == "activity-" + row["data-record"].split("/")[1]
    assert seen == {f"activities/{a['id']}" for a in ds.records["activities"]}


def test_compact_check_finds_the_old_columns():
    # negative control: a row as the tables had it (description, lead, sources, data-file line)
    old = ('<table><thead><tr><th>MOU item</th><th>Cooperation area</th><th>Agreement</th><th>Status</th>'
           '<th>Last confirmed</th></tr></thead><tbody><tr data-record="activities/x"><th scope="row">X<br>'
           '<small>about x</small></th><td>A</td><td>B</td><td>C</td><td>D</td>'
           '<td><a href="https://github.com/o/r/blob/main/data/activities.yml#L5" aria-label="line 5: edit">line 5</a>'
           '</td></tr></tbody></table>')
    assert compact_problems(old, "en") == ["activities/x: 6 cells", "activities/x: a description (<small>)",
                                           "activities/x: an edit link", "activities/x: a line number",
                                           "activities/x: no link to items/x/"]


def test_rows_carry_the_tracker_contract_and_thai_is_cut_into_words(ds):
    by_id = {a["id"]: a for a in ds.records["activities"]}
    html = render.activities_table(ds, ctx("th"))
    tracker = soup(html).select_one("div.tracker[data-tracker]")
    assert tracker and tracker.select_one(".data-table[role=region][tabindex='0'] > table")
    heads = tracker.select("thead th")
    assert [th.get("data-sort") for th in heads] == ["text", "text", "text", "text", "date"]
    assert [th.get("data-facet") for th in heads] == [None, "area", "agreement", "status", None]
    for row in tracker.select("tbody tr"):
        item = by_id[row["data-record"].split("/")[1]]
        assert (row["data-status"], row["data-area"], row["data-agreement"], row["data-kind"]) == (
            item["status"], item["area"], item["agreement"], item["kind"])
        assert row["data-kind-label"] == render.LABELS["th"]["kinds"][item["kind"]]
        text = row["data-text"]
        assert CUT in text  # Thai is cut into words, as the search index is
        plain = text.replace(CUT, "")
        for words in (item["title"]["th"], item["description"]["th"], render.LABELS["th"]["status"][item["status"]]):
            assert words in plain
        confirmed = row.find_all("td")[-1]
        assert confirmed["data-value"] == item["confirmed"]
        # the status cell holds the status label alone: tracker.js names the facet's options from it
        assert row.find_all("td")[2].get_text() == render.LABELS["th"]["status"][item["status"]]
    # the English table's text is English, uncut
    en = soup(render.activities_table(ds, ctx("en"))).select("tbody tr")
    assert all(CUT not in row["data-text"] for row in en)


def test_the_due_for_review_flag_stays_in_the_last_confirmed_cell(ds):
    rows = soup(render.activities_table(ds, ctx("en"))).select("tbody tr")
    assert all(row.find_all("td")[-1].select_one("strong.review-due").get_text() == "Due for review" for row in rows)
    early = soup(render.activities_table(ds, ctx("en", today=date(2018, 6, 1))))
    assert not early.select(".review-due")


def test_the_review_list_and_trainings_table_have_no_line_column(ds):
    for lang in ("th", "en"):
        for html in (render.review_list(ds, ctx(lang)), render.trainings_table(ds, ctx(lang))):
            headers = [th.get_text() for th in soup(html).select("thead th")]
            # the words of the column the tables used to have
            assert {"th": "แก้ไขในแฟ้มข้อมูล", "en": "Edit in the data file"}[lang] not in headers
            assert "/blob/main/data/" not in html and {"th": "บรรทัด", "en": "line"}[lang] not in soup(html).get_text()


# ---------------------------------------------------------------- the dashboard

def grid_of(html: str) -> dict:
    """{(area, agreement): (reported, item, status)} from the dashboard's areas x agreements table."""
    found = {}
    for row in soup(html).select(".dashboard tr[data-area]"):
        for cell in row.select("td[data-agreement]"):
            found[(row["data-area"], cell["data-agreement"])] = (
                cell["data-reported"] == "yes", cell.get("data-item"), cell.get("data-status"))
    return found


def expected_grid(ds) -> dict:
    """What the data says, worked out here: reported iff the area lists the agreement; then the
    area's MOU item of kind "area" for it, and that item's status."""
    expected = {}
    for area in ds.records["areas"]:
        for agreement in ds.records["agreements"]:
            items = [a for a in ds.records["activities"] if a["kind"] == "area" and a["area"] == area["id"]
                     and a["agreement"] == agreement["id"]]
            if agreement["id"] in area["agreements"]:
                assert len(items) == 1
                expected[(area["id"], agreement["id"])] = (True, items[0]["id"], items[0]["status"])
            else:
                expected[(area["id"], agreement["id"])] = (False, None, None)
    return expected


@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_dashboard_grid_matches_the_data(ds, lang):
    html = render.dashboard(ds, ctx(lang))
    assert grid_of(html) == expected_grid(ds)
    assert len(grid_of(html)) == len(ds.records["areas"]) * len(ds.records["agreements"])
    w = render.LABELS[lang]
    page = soup(html)
    table = page.find("caption", string=w["grid_caption"]).find_parent("table")
    for row in table.select("tbody tr"):
        assert row.th["scope"] == "row" and row.th.a["href"] == f"{ctx(lang).lang_root}areas/{row['data-area']}/"
        for cell in row.select("td"):
            if cell["data-reported"] == "yes":
                assert w["in_list"] in cell.get_text() and cell.a["href"].endswith(f"items/{cell['data-item']}/")
                assert cell.select_one(".status").get_text() == w["status"][cell["data-status"]]
            else:
                # the reported lists are examples: never "not included in the MOU"
                assert cell.get_text() == w["not_in_list"]
    note = table.find_parent("div").find_next_sibling("p").get_text()
    assert note == w["grid_note"] and ("may not be complete" in note or "อาจไม่ครบ" in note)
    assert not re.search(r"not included|not in the MOU|ไม่อยู่ในบันทึกความเข้าใจ", page.get_text())


def test_the_grid_follows_a_change_in_the_data(ds):
    # negative control: a status changed, and an area dropped from one MOU's list, show as such
    changed = copy.deepcopy(ds)
    item = next(a for a in changed.records["activities"] if a["id"] == "mou-2022-broadband")
    item["status"] = "implementation"
    area = next(a for a in changed.records["areas"] if a["id"] == "smart-city")
    area["agreements"] = []
    changed.records["activities"] = [a for a in changed.records["activities"] if a["id"] != "mou-2022-smart-city"]
    grid = grid_of(render.dashboard(changed, ctx("en")))
    assert grid != expected_grid(ds) and grid == expected_grid(changed)
    assert grid[("broadband", "mou-2022")] == (True, "mou-2022-broadband", "implementation")
    assert grid[("smart-city", "mou-2022")] == (False, None, None)
    # an area listed for an MOU without its MOU item stops the render, naming both
    area["agreements"] = ["mou-2022"]
    with pytest.raises(KeyError, match='"smart-city" is reported for "mou-2022"'):
        render.dashboard(changed, ctx("en"))


def first_day(text: str) -> date:
    y, m, d = (int(p) for p in (text.split("-") + ["1", "1"])[:3])
    return date(y, m, d)


@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_dashboard_shows_the_three_newest_related_developments_labelled(ds, lang):
    newest = sorted(ds.records["related"], key=lambda r: first_day(r["date"]), reverse=True)[:3]
    page = soup(render.dashboard(ds, ctx(lang)))
    items = page.select(".dashboard-related li")
    assert [li["data-related"] for li in items] == [r["id"] for r in newest]
    for li, record in zip(items, newest, strict=True):
        assert li.a["href"] == f"{ctx(lang).lang_root}related/{record['id']}/"
        assert li.a.get_text() == record["title"][lang] and li.time["datetime"] == record["date"]
    label = page.select_one(".dashboard-related").find_previous_sibling("p")
    assert label.get_text() == render.LABELS[lang]["related_label"]
    link = page.find("a", href=f"{ctx(lang).lang_root}related/")
    assert link.get_text() == {"th": "ความเคลื่อนไหวที่เกี่ยวข้องทั้งหมด", "en": "All related developments"}[lang]
    # no related development is counted: the counts are MOU items only
    summary = page.find(id="dashboard-summary").get_text()
    assert summary.startswith(str(len(ds.records["activities"])) if lang == "en" else "รายการ")


def test_the_latest_related_follow_the_dates_not_the_file_order(ds):
    # negative control: the file order reversed changes nothing
    flipped = copy.deepcopy(ds)
    flipped.records["related"] = flipped.records["related"][::-1]
    assert [r["id"] for r in render.latest_related(flipped)] == [r["id"] for r in render.latest_related(ds)]
    assert [r["id"] for r in render.latest_related(ds)] != [r["id"] for r in ds.records["related"][:3]]


@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_dashboard_gives_the_next_date_as_computed(ds, lang):
    page = soup(render.dashboard(ds, ctx(lang)))
    shown = page.select(".dashboard .next-dates li")
    ends = sorted(day for a in ds.records["agreements"] for _, day in dates.term_ends(a)
                  if date.fromisoformat(day) > TODAY)
    assert [li.time["datetime"] for li in shown] == ends[:1]
    assert render.LABELS[lang]["computed"] in shown[0].get_text()
    # with no date ahead, it says so
    later = soup(render.dashboard(ds, ctx(lang, today=date(2031, 1, 1))))
    assert later.select_one(".dashboard p.next-dates").get_text() == render.LABELS[lang]["no_next"]


# ---------------------------------------------------------------- in Chromium, on the built site

EVENT_WORD = {"th": "ท่องเที่ยว", "en": "tourism"}  # in two item titles


def visible_rows(page) -> list[str]:
    return page.eval_on_selector_all(".tracker tbody tr", "rows => rows.filter(r => !r.hidden && r.offsetParent)"
                                     ".map(r => r.dataset.record)")


def announced(page) -> int:
    """The number of rows the live region says are shown."""
    return int(re.search(r"\d+", page.inner_text(".tracker__count")).group())


@pytest.fixture(scope="module")
def desktop(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, reduced_motion="reduce")
    yield context
    context.close()


def status_url(site_url, lang):
    return site_url + ("en/" if lang == "en" else "") + "status/"


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["th", "en"])
def test_typing_narrows_the_rows_and_the_count_says_how_many(desktop, site_url, built_site, ds, lang):
    page = desktop.new_page()
    page.goto(status_url(site_url, lang))
    page.wait_for_selector(".tracker--ready")
    total = len(ds.records["activities"])
    assert len(visible_rows(page)) == total == announced(page)
    word = EVENT_WORD[lang]
    page.click(".tracker input[type=search]")
    page.keyboard.type(word)
    pause(page)
    shown = visible_rows(page)
    titled = {f"activities/{a['id']}" for a in ds.records["activities"] if word in a["title"][lang].lower()}
    assert titled and titled <= set(shown) and 0 < len(shown) < total
    texts = dict(page.eval_on_selector_all(".tracker tbody tr", "rs => rs.map(r => [r.dataset.record, r.dataset.text])"))
    assert all(word in texts[r].replace(CUT, "").lower() for r in shown)
    assert announced(page) == len(shown)
    # a facet: the 2022 MOU's rows only, counted
    page.fill(".tracker input[type=search]", "")
    page.select_option("select[id$='-agreement']", "mou-2022")
    pause(page)
    shown = visible_rows(page)
    expected = {f"activities/{a['id']}" for a in ds.records["activities"] if a["agreement"] == "mou-2022"}
    assert set(shown) == expected and announced(page) == len(expected)
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_keyboard_alone_filters_and_sorts_and_the_url_keeps_the_state(desktop, site_url, ds, lang):
    page = desktop.new_page()
    page.goto(status_url(site_url, lang))
    page.wait_for_selector(".tracker--ready")
    page.focus("h2#activities a.headerlink")  # the last stop before the table's controls
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('.tracker input[type=search]')")
    page.keyboard.type(EVENT_WORD[lang])
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "SELECT"
    # on to the sort button of the "last confirmed" column, by Tab alone
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('th[data-sort=date] button')"):
            break
    else:
        pytest.fail("Tab never reached the sort button of the last-confirmed column")
    header = page.locator("th[data-sort=date]")
    assert header.get_attribute("aria-sort") is None
    page.keyboard.press("Enter")
    assert header.get_attribute("aria-sort") == "ascending"
    page.keyboard.press("Enter")
    assert header.get_attribute("aria-sort") == "descending"
    pause(page)
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"text": [EVENT_WORD[lang]]}
    # the agreement facet too, then the URL opened afresh shows the same rows
    page.select_option("select[id$='-agreement']", "mou-2018")
    pause(page)
    shown = visible_rows(page)
    url = page.url
    assert parse_qs(urlsplit(url).query) == {"text": [EVENT_WORD[lang]], "agreement": ["mou-2018"]}
    again = desktop.new_page()
    again.goto(url)
    again.wait_for_selector(".tracker--ready")
    assert again.input_value(".tracker input[type=search]") == EVENT_WORD[lang]
    assert again.input_value("select[id$='-agreement']") == "mou-2018"
    assert visible_rows(again) == shown and announced(again) == len(shown)
    page.close()
    again.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["th", "en"])
def test_without_javascript_every_row_shows(chromium, site_url, ds, lang):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(status_url(site_url, lang))
    rows = page.locator(".tracker tbody tr[data-record^='activities/']")
    assert rows.count() == len(ds.records["activities"])
    assert all(rows.nth(i).is_visible() for i in range(rows.count()))
    assert page.locator(".tracker__controls").count() == 0  # no control without the script
    context.close()


@pytest.mark.browser
def test_an_area_page_offers_no_area_facet(desktop, site_url):
    page = desktop.new_page()
    page.goto(site_url + "areas/broadband/")
    page.wait_for_selector(".tracker--ready")
    assert page.locator("select[id$='-area']").count() == 0
    assert page.locator("select[id$='-agreement']").count() == 1  # broadband has 2018 and 2022 items
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_timeline_figure_is_described_by_a_list_of_every_event_and_related_development(
        desktop, site_url, ds, lang):
    page = desktop.new_page()
    page.goto(site_url + ("en/" if lang == "en" else "") + "timeline/")
    figure = page.locator("figure.timeline-figure svg[role=img]")
    assert figure.count() == 1
    described = figure.get_attribute("aria-describedby")
    text = " ".join(page.locator(f"[id='{described}']").inner_text().split())
    missing = [r["title"][lang] for name in ("events", "related") for r in ds.records[name]
               if " ".join(r["title"][lang].split()) not in text]
    assert not missing, missing
    # the related developments are their own, labelled part: each says it is not under the MOUs
    label = render.LABELS[lang]["related_label"]
    related = page.locator(f"[id='{described}'] li[data-record^='related/']")
    assert related.count() == len(ds.records["related"])
    assert all(label in related.nth(i).inner_text() for i in range(related.count()))
    page.close()


# Content left unrendered below the fold (content-visibility) is measured once rendered.
SHOW_ALL = "*{content-visibility:visible!important}"
# Elements in the article that stick out past the screen's right edge with no scrolling box, on
# the screen, around them.
CUT_OFF_JS = """() => {
    const right = innerWidth + 1
    const scrolls = el => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX)
    const held = el => { for (let p = el.parentElement; p; p = p.parentElement)
        if (scrolls(p) && p.getBoundingClientRect().right <= right) return true
        return false }
    const out = [...document.querySelectorAll('article *')].filter(el => {
        const box = el.getBoundingClientRect()
        return box.width && box.right > right && !held(el)
    })
    return {overflow: document.documentElement.scrollWidth - innerWidth,
            out: out.slice(0, 5).map(el => el.outerHTML.slice(0, 80))}
}"""


@pytest.mark.browser
@pytest.mark.parametrize("path", ["status/", "timeline/", "", "en/status/", "en/timeline/", "en/"])
def test_nothing_sticks_out_at_360px(chromium, site_url, path):
    context = chromium.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site_url + path, wait_until="networkidle")
    page.add_style_tag(content=SHOW_ALL)
    if "status" in path:
        page.wait_for_selector(".tracker--ready")
    found = page.evaluate(CUT_OFF_JS)
    context.close()
    assert found == {"overflow": 0, "out": []}, path


@pytest.mark.browser
def test_cut_off_check_finds_a_wide_block(chromium, site_url):
    # negative control: a wide block outside any scrolling box is reported
    context = chromium.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(site_url + "status/")
    page.evaluate("document.querySelector('article').insertAdjacentHTML('beforeend',"
                  " '<div style=\"width:900px\">wide</div>')")
    found = page.evaluate(CUT_OFF_JS)
    context.close()
    assert found["out"]


def test_dates_module_and_this_test_agree_on_first_days(ds):
    # the test's own reading of a partial date matches the site's sort order
    for r in ds.records["related"]:
        assert dates.sort_key(r["date"])[1] == first_day(r["date"])
