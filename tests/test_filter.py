"""The status tables' filter and sort (docs/assets/javascripts/tracker.js), on fixture pages
written to its HTML contract (harness/filter_page.py): a Thai status page with two tables, an
English area page, the Thai page in Material's light and dark schemes, and long tables shown a
page of rows at a time (260 rows; 1,200 rows in Thai and English, with a page size of their own)."""
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from harness.browser import serve  # the session's `chromium` fixture comes from conftest.py
from harness.checks import axe_violations, vnu_errors
from harness.filter_page import (
    AGREEMENTS,
    AREAS,
    DUE_TH,
    KINDS,
    LONG,
    MANY,
    MANY_PAGE,
    PAUSE,
    ROWS_EN,
    ROWS_TH,
    STATUSES,
    many_rows,
    pause,
    write_fixture,
)

pytestmark = pytest.mark.browser

ALL, DUE = '[data-tracker="all"]', '[data-tracker="due"]'
ONE = "[data-tracker]"  # the one table of a page
PAGE = 100  # rows a page shows at most (tracker.js), unless data-page-size says otherwise
NONE_TH = "ไม่มีรายการที่ตรงกับตัวกรอง"


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    with serve(write_fixture(tmp_path_factory.mktemp("filter"))) as url:
        yield url


@pytest.fixture
def browse(chromium, base):
    """Open fixture pages; afterwards, no console error and no request off 127.0.0.1."""
    contexts, errors, requests = [], [], []

    def open_page(path="", **options):
        context = chromium.new_context(**options)
        contexts.append(context)
        context.on("request", lambda r: requests.append(r.url))
        page = context.new_page()
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(base + path)
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert requests, "control: the requests were watched"
    assert not [u for u in requests if urlsplit(u).hostname != "127.0.0.1"], requests
    assert not errors, errors


# --- what the rows say, and what the page shows -------------------------------------------------

def text_of(row, lang="th"):
    """A row's searchable text, folded as the matcher folds it (case, white space)."""
    slug, title, note, area, agreement, status, kind, _ = row
    i = 0 if lang == "th" else 1
    parts = [title, note, AREAS[area][i], AGREEMENTS[agreement][i], STATUSES[status][i], KINDS[kind][i]]
    return " ".join(" ".join(parts).lower().split())


def holding(query, rows=ROWS_TH, lang="th"):
    return [r[0] for r in rows if query in text_of(r, lang)]


def shown(page, tracker=ALL):
    """Slugs of the rows the reader sees, top to bottom."""
    return page.eval_on_selector_all(
        f"{tracker} tbody tr",
        "rows => rows.filter(r => r.getClientRects().length)"
        ".map(r => r.querySelector('a').getAttribute('href').split('/')[1])")


def count(page, tracker=ALL):
    return page.text_content(f"{tracker} [role=status]")


def url(page):
    """The address as the page has it now (page.url learns of replaceState late)."""
    return page.evaluate("location.href")


def type_in(page, query, tracker=ALL):
    page.fill(f"{tracker} input[type=search]", query)


# --- JavaScript off: the plain table --------------------------------------------------------------

def test_without_javascript_the_whole_table_shows_and_no_control(browse):
    page = browse(java_script_enabled=False)
    assert shown(page) == [r[0] for r in ROWS_TH]
    assert page.query_selector_all("form, input, select, button, [role=status]") == []
    # control: with JavaScript, the same page has its controls
    page = browse()
    assert page.query_selector(f"{ALL} form[role=search] input[type=search]")
    assert len(page.query_selector_all("form[role=search]")) == 2


# --- typed words, found the way search finds them --------------------------------------------------

def test_a_thai_word_in_the_middle_of_a_phrase_finds_its_rows(browse):
    word = "ชายแดน"
    want = holding(word)
    assert len(want) >= 2
    # control: no space-separated token starts with it, so matching whole tokens would miss it
    assert not [t for r in ROWS_TH for t in text_of(r).split() if t.startswith(word)]
    page = browse()
    type_in(page, word)
    assert shown(page) == want


