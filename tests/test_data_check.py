"""The data check, as a clerk meets it: one clear line per slip, at its line, in English then Thai,
with the field in words, the nearest valid code and what each allowed code means; one line when
all is well; the same settings and messages from `make check-data` and from the build.

Slips are made in copies of the fixture site's data (tests/fixtures/site/data) or read from
tests/fixtures/data/bad (one mistake of each kind); the real data only has to pass.
"""
import pytest

from harness.data import copy_of_data, edit, line_containing, problem_messages, run_check
from harness.labels import label
from harness.site import FIXTURE, FIXTURE_EPOCH, ROOT, BuildFailed, build, site_config
from thlao import data

BAD = ROOT / "tests" / "fixtures" / "data" / "bad"


def _meanings(lang: str) -> str:
    """Every status code with its words in one language, as the check lists them (looked up, so
    that a reworded label keeps this test green)."""
    return ", ".join(f"{code} ({label(lang, f'item_status.{code}')})" for code in data.STATUSES)


# Every line the bad fixtures must produce, in order: each kind of mistake once, at its own line.
EXPECTED = [
    'activities.yml:3: Record "broadband-cooperation", title: has no English text ("en"). Every text needs both "th" and "en". / ข้อมูลรหัส "broadband-cooperation" ชื่อ: ไม่มีข้อความภาษาอังกฤษ ("en") ข้อความทุกช่องต้องมีทั้ง "th" และ "en"',
    'activities.yml:7: Record "broadband-cooperation", area: "nowhere" is not an id in areas.yml. Check the spelling, or add that record first. / ข้อมูลรหัส "broadband-cooperation" ด้านความร่วมมือ: ไม่มีรหัส "nowhere" ใน areas.yml ให้ตรวจการสะกด หรือเพิ่มข้อมูลนั้นก่อน',
    'activities.yml:10: Record "broadband-cooperation", status: "done" is not allowed. Allowed values: ' + _meanings("en") + '. / ข้อมูลรหัส "broadband-cooperation" สถานะ: ใช้ค่า "done" ไม่ได้ ค่าที่ใช้ได้: ' + _meanings("th"),
    'activities.yml:11: Record "broadband-cooperation", date last confirmed: "2018/02" is not a date. Write a day (2016-12-26), a month (2018-02) or a year (2016), or unknown. / ข้อมูลรหัส "broadband-cooperation" วันที่ยืนยันล่าสุด: "2018/02" ไม่ใช่วันที่ ให้เขียนเป็นวัน (2016-12-26) เดือน (2018-02) หรือปี (2016) แบบคริสต์ศักราช หรือ unknown',
    'activities.yml:12: Record "broadband-cooperation", sources: should be a list, but found text "reporter-2018". / ข้อมูลรหัส "broadband-cooperation" แหล่งที่มา: ต้องเป็นชุดของค่า (list) แต่พบข้อความ "reporter-2018"',
    'activities.yml:22: Record "closed-without-date", date last confirmed: status "closed" needs the date it was confirmed, not "unknown". Use not-reported if no source gives a status. / ข้อมูลรหัส "closed-without-date" วันที่ยืนยันล่าสุด: สถานะ "closed" ต้องมีวันที่ยืนยัน ใช้ "unknown" ไม่ได้ ถ้าไม่มีแหล่งที่มาใดรายงานสถานะให้ใช้ not-reported',
    'agreements.yml:13: Record "mou-2018", date last confirmed: state "in-force" needs the date of the source that reports it, not "unknown". / ข้อมูลรหัส "mou-2018" วันที่ยืนยันล่าสุด: สถานะ "in-force" ต้องมีวันที่ของแหล่งที่มาที่รายงาน ใช้ "unknown" ไม่ได้',
    'areas.yml:7: The id "broadband" is used twice (first on line 2). Every id must be different. / รหัส "broadband" ซ้ำกัน (ใช้ครั้งแรกที่บรรทัด 2) รหัสทุกตัวต้องไม่ซ้ำ',
    'events.yml:4: YAML syntax error: a quotation mark is opened but never closed. Check the indentation, the colons and the quotes on this line. / รูปแบบ YAML ผิด: มีเครื่องหมายคำพูดเปิดแต่ไม่ได้ปิด ให้ตรวจการย่อหน้า เครื่องหมาย : และเครื่องหมายคำพูดในบรรทัดนี้',
    'glossary.yml:2: Record "mou": the field "definition" is missing. Add it. / ข้อมูลรหัส "mou": ไม่มีฟิลด์ "definition" (คำนิยาม) ให้เพิ่มฟิลด์นี้',
    'glossary.yml:4: Record "mou", definiton: "definiton" is not a known field. Did you mean "definition"? Allowed fields: id, term, definition, sources. / ข้อมูลรหัส "mou" definiton: "definiton" ไม่ใช่ฟิลด์ที่รู้จัก หมายถึง "definition" หรือไม่ ฟิลด์ที่ใช้ได้: id, term, definition, sources',
    'sources.yml:12: Record "later-report", date published: "2023-02-30" is not a real date (no such day or month in the calendar). / ข้อมูลรหัส "later-report" วันที่เผยแพร่: "2023-02-30" ไม่มีอยู่จริงในปฏิทิน (ไม่มีวันหรือเดือนนี้)',
]
SUMMARY = "12 problem(s) found in the data files. / พบปัญหา 12 เรื่องในแฟ้มข้อมูล"


