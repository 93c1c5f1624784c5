"""The status tables' filter and sort (docs/assets/javascripts/tracker.js), on tables the site's own
renderers make (harness/filter_page.py: thlao.render.activities_table and status_table over a
hand-written dataset): the Thai status page with two tables (every item, then one area's), the
English status and area pages, an English area page whose rows share one status, the Thai page in
Material's light and dark schemes, and long tables shown a page of rows at a time (260 rows; 1,200
rows in Thai and English, with a page size of their own).

Every word is looked up by its key in labels/<lang>.yml (harness/labels.py), never written here.
"""
import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from harness.browser import serve  # the session's `chromium` fixture comes from conftest.py
from harness.checks import axe_violations, vnu_errors
from harness.filter_page import (
    AGREEMENT,
    AGREEMENTS,
    AREA,
    AREAS,
    CONFIRMED,
    ID,
    KIND,
    LONG,
    MANY,
    MANY_PAGE,
    NOTE_EN,
    NOTE_TH,
    ONE_STATUS,
    PAUSE,
    ROWS,
    STATUS,
    TITLE_EN,
    TITLE_TH,
    area_rows,
    many_rows,
    one_status_rows,
    pause,
    write_fixture,
)
from harness.labels import label

pytestmark = pytest.mark.browser

FIRST, SECOND = "main > div.tracker:nth-of-type(1)", "main > div.tracker:nth-of-type(2)"
PAGE = 100  # rows a page shows at most (tracker.js), unless data-page-size says otherwise
# The codelists, in the order of schemas/common.schema.json and schemas/activities.schema.json
STATUSES = ["pipeline", "implementation", "finalisation", "closed", "cancelled", "suspended", "not-reported"]
KINDS = ["area", "aim", "plan", "matter", "discussed"]
STATUS_PAGE = {"th": "", "en": "en/status/"}  # every item, the first (or only) table of the page
AREA_ROWS = area_rows()


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


# --- the words, and what the rows say ------------------------------------------------------------

def words(lang, key, **values):
    """The filter's words (labels group `tracker`), numbers written as tracker.js writes them."""
    return label(lang, f"tracker.{key}", **{k: f"{v:,}" for k, v in values.items()})


def column(lang, key):
    return label(lang, f"status_table.{key}")


def text_of(row, lang="th"):
    """A row's searchable text, folded as the matcher folds it (case, white space): its title,
    description, area, agreement, status and kind, as the status tables give it."""
    th = lang == "th"
    parts = [row[TITLE_TH if th else TITLE_EN], row[NOTE_TH if th else NOTE_EN],
             AREAS[row[AREA]][0 if th else 1], AGREEMENTS[row[AGREEMENT]][0 if th else 1],
             label(lang, f"item_status.{row[STATUS]}"), label(lang, f"item_kind.{row[KIND]}")]
    return " ".join(" ".join(parts).lower().split())


def ids(rows):
    return [r[ID] for r in rows]


def holding(query, rows=ROWS, lang="th"):
    return [r[ID] for r in rows if query in text_of(r, lang)]


def shown(page, tracker=FIRST):
    """Ids of the rows the reader sees, top to bottom."""
    return page.eval_on_selector_all(
        f"{tracker} tbody tr", "rows => rows.filter(r => r.getClientRects().length)"
        ".map(r => r.dataset.record.split('/')[1])")


def count(page, tracker=FIRST):
    return page.text_content(f"{tracker} [role=status]")


def url(page):
    """The address as the page has it now (page.url learns of replaceState late)."""
    return page.evaluate("location.href")


def type_in(page, query, tracker=FIRST):
    page.fill(f"{tracker} input[type=search]", query)


def test_the_fixture_holds_every_status_kind_and_date_precision():
    """Control for the tests below: the hand-written rows hold each case they rely on."""
    assert {r[STATUS] for r in ROWS} == set(STATUSES) and {r[KIND] for r in ROWS} == set(KINDS)
    precisions = {len(r[CONFIRMED].split("-")) if r[CONFIRMED] != "unknown" else 0 for r in ROWS}
    assert precisions == {0, 1, 2, 3}
    assert [r[AREA] for r in ROWS] == sorted((r[AREA] for r in ROWS), key=list(AREAS).index)  # served order


# --- JavaScript off: the plain table --------------------------------------------------------------

def test_without_javascript_the_whole_table_shows_and_no_control(browse):
    page = browse(java_script_enabled=False)
    assert shown(page) == ids(ROWS) and shown(page, SECOND) == ids(AREA_ROWS)
    assert page.query_selector_all("form, input, select, button, [role=status]") == []
    # control: with JavaScript, the same page has its controls
    page = browse()
    assert page.query_selector(f"{FIRST} form[role=search] input[type=search]")
    assert len(page.query_selector_all("form[role=search]")) == 2