def test_words_typed_with_spaces_find_the_text_that_runs_them_together(browse):
    page = browse()
    assert not holding("บรอดแบนด์ ชายแดน")  # control: no row has the spaced words
    type_in(page, "บรอดแบนด์ ชายแดน")
    joined = holding("บรอดแบนด์ชายแดน")
    assert joined and set(joined) <= set(shown(page))
    # and, as in search, the rows that hold each word apart (here: the area is broadband)
    assert shown(page) == [r[0] for r in ROWS_TH if "บรอดแบนด์" in text_of(r) and "ชายแดน" in text_of(r)]


def test_thai_words_in_another_order_find_the_rows_holding_each(browse):
    page = browse()
    assert not holding("ชายแดนโครงข่าย")  # control: as typed, no row has it
    type_in(page, "ชายแดนโครงข่าย")
    want = [r[0] for r in ROWS_TH if "ชายแดน" in text_of(r) and "โครงข่าย" in text_of(r)]
    assert want and shown(page) == want


def test_thai_digits_find_arabic_digits(browse):
    page = browse()
    assert not holding("๒๕๖๒")  # control: no row writes it in Thai digits
    type_in(page, "๒๕๖๒")
    assert shown(page) == holding("2562") != []


def test_an_english_word_on_the_english_page(browse):
    page = browse("en/")
    type_in(page, "Fibre", tracker="[data-tracker]")
    assert shown(page, "[data-tracker]") == holding("fibre", ROWS_EN, "en") != []


def test_a_word_no_row_has_shows_no_row_and_says_so(browse):
    page = browse()
    type_in(page, "ฮฮฮฮฮ")
    assert shown(page) == []
    page.wait_for_function(f"() => document.querySelector('{ALL} [role=status]').textContent === '{NONE_TH}'")
    assert page.is_visible(f"{ALL} [role=status]")
    assert count(page, DUE) == "แสดง 5 จาก 5 รายการ"  # control: the other table is untouched


# --- facets ------------------------------------------------------------------------------------------

LABEL_TH = {"status": "สถานะ", "area": "ด้านความร่วมมือ", "agreement": "บันทึกความเข้าใจ", "kind": "ประเภท"}
FIELD = {"status": 5, "area": 3, "agreement": 4, "kind": 6}  # of a row tuple
LABELS = {"status": STATUSES, "area": AREAS, "agreement": AGREEMENTS, "kind": KINDS}


@pytest.mark.parametrize("facet, value, column", [
    ("status", "in-progress", 4), ("area", "postal", 2), ("agreement", "mou-2022", 3),
    ("kind", "training", None)])
def test_each_facet_filters(browse, facet, value, column):
    page = browse()
    select = f"#tracker-1-{facet}"
    assert page.text_content(f"{ALL} label[for=tracker-1-{facet}]") == LABEL_TH[facet]
    options = page.eval_on_selector(select, "s => [...s.options].map(o => [o.value, o.text])")
    # "All", then every value once, labelled as its column shows it (kind: data-kind-label)
    assert options[0] == ["", "ทั้งหมด"]
    assert sorted(options[1:]) == sorted([v, LABELS[facet][v][0]]
                                         for v in {r[FIELD[facet]] for r in ROWS_TH})
    page.select_option(select, value)
    want = [r[0] for r in ROWS_TH if r[FIELD[facet]] == value]
    assert 0 < len(want) < len(ROWS_TH) and shown(page) == want
    if column:  # control: the column shows that label in every row left
        cells = page.eval_on_selector_all(f"{ALL} tbody tr:not([hidden]) > :nth-child({column})",
                                          "cells => cells.map(c => c.textContent)")
        assert set(cells) == {LABELS[facet][value][0]}


def test_facets_and_words_combine_and_clear(browse):
    page = browse()
    type_in(page, "ชายแดน")
    page.select_option(f"{ALL} select#tracker-1-agreement", "mou-2022")
    want = [r[0] for r in ROWS_TH if "ชายแดน" in text_of(r) and r[4] == "mou-2022"]
    assert want and len(want) < len(holding("ชายแดน")) and shown(page) == want
    pause(page)
    assert "all-agreement=mou-2022" in url(page)  # control
    page.click(f"{ALL} .tracker__clear")
    assert shown(page) == [r[0] for r in ROWS_TH]
    assert page.input_value(f"{ALL} input[type=search]") == ""
    pause(page)
    assert "all-" not in url(page)


