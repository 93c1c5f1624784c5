"""Renderers without a build (escaping, tables, dates, review flags, links), then the built site's record counts."""
import copy
import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from harness.renderers import ALL_RENDERERS, REPO, ctx
from thlao import data, passthrough, render
from thlao.macros import define_env
from thlao.plugin import ThlaoPlugin

ROOT = Path(__file__).resolve().parent.parent
XSS = "<img src=x onerror=alert(1)>"


def soup(html):
    return BeautifulSoup(html, "html.parser")


def poisoned(ds):
    """The real data with a script-like title in every text the tables show."""
    bad = copy.deepcopy(ds)
    for name in ("activities", "trainings", "sources", "organizations", "glossary", "events", "areas", "agreements",
                 "related", "remarks", "questions"):
        for record in bad.records[name]:
            for key in ("title", "name", "term", "publisher"):
                if key in record:
                    record[key] = {"th": XSS, "en": XSS}
    return bad


@pytest.mark.parametrize("name", ALL_RENDERERS)
@pytest.mark.parametrize("lang", ["th", "en"])
def test_data_is_escaped(ds, name, lang):
    html = ALL_RENDERERS[name](poisoned(ds), ctx(lang))
    assert "<img" not in html and soup(html).find("img") is None
    if name not in ("dashboard", "open_data_links"):  # these show counts, not titles
        assert XSS in soup(html).get_text()


def test_quotes_in_the_data_stay_inside_their_attribute(ds):
    bad = copy.deepcopy(ds)
    record = bad.records["activities"][0]
    quoted = "\"'><img src=x onerror=alert(1)>"
    record["title"] = {"th": quoted, "en": quoted}
    html = render.activities_table(bad, ctx("en"))
    assert soup(html).find("img") is None
    row = soup(html).find("tr", attrs={"data-record": f"activities/{record['id']}"})
    assert quoted in row["data-text"]  # the filter's text holds the title, inside its attribute
    assert row.th.a.get_text() == quoted
    assert "&quot;&#x27;&gt;&lt;img" in html  # quotes spelled as the site always has (html.escape)


def test_language_marking_escapes_every_run():
    value = f"{XSS} ภาษาไทย"
    for lang in ("th", "en"):
        html = render.marked(value, lang)
        assert "<img" not in html and soup(html).get_text() == value
        assert soup(html).find("span", lang=True)  # both scripts are in the value: one run is marked
    assert render.text(XSS, "en") == render.esc(XSS)
    assert render.text({"th": XSS, "en": XSS}, "en") == render.esc(XSS)  # nothing Thai to mark


@pytest.mark.parametrize("name", ["status_table", "activities_table", "dashboard", "trainings_table",
                                  "organizations_list", "review_list", "open_data_links"])
def test_tables_have_a_caption_and_scoped_headers(ds, name):
    for table in soup(ALL_RENDERERS[name](ds, ctx())).find_all("table"):
        assert table.caption and table.caption.get_text(strip=True)
        headers = table.find_all("th")
        assert headers and all(th.get("scope") in ("col", "row") for th in headers)


def test_unknown_ids_stop_with_the_file_and_the_id(ds):
    with pytest.raises(KeyError, match=r'no record with id "nowhere" in data/areas.yml'):
        render.status_table(ds, "nowhere", ctx())
    with pytest.raises(KeyError, match="mou-2030"):
        render.agreement_facts(ds, "mou-2030", ctx())
    with pytest.raises(KeyError, match="no-such-source"):
        render.cite(ds, "no-such-source", ctx())


def test_dates_in_tables_follow_the_page_language(ds):
    th = soup(render.status_table(ds, "services", ctx("th")))  # an area reported in February 2018 only
    en = soup(render.status_table(ds, "services", ctx("en")))
    assert {t.get_text() for t in th.find_all("time")} == {"กุมภาพันธ์ 2561"}
    assert {t.get_text() for t in en.find_all("time")} == {"February 2018"}
    assert {t["datetime"] for t in th.find_all("time")} == {"2018-02"}