# --- every word from the page -----------------------------------------------------------------------

# a marker for each word of the labels group `tracker`, with the values the word takes
MARKERS = {"filter": "F", "text": "T", "all": "A", "clear": "X", "status": "ST", "area": "AR",
           "agreement": "AG", "kind": "K", "count": "C {shown}/{total}", "none": "N",
           "some": "S {shown}/{matching}/{total}", "more": "M {n}", "every": "E {n}"}


def test_every_word_the_filter_shows_comes_from_the_page(browse):
    """The long table with its data-tracker-words swapped for markers: the controls, the count and
    the buttons show only the markers (tracker.js holds no word of any language)."""
    assert set(MARKERS) == set(label("th", "tracker")) == set(label("en", "tracker"))  # every key
    page = browse("long/")
    served = page.evaluate("document.querySelector('[data-tracker]').dataset.trackerWords")
    assert json.loads(served) == label("th", "tracker")  # control: the page gives the labels' words

    # before tracker.js sets the table up (its DOMContentLoaded listener comes after this one)
    page.add_init_script("document.addEventListener('DOMContentLoaded', () => document.querySelector("
                         f"'[data-tracker]').dataset.trackerWords = {json.dumps(json.dumps(MARKERS))})")
    page.reload()
    texts = page.eval_on_selector_all("form label, form button, form option",
                                      "els => els.map(e => e.textContent)")
    assert set(texts) == {"T", "ST", "AR", "AG", "K", "A", "X", *(o[1] for f in ("status", "area", "agreement", "kind")
                                                                for o in facet_options(page, f)[1:])}
    assert page.get_attribute("form", "aria-label").startswith("F: ")
    assert count(page) == f"C {PAGE}/{LONG}" and visible_buttons(page) == [f"M {PAGE}", f"E {LONG}"]
    page.select_option("#tracker-1-agreement", "mou-2022")
    matching = sum(r[AGREEMENT] == "mou-2022" for r in many_rows(LONG))
    pause(page)
    assert count(page) == f"S {PAGE}/{matching}/{LONG}"
    type_in(page, "ฮฮฮฮฮ")
    pause(page)
    assert count(page) == "N"


def facet_options(page, facet, tracker=1):
    return page.eval_on_selector(f"#tracker-{tracker}-{facet}", "s => [...s.options].map(o => [o.value, o.text])")


# --- typed words, found the way search finds them --------------------------------------------------

def test_a_thai_word_in_the_middle_of_a_phrase_finds_its_rows(browse):
    word = "ชายแดน"
    want = holding(word)
    assert len(want) >= 2
    # control: no space-separated token starts with it, so matching whole tokens would miss it
    assert not [t for r in ROWS for t in text_of(r).split() if t.startswith(word)]
    page = browse()
    type_in(page, word)
    assert shown(page) == want


def test_words_typed_with_spaces_find_the_text_that_runs_them_together(browse):
    page = browse()
    assert not holding("บรอดแบนด์ ชายแดน")  # control: no row has the spaced words
    type_in(page, "บรอดแบนด์ ชายแดน")
    joined = holding("บรอดแบนด์ชายแดน")
    assert joined and set(joined) <= set(shown(page))
    # and, as in search, the rows that hold each word apart
    assert shown(page) == [r[ID] for r in ROWS if "บรอดแบนด์" in text_of(r) and "ชายแดน" in text_of(r)]


def test_thai_words_in_another_order_find_the_rows_holding_each(browse):
    page = browse()
    assert not holding("ชายแดนโครงข่าย")  # control: as typed, no row has it
    type_in(page, "ชายแดนโครงข่าย")
    want = [r[ID] for r in ROWS if "ชายแดน" in text_of(r) and "โครงข่าย" in text_of(r)]
    assert want and shown(page) == want


def test_thai_digits_find_arabic_digits(browse):
    page = browse()
    assert not holding("๒๕๖๒")  # control: no row writes it in Thai digits
    type_in(page, "๒๕๖๒")
    assert shown(page) == holding("2562") != []


def test_an_english_word_on_the_english_page(browse):
    page = browse("en/")
    type_in(page, "Fibre")
    assert shown(page) == holding("fibre", AREA_ROWS, "en") != []
    assert len(holding("fibre", AREA_ROWS, "en")) < len(AREA_ROWS)  # control: it narrows