def test_a_facet_with_one_value_is_not_offered(browse):
    page = browse("en/")
    labels = page.eval_on_selector_all("label", "ls => ls.map(l => l.textContent)")
    # the English area page: one area, so no area filter; English words
    assert labels == ["Search this table", "Status", "Agreement", "Kind"]
    assert {r[3] for r in ROWS_EN} == {"broadband"}  # control: the rows have a single area
    assert page.text_content("button.tracker__clear") == "Clear filters"
    assert count(page, "[data-tracker]") == f"Showing {len(ROWS_EN)} of {len(ROWS_EN)} items"


# --- sorting ----------------------------------------------------------------------------------------

def sort_button(page, name, tracker=ALL):
    return f"{tracker} thead th:has(> button:text-is('{name}')) > button"


def aria_sort(page, name, tracker=ALL):
    return page.get_attribute(f"{tracker} thead th:has(> button:text-is('{name}'))", "aria-sort")


def test_dates_sort_by_their_value_unknown_last_either_way(browse):
    page = browse()
    dates = {r[0]: r[7] for r in ROWS_TH}
    known = sorted((d, i) for i, d in enumerate(r[7] for r in ROWS_TH) if d != "unknown")
    unknown = [r[0] for r in ROWS_TH if r[7] == "unknown"]
    page.click(sort_button(page, "ยืนยันล่าสุด"))
    assert aria_sort(page, "ยืนยันล่าสุด") == "ascending"
    assert shown(page) == [ROWS_TH[i][0] for _, i in known] + unknown
    assert [dates[s] for s in shown(page)][:3] == ["2018-09-14", "2018-12-26", "2019"]
    page.click(sort_button(page, "ยืนยันล่าสุด"))
    assert aria_sort(page, "ยืนยันล่าสุด") == "descending"
    assert shown(page)[-len(unknown):] == unknown
    assert [dates[s] for s in shown(page)][:2] == ["2024-03-15", "2024-02"]


def test_text_sorts_in_thai_order_and_ties_keep_their_order(browse):
    page = browse()
    page.click(sort_button(page, "สถานะ"))
    order = shown(page)
    labels = [STATUSES[dict((r[0], r[5]) for r in ROWS_TH)[s]][0] for s in order]
    assert labels == page.evaluate("ls => ls.slice().sort(new Intl.Collator('th').compare)", labels)
    # stable: rows of one status keep the served order
    for status in STATUSES:
        assert [s for s in order if dict((r[0], r[5]) for r in ROWS_TH)[s] == status] == \
            [r[0] for r in ROWS_TH if r[5] == status]
    # sorting another column resets the first one's aria-sort
    page.click(sort_button(page, "รายการ"))
    assert aria_sort(page, "รายการ") == "ascending" and aria_sort(page, "สถานะ") is None


def test_sorting_keeps_the_filter(browse):
    page = browse()
    type_in(page, "ชายแดน")
    page.click(sort_button(page, "ยืนยันล่าสุด"))
    assert sorted(shown(page)) == sorted(holding("ชายแดน"))


# --- the keyboard -----------------------------------------------------------------------------------

def focused(page):
    return page.evaluate("() => { const e = document.activeElement;"
                         " return e.id || e.className || e.tagName }")


def test_the_filter_and_sort_work_from_the_keyboard(browse):
    page = browse()
    page.keyboard.press("Tab")
    assert focused(page) == "tracker-1-text"
    page.keyboard.type("บรอดแบนด์")
    assert shown(page) == holding("บรอดแบนด์")
    # Enter does not send the form: the page is not reloaded
    page.evaluate("window.stillHere = true")
    page.keyboard.press("Enter")
    page.wait_for_timeout(200)
    assert page.evaluate("window.stillHere") and shown(page) == holding("บรอดแบนด์")
    page.keyboard.press("Tab")
    assert focused(page) == "tracker-1-status"
    page.keyboard.press("ArrowDown")  # the first status in the list
    first = page.eval_on_selector("#tracker-1-status", "s => s.options[1].value")
    assert page.input_value("#tracker-1-status") == first
    assert shown(page) == [r[0] for r in ROWS_TH if "บรอดแบนด์" in text_of(r) and r[5] == first]
    # on through the other controls and into the table to the "last confirmed" column
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "ยืนยันล่าสุด":
            break
    assert focused(page) == "tracker__sort"
    assert aria_sort(page, "ยืนยันล่าสุด") is None
    page.keyboard.press("Enter")
    assert aria_sort(page, "ยืนยันล่าสุด") == "ascending"
    page.keyboard.press("Space")
    assert aria_sort(page, "ยืนยันล่าสุด") == "descending"
    assert focused(page) == "tracker__sort"


