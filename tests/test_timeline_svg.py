"""The timeline picture (thlao/timeline.py, templates/timeline_svg.html, docs/assets/timeline.css).

First its layout rules, on small records written here with every expected value worked out by
hand: markers numbered and lettered as the lists beneath show them, each linking to its entry;
axis years from the data; dates where they belong; the computed parts of a term drawn and
labelled as computed; labels and markers that never overlap; today drawn and labelled. Then
the real site, built once from this worktree, in Chromium: at 1024 and 1280 px the picture
fits its column with every marker inside; at 360 px only its own region scrolls; the keyboard
reaches every marker, with a visible focus and a name; axe, contrast (light, dark, print) and
the Nu checker find nothing. Every check has a negative control: the same check, run on
something broken on purpose, fails.
"""
import base64
import copy
import re
import shutil
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import harness.site
from harness.browser import still_context
from harness.checks import axe_violations, html_in_strings, vnu_errors
from thlao import render, timeline
from thlao.data import Dataset
from thlao.templating import Templating

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = "<script>alert(1)</script>"
TODAY = date(2020, 6, 15)


def text(en: str, th: str) -> dict:
    return {"en": en, "th": th}


# Hand-written records, in no particular order. By date the lists show the events as
# 1 year-only (2012), 2 two-days (1-2 Feb 2014), 3 report-month (June 2015), 4 signing
# (10 March 2021), 5 undated (unknown, last); the related developments as A r-early (July 2013),
# B r-late (1 May 2016). MOU B's term: 2 years from 10 March 2021 (to 10 March 2023), then 1 more
# (to 10 March 2024). So the axis runs from 2011 to 2025 (a year's margin either side).
def event(id, when, title, **more):
    return {"id": id, "date": when, "title": title, "place": "unknown",
            "description": text("About it.", "เกี่ยวกับเรื่องนี้"), "sources": [], **more}


EVENTS = [
    event("signing", "2021-03-10", text("MOU B signed", "ลงนามบันทึก ข"), agreement="mou-b"),
    event("year-only", "2012", text("Known to the year", "ทราบเพียงปี")),
    event("report-month", "2015-06", text("MOU A reported", "รายงานบันทึก ก"), agreement="mou-a",
          dated_by_report=True),
    event("two-days", "2014-02-01", text("Two days", "สองวัน"), end_date="2014-02-02"),
    event("undated", "unknown", text("No date", "ไม่มีวันที่")),
]
AGREEMENTS = [
    {"id": "mou-a", "short_title": text("MOU A", "บันทึก ก"), "signed": "unknown",
     "term_years": "unknown", "extension_years": "unknown"},
    {"id": "mou-b", "short_title": text("MOU B", "บันทึก ข"), "signed": "2021-03-10",
     "term_years": 2, "extension_years": 1},
]
RELATED = [
    {"id": "r-late", "date": "2016-05-01", "title": text("Later development", "ความเคลื่อนไหวหลัง")},
    {"id": "r-early", "date": "2013-07", "title": text("Earlier development", "ความเคลื่อนไหวก่อน")},
]
NUMBERS = {"en": {"event:year-only": "1", "event:two-days": "2", "event:report-month": "3",
                  "event:signing": "4", "related:r-early": "A", "related:r-late": "B"},
           "th": {"event:year-only": "1", "event:two-days": "2", "event:report-month": "3",
                  "event:signing": "4", "related:r-early": "ก", "related:r-late": "ข"}}


@pytest.fixture(scope="module")
def templating():
    return Templating(ROOT / "labels", ("th", "en"))


@pytest.fixture(scope="module")
def ctx(templating):
    def make(lang="en", today=TODAY):
        return render.Context(lang=lang, templating=templating, today=today)
    return make


def figure(ctx, lang="en", events=EVENTS, agreements=AGREEMENTS, related=RELATED, **context):
    return BeautifulSoup(timeline.timeline_svg(events, agreements, related, ctx(lang, **context)), "html.parser")


def page_of(ctx, lang="en") -> BeautifulSoup:
    """The figure and the lists under it, as the timeline page has them."""
    ds = Dataset(records={"events": EVENTS, "agreements": AGREEMENTS, "related": RELATED, "sources": []})
    c = ctx(lang)
    html = (render.timeline_figure(ds, c) + f'<div class="timeline-text" id="{render.TIMELINE_LIST}">'
            + render.timeline(ds, c) + render.related_list(ds, c) + "</div>")
    return BeautifulSoup(html, "html.parser")


def svg_of(html: str) -> str:
    return html[html.index("<svg"):html.index("</svg>") + len("</svg>")]


# ---------------------------------------------------------------- markers and the lists