def test_records_not_confirmed_within_the_period_are_flagged(ds):
    rows = soup(render.activities_table(ds, ctx("en"))).select("tbody tr")
    assert len(rows) == len(ds.records["activities"])
    assert all("Due for review" in row.get_text() for row in rows)
    # negative control: four months after the February 2018 confirmation nothing is due yet
    early = soup(render.activities_table(ds, ctx("en", today=date(2018, 6, 1))))
    assert "Due for review" not in early.get_text()
    assert render.review_list(ds, ctx("en", today=date(2018, 6, 1))).count("<tr data-record") == 0  # all confirmed since
    assert data.due_for_review("2018-02", date(2019, 2, 28), 12) is True
    assert data.due_for_review("2018-02", date(2019, 2, 27), 12) is False


def test_review_list_has_every_due_record_and_the_period_is_configurable(ds):
    html = render.review_list(ds, ctx("th", months=12))
    due = {r["data-record"] for r in soup(html).select("tr[data-record]")}
    expected = {f"{n}/{r['id']}" for n in ("agreements", "activities") for r in ds.records[n]}  # trainings: no status
    assert due == expected  # everything was last confirmed in 2018 or 2022, or never
    later = render.review_list(ds, ctx("th", months=60))  # five years: mou-2022 (Nov 2022) is not due
    assert "agreements/mou-2022" not in later and "agreements/mou-2018" in later


def test_each_row_links_to_its_item_page_and_no_table_links_to_a_line(ds):
    # the edit links (to a record's line in its data file) are on the item pages now
    for name in ("status_table", "activities_table", "review_list", "trainings_table"):
        html = ALL_RENDERERS[name](ds, ctx())
        assert "/blob/main/data/" not in html and not re.search(r"#L\d+", html), name
    for row in soup(render.activities_table(ds, ctx())).select("tr[data-record]"):
        record_id = row["data-record"].split("/")[1]
        assert row.th.a["href"] == f"../../items/{record_id}/"
    review = soup(render.review_list(ds, ctx("en")))
    for row in review.select("tr[data-record]"):
        name, record_id = row["data-record"].split("/")
        page = "agreements" if name == "agreements" else "items"
        assert row.th.a["href"] == f"../../../en/{page}/{record_id}/"


@pytest.mark.parametrize("url, lang, expected", [
    ("", "th", ("", "")),
    ("areas/broadband/", "th", ("../../", "../../")),
    ("en/", "en", ("../en/", "../")),
    ("en/areas/broadband/", "en", ("../../../en/", "../../../")),
    ("404.html", "th", ("", "")),
])
def test_links_are_relative_to_the_page(url, lang, expected):
    assert render.page_roots(url, lang, "th") == expected


def test_citation_links_to_the_bibliography_of_the_same_language(ds):
    assert render.cite(ds, "reporter-2018", ctx("th")) == (
        '<a class="cite" href="../../sources/#src-reporter-2018">[<span lang="en">thereporter.asia</span>, กุมภาพันธ์ 2561]</a>')
    assert render.cite(ds, "siambiz-2018", ctx("en")) == (
        '<a class="cite" href="../../../en/sources/#src-siambiz-2018">[siambusinessnews.com, date not known]</a>')


def test_page_sources_lists_each_cited_source_once_under_its_heading(ds):
    md = render.page_sources(ds, ["bangkokpost-2022", "reporter-2018"], ctx("en"))
    assert md.startswith("## Sources { #page-sources }\n")
    assert [a["href"] for a in soup(md).select("li > a:first-child")] == [
        "../../../en/sources/#src-bangkokpost-2022", "../../../en/sources/#src-reporter-2018"]
    assert render.page_sources(ds, [], ctx("en")) == ""
    assert render.page_sources(ds, ["reporter-2018"], ctx("th")).startswith("## แหล่งที่มา { #page-sources }")


def test_dashboard_counts_draws_and_says_the_same(ds):
    records = ds.records["activities"]  # MOU items only
    page = soup(render.dashboard(ds, ctx("en")))
    counts = {s: sum(r["status"] == s for r in records) for s in data.STATUSES}
    counts = {s: n for s, n in counts.items() if n}
    counts_table = page.find("caption", string="MOU items by status").find_parent("table")
    assert [int(td.get_text()) for td in counts_table.select("tbody td:last-child")] == list(counts.values())
    assert sum(float(r["width"]) for r in page.select("svg rect")) == pytest.approx(100, abs=0.05)
    svg = page.find("svg")
    assert svg["role"] == "img" and page.find(id=svg["aria-describedby"]).get_text().startswith(f"{len(records)} MOU items")