# --- the announced count ----------------------------------------------------------------------------

WATCH_STATUS = """sel => { window.said = []
  new MutationObserver(() => said.push(document.querySelector(sel).textContent))
    .observe(document.querySelector(sel), {childList: true, characterData: true, subtree: true}) }"""


def test_the_count_is_announced_and_the_url_set_once_the_reader_pauses(browse):
    page = browse()
    status = f"{ALL} [role=status]"
    assert page.get_attribute(status, "role") == "status"
    assert count(page) == "แสดง 30 จาก 30 รายการ"
    page.evaluate(WATCH_STATUS, status)
    page.evaluate("""() => { const replace = history.replaceState.bind(history); window.urls = 0
        history.replaceState = (...args) => { urls++; return replace(...args) } }""")
    page.focus(f"{ALL} input[type=search]")
    page.keyboard.type("บรอดแบนด์", delay=40)  # 9 characters, 40 ms apart
    # the table has followed every key; the count waits for the pause
    assert shown(page) == holding("บรอดแบนด์")
    assert page.evaluate("said") == []
    page.wait_for_timeout(PAUSE * 1000 + 300)
    visible = len(shown(page))
    assert page.evaluate("said") == [f"แสดง {visible} จาก 30 รายการ"]  # once, not per key
    assert page.evaluate("urls") == 1  # and the URL set once
    assert count(page) == f"แสดง {visible} จาก 30 รายการ"
    # a select is announced too
    page.select_option("#tracker-1-agreement", "mou-2018")
    page.wait_for_timeout(PAUSE * 1000 + 300)
    assert page.evaluate("said")[-1] == f"แสดง {len(shown(page))} จาก 30 รายการ"
    assert len(shown(page)) < visible  # control: the count changed


# --- the URL ----------------------------------------------------------------------------------------

def test_the_url_holds_the_view_and_opening_it_restores_it(browse, base):
    page = browse()
    length = page.evaluate("history.length")
    type_in(page, "ชายแดน")
    page.select_option("#tracker-1-agreement", "mou-2022")
    page.select_option("#tracker-1-kind", "commitment")
    type_in(page, "ไซเบอร์", tracker=DUE)
    pause(page)
    params = parse_qs(urlsplit(url(page)).query)
    assert params == {"all-text": ["ชายแดน"], "all-agreement": ["mou-2022"],
                      "all-kind": ["commitment"], "due-text": ["ไซเบอร์"]}
    assert page.evaluate("history.length") == length  # replaced, not pushed
    view = [shown(page), shown(page, DUE)]
    assert view[0] and view[1] and len(view[1]) < len(DUE_TH)
    again = browse(url(page).removeprefix(base))
    assert [shown(again), shown(again, DUE)] == view
    assert again.input_value(f"{ALL} input[type=search]") == "ชายแดน"
    assert again.input_value("#tracker-1-agreement") == "mou-2022"
    assert again.input_value("#tracker-1-kind") == "commitment"
    assert again.input_value("#tracker-1-status") == ""
    assert again.input_value(f"{DUE} input[type=search]") == "ไซเบอร์"
    assert count(again) == f"แสดง {len(view[0])} จาก 30 รายการ"


def test_values_the_table_does_not_have_are_ignored(browse):
    page = browse("?all-status=nonsense&all-area=postal&due-kind=nothing&q=x")
    assert page.input_value("#tracker-1-status") == ""
    assert page.input_value("#tracker-1-area") == "postal"
    assert shown(page) == [r[0] for r in ROWS_TH if r[3] == "postal"]
    assert shown(page, DUE) == [r[0] for r in DUE_TH]


