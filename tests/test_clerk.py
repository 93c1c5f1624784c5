"""A clerk's correct updates keep the check green and every page in step with the data.

On a copy of the real data (whatever it says today) and of the labels, a clerk's legitimate
edits: an MOU item of the newest agreement moves to "implementation" on a new source with its
own headline; a new related development; a label reworded. Then the data check passes, the site
builds, and the pages show the change; and no page still claims that nothing was reported.
"""
import re
import shutil
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from harness.data import check
from harness.labels import label
from harness.pages import article, section, text_of
from harness.site import ROOT, build, site_config
from thlao import config, dates

SETTINGS = config.load(ROOT / "mkdocs.yml")
NEW_SOURCE = "clerk-source-2026"
NEW_RELATED = "clerk-related-2026"
NEW_LABEL = "Under way (as the sources report it)"
# What a page may not say once an item has reported progress: that none has (in its own words).
NOTHING_REPORTED = [
    re.compile(r"no (source|dated source)[^.]{0,40}(progress|status)[^.]{0,30}\b(any|every) (of the )?(MOU )?items?",
               re.IGNORECASE),
    re.compile(r"every (MOU )?item is (therefore )?[“\"]?not reported", re.IGNORECASE),
    re.compile(r"no progress (is )?reported on any", re.IGNORECASE),
    re.compile("ไม่มีแหล่งที่มาใดรายงานความคืบหน้าของรายการใด"),
    re.compile("ทุกรายการจึง(มีสถานะ|เป็น)"),
]


def _yaml():
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    return yaml


def _newest_agreement_item(data_dir: Path) -> str:
    """The first MOU item of the agreement signed last (any the data holds)."""
    ds, problems = check(data_dir, dates.build_date().isoformat())
    assert not problems
    newest = max(ds.records["agreements"], key=lambda a: dates.sort_key(a["signed"]))
    return next(a["id"] for a in ds.records["activities"] if a["agreement"] == newest["id"])


def clerk_edits(data_dir: Path, labels_dir: Path) -> str:
    """The clerk's edits, in place; the id of the item whose status moved on."""
    item_id = _newest_agreement_item(data_dir)
    yaml, today = _yaml(), dates.build_date().isoformat()
    sources = yaml.load((data_dir / "sources.yml").read_text(encoding="utf-8"))
    sources.append({"id": NEW_SOURCE, "headline": {"th": "พาดหัวของข่าวใหม่: ความร่วมมือเดินหน้า"},
                    "description": {"th": "ข่าวที่เจ้าหน้าที่เพิ่ม", "en": "A report a clerk added."},
                    "publisher": {"th": "สำนักข่าวตัวอย่าง", "en": "Example News"},
                    "url": "https://example.org/clerk", "published": today, "language": "th"})
    with (data_dir / "sources.yml").open("w", encoding="utf-8") as out:
        yaml.dump(sources, out)
    activities = yaml.load((data_dir / "activities.yml").read_text(encoding="utf-8"))
    item = next(a for a in activities if a["id"] == item_id)
    item["status"], item["confirmed"] = "implementation", today
    item["sources"].append(NEW_SOURCE)
    item["history"].append({"date": today, "status": "implementation",
                            "note": {"th": "แหล่งที่มารายงานว่าเริ่มดำเนินการแล้ว", "en": "The source reports work under way."},
                            "sources": [NEW_SOURCE]})
    with (data_dir / "activities.yml").open("w", encoding="utf-8") as out:
        yaml.dump(activities, out)
    related = yaml.load((data_dir / "related.yml").read_text(encoding="utf-8"))
    related.append({"id": NEW_RELATED, "date": today, "period": "after",
                    "title": {"th": "ความเคลื่อนไหวที่เจ้าหน้าที่เพิ่ม", "en": "A development a clerk added"},
                    "description": {"th": "รายละเอียดตามแหล่งที่มา", "en": "What the source says."},
                    "areas": [item["area"]], "sources": [NEW_SOURCE]})
    with (data_dir / "related.yml").open("w", encoding="utf-8") as out:
        yaml.dump(related, out)
    for path in labels_dir.glob("*.yml"):
        text = path.read_text(encoding="utf-8")
        if path.stem == "en":
            text = text.replace("  implementation: Implementation\n", f"  implementation: {NEW_LABEL}\n", 1)
        path.write_text(text, encoding="utf-8")
    return item_id


