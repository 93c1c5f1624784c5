"""Open data in the built site: JSON equal to the data files, CSV with BOM, schemas, Atom feeds."""
import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from thlao import data, opendata
from thlao.data import FILES

ROOT = Path(__file__).resolve().parent.parent
A = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


@pytest.fixture(scope="module")
def ds():
    return data.load(ROOT / "data")


@pytest.mark.parametrize("name", FILES)
def test_published_json_reads_back_as_the_source_data(built_site, ds, name):
    published = json.loads((built_site / "data" / f"{name}.json").read_text(encoding="utf-8"))
    assert published == ds.records[name]
    assert len(published) > 0


@pytest.mark.parametrize("name", FILES)
def test_published_csv_has_a_bom_and_one_row_per_record(built_site, ds, name):
    raw = (built_site / "data" / f"{name}.csv").read_bytes()
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


def test_schemas_are_published_unchanged(built_site):
    for schema in (ROOT / "schemas").glob("*.schema.json"):
        assert (built_site / "data" / "schemas" / schema.name).read_bytes() == schema.read_bytes()


def dated_history(ds) -> int:
    return sum(1 for kind in opendata.HISTORY_PAGES for r in ds.records[kind] for h in r.get("history", [])
               if h["date"] != "unknown")


# the newest entry: the 2022 frameworks, reported on 8 November 2022
@pytest.mark.parametrize("path, lang, month", [("feed.xml", "th", "8 พฤศจิกายน 2565"), ("en/feed.xml", "en", "8 November 2022")])
def test_feeds_are_atom_with_one_entry_per_status_change(built_site, ds, path, lang, month):
    root = ET.parse(built_site / path).getroot()
    assert root.tag == f"{A}feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    for tag in ("id", "title", "updated"):
        assert root.find(f"{A}{tag}").text
    assert RFC3339.match(root.find(f"{A}updated").text)
    assert root.find(f"{A}author/{A}name").text
    entries = root.findall(f"{A}entry")
    assert len(entries) == dated_history(ds) > 0
    ids = [e.find(f"{A}id").text for e in entries]
    assert len(set(ids)) == len(ids)
    for entry in entries:
        assert entry.find(f"{A}title").text and entry.find(f"{A}summary").text
        assert RFC3339.match(entry.find(f"{A}updated").text)
    assert month in entries[0].find(f"{A}title").text


@pytest.mark.parametrize("path", ["feed.xml", "en/feed.xml"])
def test_feed_links_reach_the_row_of_the_record(built_site, path):
    root = ET.parse(built_site / path).getroot()
    site_url = root.find(f"{A}id").text.removesuffix("feed.xml").removesuffix("en/")
    for entry in root.findall(f"{A}entry"):
        url, anchor = entry.find(f"{A}link").get("href").split("#")
        page = built_site / url.removeprefix(site_url) / "index.html"
        assert BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find(id=anchor), (page, anchor)


def test_open_data_page_links_every_download(built_site):
    for prefix in ("", "en/"):
        page = built_site / prefix / "about" / "open-data" / "index.html"
        links = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("a[href]")
        targets = {(page.parent / a["href"]).resolve() for a in links if a["href"].startswith("../")}
        for name in FILES:
            for rel in (f"data/{name}.json", f"data/{name}.csv", f"data/schemas/{name}.schema.json"):
                assert (built_site / rel).resolve() in targets, (prefix, rel)
        assert (built_site / "feed.xml").resolve() in targets and (built_site / "en/feed.xml").resolve() in targets