def link_problems(page: BeautifulSoup, list_mark: str) -> list:
    """What is wrong with the markers' links: each must lead to an entry of the lists under the
    picture that shows its number (an event's place in its <ol>) or its letter (list_mark: how
    the lists write a letter, "{mark}.")."""
    problems = []
    markers = page.select("svg a.tl-marker")
    if not markers:
        return ["no markers"]
    events = page.select("ol.timeline > li")
    for a in markers:
        mark, shown = a["data-number"], a.select_one("text").get_text()
        entry = page.find(id=a["href"].removeprefix("#")) if a["href"].startswith("#") else None
        if entry is None or entry.find_parent(id=render.TIMELINE_LIST) is None:
            problems.append(f"{a['data-mark']}: {a['href']} is no entry of the lists")
        elif entry in events:
            if str(events.index(entry) + 1) != mark:
                problems.append(f"{a['data-mark']}: marked {mark}, entry number {events.index(entry) + 1}")
        elif entry.select_one(".related-mark") is None or (
                entry.select_one(".related-mark").get_text() != list_mark.format(mark=mark)):
            problems.append(f"{a['data-mark']}: marked {mark}, entry shows {entry.get_text()[:20]!r}")
        if shown != mark:
            problems.append(f"{a['data-mark']}: shows {shown!r}, not {mark!r}")
    return problems


@pytest.mark.parametrize("lang", ["en", "th"])
def test_markers_are_numbered_and_lettered_in_the_lists_order(ctx, lang):
    page = figure(ctx, lang)
    assert {a["data-mark"]: a["data-number"] for a in page.select("a.tl-marker")} == NUMBERS[lang]
    assert {a["data-mark"]: a.select_one("text").get_text() for a in page.select("a.tl-marker")} == NUMBERS[lang]
    # each marker's name, for assistive technology and as a tooltip: its number, date and title
    names = {a["data-mark"]: a.find("title").get_text() for a in page.select("a.tl-marker")}
    assert names["event:two-days"] == {"en": "2. 1–2 February 2014: Two days",
                                       "th": "2. 1–2 กุมภาพันธ์ 2557: สองวัน"}[lang]
    assert names["related:r-early"] == {"en": "A. July 2013: Earlier development",
                                        "th": "ก. กรกฎาคม 2556: ความเคลื่อนไหวก่อน"}[lang]


@pytest.mark.parametrize("lang", ["en", "th"])
def test_every_marker_links_to_its_entry_which_shows_the_same_mark(ctx, templating, lang):
    page = page_of(ctx, lang)
    assert {a["data-mark"]: a["href"] for a in page.select("a.tl-marker")} == {
        "event:year-only": "#event-year-only", "event:two-days": "#event-two-days",
        "event:report-month": "#event-report-month", "event:signing": "#event-signing",
        "related:r-early": "#related-r-early", "related:r-late": "#related-r-late"}
    list_mark = templating.words[lang].timeline.list_mark
    assert link_problems(page, list_mark) == []
    assert [li.select_one(".related-mark").get_text() for li in page.select("ol.related > li")] == (
        ["A.", "B."] if lang == "en" else ["ก.", "ข."])
    # negative control: two markers' links swapped, and a marker pointing nowhere
    swapped = copy.copy(page)
    a, b = swapped.select('a[data-mark="event:year-only"]')[0], swapped.select('a[data-mark="related:r-late"]')[0]
    a["href"], b["href"] = b["href"], "#nowhere"
    assert len(link_problems(swapped, list_mark)) == 2


def test_an_undated_event_is_listed_under_the_picture_with_its_number(ctx):
    page = figure(ctx)
    assert page.select('[data-mark="event:undated"]') == []
    item = page.select_one(".timeline-undated li")
    assert item["data-undated"] == "event:undated" and item.get_text() == "5. Events: No date"
    assert item.a["href"] == "#event-undated"
    assert figure(ctx, "th").select_one(".timeline-undated-label").get_text() == "ไม่ทราบวันที่:"
    # negative control: with every date known there is no such list
    assert figure(ctx, events=EVENTS[:4]).select(".timeline-undated") == []


def test_letters_run_on_past_the_last_in_the_list_and_on_the_picture(ctx, templating):
    many = [{"id": f"r{i:02}", "date": f"2010-01-{i + 1:02}", "title": text(f"r{i}", f"r{i}")} for i in range(28)]
    many += [{"id": f"s{i:02}", "date": f"2011-01-{i + 1:02}", "title": text(f"s{i}", f"s{i}")} for i in range(16)]
    ds = Dataset(records={"related": many})
    expected = {"en": {0: "A", 25: "Z", 26: "AA", 27: "AB", 43: "AR"},  # 26 letters
                # 41 letters, as Thai letters a list (ก ข ค ง ...: no ฃ, ฅ or ฆ)
                "th": {0: "ก", 3: "ง", 40: "ฮ", 41: "กก", 42: "กข"}}
    for lang, marks in expected.items():
        listed = BeautifulSoup(render.related_list(ds, ctx(lang)), "html.parser").select("ol.related > li")
        drawn = {a["data-mark"]: a["data-number"] for a in figure(ctx, lang, related=many).select("a.tl-marker")}
        for i, mark in marks.items():
            assert listed[i]["data-mark"] == drawn[f"related:{many[i]['id']}"] == mark
            assert listed[i].select_one(".related-mark").get_text() == f"{mark}."
    # negative control: the hand values tell one letter from the next
    assert timeline.letter(26, "AB") != timeline.letter(27, "AB")


# ---------------------------------------------------------------- the axis and the dates

