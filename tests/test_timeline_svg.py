"""The timeline picture (thlao/timeline.py): dates where they belong, words in the page's
language, escaped data, valid markup; then in Chromium, at phone width, in both schemes."""
import copy
import re
import shutil
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from ruamel.yaml import YAML

from harness.browser import still_context
from harness.checks import axe_violations, html_in_strings, vnu_errors
from thlao import dates, render, timeline

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "timeline"
TODAY = date(2026, 11, 27)
SCRIPT = "<script>alert(1)</script>"
# The axis, computed here without thlao's code: 1 Jan 2004 at x=12, 1 Jan 2031 at x=708
AXIS_START, AXIS_END, LEFT, RIGHT = date(2004, 1, 1), date(2031, 1, 1), 12, 708


def x_of(day: date) -> float:
    return LEFT + (day - AXIS_START).days / (AXIS_END - AXIS_START).days * (RIGHT - LEFT)


def first_and_after(text: str, end: str | None = None) -> tuple:
    """The first day a date can mean and the day after its last (a year: 1 Jan to 1 Jan)."""
    y, m, d = (int(p) for p in (text.split("-") + [0, 0])[:3])
    first = date(y, m or 1, d or 1)
    ey, em, ed = (int(p) for p in ((end or text).split("-") + [0, 0])[:3])
    if ed:
        after = date.fromordinal(date(ey, em, ed).toordinal() + 1)
    elif em:
        after = date(ey + (em == 12), em % 12 + 1, 1)
    else:
        after = date(ey + 1, 1, 1)
    return first, after


@pytest.fixture(scope="module")
def events(ds):
    return ds.records["events"]


@pytest.fixture(scope="module")
def agreements(ds):
    """The agreements as data/agreements.yml has them: the 2022 MOU's reported term in numbers
    (five years, then three more), none for the 2018 MOU."""
    records = copy.deepcopy(ds.records["agreements"])
    assert {a["id"]: a["term_years"] for a in records} == {"mou-2018": "unknown", "mou-2022": 5}
    return records


@pytest.fixture(scope="module")
def related():
    return YAML(typ="safe").load((FIXTURES / "related.yml").read_text("utf-8"))


def figure(events, agreements, related, lang="en", today=TODAY):
    return BeautifulSoup(timeline.timeline_svg(events, agreements, related, lang, today), "html.parser")


def svg_of(html: str) -> str:
    return html[html.index("<svg"):html.index("</svg>") + len("</svg>")]


# ---------------------------------------------------------------- the axis

@pytest.mark.parametrize("lang, offset", [("th", 543), ("en", 0)])
def test_the_axis_runs_from_2004_to_2030_in_the_page_languages_era(events, agreements, related, lang, offset):
    t = timeline.layout(events, agreements, related, lang, TODAY)
    assert [tick["year"] for tick in t["ticks"]] == list(range(2004, 2032))  # 2031: the end of 2030
    assert t["ticks"][0]["x"] == LEFT and t["ticks"][-1]["x"] == RIGHT
    labelled = {tick["year"]: tick["label"] for tick in t["ticks"] if tick["label"]}
    assert labelled == {y: str(y + offset) for y in range(2004, 2031, t["label_step"])}
    assert t["label_step"] in (2, 5) and 2004 in labelled and 2030 in labelled
    # the labels do not touch: each is narrower than the distance to the next
    centres = [tick["label_x"] for tick in t["ticks"] if tick["label"]]
    widest = max(timeline.text_width(label, 12) for label in labelled.values())
    assert min(b - a for a, b in zip(centres, centres[1:], strict=False)) > widest
    shown = [t.get_text() for t in figure(events, agreements, related, lang).select("text.tl-tick-label")]
    assert shown == [str(y + offset) for y in labelled]


def test_a_label_every_year_would_collide_at_this_width():
    # negative control for the step: 27 years in 696 units leave no room for a label each
    per_year = (RIGHT - LEFT) / 27
    assert per_year < timeline.text_width("2573", 12) + 10