@pytest.fixture(scope="module")
def edited(tmp_path_factory):
    folder = tmp_path_factory.mktemp("clerk")
    shutil.copytree(SETTINGS.data_dir, folder / "data")
    shutil.copytree(SETTINGS.labels_dir, folder / "labels")
    item_id = clerk_edits(folder / "data", folder / "labels")
    config_file = site_config(folder, docs=ROOT / "docs", data=folder / "data", labels_dir=str(folder / "labels"))
    build(folder / "site", config=config_file)
    return {"site": folder / "site", "data": folder / "data", "item": item_id}


def test_the_edits_pass_the_check(edited):
    assert check(edited["data"], dates.build_date().isoformat())[1] == []


def _page(site: Path, lang: str, path: str) -> str:
    return (site / ("en/" if lang == "en" else "") / path / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_item_page_and_the_tables_show_the_new_status(edited, lang):
    status = label(lang, "item_status.implementation") if lang == "th" else NEW_LABEL
    page = _page(edited["site"], lang, f"items/{edited['item']}")
    assert status in text_of(section(page, "status"))
    assert label(lang, "item_page.no_progress") not in text_of(section(page, "status"))
    row = article(_page(edited["site"], lang, "status")).select_one(f'tr[data-record="activities/{edited["item"]}"]')
    assert row["data-status"] == "implementation" and status in row.get_text()


@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_new_source_and_related_development_show(edited, lang):
    bibliography = article(_page(edited["site"], lang, "sources"))
    assert bibliography.find(id=f"src-{NEW_SOURCE}").find("cite").get_text() == "พาดหัวของข่าวใหม่: ความร่วมมือเดินหน้า"
    assert (edited["site"] / ("en/" if lang == "en" else "") / "related" / NEW_RELATED / "index.html").exists()
    listed = article(_page(edited["site"], lang, "related")).find(id=f"related-{NEW_RELATED}")
    assert listed is not None


@pytest.mark.parametrize("lang", ["th", "en"])
def test_no_page_still_says_nothing_was_reported(edited, lang):
    root = edited["site"] / ("en" if lang == "en" else "")
    stale = []
    for path in sorted(root.rglob("index.html")):
        if lang == "th" and path.relative_to(edited["site"]).parts[0] == "en":
            continue
        body = article(path.read_text(encoding="utf-8"))
        if body is None:
            continue
        for made in body.select(".status-summary, .home-summary"):  # made from the data: right by design
            made.decompose()
        words = " ".join(body.get_text(" ").split())
        stale += [f"{path.relative_to(edited['site'])}: {p.pattern}" for p in NOTHING_REPORTED if p.search(words)]
    assert not stale


@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_status_page_counts_the_change(edited, lang):
    ds, _ = check(edited["data"], dates.build_date().isoformat())
    items = ds.records["activities"]
    reported = sum(1 for a in items if a["status"] != "not-reported")
    assert reported >= 1
    first = article(_page(edited["site"], lang, "status")).find("p", class_="status-summary")
    expected = label(lang, "summary.all_every" if reported == len(items) else "summary.all_some",
                     items=label(lang, "items_count.other", n=len(items)), reported=reported,
                     status=label(lang, "item_status.not-reported"))
    assert " ".join(first.get_text(" ").split()).startswith(expected)


def test_the_stale_claim_check_finds_a_typed_sentence():
    # negative control: the sentences the pages used to type would be caught
    for claim in ("No source found reports progress on any MOU item.",
                  'Every item is therefore "not reported".',
                  "ไม่มีแหล่งที่มาใดรายงานความคืบหน้าของรายการใดเลย"):
        assert any(p.search(claim) for p in NOTHING_REPORTED), claim
    assert not any(p.search("Sources report progress on 1 of them.") for p in NOTHING_REPORTED)