def test_the_real_data_is_clean_and_check_data_says_so_in_one_line(real_data):
    run = run_check()
    assert (run.returncode, run.stderr) == (0, "")
    files, records = len(real_data.records), sum(len(r) for r in real_data.records.values())
    assert run.stdout.splitlines() == [data.summary_line(real_data)]
    assert f"{files} data files, {records} records" in run.stdout


def test_every_problem_once_with_its_line_english_then_thai(tmp_path):
    run = run_check(BAD, tmp_path)
    assert run.returncode == 1 and run.stderr == ""
    shown = BAD.relative_to(ROOT).as_posix()
    assert run.stdout.splitlines() == [f"{shown}/{line}" for line in EXPECTED] + [SUMMARY]


def test_github_actions_also_get_annotations(tmp_path):
    run = run_check(BAD, tmp_path, env={"GITHUB_ACTIONS": "true"})
    annotations = [line for line in run.stdout.splitlines() if line.startswith("::error ")]
    assert len(annotations) == len(EXPECTED)
    assert annotations[0].startswith("::error file=tests/fixtures/data/bad/activities.yml,line=3::Record")
    assert not any(line.startswith("::error ") for line in run_check(BAD, tmp_path).stdout.splitlines())


def test_one_slip_gives_one_message(tmp_path):
    # an unquoted ": " in an English text: the file cannot be read, and nothing is checked against
    # it (the areas, whose agreements follow from the items, would otherwise all look wrong)
    dest = copy_of_data(tmp_path)
    edit(dest / "activities.yml", "en: The broadband area of the 2022 test MOU.}",
         "en: The broadband area: of the 2022 test MOU.}")
    found = problem_messages(dest, thai=False)
    line = line_containing(dest / "activities.yml", "broadband area: of")
    assert len(found) == 1 and found[0].startswith(f"activities.yml:{line}: YAML syntax error")


def test_a_misspelt_code_gets_the_nearest_code_and_every_meaning(tmp_path):
    dest = copy_of_data(tmp_path)
    edit(dest / "activities.yml", "status: implementation\n  confirmed: 2026-03",
         "status: implimentation\n  confirmed: 2026-03")
    found = problem_messages(dest)
    assert len(found) == 1
    english, thai = found[0].split(" / ")
    assert 'status: "implimentation" is not allowed. Did you mean "implementation"?' in english
    for code in data.STATUSES:
        assert f"{code} ({label('en', f'item_status.{code}')})" in english
        assert f"{code} ({label('th', f'item_status.{code}')})" in thai
    assert 'หมายถึง "implementation" หรือไม่' in thai


def test_a_misspelt_id_gets_the_nearest_ids(tmp_path):
    dest = copy_of_data(tmp_path)
    edit(dest / "activities.yml", "  sources: [src-year]\n  history:", "  sources: [src-yaer]\n  history:")
    found = problem_messages(dest, thai=False)
    assert found == [f"activities.yml:{line_containing(dest / 'activities.yml', 'src-yaer')}: "
                     'Record "fx-skills-2022", sources entry 1: "src-yaer" is not an id in sources.yml. Did you mean '
                     '"src-year"? Check the spelling, or add that record first.']


def test_a_field_deep_in_a_record_is_named_in_words(tmp_path):
    dest = copy_of_data(tmp_path)
    edit(dest / "activities.yml", "    - date: 2019-05-20\n      status: pipeline", "    - date: 2019-05-32\n      status: pipeline")
    found = problem_messages(dest)
    assert len(found) == 1
    assert 'Record "fx-broadband-2018", history entry 2, date: "2019-05-32" is not a real date' in found[0]
    assert 'ข้อมูลรหัส "fx-broadband-2018" ประวัติรายการที่ 2 วันที่: "2019-05-32" ไม่มีอยู่จริงในปฏิทิน' in found[0]


@pytest.mark.parametrize("content, expected", [
    (b"\xff\xfe not utf-8", "events.yml:1: This line is not UTF-8 text. Save the file as UTF-8."),
    (b"id: not-a-list\n", "events.yml:1: The file: should be a list, but found a group of fields."),
    (b"", "events.yml:1: The file: is empty; it should be a list."),
    (b"- id: a\n  id: b\n", 'events.yml:2: The field "id" appears twice in the same record. Keep only one.'),
    ("- id: fx-x\n  date: 2016\n  title: {th: ก\ue000ข, en: a}\n".encode(),
     "events.yml:3: This line holds the invisible character U+E000, from Unicode's private use area, which the "
     "site keeps for its own use. Delete it (it often comes with text pasted from a PDF or a word processor)."),
])
def test_unreadable_or_refused_files_are_reported_not_raised(tmp_path, content, expected):
    dest = copy_of_data(tmp_path)
    (dest / "events.yml").write_bytes(content)
    assert problem_messages(dest, thai=False) == [expected]