def test_the_axis_widens_for_data_beyond_it(events, agreements):
    early = [{"id": "early", "date": "2001-05", "title": {"th": "ก", "en": "a"}}]
    t = timeline.layout(events, agreements, early, "en", TODAY)
    assert t["first_year"] == 2001 and t["last_year"] == 2030


# ---------------------------------------------------------------- marks

def test_every_event_with_a_known_date_has_one_mark_at_its_date(events, agreements, related):
    page = figure(events, agreements, related)
    dated = [e for e in events if e["date"] != "unknown"]
    assert len(dated) == len(events) >= 7  # the real data: every event is dated today
    for event in dated:
        marks = page.select(f'[data-mark="event:{event["id"]}"]')
        assert len(marks) == 1, event["id"]
        first, after = first_and_after(event["date"], event.get("end_date"))
        mark = marks[0]
        assert (mark["data-start"], mark["data-end"]) == (first.isoformat(), after.isoformat())
        if mark.name == "circle":  # a day: a point in the middle of its day(s)
            assert len(event["date"]) == 10
            assert float(mark["cx"]) == pytest.approx((x_of(first) + x_of(after)) / 2, abs=0.02)
        else:  # a month or a year: its whole period
            assert mark.name == "rect" and len(event["date"]) < 10
            assert float(mark["x"]) == pytest.approx(x_of(first), abs=0.02)
            assert float(mark["width"]) == pytest.approx(x_of(after) - x_of(first), abs=0.02)
    # negative control: the tolerance tells one day from the next
    assert abs(x_of(date(2016, 12, 26)) - x_of(date(2016, 12, 27))) > 0.05


def test_a_year_or_a_month_is_drawn_as_its_whole_period_not_a_point(events, agreements):
    year_only = [{"id": "telmin-16-year", "date": "2016", "title": {"th": "ก", "en": "TELMIN 16 (the year one report gives)"}}]
    page = figure([*events, *year_only], agreements, [])
    mark = page.select_one('[data-mark="event:telmin-16-year"]')
    assert mark.name == "rect" and "tl-mark-span" in mark["class"]
    assert float(mark["x"]) == pytest.approx(x_of(date(2016, 1, 1)), abs=0.02)
    assert float(mark["width"]) == pytest.approx(x_of(date(2017, 1, 1)) - x_of(date(2016, 1, 1)), abs=0.02)
    assert float(mark["width"]) > 25  # a year is about 26 units wide
    month = page.select_one('[data-mark="event:mou-2018-reported"]')
    assert month.name == "rect" and (month["data-start"], month["data-end"]) == ("2018-02-01", "2018-03-01")
    assert mark.title.get_text() == "2016: TELMIN 16 (the year one report gives)"


def test_an_unknown_date_is_not_drawn_but_listed_under_the_picture(events, agreements, related):
    unknown = {"id": "undated-news", "date": "unknown", "title": {"th": "ข่าวที่ไม่ระบุวัน", "en": "Undated news item"}}
    page = figure([*events, unknown], agreements, related)
    assert page.select('[data-mark="event:undated-news"]') == []
    listed = page.select(".timeline-undated li")
    assert [li["data-undated"] for li in listed] == ["event:undated-news"]
    assert listed[0].get_text() == "Events: Undated news item"
    assert page.select_one(".timeline-undated-label").get_text() == "Date not known:"
    th = figure([*events, unknown], agreements, related, "th")
    assert th.select_one(".timeline-undated-label").get_text() == "ไม่ทราบวันที่:"
    # on a Thai page an English name in the title is marked as English, for screen readers
    named = {"id": "undated-news", "date": "unknown", "title": {"th": "ข่าว ASEAN TELMIN", "en": "ASEAN TELMIN news"}}
    item = figure([*events, named], agreements, related, "th").select_one(".timeline-undated li")
    assert [(s["lang"], s.get_text()) for s in item.select("span[lang]")] == [("en", "ASEAN TELMIN")]
    # negative control: with every date known there is no such list
    assert figure(events, agreements, related).select(".timeline-undated") == []