@pytest.mark.parametrize("lang", ["th", "en"])
def test_a_word_no_row_has_shows_no_row_and_says_so(browse, lang):
    page = browse(STATUS_PAGE[lang])
    type_in(page, "ฮฮฮฮฮ")
    assert shown(page) == []
    page.wait_for_function("([sel, text]) => document.querySelector(sel).textContent === text",
                           arg=[f"{FIRST} [role=status]", words(lang, "none")])
    assert page.is_visible(f"{FIRST} [role=status]")
    if lang == "th":  # control: the other table is untouched
        assert count(page, SECOND) == words("th", "count", shown=len(AREA_ROWS), total=len(AREA_ROWS))


# --- facets: offered from the codelists ------------------------------------------------------------

COLUMN = {"status": 4, "area": 2, "agreement": 3, "kind": None}  # nth-child of a row's cells
FIELD = {"status": STATUS, "area": AREA, "agreement": AGREEMENT, "kind": KIND}


def codelist(lang, facet):
    """[value, words] of every value a facet offers, in the codelist's order."""
    i = 0 if lang == "th" else 1
    return {"status": [[s, label(lang, f"item_status.{s}")] for s in STATUSES],
            "kind": [[k, label(lang, f"item_kind.{k}")] for k in KINDS],
            "area": [[a, t[i]] for a, t in AREAS.items()],
            "agreement": [[a, t[i]] for a, t in AGREEMENTS.items()]}[facet]


@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize("facet, value", [
    ("status", "implementation"), ("area", "postal"), ("agreement", "mou-2022"), ("kind", "aim")])
def test_each_facet_offers_its_codelist_and_filters(browse, lang, facet, value):
    page = browse(STATUS_PAGE[lang])
    assert page.text_content(f"{FIRST} label[for=tracker-1-{facet}]") == words(lang, facet)
    # "All", then every value of the codelist in its order, in the column's words
    assert facet_options(page, facet) == [["", words(lang, "all")], *codelist(lang, facet)]
    page.select_option(f"#tracker-1-{facet}", value)
    want = [r[ID] for r in ROWS if r[FIELD[facet]] == value]
    assert 0 < len(want) < len(ROWS) and shown(page) == want
    if COLUMN[facet]:  # control: the column shows that value's words in every row left
        cells = page.eval_on_selector_all(f"{FIRST} tbody tr:not([hidden]) > :nth-child({COLUMN[facet]})",
                                          "cells => cells.map(c => c.textContent)")
        assert set(cells) == {dict(codelist(lang, facet))[value]}


def test_a_facet_lists_its_whole_codelist_when_every_row_has_one_value(browse):
    """An area page whose rows share one status and one agreement (as every row of the real data
    once did): the status filter still offers every status, the agreement filter both agreements."""
    rows = one_status_rows()
    page = browse("en/one-status/")
    served = page.eval_on_selector_all("tbody tr", "rs => rs.map(r => [r.dataset.status, r.dataset.agreement])")
    assert {tuple(s) for s in served} == {(ONE_STATUS, "mou-2018")} and len(served) > 1  # control
    assert facet_options(page, "status")[1:] == codelist("en", "status")
    assert facet_options(page, "agreement")[1:] == codelist("en", "agreement")
    # a status no row has shows no row, and says so; the one they have shows them all
    page.select_option("#tracker-1-status", "closed")
    assert shown(page) == []
    pause(page)
    assert count(page) == words("en", "none")
    page.select_option("#tracker-1-status", ONE_STATUS)
    assert shown(page) == ids(rows)


def test_a_facet_the_page_does_not_give_is_not_offered(browse):
    """An area page gives no area facet; the status page does (control)."""
    page = browse("en/")
    labels = page.eval_on_selector_all("label", "ls => ls.map(l => l.textContent)")
    assert labels == [words("en", k) for k in ("text", "status", "agreement", "kind")]
    assert page.text_content("button.tracker__clear") == words("en", "clear")
    assert count(page) == words("en", "count", shown=len(AREA_ROWS), total=len(AREA_ROWS))
    page = browse("en/status/")
    assert page.query_selector("#tracker-1-area")


def test_facets_and_words_combine_and_clear(browse):
    page = browse()
    type_in(page, "ชายแดน")
    page.select_option(f"{FIRST} select#tracker-1-agreement", "mou-2022")
    want = [r[ID] for r in ROWS if "ชายแดน" in text_of(r) and r[AGREEMENT] == "mou-2022"]
    assert want and len(want) < len(holding("ชายแดน")) and shown(page) == want
    pause(page)
    assert "1-agreement=mou-2022" in url(page)  # control
    page.click(f"{FIRST} .tracker__clear")
    assert shown(page) == ids(ROWS)
    assert page.input_value(f"{FIRST} input[type=search]") == ""
    pause(page)
    assert "1-" not in url(page)