def x_of(t: dict, day: date) -> float:
    """Where a day falls, worked out here: 1 Jan 2011 at the left end, 1 Jan 2026 at the right."""
    start, end = date(2011, 1, 1), date(2026, 1, 1)
    return t["left"] + (day - start).days / (end - start).days * (t["right"] - t["left"])


@pytest.mark.parametrize("lang, era", [("en", 0), ("th", 543)])
def test_the_axis_runs_over_the_data_with_a_years_margin(ctx, lang, era):
    t = timeline.layout(EVENTS, AGREEMENTS, RELATED, ctx(lang))
    assert (t["first_year"], t["last_year"]) == (2011, 2025)
    assert [tick["year"] for tick in t["ticks"]] == list(range(2011, 2027))  # 2026: the end of 2025
    assert t["ticks"][0]["x"] == t["left"] and t["ticks"][-1]["x"] == t["right"]
    shown = [label.get_text() for label in figure(ctx, lang).select("text.tl-tick-label")]
    assert shown[0] == str(2011 + era) and all(int(s) - era in range(2011, 2026) for s in shown)
    assert t["caption"].startswith({"en": "The timeline, 2011–2025,", "th": "ลำดับเหตุการณ์ พ.ศ. 2554–2568"}[lang])
    # negative control: a development in 2001 moves the start to 2000
    early = [*RELATED, {"id": "early", "date": "2001-05", "title": text("a", "ก")}]
    assert timeline.layout(EVENTS, AGREEMENTS, early, ctx(lang))["first_year"] == 2000


def test_each_mark_is_drawn_over_its_dates(ctx):
    t = timeline.layout(EVENTS, AGREEMENTS, RELATED, ctx())
    marks = {m["id"]: m for m in t["marks"]}
    # (first day, the day after the last, drawn as a day's point or a month's or year's span)
    expected = {"year-only": (date(2012, 1, 1), date(2013, 1, 1), "span"),
                "two-days": (date(2014, 2, 1), date(2014, 2, 3), "point"),
                "report-month": (date(2015, 6, 1), date(2015, 7, 1), "span"),
                "signing": (date(2021, 3, 10), date(2021, 3, 11), "point"),
                "r-early": (date(2013, 7, 1), date(2013, 8, 1), "span"),
                "r-late": (date(2016, 5, 1), date(2016, 5, 2), "point")}
    assert set(marks) == set(expected)
    page = figure(ctx)
    for mark_id, (first, after, shape) in expected.items():
        m = marks[mark_id]
        assert m["shape"] == shape
        assert m["x"] == pytest.approx(x_of(t, first), abs=0.01)
        assert m["width"] == pytest.approx(x_of(t, after) - x_of(t, first), abs=0.02)
        assert m["cx"] == pytest.approx((x_of(t, first) + x_of(t, after)) / 2, abs=0.02)
        drawn = page.select_one(f'a[data-mark$=":{mark_id}"]')
        assert (drawn["data-start"], drawn["data-end"]) == (first.isoformat(), after.isoformat())
        marker = drawn.select_one("rect.tl-mark")
        assert float(marker["x"]) + float(marker["width"]) / 2 == pytest.approx(m["cx"], abs=0.02)
        period = drawn.select_one("rect.tl-period")  # a month's or year's whole period, under its marker
        if shape == "span":
            assert float(period["x"]) == pytest.approx(x_of(t, first), abs=0.01)
            assert float(period["width"]) == pytest.approx(max(x_of(t, after) - x_of(t, first), 1.5), abs=0.02)
        else:
            assert period is None
    # negative control: the tolerance tells one day from the next
    assert x_of(t, date(2014, 2, 2)) - x_of(t, date(2014, 2, 1)) > 0.1


@pytest.mark.parametrize("lang", ["en", "th"])
def test_a_term_is_drawn_reported_then_computed_and_labelled_so(ctx, lang):
    page = figure(ctx, lang)
    t = timeline.layout(EVENTS, AGREEMENTS, RELATED, ctx(lang))
    reported, computed = page.select_one('[data-bar="mou-b:reported"]'), page.select_one('[data-bar="mou-b:computed"]')
    assert (reported["data-start"], reported["data-end"]) == ("2021-03-10", "2023-03-10")
    assert (computed["data-start"], computed["data-end"]) == ("2023-03-10", "2024-03-10")
    for bar, start, end in ((reported, date(2021, 3, 10), date(2023, 3, 10)),
                            (computed, date(2023, 3, 10), date(2024, 3, 10))):
        assert float(bar["x"]) == pytest.approx(x_of(t, start), abs=0.01)
        assert float(bar["width"]) == pytest.approx(x_of(t, end) - x_of(t, start), abs=0.02)
    assert "tl-bar-computed" in computed["class"] and "tl-bar-computed" not in reported["class"]
    assert page.find("pattern", id=computed["fill"].removeprefix("url(#").removesuffix(")")) is not None
    assert not reported.get("fill")
    labels = [x.get_text() for x in page.select('[data-row="mou-b"] text.tl-label')]
    assert labels == {"en": ["Signed 10 March 2021", "10 March 2023 (computed)", "10 March 2024 (computed)"],
                      "th": ["ลงนาม 10 มีนาคม 2564", "10 มีนาคม 2566 (คำนวณ)", "10 มีนาคม 2567 (คำนวณ)"]}[lang]
    computed_leaders = page.select('[data-row="mou-b"] line.tl-leader-computed')
    assert len(computed_leaders) == 2
    # MOU A's term is not reported: no bar, its row says so, and its report's month is labelled
    row = page.select_one('[data-row="mou-a"]')
    assert row.select("[data-bar]") == []
    assert row.select_one(".tl-row-label").get_text() == {"en": "MOU A — Term not known",
                                                         "th": "บันทึก ก — ไม่ทราบระยะเวลา"}[lang]
    assert [x.get_text() for x in row.select("text.tl-label")] == [
        {"en": "Month the report was published: June 2015", "th": "เดือนที่รายงานข่าวเผยแพร่: มิถุนายน 2558"}[lang]]
    # the terms in words under the picture
    assert len(page.select(".timeline-terms li")) == 2
    # negative control: no reported term, no bar
    unreported = [dict(a, term_years="unknown") for a in AGREEMENTS]
    assert figure(ctx, lang, agreements=unreported).select("[data-bar]") == []


