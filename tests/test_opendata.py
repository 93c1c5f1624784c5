"""Open data in the built site: JSON equal to the data files, CSV with BOM, schemas, Atom feeds.

On the fixture site (its data holds every case); the CSV's formula rule is in test_fixture_site.py."""
import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from harness.data import SETTINGS, check
from harness.labels import label
from harness.site import FIXTURE, ROOT, configured_site_url
from thlao import opendata
from thlao.data import FILES
from thlao.templating import Templating

A = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def ds():
    return check(FIXTURE / "data")[0]
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


@pytest.mark.parametrize("name", FILES)
def test_published_json_reads_back_as_the_source_data(fixture_site, ds, name):
    published = json.loads((fixture_site / "data" / f"{name}.json").read_text(encoding="utf-8"))
    assert published == ds.records[name]
    assert len(published) > 0


@pytest.mark.parametrize("name", FILES)
def test_published_csv_has_a_bom_and_one_row_per_record(fixture_site, ds, name):
    raw = (fixture_site / "data" / f"{name}.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert [r["id"] for r in rows] == [r["id"] for r in ds.records[name]]
    text_field = {"organizations": "name", "glossary": "term", "sources": "description",
                  "questions": "question"}.get(name, "title")
    assert [r[f"{text_field}.th"] for r in rows] == [r[text_field]["th"] for r in ds.records[name]]


def test_csv_keeps_commas_quotes_and_nested_lists():
    records = [{"id": "a", "title": {"th": 'ก, "ข"', "en": "line\nbreak"}, "sources": ["x", "y"],
                "history": [{"date": "2018-02", "status": "closed"}]}]
    rows = list(csv.DictReader(io.StringIO(opendata.to_csv(records).lstrip("\ufeff"), newline="")))
    assert rows == [{"id": "a", "title.th": 'ก, "ข"', "title.en": "line\nbreak", "sources": "x; y",
                     "history": '[{"date": "2018-02", "status": "closed"}]'}]


def test_schemas_are_published_unchanged(fixture_site):
    for schema in (ROOT / "schemas").glob("*.schema.json"):
        assert (fixture_site / "data" / "schemas" / schema.name).read_bytes() == schema.read_bytes()


def dated_history(ds) -> int:
    return sum(1 for kind in opendata.HISTORY_PAGES for r in ds.records[kind] for h in r.get("history", [])
               if h["date"] != "unknown")


def feed_entries(fixture_site, path):
    return ET.parse(fixture_site / path).getroot().findall(f"{A}entry")


# the newest entry: fx-broadband-2022 moved to implementation in March 2026
@pytest.mark.parametrize("path, lang, newest", [("feed.xml", "th", "มีนาคม 2569"), ("en/feed.xml", "en", "March 2026")])
def test_feeds_are_atom_with_one_entry_per_status_change_and_related_development(fixture_site, ds, path, lang, newest):
    root = ET.parse(fixture_site / path).getroot()
    assert root.tag == f"{A}feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    for tag in ("id", "title", "updated"):
        assert root.find(f"{A}{tag}").text
    assert RFC3339.match(root.find(f"{A}updated").text)
    assert root.find(f"{A}author/{A}name").text
    entries = root.findall(f"{A}entry")
    assert len(entries) == dated_history(ds) + len(ds.records["related"]) > len(ds.records["related"])
    ids = [e.find(f"{A}id").text for e in entries]
    assert len(set(ids)) == len(ids)
    for entry in entries:
        assert entry.find(f"{A}title").text and entry.find(f"{A}summary").text
        assert RFC3339.match(entry.find(f"{A}updated").text)
    updated = [e.find(f"{A}updated").text for e in entries]
    assert updated == sorted(updated, reverse=True) and root.find(f"{A}updated").text == updated[0]
    assert newest in entries[0].find(f"{A}title").text


@pytest.mark.parametrize("path, lang", [("feed.xml", "th"), ("en/feed.xml", "en")])
def test_each_related_development_is_one_entry_titled_as_related(fixture_site, ds, path, lang):
    related_label = label(lang, "feed.related") + ": "
    entries = feed_entries(fixture_site, path)
    related = {e.find(f"{A}id").text.rsplit("#", 1)[1]: e for e in entries
               if e.find(f"{A}id").text.split("#")[0].endswith("data/related.json")}
    assert set(related) == {r["id"] for r in ds.records["related"]}
    for record in ds.records["related"]:
        entry = related[record["id"]]
        assert entry.find(f"{A}title").text.startswith(related_label)
        # dated by the first day of its date (2013 -> 2013-01-01)
        assert entry.find(f"{A}updated").text == opendata.atom_time(record["date"])
        assert entry.find(f"{A}link").get("href").endswith(f"related/{record['id']}/")
    # negative control: a status change is not titled as related
    others = [e for e in entries if not any(e is r for r in related.values())]
    assert others and not any(e.find(f"{A}title").text.startswith(related_label) for e in others)


def test_feed_entries_are_stable_between_builds(ds):
    templating = Templating(Path(SETTINGS.labels_dir), ["en"])
    words = opendata.feed_words(templating.words["en"], templating.calendars["en"])
    once = opendata.feed(ds, "en", words, "https://example.org/", "https://example.org/en/")
    assert opendata.feed(ds, "en", words, "https://example.org/", "https://example.org/en/") == once


def test_each_schema_s_id_is_where_it_is_published(fixture_site):
    for schema in (ROOT / "schemas").glob("*.schema.json"):
        declared = json.loads(schema.read_text(encoding="utf-8"))["$id"]
        assert declared == f"{configured_site_url()}data/schemas/{schema.name}"
        assert (fixture_site / "data" / "schemas" / schema.name).is_file()


@pytest.mark.parametrize("path", ["feed.xml", "en/feed.xml"])
def test_feed_links_reach_the_page_of_the_record(fixture_site, ds, path):
    root = ET.parse(fixture_site / path).getroot()
    site_url = root.find(f"{A}id").text.removesuffix("feed.xml").removesuffix("en/")
    lang_root = "en/" if path.startswith("en/") else ""
    for entry in root.findall(f"{A}entry"):
        url, _, anchor = entry.find(f"{A}link").get("href").partition("#")
        page = fixture_site / url.removeprefix(site_url) / "index.html"
        assert page.is_file(), page
        if anchor:
            assert BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find(id=anchor), (page, anchor)
        kind, record = entry.find(f"{A}id").text.removeprefix(site_url + "data/").split("#")
        if kind in ("activities.json", "related.json"):  # an MOU item's or a related development's own page
            folder = {"activities.json": "items", "related.json": "related"}[kind]
            assert url == f"{site_url}{lang_root}{folder}/{record.split('/')[0]}/", url


def test_open_data_page_links_every_download(fixture_site):
    for prefix in ("", "en/"):
        page = fixture_site / prefix / "about" / "open-data" / "index.html"
        links = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("a[href]")
        targets = {(page.parent / a["href"]).resolve() for a in links if a["href"].startswith("../")}
        for name in FILES:
            for rel in (f"data/{name}.json", f"data/{name}.csv", f"data/schemas/{name}.schema.json"):
                assert (fixture_site / rel).resolve() in targets, (prefix, rel)
        assert (fixture_site / "feed.xml").resolve() in targets and (fixture_site / "en/feed.xml").resolve() in targets
