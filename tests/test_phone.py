"""The status tables on a phone (issue 19, item 2), on the built site in Chromium.

At 390 and 360 px, in both languages, with JavaScript on and off, on every page with a status
table ("tracker": the status page and each area page): every row shows its item link and its
status within the screen, nothing in the table scrolls sideways, nor does the page. A screen
reader still meets a table: the markup states every part's role (a browser drops a table's
semantics once CSS changes its display, as the stacked rows do), and Chromium's accessibility
tree holds each row as the item's row header and its cells, each cell's value once (the column
name shown beside it is not read). axe finds nothing in the tables and their controls. The
filter and the sort (tracker.js) still work on the stacked rows. Each check is shown to fail: on
the table laid out in columns as before, without its roles, with the column name read, with a
planted fault, in the wrong order.

"JavaScript off" here is the page as served with every <script> taken out (Chromium with
JavaScript disabled cannot run axe); the html element keeps Material's no-js class, as then.
"""
import re

import pytest
from bs4 import BeautifulSoup

from harness.checks import AXE
from harness.site import page_file, page_paths

pytestmark = pytest.mark.browser

PHONES = (390, 360)
HEIGHT = 800
# What a status table's part must say it is, by CSS selector within the table.
ROLES = {"table": "table", "thead": "rowgroup", "tbody": "rowgroup", "tr": "row",
         "thead th": "columnheader", "tbody th": "rowheader", "td": "cell"}
# content-visibility: auto (site.css) leaves a table below the fold out of the layout and out of
# Chromium's accessibility tree until scrolled near: the checks see every row laid out.
LAID_OUT = "<style>.data-table{content-visibility:visible!important}</style>"

# Each visible row of every tracker: its item link and its status, each with a box on the screen
# and inside every box that clips or scrolls it (a cell scrolled out of its region is not seen);
# and each table region (Material's scrolling wrapper too), and the page, not scrolling sideways.
ROWS_JS = """() => {
    const width = document.documentElement.clientWidth
    const found = {rows: 0, problems: [], page: document.documentElement.scrollWidth - width}
    const clips = el => { const out = []
        for (let p = el.parentElement; p; p = p.parentElement)
            if (getComputedStyle(p).overflowX !== 'visible') out.push(p)
        return out }
    for (const row of document.querySelectorAll('.tracker tbody tr')) {
        if (row.hidden) continue
        found.rows++
        const id = row.dataset.record
        for (const [what, el] of [['item', row.querySelector('th a[href]')], ['status', row.querySelector('.status')]]) {
            const box = el && el.getBoundingClientRect()
            if (!box || !box.width || !box.height) { found.problems.push(`${id}: no ${what} shown`); continue }
            const bounds = [{left: 0, right: width}, ...clips(el).map(c => c.getBoundingClientRect())]
            if (bounds.some(b => box.left < b.left - 0.5 || box.right > b.right + 0.5))
                found.problems.push(`${id}: ${what} at ${Math.round(box.left)}-${Math.round(box.right)} px, cut off`)
        }
    }
    for (const region of document.querySelectorAll('.tracker .data-table, .tracker .md-typeset__scrollwrap, .tracker table'))
        if (region.scrollWidth > region.clientWidth + 1)
            found.problems.push(`${region.tagName.toLowerCase()} scrolls ${region.scrollWidth - region.clientWidth} px sideways`)
    return found
}"""


def tracker_pages(site) -> list[str]:
    """Every page of the built site with a status table, by path from the site's root."""
    return [p for p in page_paths(site) if 'data-tracker="' in page_file(site, p).read_text("utf-8")]


def role_problems(html: str) -> list[str]:
    """Where a stacked status table's markup does not state a part's role, or a cell's data-label
    (the column name shown beside it) is not its column's header."""
    problems = []
    tables = BeautifulSoup(html, "html.parser").select(".tracker--stack table")
    for n, table in enumerate(tables):
        for selector, role in ROLES.items():
            parts = [table] if selector == "table" else table.select(selector)
            problems += [f"table {n}: <{p.name}> without role={role}" for p in parts if p.get("role") != role]
        heads = [th.get_text(" ", strip=True) for th in table.select("thead th")]
        for row in table.select("tbody tr"):
            labels = [None] + [td.get("data-label") for td in row.find_all("td", recursive=False)]
            if labels[1:] != heads[1:]:
                problems.append(f"table {n}: {row.get('data-record')}: data-label {labels[1:]}, headers {heads[1:]}")
    return problems if tables else ["no stacked status table"]