def test_one_table_on_a_page_has_plain_parameters(browse):
    page = browse("en/?status=planned")
    assert shown(page, "[data-tracker]") == [r[0] for r in ROWS_EN if r[5] == "planned"]
    page.select_option("#tracker-1-kind", "activity")
    pause(page)
    assert parse_qs(urlsplit(url(page)).query) == {"status": ["planned"], "kind": ["activity"]}


# --- the gates: accessibility, phones, print, valid HTML ------------------------------------------

@pytest.mark.parametrize("path", ["", "default/", "slate/", "en/", "long/"])
def test_axe_finds_no_violation_with_the_controls_shown(browse, path):
    """The plain page, the Thai page in Material's light and dark schemes, the English page,
    and a long table with its "show more" buttons."""
    query = "?agreement=mou-2022" if path == "long/" else "?all-text=ชายแดน&status=planned"
    page = browse(path + query, reduced_motion="reduce")
    page.focus("input[type=search]")
    page.click("thead button")  # a sorted column
    page.wait_for_timeout(PAUSE * 1000 + 100)
    assert page.query_selector("[aria-sort]")
    if path == "long/":
        assert visible_buttons(page)  # control: the buttons are checked too
    assert axe_violations(page) == []


def test_axe_sees_a_planted_violation(browse):
    page = browse()
    page.evaluate("document.querySelector('#tracker-1-status').previousElementSibling.remove()")
    assert any(v.startswith("select-name ") or v.startswith("label ") for v in axe_violations(page))


@pytest.mark.parametrize("path", ["", "slate/"])
def test_a_360px_phone_scrolls_only_inside_the_table(browse, path):
    page = browse(path + "?all-status=in-progress", viewport={"width": 360, "height": 740})
    page.select_option("#tracker-1-area", "postal")  # the longest labels
    overflow = page.evaluate("""() => {
        const out = []
        for (const e of document.querySelectorAll('body *')) {
            if (e.closest('.data-table')) continue
            const r = e.getBoundingClientRect()
            if (r.width && (r.right > innerWidth + 0.5 || r.left < -0.5)) out.push(e.outerHTML.slice(0, 80))
        }
        return out }""")
    assert overflow == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # control: the table is wider than the phone, and scrolls inside its region (the region
    # itself, or in Material's styles the table)
    assert page.eval_on_selector(f"{ALL} .data-table", "e => [e, ...e.querySelectorAll('*')]"
                                 ".some(s => s.scrollWidth > s.clientWidth + 1)")


def test_print_hides_the_controls_and_keeps_the_count(browse):
    page = browse("?all-kind=training")
    page.emulate_media(media="print")
    assert not page.is_visible(f"{ALL} form")
    assert page.is_visible(f"{ALL} [role=status]") and shown(page) == [r[0] for r in ROWS_TH if r[6] == "training"]
    page.emulate_media(media="screen")
    assert page.is_visible(f"{ALL} form")  # control
    # a long table prints the rows shown and the count, without the buttons
    page = browse("long/")
    assert page.is_visible(f"{ONE} .tracker__more")  # control
    page.emulate_media(media="print")
    assert not page.is_visible(f"{ONE} .tracker__more")
    assert len(shown(page, ONE)) == PAGE and page.is_visible(f"{ONE} [role=status]")


def test_the_page_is_valid_html_before_and_after_the_script(browse, tmp_path):
    page = browse()
    (tmp_path / "served.html").write_text(page.evaluate("() => fetch(location.href).then(r => r.text())"), "utf-8")
    type_in(page, "ชายแดน")
    page.click(sort_button(page, "สถานะ"))
    (tmp_path / "scripted.html").write_text("<!doctype html>\n" + page.evaluate(
        "document.documentElement.outerHTML"), "utf-8")
    page = browse("long/")
    page.click(MORE)
    (tmp_path / "long.html").write_text("<!doctype html>\n" + page.evaluate(
        "document.documentElement.outerHTML"), "utf-8")
    # control: a page vnu must reject, beside them
    (tmp_path / "planted.html").write_text("<!doctype html><html lang=th><title>x</title>"
                                           "<select><option>x</select><label for=nowhere>y</label>", "utf-8")
    errors = vnu_errors(tmp_path)
    assert errors and [e for e in errors if not e.startswith("planted.html:")] == []
    assert re.search(r'<form class="tracker__controls" role="search"',
                     (tmp_path / "scripted.html").read_text("utf-8"))  # the controls were checked


