"""Open data written next to the built site: every data file as JSON and CSV, the schemas, and Atom feeds.

Layout: /data/<name>.json, /data/<name>.csv (UTF-8 with BOM so Excel reads
Thai), /data/schemas/<name>.schema.json, and one feed per language of status
changes taken from the histories, and of the related developments, each entry linking to the
record's page: /feed.xml (Thai), /en/feed.xml (English).
"""
import csv
import io
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

from thlao import dates, items
from thlao.data import FILES, Dataset
from thlao.languages import root as language_root

ATOM = "http://www.w3.org/2005/Atom"
# Where each kind of record with a history is shown, from its language's root: an MOU item's own
# page (thlao/items.py), a training course's row.
HISTORY_PAGES = {"activities": lambda rid: items.url("activities", rid),
                 "trainings": lambda rid: f"training/#training-{rid}"}


def to_json(records) -> str:
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def flatten(record: dict, prefix: str = "") -> dict:
    """One CSV row: nested fields as `title.th`, lists of ids joined by '; ', lists of groups as JSON."""
    row = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            row.update(flatten(value, f"{name}."))
        elif isinstance(value, list):
            scalars = all(not isinstance(v, (dict, list)) for v in value)
            row[name] = safe_cell("; ".join(map(str, value)) if scalars else json.dumps(value, ensure_ascii=False))
        else:
            row[name] = safe_cell(value)
    return row


# What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection"): =, +, -, @, and the
# tab and carriage return some programs skip before one.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A CSV cell no spreadsheet runs as a formula: text starting with one of FORMULA_START gets a
    single quote in front, as OWASP advises (the JSON files keep the value as it is)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def to_csv(records) -> str:
    """CSV text with a BOM; columns in order of first appearance across the records."""
    rows = [flatten(r) for r in records]
    columns = list(dict.fromkeys(c for row in rows for c in row))
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def write_open_data(dataset: Dataset, schema_dir: Path, site_dir: Path) -> None:
    """Write /data/*.json, /data/*.csv and /data/schemas/*.schema.json under site_dir."""
    out = site_dir / "data"
    (out / "schemas").mkdir(parents=True, exist_ok=True)
    for name in FILES:
        (out / f"{name}.json").write_text(to_json(dataset.records[name]), encoding="utf-8")
        (out / f"{name}.csv").write_text(to_csv(dataset.records[name]), encoding="utf-8", newline="")
    for schema in schema_dir.glob("*.schema.json"):
        shutil.copyfile(schema, out / "schemas" / schema.name)


def status_changes(dataset: Dataset) -> list:
    """(kind, record, position, entry) for every dated history entry, newest first.

    Undated entries stay out: a feed entry needs a time, and inventing one would mislead.
    """
    changes = [(kind, r, i, h) for kind in HISTORY_PAGES for r in dataset.records[kind]
               for i, h in enumerate(r.get("history", [])) if not dates.is_unknown(h["date"])]
    return sorted(changes, key=lambda c: dates.sort_key(c[3]["date"]), reverse=True)


def atom_time(text) -> str:
    """RFC 3339 time for a partial date: its first day at midnight UTC (Atom needs a full time)."""
    return f"{dates.parse(text).first_day().isoformat()}T00:00:00Z"


def feed_words(words, calendar: dates.Calendar) -> dict:
    """What one language's feed says, taken from its labels in the build's own process: the feed's
    title, the word for a related development, each status, and how it writes dates."""
    return {"title": words.feed.title, "related": words.feed.related,
            "status": {code: words.item_status[code] for code in words.item_status}, "calendar": calendar}


def feed_entries(dataset: Dataset, lang: str, words: dict, site_url: str, lang_url: str) -> list:
    """[{id, title, updated, link, summary}] of every dated status change and every related
    development, newest first (one day's entries in the order of the data files).

    A related development is dated by the first day of its date, and its title says what it is:
    related, and not reported as under the MOUs (it never changes a status).
    """
    calendar, entries = words["calendar"], []
    for kind, record, position, entry in status_changes(dataset):
        when = calendar.date(entry["date"])
        entries.append((entry["date"], {
            "title": f"{record['title'][lang]}: {words['status'][entry['status']]} ({when})",
            "id": f"{site_url}data/{kind}.json#{record['id']}/history/{position + 1}",
            "link": lang_url + HISTORY_PAGES[kind](record["id"]),
            "summary": f"{entry['note'][lang]} [{', '.join(entry['sources'])}]",
        }))
    for record in dataset.records["related"]:
        end = record.get("end_date")
        when = calendar.range(record["date"], end)
        entries.append((record["date"], {
            "title": f"{words['related']}: {record['title'][lang]} ({when})",
            "id": f"{site_url}data/related.json#{record['id']}",
            "link": lang_url + items.url("related", record["id"]),
            "summary": f"{record['description'][lang]} [{', '.join(record['sources'])}]",
        }))
    entries.sort(key=lambda e: dates.sort_key(e[0]), reverse=True)  # stable: the same order each build
    return [{**entry, "updated": atom_time(day)} for day, entry in entries]


def feed(dataset: Dataset, lang: str, words: dict, site_url: str, lang_url: str) -> str:
    """An Atom feed, in one language, of the status changes recorded in the histories and of the
    related developments."""
    entries = feed_entries(dataset, lang, words, site_url, lang_url)
    root = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
    _sub(root, "title", words["title"])
    _sub(root, "id", f"{lang_url}feed.xml")
    _sub(root, "updated", max((e["updated"] for e in entries), default="1970-01-01T00:00:00Z"))
    ET.SubElement(root, f"{{{ATOM}}}link", rel="self", href=f"{lang_url}feed.xml")
    ET.SubElement(root, f"{{{ATOM}}}link", rel="alternate", href=f"{lang_url}status/")
    author = ET.SubElement(root, f"{{{ATOM}}}author")
    _sub(author, "name", words["title"])
    for entry in entries:
        item = ET.SubElement(root, f"{{{ATOM}}}entry")
        _sub(item, "title", entry["title"])
        _sub(item, "id", entry["id"])
        _sub(item, "updated", entry["updated"])
        ET.SubElement(item, f"{{{ATOM}}}link", rel="alternate", href=entry["link"])
        _sub(item, "summary", entry["summary"])
    ET.register_namespace("", ATOM)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _sub(parent, tag: str, value: str):
    child = ET.SubElement(parent, f"{{{ATOM}}}{tag}")
    child.text = value
    return child


def publish(dataset: Dataset, schema_dir: Path, site_dir: Path, feeds: dict, default_lang: str, site_url: str) -> None:
    """The data files at /data/ and one feed per language (default at the root, others under /<lang>/).
    feeds: {language: feed_words(...)}."""
    site_url = site_url if site_url.endswith("/") else site_url + "/"
    write_open_data(dataset, schema_dir, site_dir)
    for lang, words in feeds.items():
        prefix = language_root(lang, default_lang)
        (site_dir / prefix).mkdir(parents=True, exist_ok=True)
        (site_dir / prefix / "feed.xml").write_text(feed(dataset, lang, words, site_url, site_url + prefix),
                                                    encoding="utf-8")