def without_scripts(html: str) -> str:
    """The page as a browser without JavaScript has it: no script runs."""
    return re.sub(r"<script\b.*?</script>", "", html, flags=re.S | re.I)


@pytest.fixture(scope="module")
def pages(real_site) -> list[str]:
    found = tracker_pages(real_site)
    assert {"status/", "en/status/"} <= set(found) and any(p.startswith("areas/") for p in found)
    return found


def open_phone(chromium, real_url, width: int, scripts: bool):
    """A page at phone width; with scripts off, each page's document is served without them."""
    context = chromium.new_context(viewport={"width": width, "height": HEIGHT}, reduced_motion="reduce",
                                   is_mobile=True, has_touch=True)
    if not scripts:
        def serve_without_scripts(route):
            served = route.fetch()
            route.fulfill(response=served, body=without_scripts(served.text()))
        context.route(re.compile(r".*/(\?.*)?$"), serve_without_scripts)  # the pages, not their files
    return context, context.new_page()


def visit(page, url: str, scripts: bool) -> None:
    page.goto(url)
    page.evaluate(f"document.head.insertAdjacentHTML('beforeend', {LAID_OUT!r})")
    if scripts:
        page.wait_for_selector(".tracker--ready", state="attached")
    else:
        assert page.evaluate("document.documentElement.className") == "no-js"
        assert page.locator(".tracker--ready, .tracker__controls").count() == 0


def heard_rows(page) -> tuple[list, list]:
    """The first tracker table as Chromium's accessibility tree holds it: the names of its column
    headers, and per row the role and name of each cell, walking past nodes a reader skips."""
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("Accessibility.enable")
        handle = cdp.send("Runtime.evaluate", {"expression": "document.querySelector('.tracker table')"})
        table_id = cdp.send("DOM.describeNode", {"objectId": handle["result"]["objectId"]})["node"]["backendNodeId"]
        nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        cdp.detach()
    by_id = {n["nodeId"]: n for n in nodes}

    def role(node):
        return node.get("role", {}).get("value")

    def name(node):
        return " ".join(node.get("name", {}).get("value", "").replace("\u200b", "").split())

    def below(node, wanted):
        for child in (by_id[i] for i in node.get("childIds", []) if i in by_id):
            if role(child) in wanted:
                yield child
            else:
                yield from below(child, wanted)

    table = next((n for n in nodes if n.get("backendDOMNodeId") == table_id), None)
    if table is None or role(table) != "table":
        return [], []
    heads, rows = [], []
    for row in below(table, {"row"}):
        cells = list(below(row, {"columnheader", "rowheader", "cell"}))
        if cells and all(role(c) == "columnheader" for c in cells):
            heads = [name(c) for c in cells]
        else:
            rows.append([(role(c), name(c)) for c in cells])
    return heads, rows


def shown_rows(page) -> list:
    """The first tracker's visible rows as the page shows them: each cell's text."""
    return page.evaluate("""() => [...document.querySelector('.tracker table').tBodies[0].rows]
        .filter(r => !r.hidden)
        .map(r => [...r.cells].map(c => c.textContent.replace(/\\u200b/g, '').replace(/\\s+/g, ' ').trim()))""")


def tracker_axe(page) -> list[str]:
    """axe-core's violations (all rules but experimental) in the status tables and their controls,
    one line per node. The rest of the page is axe's in tests/test_axe.py."""
    if not page.evaluate("typeof axe === 'object'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run({include: [['.tracker']]}, {resultTypes: ['violations']})")
    return [f"{rule['id']} [{rule['impact']}] {node['target']}: {rule['help']}"
            for rule in result["violations"] for node in rule["nodes"]]


# ---------------------------------------------------------------- the markup

def test_every_status_table_states_its_roles_and_its_column_names(real_site, pages):
    for path in pages:
        assert role_problems(page_file(real_site, path).read_text("utf-8")) == [], path