# --- a long table: a page of rows at a time --------------------------------------------------------

LONG_ROWS = many_rows(LONG)
SLUGS = [r[0] for r in LONG_ROWS]
MORE = f"{ONE} .tracker__more button >> nth=0"
EVERY = f"{ONE} .tracker__more button >> nth=1"


def visible_buttons(page, tracker=ONE):
    return page.eval_on_selector_all(f"{tracker} .tracker__more button",
                                     "bs => bs.filter(b => b.getClientRects().length).map(b => b.textContent)")


def focused_link(page):
    """The slug of the row link that has the focus, or what has it."""
    return page.evaluate("() => { const e = document.activeElement; const href = e.getAttribute('href')"
                         "; return href ? href.split('/')[1] : e.textContent }")


def by_date(rows, direction="ascending"):
    """Slugs as the "last confirmed" column sorts them: ties in served order, unknown last."""
    known = [(r[7], i) for i, r in enumerate(rows) if r[7] != "unknown"]
    if direction == "ascending":
        known.sort()
    else:
        known.sort(key=lambda k: k[1])
        known.sort(key=lambda k: k[0], reverse=True)  # stable: ties keep the served order
    return [rows[i][0] for _, i in known] + [r[0] for r in rows if r[7] == "unknown"]


def test_a_table_shorter_than_a_page_shows_every_row_and_no_button(browse):
    page = browse()
    assert shown(page) == [r[0] for r in ROWS_TH] and shown(page, DUE) == [r[0] for r in DUE_TH]
    assert visible_buttons(page, ALL) == visible_buttons(page, DUE) == []
    assert page.query_selector_all("tbody tr[hidden]") == []
    assert count(page) == "แสดง 30 จาก 30 รายการ"


def test_without_javascript_a_long_table_shows_every_row(browse):
    page = browse("long/", java_script_enabled=False)
    assert shown(page, ONE) == SLUGS and len(SLUGS) == LONG
    assert page.query_selector_all("button, [role=status]") == []


def test_a_long_table_shows_its_first_page_and_buttons_for_the_rest(browse):
    page = browse("long/")
    assert shown(page, ONE) == SLUGS[:PAGE]
    assert count(page, ONE) == f"แสดง {PAGE} จาก {LONG} รายการ"
    assert visible_buttons(page) == [f"แสดงเพิ่มอีก {PAGE} รายการ", f"แสดงทั้งหมด {LONG} รายการ"]
    # the other rows are in the page, hidden; the buttons come after the table, outside the
    # live region (their words are not announced as they change)
    assert len(page.query_selector_all(f"{ONE} tbody tr[hidden]")) == LONG - PAGE
    assert page.evaluate("""() => { const t = document.querySelector('[data-tracker] table')
        const m = document.querySelector('.tracker__more')
        return !!(t.compareDocumentPosition(m) & Node.DOCUMENT_POSITION_FOLLOWING)
            && !m.closest('[role=status]') }""")


def test_show_more_shows_the_next_page_then_the_rest(browse):
    page = browse("long/")
    page.click(MORE)
    assert shown(page, ONE) == SLUGS[:2 * PAGE]
    assert focused_link(page) == SLUGS[PAGE]  # the first row just shown
    assert count(page, ONE) == f"แสดง {2 * PAGE} จาก {LONG} รายการ"  # at once: the reader asked
    # 60 left: "show 60 more" shows them all, so "show all" is not offered beside it
    assert visible_buttons(page) == [f"แสดงเพิ่มอีก {LONG - 2 * PAGE} รายการ"]
    page.click(MORE)
    assert shown(page, ONE) == SLUGS
    assert focused_link(page) == SLUGS[2 * PAGE]
    assert count(page, ONE) == f"แสดง {LONG} จาก {LONG} รายการ"
    assert visible_buttons(page) == [] and not page.is_visible(f"{ONE} .tracker__more")


def test_show_all_shows_every_matching_row(browse):
    page = browse("long/")
    page.click(EVERY)
    assert shown(page, ONE) == SLUGS
    assert focused_link(page) == SLUGS[PAGE]
    assert count(page, ONE) == f"แสดง {LONG} จาก {LONG} รายการ"
    assert visible_buttons(page) == []