# --- sorting ----------------------------------------------------------------------------------------

def sort_button(name, tracker=FIRST):
    return f"{tracker} thead th:has(> button:text-is('{name}')) > button"


def aria_sort(page, name, tracker=FIRST):
    return page.get_attribute(f"{tracker} thead th:has(> button:text-is('{name}'))", "aria-sort")


# The rows confirmed in January 2018, in the order they are served: on the 15th, on the 1st, in
# January, in 2018. Sorted by the first day each date can mean, the 1st, January and 2018 tie
# (and keep the served order), before the 15th.
JANUARY_2018 = ["civil-servant", "egov-portal", "e-document", "postcode"]
JANUARY_2018_SORTED = ["egov-portal", "e-document", "postcode", "civil-servant"]


@pytest.mark.parametrize("lang", ["th", "en"])
def test_dates_sort_by_their_first_day_unknown_last_either_way(browse, lang):
    confirmed = {r[ID]: r[CONFIRMED] for r in ROWS}
    assert [i for i in ids(ROWS) if confirmed[i].startswith("2018")] == JANUARY_2018
    # control: sorted as text, or finer dates first, they would come in another order
    assert sorted(JANUARY_2018, key=confirmed.get) != JANUARY_2018_SORTED
    unknown = [i for i in ids(ROWS) if confirmed[i] == "unknown"]
    page = browse(STATUS_PAGE[lang])
    name = column(lang, "col_confirmed")
    page.click(sort_button(name))
    assert aria_sort(page, name) == "ascending"
    order = shown(page)
    assert order[:4] == JANUARY_2018_SORTED and order[-len(unknown):] == unknown
    years = [confirmed[i][:4] for i in order[:-len(unknown)]]
    assert years == sorted(years)
    page.click(sort_button(name))
    assert aria_sort(page, name) == "descending"
    order = shown(page)
    # the 15th, then the tie in the served order (either way), then the unknown
    assert order[-len(unknown) - 4:] == ["civil-servant", "egov-portal", "e-document", "postcode", *unknown]
    assert [confirmed[i] for i in order[:2]] == ["2024-03-15", "2024-02"]


def test_text_sorts_in_the_pages_language_and_ties_keep_their_order(browse):
    page = browse()
    name = column("th", "col_status")
    page.click(sort_button(name))
    order = shown(page)
    status = {r[ID]: r[STATUS] for r in ROWS}
    words_shown = [label("th", f"item_status.{status[i]}") for i in order]
    assert words_shown == page.evaluate("ls => ls.slice().sort(new Intl.Collator('th').compare)", words_shown)
    # stable: rows of one status keep the served order
    for code in STATUSES:
        assert [i for i in order if status[i] == code] == [r[ID] for r in ROWS if r[STATUS] == code]
    # sorting another column resets the first one's aria-sort
    item = column("th", "col_item")
    page.click(sort_button(item))
    assert aria_sort(page, item) == "ascending" and aria_sort(page, name) is None


def test_sorting_keeps_the_filter(browse):
    page = browse()
    type_in(page, "ชายแดน")
    page.click(sort_button(column("th", "col_confirmed")))
    assert sorted(shown(page)) == sorted(holding("ชายแดน"))


# --- the keyboard -----------------------------------------------------------------------------------

def focused(page):
    return page.evaluate("() => { const e = document.activeElement;"
                         " return e.id || e.className || e.tagName }")


def test_the_filter_and_sort_work_from_the_keyboard(browse):
    page = browse()
    confirmed = column("th", "col_confirmed")
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
    assert page.input_value("#tracker-1-status") == STATUSES[0]
    assert shown(page) == [r[ID] for r in ROWS if "บรอดแบนด์" in text_of(r) and r[STATUS] == STATUSES[0]]
    # on through the other controls and into the table to the "last confirmed" column
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == confirmed:
            break
    assert focused(page) == "tracker__sort"
    assert aria_sort(page, confirmed) is None
    page.keyboard.press("Enter")
    assert aria_sort(page, confirmed) == "ascending"
    page.keyboard.press("Space")
    assert aria_sort(page, confirmed) == "descending"
    assert focused(page) == "tracker__sort"


# --- the announced count ----------------------------------------------------------------------------

WATCH_STATUS = """sel => { window.said = []
  new MutationObserver(() => said.push(document.querySelector(sel).textContent))
    .observe(document.querySelector(sel), {childList: true, characterData: true, subtree: true}) }"""