def test_bom_and_crlf_are_accepted(tmp_path):
    dest = copy_of_data(tmp_path)
    for path in dest.glob("*.yml"):
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    assert problem_messages(dest) == []
    # line numbers stay right with CRLF: a mistake on a status line is found there
    edit(dest / "activities.yml", "status: pipeline", "status: finished")
    line = line_containing(dest / "activities.yml", "status: finished")
    assert [m.split(": Record")[0] for m in problem_messages(dest)] == [f"activities.yml:{line}"]


def test_a_year_without_quotes_is_a_date(tmp_path):
    dest = copy_of_data(tmp_path)
    edit(dest / "events.yml", "date: 2022-11-07", "date: 2022")
    assert problem_messages(dest) == []


def test_a_variant_term_is_named_with_the_preferred_word(tmp_path):
    dest = copy_of_data(tmp_path)
    edit(dest / "areas.yml", "description: {th: ด้านทดสอบของฉบับ 2565,", "description: {th: ไฟล์ด้านทดสอบของฉบับ 2565,")
    found = problem_messages(dest)
    assert len(found) == 1
    assert 'Record "fx-skills", description, Thai: uses "ไฟล์"; the site writes "แฟ้ม"' in found[0]
    # negative control: the source's own headline may use any word
    dest = copy_of_data(tmp_path / "again")
    edit(dest / "sources.yml", "headline: {en: \"Test headline", "headline: {en: \"cyber security headline")
    assert problem_messages(dest) == []


# (file, text replaced, replacement, the English message expected at the replacement's line, problems in all)
ONE_MISTAKE = [
    ("activities.yml", "status: pipeline\n  confirmed: 2019-05-20", "status: closed\n  confirmed: 2019-05-20",
     'Record "fx-broadband-2018", status: "closed" differs from the last history entry ("pipeline"). '
     "Add a history entry for the change.", 1),
    ("activities.yml", "    - date: 2019-05-20\n      status: pipeline", "    - date: unknown\n      status: pipeline",
     'Record "fx-broadband-2018", history entry 2, date: status "pipeline" needs a date, not "unknown".', 1),
    # a Buddhist-Era year where the files use the Common Era
    ("activities.yml", "confirmed: 2026-03", "confirmed: 2569-03",
     'Record "fx-broadband-2022", date last confirmed: "2569-03" is after today. Write years in the Common Era '
     "(Buddhist Era 2569 is 2026).", 1),
    ("agreements.yml", "  term_sources: [src-day, src-headline]\n", "",
     'Record "fx-2022", years of the term: has a term in years but no term_sources: list the sources that report '
     "the signing date and the term.", 1),
    ("activities.yml", "  leads:\n    - organization: fx-th-ministry\n      side: TH",
     "  leads:\n    - organization: fx-th-ministry\n      side: LA",
     'Record "fx-broadband-2022", leads entry 1, side: "LA" is not the country of "fx-th-ministry" (TH).', 1),
    ("areas.yml", "  agreements: [fx-2022]\n  sources: [src-day]", "  agreements: [fx-2022, fx-2018]\n  sources: [src-day]",
     'Record "fx-skills", agreements: lists fx-2022, fx-2018 but activities.yml reports this area for: fx-2022. '
     'An area belongs to the agreements of its records of kind "area".', 1),
]


@pytest.mark.parametrize("name, old, new, english, count", ONE_MISTAKE)
def test_rules_beyond_the_schema(tmp_path, name, old, new, english, count):
    dest = copy_of_data(tmp_path)
    assert problem_messages(dest) == []  # negative control: the fixture data is clean
    edit(dest / name, old, new)
    target = next((line.strip() for line in new.split("\n") if line.strip()), None)
    found = [m.split(" / ")[0] for m in problem_messages(dest)]
    assert len(found) == count, found
    assert found[0].split(": ", 1)[1] == english
    if target:
        assert any(f.startswith(f"{name}:") for f in found)


def test_an_event_date_may_lie_ahead(tmp_path):
    # negative control for the Buddhist-Era rule: only dates of what has happened must be past
    dest = copy_of_data(tmp_path)
    edit(dest / "events.yml", "date: 2022-11-07", "date: 2099-11-07")
    assert problem_messages(dest) == []


def test_the_build_stops_with_the_same_messages(tmp_path):
    config = site_config(tmp_path, docs=FIXTURE / "docs", data=BAD)
    with pytest.raises(BuildFailed) as failed:
        build(tmp_path / "site", config=config, env={"SOURCE_DATE_EPOCH": FIXTURE_EPOCH})
    log = str(failed.value)
    shown = BAD.relative_to(ROOT).as_posix()
    for line in EXPECTED:
        assert f"{shown}/{line}" in log.splitlines()
    assert "Traceback" not in log
    assert not (tmp_path / "site" / "index.html").exists()