# ---------------------------------------------------------------- the agreements' terms

def test_the_2022_term_is_reported_then_computed_where_the_dates_say(events, agreements, related):
    page = figure(events, agreements, related)
    reported = page.select_one('[data-bar="mou-2022:reported"]')
    computed = page.select_one('[data-bar="mou-2022:computed"]')
    assert (reported["data-start"], reported["data-end"]) == ("2022-11-07", "2027-11-07")
    assert (computed["data-start"], computed["data-end"]) == ("2027-11-07", "2030-11-07")
    for bar, start, end in ((reported, date(2022, 11, 7), date(2027, 11, 7)),
                            (computed, date(2027, 11, 7), date(2030, 11, 7))):
        assert float(bar["x"]) == pytest.approx(x_of(start), abs=0.02)
        assert float(bar["width"]) == pytest.approx(x_of(end) - x_of(start), abs=0.02)
    assert "tl-bar-reported" in reported["class"] and "tl-bar-computed" in computed["class"]
    assert "tl-bar-computed" not in reported["class"] and not reported.get("fill")
    hatch = computed["fill"].removeprefix("url(#").removesuffix(")")
    assert page.find("pattern", id=hatch) is not None
    # the computed dates say so, in each language
    labels = [t.get_text() for t in page.select('[data-row="mou-2022"] text.tl-label')]
    assert labels == ["Signed 7 November 2022", "7 November 2027 (computed)", "7 November 2030 (computed)"]
    th = figure(events, agreements, related, "th")
    assert [t.get_text() for t in th.select('[data-row="mou-2022"] text.tl-label')] == [
        "ลงนาม 7 พฤศจิกายน 2565", "7 พฤศจิกายน 2570 (คำนวณ)", "7 พฤศจิกายน 2573 (คำนวณ)"]
    assert "computed" in computed.title.get_text() and "not reported" in computed.title.get_text()


def test_the_date_labels_do_not_overlap(events, agreements, related):
    for lang in ("th", "en"):
        t = timeline.layout(events, agreements, related, lang, TODAY)
        for row in t["rows"]:
            spans = [(lab["line"], lab["span"]) for lab in row["labels"]]
            for i, (line, (a, b)) in enumerate(spans):
                assert all(not (line == other and a < d and c < b) for other, (c, d) in spans[i + 1:])
                assert 0 <= a + 10 and b - 10 <= t["width"]  # inside the picture (spans include a gap)


def test_no_term_is_drawn_where_none_is_reported(events, agreements, related):
    # the agreements with no term in numbers for either (as the data had them before the 2022
    # MOU's term was added)
    unreported = [dict(a, term_years="unknown", extension_years="unknown") for a in agreements]
    page = figure(events, unreported, related)
    assert page.select("[data-bar]") == []
    assert page.select_one('[data-row="mou-2022"] .tl-row-label').get_text() == "2022 MOU — Term not known"
    assert "Term as reported" not in page.select_one(".timeline-legend").get_text()


def test_the_2018_mou_has_no_bar_only_the_month_of_its_report(events, agreements, related):
    for lang, label, note in (("en", "2018 MOU — Term not known", "Month the report was published: February 2018"),
                              ("th", "บันทึกความเข้าใจ พ.ศ. 2561 — ไม่ทราบอายุ", "เดือนที่รายงานข่าวเผยแพร่: กุมภาพันธ์ 2561")):
        page = figure(events, agreements, related, lang)
        row = page.select_one('[data-row="mou-2018"]')
        assert row.select("[data-bar]") == [] and page.select('[data-bar^="mou-2018"]') == []
        assert row.select_one(".tl-row-label").get_text() == label
        assert [m["data-mark"] for m in row.select("[data-mark]")] == ["event:mou-2018-reported"]
        assert [t.get_text() for t in row.select("text.tl-label")] == [note]
    legend = figure(events, agreements, related).select_one(".timeline-legend").get_text(" ")
    assert "2018 MOU: Term not known, so no term is drawn" in legend