def boxes(t: dict) -> list:
    """(what, x0, x1, y0, y1) of every label, marker and row label the layout placed: a label
    over the span it was given on its line, from a line's top to below its baseline."""
    found = [("today", *t["today"]["span"], t["today"]["y"] - 13, t["today"]["y"] + 4)] if t["today"] else []
    for row in t["rows"]:
        found.append((f"row {row['id']}", t["left"], t["left"] + 1, row["label_y"] - 14, row["label_y"] + 4))
        for label in row["labels"]:
            found.append((label["text"], *label["span"], label["y"] - 13, label["y"] + 4))
        for m in row["marks"]:
            found.append((m["id"], m["marker_x"], m["marker_x"] + m["marker_width"],
                          m["y"] - t["marker"] / 2, m["bar_y"] + 1.5))
    return found


def overlaps(found: list) -> list:
    return [(a[0], b[0]) for i, a in enumerate(found) for b in found[i + 1:]
            if a[1] < b[2] and b[1] < a[2] and a[3] < b[4] and b[3] < a[4]]


@pytest.mark.parametrize("lang", ["en", "th"])
def test_no_label_or_marker_overlaps_another_even_when_crowded(ctx, lang):
    # crowded: a term of one year and an extension of one, their three dates a year apart, and
    # four markers within ten days of each other on one row
    crowded = [dict(a, term_years=1) for a in AGREEMENTS]
    close = [{"id": f"c{d}", "date": f"2021-03-{d:02}", "title": text("c", "ค")} for d in (8, 10, 12, 18)]
    t = timeline.layout(EVENTS, crowded, [*RELATED, *close], ctx(lang))
    assert overlaps(boxes(t)) == []
    lanes = {m["lane"] for m in t["marks"] if m["id"].startswith("c")}
    assert len(lanes) >= 3  # stacked, not hidden under one another
    assert len({label["line"] for row in t["rows"] for label in row["labels"] if row["id"] == "mou-b"}) >= 2
    # every label and marker inside the picture
    assert all(t["left"] - 10 <= b[1] and b[2] <= t["right"] + 10 for b in boxes(t))
    # negative control: a label moved onto another is found
    moved = copy.deepcopy(t)
    labels = next(r for r in moved["rows"] if r["id"] == "mou-b")["labels"]
    labels[1]["y"], labels[1]["span"] = labels[0]["y"], labels[0]["span"]
    assert overlaps(boxes(moved))


@pytest.mark.parametrize("lang, words", [("en", "Today, when the site was built: 15 June 2020"),
                                          ("th", "วันนี้ ซึ่งเป็นวันที่สร้างเว็บไซต์: 15 มิถุนายน 2563")])
def test_today_is_drawn_where_it_falls_and_labelled_as_the_build_date(ctx, lang, words):
    page = figure(ctx, lang)
    t = timeline.layout(EVENTS, AGREEMENTS, RELATED, ctx(lang))
    line = page.select_one("line.tl-today-line")
    assert float(line["x1"]) == pytest.approx(x_of(t, date(2020, 6, 15)), abs=0.01)
    assert page.select_one("text.tl-today-label").get_text() == words
    assert words in page.select_one(".timeline-legend").get_text()
    # negative control: a build date past the axis is not drawn
    later = figure(ctx, lang, today=date(2026, 1, 1))
    assert later.select(".tl-today-line") == [] and words[:5] not in later.get_text()


# ---------------------------------------------------------------- words, escaping, markup

def test_every_word_is_in_the_page_language(ctx):
    en, th = str(figure(ctx, "en")), str(figure(ctx, "th"))
    assert not re.search(r"[\u0E00-\u0E7F]", en)  # the English records and words have no Thai
    assert "Events" in en and "เหตุการณ์" in th and "Events" not in th
    # negative control: the check sees Thai where there is some
    assert re.search(r"[\u0E00-\u0E7F]", th)