def test_the_count_is_announced_and_the_url_set_once_the_reader_pauses(browse):
    page = browse()
    status, total = f"{FIRST} [role=status]", len(ROWS)
    assert page.get_attribute(status, "role") == "status"
    assert count(page) == words("th", "count", shown=total, total=total)
    page.evaluate(WATCH_STATUS, status)
    page.evaluate("""() => { const replace = history.replaceState.bind(history); window.urls = 0
        history.replaceState = (...args) => { urls++; return replace(...args) } }""")
    page.focus(f"{FIRST} input[type=search]")
    page.keyboard.type("บรอดแบนด์", delay=40)  # 9 characters, 40 ms apart
    # the table has followed every key; the count waits for the pause
    assert shown(page) == holding("บรอดแบนด์")
    assert page.evaluate("said") == []
    page.wait_for_timeout(PAUSE * 1000 + 300)
    visible = len(shown(page))
    assert page.evaluate("said") == [words("th", "count", shown=visible, total=total)]  # once, not per key
    assert page.evaluate("urls") == 1  # and the URL set once
    # a select is announced too
    page.select_option("#tracker-1-agreement", "mou-2018")
    page.wait_for_timeout(PAUSE * 1000 + 300)
    assert page.evaluate("said")[-1] == words("th", "count", shown=len(shown(page)), total=total)
    assert len(shown(page)) < visible  # control: the count changed


# --- the URL ----------------------------------------------------------------------------------------

def test_the_url_holds_the_view_and_opening_it_restores_it(browse, base):
    """Two tables on a page: their parameters are numbered (1-, 2-) in the page's order."""
    page = browse()
    length = page.evaluate("history.length")
    type_in(page, "ชายแดน")
    page.select_option("#tracker-1-agreement", "mou-2022")
    page.select_option("#tracker-1-kind", "matter")
    type_in(page, "ใยแก้ว", tracker=SECOND)
    pause(page)
    params = parse_qs(urlsplit(url(page)).query)
    assert params == {"1-text": ["ชายแดน"], "1-agreement": ["mou-2022"], "1-kind": ["matter"], "2-text": ["ใยแก้ว"]}
    assert page.evaluate("history.length") == length  # replaced, not pushed
    view = [shown(page), shown(page, SECOND)]
    assert view[0] and view[1] and len(view[1]) < len(AREA_ROWS)
    again = browse(url(page).removeprefix(base))
    assert [shown(again), shown(again, SECOND)] == view
    assert again.input_value(f"{FIRST} input[type=search]") == "ชายแดน"
    assert again.input_value("#tracker-1-agreement") == "mou-2022"
    assert again.input_value("#tracker-1-kind") == "matter"
    assert again.input_value("#tracker-1-status") == ""
    assert again.input_value(f"{SECOND} input[type=search]") == "ใยแก้ว"
    assert count(again) == words("th", "count", shown=len(view[0]), total=len(ROWS))


def test_values_the_codelists_do_not_have_are_ignored(browse):
    page = browse("?1-status=nonsense&1-area=postal&2-kind=nothing&q=x")
    assert page.input_value("#tracker-1-status") == ""
    assert page.input_value("#tracker-1-area") == "postal"
    assert shown(page) == [r[ID] for r in ROWS if r[AREA] == "postal"]
    assert shown(page, SECOND) == ids(AREA_ROWS)


def test_one_table_on_a_page_has_plain_parameters(browse):
    page = browse("en/?status=pipeline")
    assert shown(page) == [r[ID] for r in AREA_ROWS if r[STATUS] == "pipeline"] != []
    page.select_option("#tracker-1-kind", "plan")
    pause(page)
    assert parse_qs(urlsplit(url(page)).query) == {"status": ["pipeline"], "kind": ["plan"]}


# --- the gates: accessibility, phones, print, valid HTML ------------------------------------------

@pytest.mark.parametrize("path", ["", "default/", "slate/", "en/", "long/"])
def test_axe_finds_no_violation_with_the_controls_shown(browse, path):
    """The plain page, the Thai page in Material's light and dark schemes, the English page,
    and a long table with its "show more" buttons."""
    query = {"en/": "?status=pipeline", "long/": "?agreement=mou-2022"}.get(path, "?1-text=ชายแดน&1-status=pipeline")
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


# what sticks out of a 360 px screen, the table's region aside (how a table fits a phone, stacked
# or scrolled in its region, is tests/test_phone.py's)
OUTSIDE_JS = """() => {
    const out = []
    for (const e of document.querySelectorAll('body *')) {
        if (e.closest('.data-table')) continue
        const r = e.getBoundingClientRect()
        if (r.width && (r.right > innerWidth + 0.5 || r.left < -0.5)) out.push(e.outerHTML.slice(0, 80))
    }
    return out }"""