def test_timeline_gives_telmin_16_as_its_sources_report_it(ds):
    item = soup(render.timeline(ds, ctx("en"))).find(id="event-telmin-16")
    assert [t["datetime"] for t in item.find_all("time")] == ["2016-12-26"]  # the day two reports give
    assert "no source found confirms the day" in item.get_text()
    cited = [a["href"].rsplit("#src-", 1)[1] for a in item.select("a.cite")]
    assert cited == ["reporter-2018", "siambiz-2018", "borneo-2016"]


def test_timeline_is_in_date_order(ds):
    items = soup(render.timeline(ds, ctx("en"))).select("li[data-record]")
    firsts = [li.find("time")["datetime"] for li in items]
    assert firsts == sorted(firsts, key=lambda d: date.fromisoformat((d + "-01-01")[:10]))


def test_the_other_language_is_marked_for_screen_readers(ds):
    th = soup(render.trainings_table(ds, ctx("th"))).find(id="training-advanced-internet-web")
    assert [(s["lang"], s.get_text()) for s in th.find_all("span", lang=True)][0] == (
        "en", "Advanced Internet and Web Application")
    en = soup(render.bibliography(ds, ctx("en"))).find(id="src-siambiz-2018")
    assert "สานสัมพันธ์" in " ".join(s.get_text() for s in en.find_all("span", lang="th"))
    # negative control: text already in the page's language is not wrapped
    assert soup(render.trainings_table(ds, ctx("en"))).find("span", lang=True) is None


def test_data_dictionary_lists_every_field_of_every_schema():
    schemas = data.load_schemas(ROOT / "schemas")
    page = soup(render.data_dictionary(schemas, ctx("en")))
    shown = {code.get_text() for code in page.select("th[scope=row] code")}
    expected = {key for name in data.FILES for key in schemas[name]["items"]["properties"]}
    assert shown == expected


# ---------------------------------------------------------------- the built site

def records_on(page: Path) -> list:
    return [el["data-record"] for el in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
            .select("[data-record]")]


def all_ids(ds) -> set:
    return {f"{name}/{r['id']}" for name in data.FILES for r in ds.records[name]}


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_every_record_appears_in_each_language(built_site, ds, prefix):
    pages = [p for p in (built_site / prefix).rglob("index.html") if prefix or not p.is_relative_to(built_site / "en")]
    found = {r for page in pages for r in records_on(page)}
    assert found == all_ids(ds)


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_each_page_shows_exactly_its_records(built_site, ds, prefix):
    site = built_site / prefix

    def ids(name, keep=lambda r: True):
        return sorted(f"{name}/{r['id']}" for r in ds.records[name] if keep(r))

    def on(path, name):
        return sorted(r for r in records_on(site / path / "index.html") if r.startswith(name + "/"))

    assert on("status", "activities") == ids("activities")
    assert on("timeline", "events") == ids("events")
    assert on("training", "trainings") == ids("trainings")
    assert on("organizations", "organizations") == ids("organizations")
    assert on("glossary", "glossary") == ids("glossary")
    assert on("sources", "sources") == ids("sources")
    for area in ds.records["areas"]:
        assert on(f"areas/{area['id']}", "activities") == ids("activities", lambda r, a=area["id"]: r["area"] == a)
    for agreement in ds.records["agreements"]:
        assert on(f"agreements/{agreement['id']}", "areas") == ids("areas", lambda r, a=agreement["id"]: a in r["agreements"])