def test_the_bars_end_on_the_days_computed_for_the_agreement_pages(events, agreements, related):
    # one computation of a term's ends (dates.term_ends) for the timeline, the agreement pages and
    # the dashboard: from a 29 February signing the extension ends on 29 February again
    leap = [dict(a, signed="2024-02-29", term_years=5, extension_years=3) if a["id"] == "mou-2022" else a
            for a in agreements]
    t = timeline.layout(events, leap, related, "en", TODAY)
    ends = {b["part"]: b["end"].isoformat() for r in t["rows"] for b in r.get("bars", [])}
    assert ends == {"reported": "2029-02-28", "computed": "2032-02-29"}
    mou = next(a for a in leap if a["id"] == "mou-2022")
    assert [day for _, day in dates.term_ends(mou)] == ["2029-02-28", "2032-02-29"]


# ---------------------------------------------------------------- rows

def test_related_developments_have_their_own_row_never_an_mou_row(events, agreements, related):
    t = timeline.layout(events, agreements, related, "en", TODAY)
    page = figure(events, agreements, related)
    rows = {g["data-row"]: g for g in page.select("g.tl-row")}
    assert list(rows) == ["events", "mou-2018", "mou-2022", "related"]
    in_related = {m["data-mark"] for m in rows["related"].select("[data-mark]")}
    assert in_related == {f"related:{r['id']}" for r in related}
    for row_id in ("events", "mou-2018", "mou-2022"):
        assert not any(m["data-mark"].startswith("related:") for m in rows[row_id].select("[data-mark]"))
    assert rows["related"].select_one(".tl-row-label").get_text() == (
        "Related developments (not reported as under the MOUs)")
    # drawn below every MOU row, hollow (class), not among the events
    related_top = min(m["y"] for m in t["marks"] if m["kind"] == "related")
    assert related_top > max(r["lanes_bottom"] for r in t["rows"] if r["kind"] == "agreement")
    assert all("tl-mark-related" in m["class"] for m in rows["related"].select("[data-mark]"))
    # negative control: without related developments there is no such row or key
    none = figure(events, agreements, [])
    assert none.select('[data-row="related"]') == [] and "Related" not in none.select_one(".timeline-legend").get_text()


def test_overlapping_marks_in_a_row_are_stacked_not_hidden(events, agreements, related):
    t = timeline.layout(events, agreements, related, "en", TODAY)
    for row in t["rows"]:
        points = [m for m in row["marks"] if m["shape"] == "point"]
        for i, a in enumerate(points):
            for b in points[i + 1:]:
                if abs(a["cx"] - b["cx"]) < 10:
                    assert a["y"] != b["y"], (a["id"], b["id"])
    # the cabinet approval and the signing, 13 days apart, are both there
    lanes = {m["id"]: m["y"] for m in t["marks"] if m["row"] == "mou-2022"}
    assert lanes["cabinet-approval-2022"] != lanes["mou-2022-signed"]


# ---------------------------------------------------------------- words, escaping, markup

def test_every_word_is_in_the_page_language(events, agreements, related):
    en = timeline.timeline_svg(events, agreements, related, "en", TODAY)
    th = timeline.timeline_svg(events, agreements, related, "th", TODAY)
    assert not re.search(r"[\u0E00-\u0E7F]", en)  # the English data and words have no Thai
    for words in ("บันทึกความเข้าใจ พ.ศ. 2561", "เหตุการณ์", "ความเคลื่อนไหวที่เกี่ยวข้อง (ไม่มีรายงานว่าอยู่ภายใต้บันทึกความเข้าใจ)",
                  "ช่วงอายุตามที่รายงาน", "ช่วงที่คำนวณจากอายุที่รายงาน ไม่ใช่วันที่ที่รายงาน", "ไม่ทราบอายุ",
                  "วันที่สร้างหน้านี้ 27 พฤศจิกายน 2569"):
        assert words in th
    for words in ("2018 MOU", "Events", "Related developments (not reported as under the MOUs)", "Term as reported",
                  "Computed from the reported term, not reported dates", "Term not known", "Page built 27 November 2026"):
        assert words in en and words not in th