@pytest.mark.parametrize("path", ["", "slate/"])
def test_a_360px_phone_shows_the_controls_without_a_sideways_scroll(browse, path):
    page = browse(path + "?1-status=implementation", viewport={"width": 360, "height": 740})
    page.select_option("#tracker-1-area", "postal")  # the longest labels
    assert page.evaluate(OUTSIDE_JS) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # control: a control wider than the phone is found
    page.eval_on_selector("#tracker-1-area", "s => s.style.minWidth = '500px'")
    assert page.evaluate(OUTSIDE_JS)


def test_print_hides_the_controls_and_keeps_the_count(browse):
    page = browse("?1-kind=aim")
    page.emulate_media(media="print")
    assert not page.is_visible(f"{FIRST} form")
    assert page.is_visible(f"{FIRST} [role=status]") and shown(page) == [r[ID] for r in ROWS if r[KIND] == "aim"]
    page.emulate_media(media="screen")
    assert page.is_visible(f"{FIRST} form")  # control
    # a long table prints the rows shown and the count, without the buttons
    page = browse("long/")
    assert page.is_visible(f"{FIRST} .tracker__more")  # control
    page.emulate_media(media="print")
    assert not page.is_visible(f"{FIRST} .tracker__more")
    assert len(shown(page)) == PAGE and page.is_visible(f"{FIRST} [role=status]")


def test_the_page_is_valid_html_before_and_after_the_script(browse, tmp_path):
    page = browse()
    (tmp_path / "served.html").write_text(page.evaluate("() => fetch(location.href).then(r => r.text())"), "utf-8")
    type_in(page, "ชายแดน")
    page.click(sort_button(column("th", "col_status")))
    (tmp_path / "scripted.html").write_text("<!doctype html>\n" + page.evaluate(
        "document.documentElement.outerHTML"), "utf-8")
    # control: a page vnu must reject, beside them
    (tmp_path / "planted.html").write_text("<!doctype html><html lang=th><title>x</title>"
                                           "<select><option>x</select><label for=nowhere>y</label>", "utf-8")
    errors = vnu_errors(tmp_path)
    assert errors and [e for e in errors if not e.startswith("planted.html:")] == []
    scripted = (tmp_path / "scripted.html").read_text("utf-8")  # the controls and buttons were checked
    assert re.search(r'<form class="tracker__controls" role="search"', scripted) and "tracker__more" in scripted


# --- a long table: a page of rows at a time --------------------------------------------------------

LONG_ROWS = many_rows(LONG)
SLUGS = ids(LONG_ROWS)
MORE = f"{FIRST} .tracker__more button >> nth=0"
EVERY = f"{FIRST} .tracker__more button >> nth=1"


def visible_buttons(page, tracker=FIRST):
    return page.eval_on_selector_all(f"{tracker} .tracker__more button",
                                     "bs => bs.filter(b => b.getClientRects().length).map(b => b.textContent)")


def focused_link(page):
    """The id of the row whose link has the focus, or the text of what has it."""
    return page.evaluate("() => { const e = document.activeElement; const href = e.getAttribute('href')"
                         "; return href ? href.split('/')[1] : e.textContent }")


def first_day(value: str) -> str:
    """A partial date's first day, as the site's "last confirmed" column sorts (written here by
    hand; the hand-written case above is JANUARY_2018_SORTED)."""
    return {1: f"{value}-01-01", 2: f"{value}-01"}.get(len(value.split("-")), value)


def by_date(rows, direction="ascending"):
    """Ids as the "last confirmed" column sorts them: ties in served order, unknown last."""
    known = [(first_day(r[CONFIRMED]), i) for i, r in enumerate(rows) if r[CONFIRMED] != "unknown"]
    if direction == "ascending":
        known.sort()
    else:
        known.sort(key=lambda k: k[1])
        known.sort(key=lambda k: k[0], reverse=True)  # stable: ties keep the served order
    return [rows[i][ID] for _, i in known] + [r[ID] for r in rows if r[CONFIRMED] == "unknown"]


def test_a_table_shorter_than_a_page_shows_every_row_and_no_button(browse):
    page = browse()
    assert shown(page) == ids(ROWS) and shown(page, SECOND) == ids(AREA_ROWS)
    assert visible_buttons(page, FIRST) == visible_buttons(page, SECOND) == []
    assert page.query_selector_all("tbody tr[hidden]") == []