def test_a_filter_change_goes_back_to_the_first_page(browse):
    page = browse("long/")
    page.click(EVERY)
    page.select_option("#tracker-1-agreement", "mou-2022")
    want = [r[0] for r in LONG_ROWS if r[4] == "mou-2022"]
    assert PAGE < len(want) < 2 * PAGE  # control: more than a page match, less than two
    assert shown(page, ONE) == want[:PAGE]
    pause(page)
    assert count(page, ONE) == f"แสดง {PAGE} จาก {len(want)} รายการที่ตรงกัน (ทั้งหมด {LONG} รายการ)"
    assert visible_buttons(page) == [f"แสดงเพิ่มอีก {len(want) - PAGE} รายการ"]
    page.click(MORE)
    assert shown(page, ONE) == want
    assert count(page, ONE) == f"แสดง {len(want)} จาก {LONG} รายการ"  # all that match: as before
    # typed words that fewer than a page hold: all of them, no button
    type_in(page, "หนองคาย", tracker=ONE)
    few = [r[0] for r in LONG_ROWS if "หนองคาย" in text_of(r) and r[4] == "mou-2022"]
    assert 0 < len(few) < PAGE and shown(page, ONE) == few
    assert visible_buttons(page) == []
    page.click(f"{ONE} .tracker__clear")
    assert shown(page, ONE) == SLUGS[:PAGE]
    assert visible_buttons(page) == [f"แสดงเพิ่มอีก {PAGE} รายการ", f"แสดงทั้งหมด {LONG} รายการ"]


def test_sorting_shows_the_first_page_in_the_new_order(browse):
    page = browse("long/")
    page.click(MORE)
    assert len(shown(page, ONE)) == 2 * PAGE
    page.click(sort_button(page, "ยืนยันล่าสุด", ONE))
    assert aria_sort(page, "ยืนยันล่าสุด", ONE) == "ascending"
    # shown() reads the rows in the body's order: the order a screen reader walks them in
    assert shown(page, ONE) == by_date(LONG_ROWS)[:PAGE]
    assert count(page, ONE) == f"แสดง {PAGE} จาก {LONG} รายการ"
    page.click(MORE)
    assert shown(page, ONE) == by_date(LONG_ROWS)[:2 * PAGE]
    page.click(sort_button(page, "ยืนยันล่าสุด", ONE))
    assert aria_sort(page, "ยืนยันล่าสุด", ONE) == "descending"
    assert shown(page, ONE) == by_date(LONG_ROWS, "descending")[:PAGE]
    page.click(EVERY)
    assert shown(page, ONE) == by_date(LONG_ROWS, "descending")
    # a sort keeps the filter, and shows its first page in the new order
    page.select_option("#tracker-1-agreement", "mou-2022")
    page.click(sort_button(page, "ยืนยันล่าสุด", ONE))
    mou = [r for r in LONG_ROWS if r[4] == "mou-2022"]
    assert shown(page, ONE) == by_date(mou)[:PAGE]


def test_the_buttons_work_from_the_keyboard(browse):
    page = browse("long/")
    page.focus(f"{ONE} a[href='items/{SLUGS[PAGE - 1]}/']")  # the last row shown
    page.keyboard.press("Tab")
    assert focused_link(page) == f"แสดงเพิ่มอีก {PAGE} รายการ"
    page.keyboard.press("Enter")
    assert shown(page, ONE) == SLUGS[:2 * PAGE]
    assert focused_link(page) == SLUGS[PAGE]
    page.keyboard.press("Tab")  # on through the new rows
    assert focused_link(page) == SLUGS[PAGE + 1]
    page.focus(f"{ONE} a[href='items/{SLUGS[2 * PAGE - 1]}/']")
    page.keyboard.press("Tab")
    assert focused_link(page) == f"แสดงเพิ่มอีก {LONG - 2 * PAGE} รายการ"
    page.keyboard.press("Space")
    assert shown(page, ONE) == SLUGS and focused_link(page) == SLUGS[2 * PAGE]
    # "show all", from the keyboard
    page = browse("long/")
    page.focus(f"{ONE} a[href='items/{SLUGS[PAGE - 1]}/']")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert focused_link(page) == f"แสดงทั้งหมด {LONG} รายการ"
    page.keyboard.press("Enter")
    assert shown(page, ONE) == SLUGS and focused_link(page) == SLUGS[PAGE]