def test_the_page_date_is_drawn_only_within_the_axis(events, agreements, related):
    assert figure(events, agreements, related).select(".tl-today-line")
    later = figure(events, agreements, related, today=date(2031, 1, 1))
    assert later.select(".tl-today-line") == [] and "Page built" not in later.get_text()


def test_data_with_a_script_in_it_comes_out_as_text(events, agreements, related):
    bad = []
    for records in (events, agreements, related):
        records = copy.deepcopy(records)
        for record in records:
            for key in ("title", "short_title"):
                if key in record:
                    record[key] = {"th": SCRIPT, "en": SCRIPT}
        bad.append(records)
    bad[0].append({"id": "undated", "date": "unknown", "title": {"th": SCRIPT, "en": SCRIPT}})  # listed as HTML
    for lang in ("th", "en"):
        html = timeline.timeline_svg(*bad, lang, TODAY)
        assert "<script" not in html and BeautifulSoup(html, "html.parser").find("script") is None
        assert SCRIPT in BeautifulSoup(html, "html.parser").get_text()
        ET.fromstring(svg_of(html))  # still well-formed


@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_svg_is_well_formed_xml_with_a_name_and_a_description(events, agreements, related, lang):
    html = timeline.timeline_svg(events, agreements, related, lang, TODAY, list_id="events-list")
    svg = ET.fromstring(svg_of(html))
    assert svg.tag == "{http://www.w3.org/2000/svg}svg" and svg.get("role") == "img"
    assert svg.get("viewBox").startswith("0 0 720 ") and svg.get("width") == "720"
    page = BeautifulSoup(html, "html.parser")
    assert page.find(id=svg.get("aria-labelledby")).name == "figcaption"
    assert svg.get("aria-describedby") == "events-list"
    region = page.select_one("div.timeline-scroll")
    assert region["role"] == "region" and region["tabindex"] == "0" and region["aria-label"]
    titles = svg.findall(".//{http://www.w3.org/2000/svg}title")
    assert len(titles) == len(page.select("[data-mark], [data-bar]"))
    assert all(": " in t.text for t in titles)
    # colours come from the stylesheet: no fill or stroke in the markup but the hatching's reference
    painted = [el for el in svg.iter() if el.get("fill") or el.get("stroke") or el.get("style")]
    assert all(el.get("fill", "").startswith("url(#") and not el.get("stroke") for el in painted)


def test_timeline_py_writes_no_html_and_uses_the_sites_one_environment(monkeypatch, events, agreements):
    assert html_in_strings((ROOT / "thlao" / "timeline.py").read_text("utf-8")) == []
    used = []
    real = render._env.get_template
    monkeypatch.setattr(render._env, "get_template", lambda name: used.append(name) or real(name))
    timeline.timeline_svg(events, agreements, [], "en", TODAY)
    assert used == ["timeline_svg.html"] and render._env.autoescape is True


# ---------------------------------------------------------------- a page with the figure