def test_without_javascript_a_long_table_shows_every_row(browse):
    page = browse("long/", java_script_enabled=False)
    assert shown(page) == SLUGS and len(SLUGS) == LONG
    assert page.query_selector_all("button, [role=status]") == []


def test_a_long_table_shows_its_first_page_and_buttons_for_the_rest(browse):
    page = browse("long/")
    assert shown(page) == SLUGS[:PAGE]
    assert count(page) == words("th", "count", shown=PAGE, total=LONG)
    assert visible_buttons(page) == [words("th", "more", n=PAGE), words("th", "every", n=LONG)]
    # the other rows are in the page, hidden; the buttons come after the table, outside the
    # live region (their words are not announced as they change)
    assert len(page.query_selector_all(f"{FIRST} tbody tr[hidden]")) == LONG - PAGE
    assert page.evaluate("""() => { const t = document.querySelector('[data-tracker] table')
        const m = document.querySelector('.tracker__more')
        return !!(t.compareDocumentPosition(m) & Node.DOCUMENT_POSITION_FOLLOWING)
            && !m.closest('[role=status]') }""")


def test_show_more_shows_the_next_page_then_the_rest(browse):
    page = browse("long/")
    page.click(MORE)
    assert shown(page) == SLUGS[:2 * PAGE]
    assert focused_link(page) == SLUGS[PAGE]  # the first row just shown
    assert count(page) == words("th", "count", shown=2 * PAGE, total=LONG)  # at once: the reader asked
    # 60 left: "show 60 more" shows them all, so "show all" is not offered beside it
    assert visible_buttons(page) == [words("th", "more", n=LONG - 2 * PAGE)]
    page.click(MORE)
    assert shown(page) == SLUGS
    assert focused_link(page) == SLUGS[2 * PAGE]
    assert count(page) == words("th", "count", shown=LONG, total=LONG)
    assert visible_buttons(page) == [] and not page.is_visible(f"{FIRST} .tracker__more")


def test_show_all_shows_every_matching_row(browse):
    page = browse("long/")
    page.click(EVERY)
    assert shown(page) == SLUGS
    assert focused_link(page) == SLUGS[PAGE]
    assert count(page) == words("th", "count", shown=LONG, total=LONG)
    assert visible_buttons(page) == []


def test_a_filter_change_goes_back_to_the_first_page(browse):
    page = browse("long/")
    page.click(EVERY)
    page.select_option("#tracker-1-agreement", "mou-2022")
    want = [r[ID] for r in LONG_ROWS if r[AGREEMENT] == "mou-2022"]
    assert PAGE < len(want) < 2 * PAGE  # control: more than a page match, less than two
    assert shown(page) == want[:PAGE]
    pause(page)
    assert count(page) == words("th", "some", shown=PAGE, matching=len(want), total=LONG)
    assert visible_buttons(page) == [words("th", "more", n=len(want) - PAGE)]
    page.click(MORE)
    assert shown(page) == want
    assert count(page) == words("th", "count", shown=len(want), total=LONG)  # all that match: as before
    # typed words that fewer than a page hold: all of them, no button
    type_in(page, "หนองคาย")
    few = [r[ID] for r in LONG_ROWS if "หนองคาย" in text_of(r) and r[AGREEMENT] == "mou-2022"]
    assert 0 < len(few) < PAGE and shown(page) == few
    assert visible_buttons(page) == []
    page.click(f"{FIRST} .tracker__clear")
    assert shown(page) == SLUGS[:PAGE]
    assert visible_buttons(page) == [words("th", "more", n=PAGE), words("th", "every", n=LONG)]


def test_sorting_shows_the_first_page_in_the_new_order(browse):
    page = browse("long/")
    name = column("th", "col_confirmed")
    page.click(MORE)
    assert len(shown(page)) == 2 * PAGE
    page.click(sort_button(name))
    assert aria_sort(page, name) == "ascending"
    # shown() reads the rows in the body's order: the order a screen reader walks them in
    assert shown(page) == by_date(LONG_ROWS)[:PAGE]
    assert count(page) == words("th", "count", shown=PAGE, total=LONG)
    page.click(MORE)
    assert shown(page) == by_date(LONG_ROWS)[:2 * PAGE]
    page.click(sort_button(name))
    assert aria_sort(page, name) == "descending"
    assert shown(page) == by_date(LONG_ROWS, "descending")[:PAGE]
    page.click(EVERY)
    assert shown(page) == by_date(LONG_ROWS, "descending")
    # a sort keeps the filter, and shows its first page in the new order
    page.select_option("#tracker-1-agreement", "mou-2022")
    page.click(sort_button(name))
    mou = [r for r in LONG_ROWS if r[AGREEMENT] == "mou-2022"]
    assert shown(page) == by_date(mou)[:PAGE]