def test_role_check_finds_a_table_without_roles():
    head = '<thead><tr><th scope="col">Item</th><th scope="col">Status</th></tr></thead>'
    row = '<tr data-record="x"><th scope="row">X</th><td data-label="{}">Done</td></tr>'
    bare = f'<div class="tracker--stack"><table>{head}<tbody>{row.format("Status")}</tbody></table></div>'
    assert role_problems(bare) == [f"table 0: <{tag}> without role={role}" for tag, role in (
        ("table", "table"), ("thead", "rowgroup"), ("tbody", "rowgroup"), ("tr", "row"), ("tr", "row"),
        ("th", "columnheader"), ("th", "columnheader"), ("th", "rowheader"), ("td", "cell"))]
    assert "data-label ['Area'], headers ['Status']" in role_problems(bare.replace('"Status"', '"Area"'))[-1]
    assert role_problems("<table></table>") == ["no stacked status table"]


# ---------------------------------------------------------------- in Chromium, at phone widths

@pytest.mark.parametrize("scripts", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("width", PHONES)
def test_every_row_shows_its_item_and_status_without_a_sideways_scroll(chromium, real_url, pages, width, scripts):
    context, page = open_phone(chromium, real_url, width, scripts)
    found, rows = {}, 0
    try:
        for path in pages:
            visit(page, real_url + path, scripts)
            result = page.evaluate(ROWS_JS)
            rows += result["rows"]
            if result["page"] > 0:
                result["problems"].append(f"the page scrolls {result['page']} px sideways")
            if result["problems"]:
                found[path] = result["problems"]
    finally:
        context.close()
    assert rows >= len(pages)  # every page's table was seen, with its rows
    assert not found, "\n".join(f"/{p}: " + "; ".join(v[:4]) for p, v in found.items())


@pytest.mark.parametrize("scripts", [True, False], ids=["js", "no-js"])
def test_the_row_check_finds_the_status_off_screen_in_columns(chromium, real_url, scripts):
    # negative control: the same table laid out in its five columns, as before, at 360 px
    context, page = open_phone(chromium, real_url, 360, scripts)
    try:
        visit(page, real_url + "status/", scripts)
        page.evaluate("document.querySelectorAll('.tracker--stack').forEach(t => t.classList.remove('tracker--stack'))")
        result = page.evaluate(ROWS_JS)
    finally:
        context.close()
    assert result["rows"] and any(": status at " in p for p in result["problems"])
    assert any("scrolls" in p for p in result["problems"])


# The items' titles of the shown rows, and whether they are in the collation order of the page's language.
ITEM_ORDER_JS = """() => {
    const titles = [...document.querySelectorAll('.tracker tbody tr:not([hidden]) th')].map(th => th.textContent.trim())
    const collator = new Intl.Collator(document.documentElement.lang, {numeric: true})
    return titles.every((t, i) => !i || collator.compare(titles[i - 1], t) <= 0)
}"""


@pytest.mark.parametrize("path", ["status/", "en/status/"])
def test_the_sort_and_the_filter_still_work_on_the_stacked_rows(chromium, fixture_url, path):
    # on the fixture site, whose rows hold every status
    context, page = open_phone(chromium, fixture_url, 360, True)
    try:
        visit(page, fixture_url + path, True)
        every = page.locator(".tracker tbody tr").count()
        # the sort, from its buttons above the rows: by item
        button = page.locator(".tracker thead .tracker__sort").first
        assert button.is_visible()
        button.click()
        by_item = page.evaluate(ITEM_ORDER_JS), page.evaluate(ROWS_JS)
        button.click()  # control: in descending order the order check fails
        descending = page.evaluate(ITEM_ORDER_JS)
        # the status filter, set to a status some rows have and others not
        page.locator(".tracker__controls select").first.select_option("implementation")
        page.wait_for_function("() => document.querySelectorAll('.tracker tbody tr[hidden]').length > 0")
        filtered = page.evaluate(ROWS_JS)
        hidden_shown = page.evaluate("[...document.querySelectorAll('.tracker tbody tr[hidden]')]"
                                     ".filter(r => r.getBoundingClientRect().height > 0).length")
    finally:
        context.close()
    assert by_item[0] is True and descending is False
    assert by_item[1]["rows"] == every and by_item[1]["problems"] == []
    assert 0 < filtered["rows"] < every and hidden_shown == 0
    assert filtered["problems"] == [] and filtered["page"] <= 0


@pytest.mark.parametrize("scripts", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("path", ["status/", "en/status/", "areas/fx-broadband/", "en/areas/fx-broadband/"])
@pytest.mark.parametrize("width", PHONES)
def test_a_screen_reader_meets_a_table_and_axe_finds_nothing(chromium, fixture_url, width, path, scripts):
    # on the fixture site, whose rows hold every status, date precision and a title with markup
    context, page = open_phone(chromium, fixture_url, width, scripts)
    try:
        visit(page, fixture_url + path, scripts)
        heads, heard = heard_rows(page)
        shown = shown_rows(page)
        columns = page.eval_on_selector_all(".tracker table thead th", "ths => ths.map(th => th.textContent.trim())")
        violations = tracker_axe(page)
    finally:
        context.close()
    assert shown and heads == columns
    # each row: the item as its row header, then each value once, as the page shows it
    assert heard == [[("rowheader", cells[0])] + [("cell", c) for c in cells[1:]] for cells in shown]
    assert not violations, "\n".join(violations)


def test_the_reader_check_finds_a_lost_table_and_a_column_name_read(chromium, real_url):
    context, page = open_phone(chromium, real_url, 360, True)
    try:
        visit(page, real_url + "en/status/", True)
        shown = shown_rows(page)
        # the column name beside each value, read as well: each cell is heard with it
        page.add_style_tag(content=".md-typeset .tracker--stack table tbody td::before"
                                   "{content: attr(data-label) ' '}")
        heads, heard = heard_rows(page)
        assert heads and heard[0][1] == ("cell", "Cooperation area " + shown[0][1])
        # the table's semantics gone
        page.evaluate("document.querySelector('.tracker table').setAttribute('role', 'presentation')")
        assert heard_rows(page) == ([], [])
    finally:
        context.close()


def test_axe_finds_a_planted_fault_in_a_stacked_table(chromium, real_url):
    context, page = open_phone(chromium, real_url, 360, False)
    try:
        visit(page, real_url + "status/", False)
        page.evaluate("document.querySelector('.tracker tbody th a').textContent = ''")
        violations = tracker_axe(page)
    finally:
        context.close()
    assert any(v.startswith("link-name ") for v in violations)


# Where each part of the status page's dashboard stands, once the page is laid out (in one font,
# so that only the tables' boxes can differ).
DASHBOARD_TOPS = """() => [...document.querySelectorAll('.dashboard > *')].map(e => Math.round(e.getBoundingClientRect().top))"""
ONE_FONT = "<style>*{font-family:sans-serif!important}</style>"
WRAPPER_MARGIN = "<style>.md-typeset .data-table .md-typeset__scrollwrap{margin:1em -.8rem!important}</style>"


def test_nothing_on_the_dashboard_moves_when_materials_script_wraps_its_tables(chromium, real_url):
    # A phone shows the page before Material's script runs; the script then wraps each table in a
    # scrolling box. Nothing may move when it does (a layout shift: CLS 0.14 on this page before).
    tops, wrapped = {}, {}
    for scripts in (False, True):
        context, page = open_phone(chromium, real_url, 390, scripts)
        try:
            visit(page, real_url + "status/", scripts)
            page.evaluate(f"document.head.insertAdjacentHTML('beforeend', {ONE_FONT!r})")
            wrapped[scripts] = page.locator(".dashboard .md-typeset__scrollwrap").count()
            tops[scripts] = page.evaluate(DASHBOARD_TOPS)
            if scripts:  # negative control: the wrapper with Material's own margins moves what follows
                page.evaluate(f"document.head.insertAdjacentHTML('beforeend', {WRAPPER_MARGIN!r})")
                moved = page.evaluate(DASHBOARD_TOPS)
        finally:
            context.close()
    assert wrapped[False] == 0 and wrapped[True] >= 1
    assert len(tops[False]) > 3 and tops[True] == tops[False]
    assert moved != tops[False]