def test_data_with_a_script_in_it_comes_out_as_text(ctx):
    def bad(records):
        return [dict(r, **{k: text(SCRIPT, SCRIPT) for k in ("title", "short_title") if k in r}) for r in records]
    for lang in ("th", "en"):
        html = timeline.timeline_svg(bad(EVENTS), bad(AGREEMENTS), bad(RELATED), ctx(lang))
        page = BeautifulSoup(html, "html.parser")
        assert page.find("script") is None and SCRIPT in page.get_text()
        ET.fromstring(svg_of(html))  # still well-formed
    # negative control: unescaped, the parser would find the script
    assert BeautifulSoup(SCRIPT, "html.parser").find("script") is not None


@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_picture_is_named_described_and_holds_links(ctx, lang):
    html = timeline.timeline_svg(EVENTS, AGREEMENTS, RELATED, ctx(lang), list_id="events-list")
    svg = ET.fromstring(svg_of(html))
    assert svg.tag == "{http://www.w3.org/2000/svg}svg" and svg.get("role") is None  # not role="img"
    page = BeautifulSoup(html, "html.parser")
    assert page.find(id=svg.get("aria-labelledby")).name == "figcaption"
    described = [page.find(id=i) for i in svg.get("aria-describedby").split()]
    assert [d["class"] for d in described] == [["timeline-legend"], ["timeline-terms"]]
    links = page.select("svg a[href]")
    assert len(links) == 6 and all(a.find("title").get_text().strip() for a in links)
    # what is not a link is hidden from assistive technology, but for the rows' names
    exposed = [el for el in page.select("svg > *, svg g > *")
               if not el.find_parent(attrs={"aria-hidden": "true"}) and el.get("aria-hidden") != "true"
               and el.name not in ("g", "a", "defs") and not el.find_parent("a") and not el.find_parent("defs")]
    assert {el["class"][0] for el in exposed} == {"tl-row-label"}
    region = page.select_one("div.timeline-scroll")
    assert region["role"] == "region" and region["aria-label"]
    # colours come from the stylesheet: no fill or stroke in the markup but the hatching's reference
    painted = [el for el in svg.iter() if el.get("fill") or el.get("stroke") or el.get("style")]
    assert painted and all(el.get("fill", "").startswith("url(#") and not el.get("stroke") for el in painted)


def test_timeline_py_writes_no_html():
    assert html_in_strings((ROOT / "thlao" / "timeline.py").read_text("utf-8")) == []
    assert html_in_strings('x = "<svg>"')  # negative control


# ---------------------------------------------------------------- the built site

@pytest.fixture(scope="module")
def site(real_site):
    """The real site, built once (tests/conftest.py) from this worktree."""
    assert harness.site.ROOT == ROOT and Path(timeline.__file__).resolve().is_relative_to(ROOT)
    return real_site


@pytest.fixture(scope="module")
def served(site):
    from harness.browser import serve
    with serve(site) as url:
        yield url


def built_page(site: Path, lang: str, name="timeline") -> BeautifulSoup:
    return BeautifulSoup((site / ("en/" if lang == "en" else "") / name / "index.html").read_text("utf-8"),
                         "html.parser")


@pytest.mark.parametrize("lang", ["th", "en"])
def test_on_the_built_page_every_marker_links_to_its_entry(site, templating, lang):
    page = built_page(site, lang)
    assert len(page.select("a.tl-marker")) >= 2
    assert link_problems(page, templating.words[lang].timeline.list_mark) == []


def test_the_built_timeline_pages_are_valid_html(site, tmp_path):
    for lang in ("th", "en"):
        shutil.copy(site / ("en/" if lang == "en" else "") / "timeline" / "index.html", tmp_path / f"{lang}.html")
    # negative control, checked in the same run: a picture described by nothing
    broken = (tmp_path / "en.html").read_text("utf-8").replace('aria-describedby="timeline-list-figure-key',
                                                               'aria-describedby="nowhere')
    (tmp_path / "broken.html").write_text(broken, "utf-8")
    errors = vnu_errors(tmp_path)
    assert [e for e in errors if not e.startswith("broken.html")] == []
    assert any(e.startswith("broken.html") and "aria-describedby" in e for e in errors)


def open_page(context, url: str, scheme="default"):
    page = context.new_page()
    page.goto(url)
    page.evaluate("document.fonts.ready.then(() => true)")
    page.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", scheme)
    return page