def test_the_buttons_work_from_the_keyboard(browse):
    page = browse("long/")
    page.focus(f"{FIRST} a[href='items/{SLUGS[PAGE - 1]}/']")  # the last row shown
    page.keyboard.press("Tab")  # past the row's area and agreement links
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert focused_link(page) == words("th", "more", n=PAGE)
    page.keyboard.press("Enter")
    assert shown(page) == SLUGS[:2 * PAGE]
    assert focused_link(page) == SLUGS[PAGE]
    page.keyboard.press("Tab")  # on through the new rows
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert focused_link(page) == SLUGS[PAGE + 1]
    page.focus(f"{FIRST} a[href='items/{SLUGS[2 * PAGE - 1]}/']")
    for _ in range(3):
        page.keyboard.press("Tab")
    assert focused_link(page) == words("th", "more", n=LONG - 2 * PAGE)
    page.keyboard.press("Space")
    assert shown(page) == SLUGS and focused_link(page) == SLUGS[2 * PAGE]
    # "show all", from the keyboard
    page = browse("long/")
    page.focus(f"{FIRST} a[href='items/{SLUGS[PAGE - 1]}/']")
    for _ in range(4):
        page.keyboard.press("Tab")
    assert focused_link(page) == words("th", "every", n=LONG)
    page.keyboard.press("Enter")
    assert shown(page) == SLUGS and focused_link(page) == SLUGS[PAGE]


def test_a_long_table_announces_what_it_shows(browse):
    page = browse("long/")
    status = f"{FIRST} [role=status]"
    page.evaluate(WATCH_STATUS, status)
    want = [r[ID] for r in LONG_ROWS if r[AGREEMENT] == "mou-2022"]
    page.select_option("#tracker-1-agreement", "mou-2022")
    assert page.evaluate("said") == []  # once the reader pauses
    page.wait_for_timeout(PAUSE * 1000 + 300)
    some = words("th", "some", shown=PAGE, matching=len(want), total=LONG)
    every = words("th", "count", shown=len(want), total=LONG)
    assert page.evaluate("said") == [some]
    page.click(MORE)  # at once
    assert page.evaluate("said") == [some, every]
    item = column("th", "col_item")
    page.click(sort_button(item))  # back to a page: said at once
    assert page.evaluate("said")[-1] == some
    page.click(sort_button(item))  # the same count: not said again
    page.wait_for_timeout(PAUSE * 1000 + 300)
    assert page.evaluate("said") == [some, every, some]
    assert "page" not in url(page) and parse_qs(urlsplit(url(page)).query) == {"agreement": ["mou-2022"]}


@pytest.mark.parametrize("lang, path", [("th", "many/"), ("en", "en/many/")])
def test_a_page_size_of_its_own_and_thousands_separated(browse, lang, path):
    page = browse(path)
    assert MANY_PAGE < MANY and MANY >= 1000  # control: a page of its own, numbers in the thousands
    assert len(shown(page)) == MANY_PAGE
    assert count(page) == words(lang, "count", shown=MANY_PAGE, total=MANY)  # Arabic digits on the Thai page too
    assert f"{MANY:,}" in count(page)
    assert visible_buttons(page) == [words(lang, "more", n=MANY_PAGE), words(lang, "every", n=MANY)]
    page.select_option("#tracker-1-agreement", "mou-2022")
    n = sum(r[AGREEMENT] == "mou-2022" for r in many_rows(MANY))
    assert MANY_PAGE < n < MANY
    pause(page)
    assert count(page) == words(lang, "some", shown=MANY_PAGE, matching=n, total=MANY)


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
    mou = [r for r in LONG_ROWS if r[AGREEMENT] == "mou-2022"]
    page.select_option("#tracker-1-agreement", "mou-2022")
    first = ids(mou)[:PAGE]
    assert shown(page) == first
    assert page.evaluate("[moved, toggled]") == [0, len(set(SLUGS[:PAGE]) ^ set(first))]
    # a sort: at most a page of rows moves, and only rows that come or go are hidden or shown
    page.evaluate("moved = toggled = 0")
    page.click(sort_button(column("th", "col_confirmed")))
    again = by_date(mou)[:PAGE]
    assert shown(page) == again
    moved, toggled = page.evaluate("[moved, toggled]")
    assert 0 < moved <= PAGE and toggled == len(set(first) ^ set(again))
