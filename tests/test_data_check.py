"""The data check: one precise line per problem, English then Thai, from the CLI and from the build."""
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from harness.data import copy_of_data, edit, line_containing, problem_messages, run_check

ROOT = Path(__file__).resolve().parent.parent
BAD = ROOT / "tests" / "fixtures" / "data" / "bad"
BAD_SHOWN = "tests/fixtures/data/bad"

# Every line the bad fixtures must produce, in order: each kind of mistake once, at its own line.
EXPECTED = [
    'activities.yml:3: Record "broadband-cooperation", field "title": has no English text ("en"). Every text needs both "th" and "en". / รายการ "broadband-cooperation" ฟิลด์ "title": ไม่มีข้อความภาษาอังกฤษ ("en") ข้อความทุกช่องต้องมีทั้ง "th" และ "en"',
    'activities.yml:7: Record "broadband-cooperation", field "area": "nowhere" is not an id in areas.yml. Check the spelling or add that record first. / รายการ "broadband-cooperation" ฟิลด์ "area": ไม่มีรหัส "nowhere" ใน areas.yml ให้ตรวจการสะกด หรือเพิ่มรายการนั้นก่อน',
    'activities.yml:10: Record "broadband-cooperation", field "status": "done" is not allowed. Allowed values: pipeline, implementation, finalisation, closed, cancelled, suspended, not-reported. / รายการ "broadband-cooperation" ฟิลด์ "status": ใช้ค่า "done" ไม่ได้ ค่าที่ใช้ได้: pipeline, implementation, finalisation, closed, cancelled, suspended, not-reported',
    'activities.yml:11: Record "broadband-cooperation", field "confirmed": "2018/02" is not a date. Write a day (2016-12-26), a month (2018-02) or a year (2016), or unknown. / รายการ "broadband-cooperation" ฟิลด์ "confirmed": "2018/02" ไม่ใช่วันที่ ให้เขียนเป็นวัน (2016-12-26) เดือน (2018-02) หรือปี (2016) แบบคริสต์ศักราช หรือ unknown',
    'activities.yml:12: Record "broadband-cooperation", field "sources": should be a list, but found text "reporter-2018". / รายการ "broadband-cooperation" ฟิลด์ "sources": ต้องเป็นรายการ (list) แต่พบข้อความ "reporter-2018"',
    'activities.yml:22: Record "closed-without-date", field "confirmed": status "closed" needs the date it was confirmed, not "unknown". Use not-reported if no source gives a status. / รายการ "closed-without-date" ฟิลด์ "confirmed": สถานะ "closed" ต้องมีวันที่ยืนยัน ใช้ "unknown" ไม่ได้ ถ้าไม่มีแหล่งใดรายงานสถานะให้ใช้ not-reported',
    'agreements.yml:13: Record "mou-2018", field "confirmed": state "in-force" needs the date of the source that reports it, not "unknown". / รายการ "mou-2018" ฟิลด์ "confirmed": สถานะ "in-force" ต้องมีวันที่ของแหล่งที่รายงาน ใช้ "unknown" ไม่ได้',
    'areas.yml:7: The id "broadband" is used twice (first on line 2). Every id must be different. / รหัส "broadband" ซ้ำกัน (ใช้ครั้งแรกที่บรรทัด 2) รหัสทุกตัวต้องไม่ซ้ำ',
    'events.yml:4: YAML syntax error: a quotation mark is opened but never closed. Check the indentation, the colons and the quotes on this line. / รูปแบบ YAML ผิด: มีเครื่องหมายคำพูดเปิดแต่ไม่ได้ปิด ให้ตรวจการย่อหน้า เครื่องหมาย : และเครื่องหมายคำพูดในบรรทัดนี้',
    'glossary.yml:2: Record "mou": the field "definition" is missing. Add it. / รายการ "mou": ไม่มีฟิลด์ "definition" ให้เพิ่มฟิลด์นี้',
    'glossary.yml:4: Record "mou", field "definiton": "definiton" is not a known field. Allowed fields: id, term, definition, sources. / รายการ "mou" ฟิลด์ "definiton": "definiton" ไม่ใช่ฟิลด์ที่รู้จัก ฟิลด์ที่ใช้ได้: id, term, definition, sources',
    'sources.yml:12: Record "later-report", field "published": "2023-02-30" is not a real date (no such day or month in the calendar). / รายการ "later-report" ฟิลด์ "published": "2023-02-30" ไม่มีอยู่จริงในปฏิทิน (ไม่มีวันหรือเดือนนี้)',
]
SUMMARY = "12 problem(s) found in the data files. / พบปัญหา 12 รายการในแฟ้มข้อมูล"


def test_the_real_data_is_clean_and_checked_fast():
    start = time.monotonic()
    run = run_check()
    elapsed = time.monotonic() - start
    assert (run.returncode, run.stdout, run.stderr) == (0, "", "")
    assert elapsed < 2, f"check-data took {elapsed:.2f} s"


def test_every_problem_once_with_its_line_english_then_thai():
    run = run_check(BAD_SHOWN)
    assert run.returncode == 1
    assert run.stderr == ""
    assert run.stdout.splitlines() == [f"{BAD_SHOWN}/{line}" for line in EXPECTED] + [SUMMARY]


def test_github_actions_also_get_annotations():
    run = run_check(BAD_SHOWN, env={"GITHUB_ACTIONS": "true"})
    annotations = [line for line in run.stdout.splitlines() if line.startswith("::error ")]
    assert len(annotations) == len(EXPECTED)
    assert annotations[0] == (f"::error file={BAD_SHOWN}/activities.yml,line=3::Record \"broadband-cooperation\", "
                              'field "title": has no English text ("en"). Every text needs both "th" and "en". / '
                              'รายการ "broadband-cooperation" ฟิลด์ "title": ไม่มีข้อความภาษาอังกฤษ ("en") '
                              'ข้อความทุกช่องต้องมีทั้ง "th" และ "en"')
    assert not any(line.startswith("::error ") for line in run_check(BAD_SHOWN).stdout.splitlines())