FIT = """() => {
    const column = document.querySelector('article.md-content__inner');
    const style = getComputedStyle(column), box = column.getBoundingClientRect();
    const left = box.left + parseFloat(style.paddingLeft), right = box.right - parseFloat(style.paddingRight);
    const figure = document.querySelector('.timeline-figure').getBoundingClientRect();
    const region = document.querySelector('.timeline-scroll'), inside = region.getBoundingClientRect();
    const svg = region.querySelector('svg'), drawn = svg.getBoundingClientRect().width;
    const problems = [];
    if (figure.left < left - 0.5 || figure.right > right + 0.5)
        problems.push(`figure ${figure.left}-${figure.right} beyond the column ${left}-${right}`);
    if (region.scrollWidth > region.clientWidth) problems.push('the picture scrolls');
    if (drawn < svg.viewBox.baseVal.width) problems.push(`drawn smaller than designed: ${drawn}px`);
    if (document.documentElement.scrollWidth > innerWidth) problems.push('the page scrolls sideways');
    for (const a of document.querySelectorAll('a.tl-marker')) {
        const b = a.getBoundingClientRect();
        if (b.left < inside.left || b.right > inside.right) problems.push(`${a.dataset.mark} cut off`);
    }
    return problems;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [1024, 1280])
@pytest.mark.parametrize("lang", ["th", "en"])
def test_at_1024_and_1280_px_the_picture_fits_its_column(chromium, served, lang, width):
    context = chromium.new_context(viewport={"width": width, "height": 900})
    try:
        page = open_page(context, served + ("en/" if lang == "en" else "") + "timeline/")
        assert page.evaluate(FIT) == []
        # negative control: a picture held wider than the column is caught
        page.add_style_tag(content=".timeline-svg { min-width: 900px; }")
        assert any("beyond" in p or "scrolls" in p or "cut off" in p for p in page.evaluate(FIT))
    finally:
        context.close()


NARROW = """() => {
    const region = document.querySelector('.timeline-scroll'), svg = region.querySelector('svg');
    return {page: document.documentElement.scrollWidth, view: innerWidth, region: region.clientWidth,
            inner: region.scrollWidth, svg: svg.getBoundingClientRect().width, design: svg.viewBox.baseVal.width};
}"""


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["th", "en"])
def test_at_360_px_only_the_pictures_region_scrolls(chromium, served, lang):
    context = chromium.new_context(viewport={"width": 360, "height": 740})
    try:
        page = open_page(context, served + ("en/" if lang == "en" else "") + "timeline/")
        sizes = page.evaluate(NARROW)
        assert sizes["page"] <= sizes["view"] == 360, sizes
        assert sizes["inner"] > sizes["region"] and sizes["svg"] == pytest.approx(sizes["design"], abs=0.5), sizes
        # negative control: were the region not to scroll, the page would
        page.add_style_tag(content=".timeline-scroll { overflow: visible; }")
        assert page.evaluate(NARROW)["page"] > 360
    finally:
        context.close()


def accessible(context, page, selector: str) -> list:
    """[(role, name, description)] of the elements matching selector, as Chromium gives them to
    assistive technology."""
    cdp = context.new_cdp_session(page)
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    found = []
    for node in cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": selector})["nodeIds"]:
        ax = cdp.send("Accessibility.getPartialAXTree", {"nodeId": node, "fetchRelatives": False})["nodes"][0]
        found.append(tuple(ax.get(key, {}).get("value") for key in ("role", "name", "description")))
    cdp.detach()
    return found


def changed_pixels(context, one: bytes, other: bytes) -> int:
    """How many pixels of two screenshots of one size differ plainly (more than a quarter of the
    range in a colour channel: Chromium's anti-aliasing may differ by a step or two between two
    paints of the same thing)."""
    page = context.new_page()
    try:
        return page.evaluate("""async ([one, other]) => {
            const load = src => new Promise(done => { const img = new Image(); img.onload = () => done(img); img.src = src; });
            const pixels = img => { const canvas = document.createElement('canvas');
                [canvas.width, canvas.height] = [img.width, img.height];
                const g = canvas.getContext('2d'); g.drawImage(img, 0, 0);
                return g.getImageData(0, 0, img.width, img.height).data; };
            const [p, q] = (await Promise.all([load(one), load(other)])).map(pixels);
            let n = 0;
            for (let i = 0; i < p.length; i += 4)
                if (Math.max(...[0, 1, 2].map(c => Math.abs(p[i + c] - q[i + c]))) > 64) n++;
            return n; }""", ["data:image/png;base64," + base64.b64encode(png).decode() for png in (one, other)])
    finally:
        page.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_keyboard_reaches_every_marker_with_a_visible_focus_and_a_name(chromium, served, lang):
    context = still_context(chromium)
    try:
        page = open_page(context, served + ("en/" if lang == "en" else "") + "timeline/")
        marks = page.eval_on_selector_all("a.tl-marker", "els => els.map(a => a.dataset.mark)")
        # from the caption, Tab goes through the markers in order, each showing its ring
        page.eval_on_selector(".timeline-figure figcaption", "c => { c.tabIndex = -1; c.focus(); }")
        reached = []
        for _ in marks:
            page.keyboard.press("Tab")
            reached.append(page.evaluate("""() => { const a = document.activeElement;
                return [a.dataset.mark, getComputedStyle(a.querySelector('.tl-ring')).visibility,
                        a.matches(':focus-visible')]; }"""))
        assert reached == [[m, "visible", True] for m in marks]
        # and it shows: the focused marker's pixels change (the ring is not hidden behind anything)
        first = page.locator("a.tl-marker").first
        first.evaluate("a => a.scrollIntoView({block: 'center'})")  # it stays put from here
        box = first.bounding_box()
        clip = {"x": box["x"] - 5, "y": box["y"] - 5, "width": box["width"] + 10, "height": box["height"] + 10}

        def focus_changes_pixels():
            page.eval_on_selector(".timeline-figure figcaption", "c => c.focus({preventScroll: true})")
            before = page.screenshot(clip=clip)
            page.keyboard.press("Tab")
            assert page.evaluate("document.activeElement.dataset.mark") == marks[0]
            return changed_pixels(context, before, page.screenshot(clip=clip))

        assert focus_changes_pixels() > 50  # a ring around it, not a speck
        # negative control: with the ring hidden, focus changes nothing that can be seen
        page.add_style_tag(content=".tl-marker:focus-visible .tl-ring { visibility: hidden; }")
        assert focus_changes_pixels() == 0
        # each marker is a link named by its number, date and title
        titles = page.eval_on_selector_all("a.tl-marker", "els => els.map(a => [a.dataset.number, "
                                           "a.querySelector('title').textContent])")
        assert [ax[:2] for ax in accessible(context, page, "a.tl-marker")] == [("link", t) for _, t in titles]
        assert all(title.startswith(f"{number}. ") for number, title in titles)
        # the picture: no single image, but named by its caption and described by its key
        [(role, name, description)] = accessible(context, page, "svg.timeline-svg")
        assert role not in ("img", "image") and name == page.inner_text(".timeline-figure figcaption")
        assert description.startswith(page.inner_text(".timeline-legend li span"))
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_letters_show_on_the_timeline_page_only(chromium, served, lang):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    root = served + ("en/" if lang == "en" else "")
    shown = "els => els.map(e => e.getBoundingClientRect().width > 0 && getComputedStyle(e).visibility === 'visible')"
    try:
        page = open_page(context, root + "timeline/")
        on_timeline = page.eval_on_selector_all("#timeline-list ol.related .related-mark", shown)
        assert on_timeline and all(on_timeline)
        assert page.eval_on_selector("ol.timeline", "o => getComputedStyle(o).listStyleType") == "decimal"
        # elsewhere (the related page) the full list has no letters: nothing there to match them
        page = open_page(context, root + "related/")
        elsewhere = page.eval_on_selector_all("ol.related .related-mark", shown)
        assert elsewhere and not any(elsewhere)
    finally:
        context.close()


OVERLAPS = """() => {
    const boxes = [...document.querySelectorAll('svg.timeline-svg text, svg.timeline-svg rect.tl-mark')]
        .map(el => ({el, r: el.getBoundingClientRect(), a: el.closest('a')}));
    const svg = document.querySelector('svg.timeline-svg').getBoundingClientRect();
    const name = b => (b.a ? b.a.dataset.mark + ' ' : '') + (b.el.textContent || b.el.getAttribute('class'));
    const found = [];
    boxes.forEach((b, i) => {
        if (b.r.left < svg.left || b.r.right > svg.right || b.r.top < svg.top || b.r.bottom > svg.bottom)
            found.push(`${name(b)} outside the picture`);
        for (const c of boxes.slice(i + 1)) {
            if (b.a && b.a === c.a) continue;  // a marker and its own number
            if (b.r.left + 0.5 < c.r.right && c.r.left + 0.5 < b.r.right && b.r.top + 0.5 < c.r.bottom
                && c.r.top + 0.5 < b.r.bottom) found.push(`${name(b)} / ${name(c)}`);
        }
    });
    return found;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["th", "en"])