MATERIAL = Path(__import__("material").__file__).parent / "templates" / "assets" / "stylesheets"
PAGE = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="material/main.css">
<link rel="stylesheet" href="material/palette.css">
<link rel="stylesheet" href="assets/fonts/fonts.css">
<link rel="stylesheet" href="assets/site.css">
<link rel="stylesheet" href="assets/print.css">
<link rel="stylesheet" href="assets/timeline.css">
</head>
<body dir="ltr" data-md-color-scheme="default" data-md-color-primary="indigo" data-md-color-accent="indigo">
<div class="md-container"><main class="md-main"><div class="md-main__inner md-grid"><div class="md-content">
<article class="md-content__inner md-typeset">
<h1>{title}</h1>
{figure}
<div id="timeline-list">
{listing}
</div>
</article>
</div></div></main></div>
</body>
</html>
"""


def write_pages(folder: Path, ds, agreements, related) -> Path:
    """A page in each language with the figure and the site's own text list after it,
    styled by Material's stylesheets and the site's, as the built site has them."""
    (folder / "material").mkdir(parents=True)
    shutil.copy(next(MATERIAL.glob("main.*.min.css")), folder / "material" / "main.css")
    shutil.copy(next(MATERIAL.glob("palette.*.min.css")), folder / "material" / "palette.css")
    shutil.copytree(ROOT / "docs" / "assets", folder / "assets")
    for lang, title in (("th", "ลำดับเหตุการณ์"), ("en", "Timeline")):
        ctx = render.Context(lang=lang, lang_root="", site_root="", repo_url="", today=TODAY)
        html = PAGE.format(lang=lang, title=title, listing=render.timeline(ds, ctx),
                           figure=timeline.timeline_svg(ds.records["events"], agreements, related, lang, TODAY))
        (folder / f"{lang}.html").write_text(html, "utf-8")
    return folder


def test_a_page_with_the_figure_is_valid_html(tmp_path, ds, agreements, related):
    write_pages(tmp_path, ds, agreements, related)
    shutil.rmtree(tmp_path / "assets")  # only the pages are checked
    shutil.rmtree(tmp_path / "material")
    assert vnu_errors(tmp_path) == []
    # negative control: a figure whose description points nowhere is reported
    page = (tmp_path / "en.html").read_text("utf-8").replace('aria-describedby="timeline-list"',
                                                             'aria-describedby="nowhere"')
    (tmp_path / "en.html").write_text(page, "utf-8")
    assert any("aria-describedby" in e for e in vnu_errors(tmp_path))


# ---------------------------------------------------------------- in Chromium

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


# What must stand out against the page, and how much: graphics 3:1, text 4.5:1.
PAINTED = {".tl-mark-event": ("fill", 3), ".tl-mark-related": ("stroke", 3), ".tl-bar-reported": ("fill", 3),
           ".tl-bar-computed": ("stroke", 3), ".tl-hatch-line": ("stroke", 3), ".tl-axis-line": ("stroke", 3),
           ".tl-tick": ("stroke", 3), ".tl-leader": ("stroke", 3), ".tl-today-line": ("stroke", 3),
           "svg.timeline-svg text": ("fill", 4.5)}


def contrast_problems(page) -> list:
    found = page.evaluate("""painted => {
        const ground = getComputedStyle(document.body).backgroundColor;
        const band = getComputedStyle(document.querySelector('.tl-related-band') || document.body).fill;
        return Object.entries(painted).flatMap(([selector, [prop]]) =>
            [...document.querySelectorAll('.timeline-figure ' + selector)].map(el => ({
                selector, ground, band: el.closest('.tl-row-related') ? band : null,
                colour: getComputedStyle(el)[prop],
                opacity: getComputedStyle(el).opacity})));
    }""", {k: v for k, v in PAINTED.items()})
    problems = []
    for item in found:
        ground = parse_colour(item["ground"])
        if item["band"] and parse_colour(item["band"]):
            ground = over(parse_colour(item["band"]), ground)
        colour = parse_colour(item["colour"])
        ratio = contrast(over(colour, ground), ground) if colour else 0
        if float(item["opacity"]) < 1 or ratio < PAINTED[item["selector"]][1]:
            problems.append(f"{item['selector']}: {item['colour']} on {item['ground']} is {ratio:.2f}:1")
    return sorted(set(problems))


@pytest.fixture(scope="module")
def pages_url(tmp_path_factory, ds, agreements, related):
    from harness.browser import serve
    folder = write_pages(tmp_path_factory.mktemp("timeline"), ds, agreements, related)
    with serve(folder) as url:
        yield url


@pytest.fixture
def phone(chromium):
    context = chromium.new_context(viewport={"width": 360, "height": 740}, reduced_motion="reduce")
    yield context.new_page()
    context.close()


def set_scheme(page, scheme: str):
    page.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", scheme)


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["th", "en"])
def test_at_phone_width_only_the_pictures_region_scrolls_and_the_keyboard_reaches_it(phone, pages_url, lang):
    phone.goto(pages_url + f"{lang}.html")
    phone.evaluate("document.fonts.ready.then(() => true)")
    sizes = phone.evaluate("""() => {
        const region = document.querySelector('.timeline-scroll');
        const svg = region.querySelector('svg');
        return {page: document.documentElement.scrollWidth, view: innerWidth,
                region: region.clientWidth, inner: region.scrollWidth, svg: svg.getBoundingClientRect().width};
    }""")
    assert sizes["page"] <= sizes["view"] == 360, sizes
    assert sizes["inner"] > sizes["region"] and sizes["svg"] >= 720, sizes
    for _ in range(10):
        phone.keyboard.press("Tab")
        if phone.evaluate("document.activeElement.classList.contains('timeline-scroll')"):
            break
    else:
        pytest.fail("Tab never reached the picture's region")
    phone.keyboard.press("ArrowRight")
    phone.wait_for_function("document.querySelector('.timeline-scroll').scrollLeft > 0")
    # text in the picture is drawn at 12 px or more at this width
    smallest = phone.evaluate("Math.min(...[...document.querySelectorAll('.timeline-svg text')]"
                              ".map(t => t.getBoundingClientRect().height))")
    assert smallest >= 12


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("lang", ["th", "en"])
def test_axe_and_contrast_in_light_and_dark(chromium, pages_url, scheme, lang):
    context = still_context(chromium)
    page = context.new_page()
    try:
        page.goto(pages_url + f"{lang}.html")
        set_scheme(page, scheme)
        assert page.evaluate("getComputedStyle(document.body).colorScheme") == (
            "dark" if scheme == "slate" else "light")
        assert axe_violations(page) == []
        assert contrast_problems(page) == []
    finally:
        context.close()


@pytest.mark.browser
def test_contrast_check_finds_a_faint_mark(chromium, pages_url):
    context = chromium.new_context()
    page = context.new_page()
    page.goto(pages_url + "en.html")
    page.add_style_tag(content=".timeline-figure { --tl-event: #ddd; }")
    assert any(p.startswith(".tl-mark-event") for p in contrast_problems(page))
    context.close()


@pytest.mark.browser
def test_in_print_the_computed_part_stays_apart_without_colour(chromium, pages_url):
    context = chromium.new_context()
    page = context.new_page()
    page.goto(pages_url + "en.html")
    set_scheme(page, "slate")
    page.emulate_media(media="print")
    styles = page.evaluate("""() => Object.fromEntries(['.tl-bar-reported', '.tl-bar-computed', '.tl-hatch-line',
        '.tl-hatch-ground', 'svg.timeline-svg text'].map(s => {
            const c = getComputedStyle(document.querySelector(s));
            return [s, {fill: c.fill, stroke: c.stroke, dash: c.strokeDasharray}]; }))""")
    context.close()
    assert styles[".tl-bar-reported"]["fill"] == "rgb(0, 0, 0)" and styles[".tl-bar-reported"]["dash"] == "none"
    assert styles[".tl-bar-computed"]["fill"].startswith("url(") and styles[".tl-bar-computed"]["dash"] != "none"
    assert styles[".tl-hatch-line"]["stroke"] == "rgb(0, 0, 0)"
    assert styles[".tl-hatch-ground"]["fill"] == "rgb(255, 255, 255)"
    assert styles["svg.timeline-svg text"]["fill"] == "rgb(0, 0, 0)"  # dark scheme, black on paper