def test_bom_and_crlf_are_accepted(tmp_path):
    dest = copy_of_data(tmp_path)
    for path in dest.glob("*.yml"):
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    assert problem_messages(dest) == []
    # line numbers stay right with CRLF: a mistake on the first status line is found there
    edit(dest / "activities.yml", "status: not-reported", "status: finished")
    line = line_containing(dest / "activities.yml", "status: finished")
    assert [m.split(": Record")[0] for m in problem_messages(dest)] == [f"activities.yml:{line}"]


@pytest.mark.parametrize("content, expected", [
    (b"\xff\xfe not utf-8", 'events.yml:1: This line is not UTF-8 text. Save the file as UTF-8. / บรรทัดนี้ไม่ใช่ข้อความ UTF-8 ให้บันทึกแฟ้มเป็น UTF-8'),
    (b"id: not-a-list\n", 'events.yml:1: The file: should be a list, but found a group of fields. / แฟ้มนี้: ต้องเป็นรายการ (list) แต่พบกลุ่มของฟิลด์'),
    (b"", "events.yml:1: The file: is empty; it should be a list. / แฟ้มนี้: ว่างอยู่ ต้องเป็นรายการ (list)"),
    (b"- id: a\n  id: b\n", 'events.yml:2: The field "id" appears twice in the same record. Keep only one. / ฟิลด์ "id" ซ้ำกันในรายการเดียวกัน ให้เหลือเพียงหนึ่ง'),
])
def test_unreadable_files_are_reported_not_raised(tmp_path, content, expected):
    dest = copy_of_data(tmp_path)
    (dest / "events.yml").write_bytes(content)
    assert problem_messages(dest) == [expected]


def test_a_year_without_quotes_is_a_date(tmp_path):
    dest = copy_of_data(tmp_path)
    edit(dest / "events.yml", "date: 2016-12-26", "date: 2016")
    assert problem_messages(dest) == []


# (file, text replaced, replacement, the English message expected at the replacement's line, problems in all)
ONE_MISTAKE = [
    ("events.yml", "date: 2022-10-25", "date: 2022-10-32",
     'Record "cabinet-approval-2022", field "date": "2022-10-32" is not a real date (no such day or month in the calendar).', 1),
    ("activities.yml", "status: not-reported\n  confirmed: 2018-02", "status: implementation\n  confirmed: 2018-02",
     'Record "mou-2018-posts-telecom", field "status": "implementation" differs from the last history entry '
     '("not-reported"). Add a history entry for the change.', 1),
    # an aim (knowledge-sharing) moved to an area its agreement is not reported for
    ("activities.yml", "area: knowledge-exchange\n  status: not-reported\n  confirmed: 2018-02\n  sources: [reporter-2018]\n"
     "  history:\n    - date: 2018-02\n      status: not-reported\n      note:\n        th: รายงานเป็นวัตถุประสงค์",
     "area: smart-city\n  status: not-reported\n  confirmed: 2018-02\n  sources: [reporter-2018]\n"
     "  history:\n    - date: 2018-02\n      status: not-reported\n      note:\n        th: รายงานเป็นวัตถุประสงค์",
     'Record "knowledge-sharing", field "area": the area "smart-city" is not an area of "mou-2018" (see areas.yml).', 1),
    ("activities.yml", "    - date: 2018-02\n      status: not-reported", "    - date: unknown\n      status: closed",
     'Record "mou-2018-posts-telecom", field "history[1].date": status "closed" needs a date, not "unknown".', 2),  # and the status now differs
    # a Buddhist-Era year where the files use the Common Era
    ("activities.yml", "confirmed: 2018-02", "confirmed: 2569-02",
     'Record "mou-2018-posts-telecom", field "confirmed": "2569-02" is after today. Write years in the Common Era '
     '(Buddhist Era 2569 is 2026).', 1),
]


def test_an_event_date_may_lie_ahead(tmp_path):
    # negative control for the rule above: only dates of what has happened must be past
    # (agreements store no expiry: the end of a term is computed, never stored)
    dest = copy_of_data(tmp_path)
    edit(dest / "events.yml", "date: 2022-11-07", "date: 2099-11-07")
    assert "2099-11-07" in (dest / "events.yml").read_text(encoding="utf-8")
    assert problem_messages(dest) == []


@pytest.mark.parametrize("name, old, new, english, count", ONE_MISTAKE)
def test_rules_beyond_the_schema(tmp_path, name, old, new, english, count):
    dest = copy_of_data(tmp_path)
    edit(dest / name, old, new)
    line = line_containing(dest / name, new.split("\n")[0].strip())
    found = [m.split(" / ")[0] for m in problem_messages(dest)]
    assert f"{name}:{line}: {english}" in found
    assert len(found) == count


def test_the_build_stops_with_the_same_messages(tmp_path):
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
                         cwd=ROOT, capture_output=True, text=True,
                         env=dict(os.environ, NO_MKDOCS_2_WARNING="1", THLAO_DATA_DIR=BAD_SHOWN))
    assert run.returncode != 0
    log = run.stdout + run.stderr
    for line in EXPECTED:
        assert f"{BAD_SHOWN}/{line}" in log.splitlines()
    assert "Traceback" not in log
    assert not (tmp_path / "site" / "index.html").exists()