def test_no_two_words_or_markers_overlap_as_drawn(chromium, served, lang):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = open_page(context, served + ("en/" if lang == "en" else "") + "timeline/")
        assert page.evaluate(OVERLAPS) == []
        # no line across the numbers (links in running text are underlined, markers are not)
        undecorated = "els => els.every(a => getComputedStyle(a).textDecorationLine === 'none')"
        assert page.eval_on_selector_all("a.tl-marker", undecorated)
        # negative controls: an underline is seen, and a date label moved onto another is found
        page.add_style_tag(content="a.tl-marker { text-decoration: underline !important; }")
        assert not page.eval_on_selector_all("a.tl-marker", undecorated)
        page.evaluate("""() => { const [a, b] = document.querySelectorAll('text.tl-label');
            b.setAttribute('x', a.getAttribute('x')); b.setAttribute('y', a.getAttribute('y'));
            b.setAttribute('text-anchor', a.getAttribute('text-anchor')); }""")
        assert page.evaluate(OVERLAPS)
    finally:
        context.close()


# ---------------------------------------------------------------- accessibility and contrast

def luminance(rgb) -> float:
    def channel(c):
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fore, back) -> float:
    a, b = sorted((luminance(fore), luminance(back)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def over(colour, ground):
    """An rgba colour as seen on an opaque ground."""
    alpha = colour[3] if len(colour) > 3 else 1
    return tuple(alpha * c + (1 - alpha) * g for c, g in zip(colour[:3], ground[:3], strict=False))


def parse_colour(css: str):
    numbers = [float(n) for n in re.findall(r"[\d.]+", css)]
    return tuple(numbers) if css.startswith("rgb") else None


def test_contrast_is_computed_as_wcag_says():
    assert contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21)
    assert contrast((0x77,) * 3, (255,) * 3) < 4.5 < contrast((0x76,) * 3, (255,) * 3)  # the known #767676 edge
    assert over((0, 0, 0, 0.5), (255, 255, 255)) == (127.5, 127.5, 127.5)


# What must stand out, against what, and how much (WCAG 1.4.11 graphics and focus 3:1, 1.4.3 text
# 4.5:1): (property, ratio, the selector of the ground it is drawn on within its marker, or None
# for the page's ground, tinted in the related developments' row).
PAINTED = {".tl-mark-event": ("fill", 3, None), ".tl-mark-related": ("stroke", 3, None),
           ".tl-period": ("fill", 3, None), ".tl-bar-reported": ("fill", 3, None),
           ".tl-bar-computed": ("stroke", 3, None), ".tl-hatch-line": ("stroke", 3, None),
           ".tl-axis-line": ("stroke", 3, None), ".tl-tick": ("stroke", 3, None), ".tl-leader": ("stroke", 3, None),
           ".tl-today-line": ("stroke", 3, None), ".tl-ring": ("stroke", 3, None),
           "svg.timeline-svg text:not(.tl-mark-text)": ("fill", 4.5, None),
           ".tl-mark-text": ("fill", 4.5, ".tl-mark")}


def contrast_problems(page) -> list:
    found = page.evaluate("""painted => {
        const ground = getComputedStyle(document.body).backgroundColor;
        const band = getComputedStyle(document.querySelector('.tl-related-band') || document.body).fill;
        return Object.entries(painted).flatMap(([selector, [prop, ratio, under]]) =>
            [...document.querySelectorAll('.timeline-figure ' + selector)].map(el => ({
                selector, ground, band: el.closest('.tl-row-related') ? band : null,
                under: under ? getComputedStyle(el.closest('a, svg').querySelector(under)).fill : null,
                colour: getComputedStyle(el)[prop], opacity: getComputedStyle(el).opacity})));
    }""", PAINTED)
    problems = []
    for item in found:
        ground = parse_colour(item["ground"])
        if item["band"] and parse_colour(item["band"]):
            ground = over(parse_colour(item["band"]), ground)
        if item["under"]:
            ground = over(parse_colour(item["under"]), ground)
        colour = parse_colour(item["colour"])
        ratio = contrast(over(colour, ground), ground) if colour else 0
        if float(item["opacity"]) < 1 or ratio < PAINTED[item["selector"]][1]:
            problems.append(f"{item['selector']}: {item['colour']} on {ground} is {ratio:.2f}:1")
    return sorted(set(problems))


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("lang", ["th", "en"])
def test_axe_and_contrast_find_nothing_in_light_and_dark(chromium, served, scheme, lang):
    context = still_context(chromium)
    try:
        page = open_page(context, served + ("en/" if lang == "en" else "") + "timeline/", scheme)
        assert page.evaluate("getComputedStyle(document.body).colorScheme") == (
            "dark" if scheme == "slate" else "light")
        assert axe_violations(page) == []
        assert contrast_problems(page) == []
    finally:
        context.close()


@pytest.mark.browser
def test_axe_and_the_contrast_check_find_a_nameless_marker_and_a_faint_one(chromium, served):
    context = still_context(chromium)
    try:
        page = open_page(context, served + "en/timeline/")
        page.evaluate("() => { const a = document.querySelector('a.tl-marker');"
                      " a.querySelector('title').remove(); a.querySelector('text').remove(); }")
        assert any(v.startswith("link-name") for v in axe_violations(page))
        page.add_style_tag(content=".timeline-figure { --tl-event: #ddd; }")
        assert any(p.startswith(".tl-mark-event") for p in contrast_problems(page))
        assert any(p.startswith(".tl-mark-text") for p in contrast_problems(page))
    finally:
        context.close()


@pytest.mark.browser
def test_in_print_black_on_white_and_the_computed_part_stays_apart(chromium, served):
    context = chromium.new_context()
    try:
        page = open_page(context, served + "en/timeline/", "slate")
        page.emulate_media(media="print")
        assert contrast_problems(page) == []
        styles = page.evaluate("""() => Object.fromEntries(['.tl-bar-reported', '.tl-bar-computed', '.tl-hatch-line',
            '.tl-hatch-ground', 'text.tl-label', '.tl-mark-event'].map(s => {
                const c = getComputedStyle(document.querySelector(s));
                return [s, {fill: c.fill, stroke: c.stroke, dash: c.strokeDasharray}]; }))""")
        assert styles[".tl-bar-reported"]["fill"] == "rgb(0, 0, 0)" and styles[".tl-bar-reported"]["dash"] == "none"
        assert styles[".tl-bar-computed"]["fill"].startswith("url(") and styles[".tl-bar-computed"]["dash"] != "none"
        assert styles[".tl-hatch-ground"]["fill"] == "rgb(255, 255, 255)"
        assert styles["text.tl-label"]["fill"] == "rgb(0, 0, 0)"  # the dark scheme, black on paper
        assert styles[".tl-mark-event"]["fill"] == "rgb(0, 0, 0)"
        # negative control: the dark scheme on screen is not black on white
        page.emulate_media(media="screen")
        assert page.evaluate("getComputedStyle(document.querySelector('text.tl-label')).fill") != "rgb(0, 0, 0)"
    finally:
        context.close()