def test_a_long_table_announces_what_it_shows(browse):
    page = browse("long/")
    status = f"{ONE} [role=status]"
    page.evaluate(WATCH_STATUS, status)
    want = [r[0] for r in LONG_ROWS if r[4] == "mou-2022"]
    page.select_option("#tracker-1-agreement", "mou-2022")
    assert page.evaluate("said") == []  # once the reader pauses
    page.wait_for_timeout(PAUSE * 1000 + 300)
    some = f"แสดง {PAGE} จาก {len(want)} รายการที่ตรงกัน (ทั้งหมด {LONG} รายการ)"
    assert page.evaluate("said") == [some]
    page.click(MORE)  # at once
    assert page.evaluate("said") == [some, f"แสดง {len(want)} จาก {LONG} รายการ"]
    page.click(sort_button(page, "รายการ", ONE))  # back to a page: said at once
    assert page.evaluate("said")[-1] == some
    page.click(sort_button(page, "รายการ", ONE))  # the same count: not said again
    page.wait_for_timeout(PAUSE * 1000 + 300)
    assert page.evaluate("said") == [some, f"แสดง {len(want)} จาก {LONG} รายการ", some]
    assert "page" not in url(page) and parse_qs(urlsplit(url(page)).query) == {"agreement": ["mou-2022"]}


@pytest.mark.parametrize("path, first, matching, buttons", [
    ("many/", "แสดง 250 จาก 1,200 รายการ", "แสดง 250 จาก {n} รายการที่ตรงกัน (ทั้งหมด 1,200 รายการ)",
     ["แสดงเพิ่มอีก 250 รายการ", "แสดงทั้งหมด 1,200 รายการ"]),
    ("en/many/", "Showing 250 of 1,200 items", "Showing 250 of {n} matching items (1,200 in all)",
     ["Show 250 more", "Show all 1,200"])])
def test_a_page_size_of_its_own_and_thousands_separated(browse, path, first, matching, buttons):
    page = browse(path)
    assert MANY_PAGE == 250 and MANY == 1200  # control: what the wording below assumes
    assert len(shown(page, ONE)) == MANY_PAGE
    assert count(page, ONE) == first  # Arabic digits on the Thai page too
    assert visible_buttons(page) == buttons
    page.select_option("#tracker-1-agreement", "mou-2022")
    n = sum(r[4] == "mou-2022" for r in many_rows(MANY))
    assert MANY_PAGE < n < MANY
    pause(page)
    assert count(page, ONE) == matching.format(n=n)


def test_only_the_rows_that_come_or_go_are_touched(browse):
    page = browse("long/")
    page.evaluate("""() => { window.moved = 0; window.toggled = 0
        new MutationObserver(ms => { for (const m of ms)
            m.type === 'attributes' ? toggled++ : moved += m.addedNodes.length })
          .observe(document.querySelector('[data-tracker] tbody'),
                   {childList: true, subtree: true, attributes: true, attributeFilter: ['hidden']}) }""")
    touched = page.evaluate("() => { const t = [moved, toggled]; moved = toggled = 0; return t }")
    assert touched == [0, 0]
    # a facet narrows: the rows stay where they are, only those that come or go change
    mou = [r for r in LONG_ROWS if r[4] == "mou-2022"]
    page.select_option("#tracker-1-agreement", "mou-2022")
    first = [r[0] for r in mou][:PAGE]
    assert shown(page, ONE) == first
    assert page.evaluate("[moved, toggled]") == [0, len(set(SLUGS[:PAGE]) ^ set(first))]
    # a sort: at most a page of rows moves, and only rows that come or go are hidden or shown
    page.evaluate("moved = toggled = 0")
    page.click(sort_button(page, "ยืนยันล่าสุด", ONE))
    again = by_date(mou)[:PAGE]
    assert shown(page, ONE) == again
    moved, toggled = page.evaluate("[moved, toggled]")
    assert 0 < moved <= PAGE and toggled == len(set(first) ^ set(again))