def test_a_script_in_the_data_shows_as_text_in_a_real_build(tmp_path, ds):
    bad_data = tmp_path / "data"
    bad_data.mkdir()
    for path in (ROOT / "data").glob("*.yml"):
        text = path.read_text(encoding="utf-8")
        if path.name == "activities.yml":
            text = text.replace("en: Tourism solutions and platforms", f'en: "{XSS}"', 1)
        (bad_data / path.name).write_text(text, encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
                         cwd=ROOT, capture_output=True, text=True,
                         env=dict(os.environ, NO_MKDOCS_2_WARNING="1", THLAO_DATA_DIR=str(bad_data)))
    assert run.returncode == 0, run.stderr[-2000:]
    page = (tmp_path / "site" / "en" / "status" / "index.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert XSS not in page
    assert BeautifulSoup(page, "html.parser").find("img", src="x") is None


def test_an_unknown_id_in_a_page_stops_the_build_naming_the_page_and_the_id(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    for part in ("mkdocs.yml", "docs", "thlao", "data", "schemas", "overrides"):
        copy = shutil.copytree if (ROOT / part).is_dir() else shutil.copyfile
        copy(ROOT / part, repo / part)
    page = repo / "docs" / "en" / "areas" / "broadband.md"
    page.write_text(page.read_text(encoding="utf-8").replace('status_table("broadband")', 'status_table("nowhere")'),
                    encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
                         cwd=repo, capture_output=True, text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    assert run.returncode != 0
    log = run.stdout + run.stderr
    assert "en/areas/broadband.md" in log
    assert 'no record with id "nowhere" in data/areas.yml' in log


# ---------------------------------------------------------------- the macros glue (no build)

CONTRACT = {"status_table", "dashboard", "activities_table", "agreement_facts", "areas_list", "timeline", "timeline_figure",
            "trainings_table", "organizations_list", "glossary", "bibliography", "cite", "page_sources", "date",
            "data_dictionary", "open_data_links", "review_list", "page_lang",
            "related_list", "remarks_list", "questions_list", "next_dates", "record_page"}


class FakeConfig(dict):
    """Just what the macros read from MkDocs' config."""

    def __init__(self, lang):
        super().__init__(theme={"language": lang}, repo_url=REPO, extra={"review_after_months": 12})
        # the site plugin as MkDocs makes it, before any build: the macros check the data themselves
        self.plugins = {"i18n": type("I18n", (), {"default_language": "th"})(), "thlao": ThlaoPlugin()}


class FakeEnv:
    """Just what define_env and the macros use of mkdocs-macros' env."""

    def __init__(self, lang="en", url="en/areas/broadband/"):
        self.conf, self.page, self.macros = FakeConfig(lang), type("Page", (), {"url": url})(), {}

    def macro(self, function, name):
        self.macros[name] = function


def test_define_env_registers_exactly_the_contract():
    env = FakeEnv()
    define_env(env)
    assert set(env.macros) == CONTRACT


def test_page_sources_gathers_citations_and_rendered_records_per_page(ds):
    env = FakeEnv("en", "en/areas/broadband/")
    define_env(env)
    m = env.macros
    m["cite"]("bangkokpost-2022")
    m["status_table"]("broadband")  # compact: it cites nothing (the sources are on the item pages)
    m["related_list"]("broadband")  # its developments cite the sources that report them
    m["cite"]("bangkokpost-2022")
    listed = soup(env.conf.plugins["thlao"].passthrough.release(m["page_sources"]())).select("li > a:first-child")
    related = render.sources_of(r for r in ds.records["related"] if "broadband" in r["areas"])
    assert [a.get_text() for a in listed] == ["[bangkokpost-2022]"] + [f"[{s}]" for s in related
                                                                       if s != "bangkokpost-2022"]
    env.page = type("Page", (), {"url": "en/glossary/"})()  # another page starts with nothing cited
    assert m["page_sources"]() == ""
    assert m["page_lang"]() == "en"
    assert env.conf.plugins["thlao"].passthrough.release(m["date"]("2016-12-26")) == '<time datetime="2016-12-26">26 December 2016</time>'


def test_macros_hand_their_html_past_markdown_and_get_it_back():
    env = FakeEnv("en", "en/areas/broadband/")
    define_env(env)
    table, cite = env.macros["status_table"]("broadband"), env.macros["cite"]("reporter-2018")
    assert "<" not in table + cite  # markers only: Markdown has no HTML to re-read
    # as Markdown leaves them: a block alone in a paragraph, an inline one inside text
    page = env.conf.plugins["thlao"].passthrough.release(f"<p>{table}</p>\n<p>See {cite}.</p>\n<p>{cite}</p>")
    assert page.startswith('<div class="tracker"') and "<p><div" not in page
    assert '<p>See <a class="cite"' in page and page.endswith("</a></p>")  # an inline one keeps its paragraph
    assert passthrough.OPEN not in page and passthrough.CLOSE not in page
