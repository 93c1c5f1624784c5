"""The weekly run's two reports: the source-link check (thlao/linkcheck.py) against a local HTTP
server started here, and the review digest (thlao/digest.py) on a small hand-written data folder
(tests/fixtures/weekly/). No network: every address is 127.0.0.1."""
import re
import shutil
import socket
import threading
from datetime import date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from harness.site import ROOT
from thlao import dates, digest, linkcheck

FIXTURE = ROOT / "tests/fixtures/weekly"
TODAY = date(2026, 3, 2)  # a Monday
LAST_RUN = date(2026, 2, 23)


# ---------------------------------------------------------------- a local server and a closed port

class Handler(BaseHTTPRequestHandler):
    """/ok 200, /missing 404, /forbidden 403, /error 500, /moved -> /ok, /moved-to-missing -> /missing,
    /no-head (405 to HEAD, 200 to GET), /slow (answers only when the test ends), /flaky (server.flaky)."""

    def do_HEAD(self):
        self.answer()

    def do_GET(self):
        self.answer()

    def answer(self):
        path = self.path
        if path == "/slow":
            self.server.release.wait(10)
        if path in ("/moved", "/moved-to-missing"):
            self.send_response(301 if path == "/moved" else 302)
            self.send_header("Location", "/ok" if path == "/moved" else "/missing")
        else:
            code = {"/ok": 200, "/slow": 200, "/missing": 404, "/forbidden": 403, "/error": 500, "/flaky": self.server.flaky,
                    "/no-head": 405 if self.command == "HEAD" else 200}.get(path, 404)
            self.send_response(code)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads, httpd.release, httpd.flaky = True, threading.Event(), 200
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.release.set()
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def closed_port():
    """A port bound but not listening: a connection to it is refused, and no one else can take it."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    yield sock.getsockname()[1]
    sock.close()


# ---------------------------------------------------------------- one address

def test_each_kind_of_answer_is_told_apart(server, closed_port):
    _, base = server
    assert linkcheck.check_url(f"{base}/ok", timeout=5) is None
    assert linkcheck.check_url(f"{base}/moved", timeout=5) is None  # redirect followed to a 200
    assert linkcheck.check_url(f"{base}/no-head", timeout=5) is None  # HEAD refused, GET answers
    assert linkcheck.check_url(f"{base}/missing", timeout=5) == "HTTP 404 Not Found"
    assert linkcheck.check_url(f"{base}/error", timeout=5) == "HTTP 500 Internal Server Error"
    assert linkcheck.check_url(f"{base}/forbidden", timeout=5) == (
        "HTTP 403 Forbidden (the site may refuse automated checks: open it in a browser)")
    assert linkcheck.check_url(f"{base}/moved-to-missing", timeout=5) == "HTTP 404 Not Found"
    assert linkcheck.check_url(f"{base}/slow", timeout=0.3) == "timed out after 0.3 s"
    assert linkcheck.check_url(f"http://127.0.0.1:{closed_port}/", timeout=5) == "connection refused"


def test_a_name_that_does_not_resolve_is_called_a_dns_failure():
    # made, not looked up: the tests use no network
    import urllib.error
    error = urllib.error.URLError(socket.gaierror(socket.EAI_NONAME, "Name or service not known"))
    assert linkcheck.describe(error, 5) == "DNS: the name could not be resolved"
    assert linkcheck.describe(urllib.error.URLError(ConnectionRefusedError()), 5) == "connection refused"


# ---------------------------------------------------------------- the command, run after run

@pytest.fixture
def site(tmp_path, server, monkeypatch):
    """The fixture site in tmp_path, its sources pointing at the local server."""
    _, base = server
    shutil.copytree(FIXTURE, tmp_path, dirs_exist_ok=True)
    shutil.copytree(ROOT / "schemas", tmp_path / "schemas")
    shutil.copytree(ROOT / "labels", tmp_path / "labels")
    (tmp_path / "terms.yml").write_text("[]\n", encoding="utf-8")
    sources = tmp_path / "data/sources.yml"
    sources.write_text(sources.read_text(encoding="utf-8").replace("http://127.0.0.1:PORT", base), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(tool, day: date, monkeypatch, capsys, *args) -> tuple:
    """(exit status, printed body, --count) of one run of the tool on `day` (noon in Thailand)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(datetime(day.year, day.month, day.day, 12,
                                                               tzinfo=dates.THAILAND).timestamp())))
    count = Path("count.txt")
    count.unlink(missing_ok=True)
    status = tool.main(["-f", "mkdocs.yml", "--count", str(count), *map(str, args)])
    body = capsys.readouterr().out
    Path("previous.md").write_text(body, encoding="utf-8")  # what the workflow keeps as the issue's body
    return status, body, count.read_text(encoding="utf-8").strip() if count.exists() else None


def section(body: str, heading: str) -> str:
    """The text under one `## heading`, up to the next heading or the state line."""
    start = body.index(heading)
    ends = [i for i in (body.find("\n## ", start + 1), body.find("\n<!-- thlao", start)) if i != -1]
    return body[start:min(ends)]


def test_a_link_is_dead_only_after_two_failed_weekly_checks(site, server, monkeypatch, capsys):
    httpd, base = server
    httpd.flaky = 503
    # week 1: /missing and /flaky fail for the first time; nothing is dead yet
    status, body, dead = run(linkcheck, TODAY, monkeypatch, capsys, "--previous", "none.md", "--timeout", 5)
    assert (status, dead) == (0, "0")
    assert "ไม่มี / None." in section(body, "## ลิงก์ที่เสีย / Dead links (0)")
    once = section(body, "## ตรวจไม่ผ่านครั้งแรก")
    assert "**gone**" in once and "**flaky**" in once and "**answers**" not in once
    # the same week again (a manual re-run): still a first failure, not a second strike
    status, body, dead = run(linkcheck, TODAY + timedelta(days=1), monkeypatch, capsys,
                             "--previous", "previous.md", "--timeout", 5)
    assert dead == "0" and "Dead links (0)" in body
    # week 2: /missing fails again and is dead since week 1; /flaky answers and is forgotten
    httpd.flaky = 200
    status, body, dead = run(linkcheck, TODAY + timedelta(days=7), monkeypatch, capsys,
                             "--previous", "previous.md", "--timeout", 5)
    assert (status, dead) == (0, "1")
    dead_part = section(body, "## ลิงก์ที่เสีย / Dead links (1)")
    assert f"- **gone** (Gone @\u200bnews &lt;b&gt;): <{base}/missing>\n" in dead_part
    assert "  - HTTP 404 Not Found, ตั้งแต่ / since 2 มีนาคม 2569 / 2 March 2026\n" in dead_part
    assert ("  - แก้ที่ / fix at: [data/sources.yml บรรทัด / line 13]"
            "(https://github.com/example/site/blob/main/data/sources.yml#L13)\n") in dead_part
    assert f"[Wayback Machine](https://web.archive.org/web/*/{base}/missing)" in dead_part
    assert "flaky" not in body and "ตรวจไม่ผ่านครั้งแรก" not in body
    # the state carried on holds only the dead link, since the first failed check
    assert linkcheck.read_state(body, TODAY + timedelta(days=7)) == {
        f"{base}/missing": {"since": TODAY, "failure": "HTTP 404 Not Found"}}


def test_without_the_previous_state_a_failure_is_a_first_strike_again(site, server, monkeypatch, capsys):
    # negative control of the rule above: two failures are counted only when the state is carried
    httpd, _ = server
    httpd.flaky = 200
    run(linkcheck, TODAY, monkeypatch, capsys, "--timeout", 5)
    status, body, dead = run(linkcheck, TODAY + timedelta(days=7), monkeypatch, capsys, "--timeout", 5)
    assert dead == "0" and "Dead links (0)" in body and "**gone**" in section(body, "## ตรวจไม่ผ่านครั้งแรก")


def test_when_no_link_answers_the_runner_is_offline_and_nothing_changes(site, closed_port, monkeypatch, capsys):
    sources = site / "data/sources.yml"
    sources.write_text(re.sub(r"http://127\.0\.0\.1:\d+", f"http://127.0.0.1:{closed_port}",
                              sources.read_text(encoding="utf-8")), encoding="utf-8")
    status, body, dead = run(linkcheck, TODAY, monkeypatch, capsys, "--timeout", 5)
    assert (status, body, dead) == (3, "", None)


# ---------------------------------------------------------------- the state line, read strictly

def test_the_state_survives_any_address_and_only_our_own_line_is_read():
    url = "https://example.org/a--><script>&x=1"
    failing = {url: {"since": date(2026, 2, 23), "failure": "HTTP 404 Not Found"}}
    line = linkcheck.state(failing)
    assert "\n" not in line and line.count("-->") == 1 and "<script>" not in line
    body = f"Someone wrote here.\n{line}\n"
    assert linkcheck.read_state(body, TODAY) == failing
    # no block at all, or one quoted inside a line, is no state
    assert linkcheck.read_state("nothing here", TODAY) == {}
    assert linkcheck.read_state(f"> {line}", TODAY) == {}


@pytest.mark.parametrize("block", [
    '{"version":1,"failing":{}} -->\n<!-- thlao-linkcheck-state: {"version":1,"failing":{}}',  # two blocks
    '{"version":2,"failing":{}}',
    '{"version":1,"failing":{},"extra":1}',
    '{"version":1,"version":1,"failing":{}}',
    '{"version":1,"failing":{"javascript:alert(1)":{"since":"2026-02-23","failure":"x"}}}',
    '{"version":1,"failing":{"https://x.org/":{"since":"2026-03-09","failure":"x"}}}',  # after today
    '{"version":1,"failing":{"https://x.org/":{"since":"23/02/2026","failure":"x"}}}',
    '{"version":1,"failing":{"https://x.org/":{"since":"2026-02-23","failure":NaN}}}',
    '{"version":1,"failing":{"https://x.org/":{"since":"2026-02-23"}}}',
    '{"version":1,"failing":[]}',
    '{"version":1,"failing":{}',
])
def test_a_state_line_not_exactly_as_written_is_refused(block):
    with pytest.raises(linkcheck.StateError):
        linkcheck.read_state(f"text\n<!-- thlao-linkcheck-state: {block} -->\n", TODAY)


def test_a_refused_state_starts_the_count_again(tmp_path, capsys):
    previous = tmp_path / "previous.md"
    previous.write_text('<!-- thlao-linkcheck-state: {"version":1,"failing":[]} -->\n', encoding="utf-8")
    assert linkcheck.previous_state(previous, linkcheck.read_state, TODAY) == {}
    assert "state is ignored" in capsys.readouterr().err


# ---------------------------------------------------------------- the review digest

def digest_lines(body: str, heading: str, label: str) -> list:
    """The text after `label: ` on each line of one language's section."""
    return re.findall(rf"^ +{re.escape(label)}: (.+?) *$", section(body, heading), re.MULTILINE)


def test_the_digest_lists_what_fell_due_after_the_last_run_and_by_today(site, monkeypatch, capsys):
    status, body, count = run(digest, TODAY, monkeypatch, capsys, "--since", LAST_RUN)
    assert (status, count) == (0, "4")
    en = "## Due for review, 23 February 2026 to 2 March 2026"
    # due 24 Feb (an agreement), 25 Feb, 28 Feb (confirmed "2025-02": the month's last day), 2 March
    # (today); not due-on-last-run (due 23 Feb, the last run's day), not due-tomorrow, not the
    # record never confirmed, not mou-old (due since 2021)
    assert digest_lines(body, en, "Page") == [
        "<https://example.org/site/en/agreements/mou-new/>",
        "<https://example.org/site/en/items/due-in-period/>",
        "<https://example.org/site/en/items/due-by-month/>",
        "<https://example.org/site/en/items/due-today/>",
    ]
    assert digest_lines(body, en, "Fix at") == [
        "[data/agreements.yml line 2](https://github.com/example/site/blob/main/data/agreements.yml#L2)",
        "[data/activities.yml line 23](https://github.com/example/site/blob/main/data/activities.yml#L23)",
        "[data/activities.yml line 44](https://github.com/example/site/blob/main/data/activities.yml#L44)",
        "[data/activities.yml line 65](https://github.com/example/site/blob/main/data/activities.yml#L65)",
    ]
    assert re.findall(r"due since (.+?) *$", section(body, en), re.MULTILINE) == [
        "24 February 2026", "25 February 2026", "28 February 2026", "2 March 2026"]
    # the same records in Thai, first, with Thai pages and Buddhist-Era dates
    th = "## ถึงกำหนดทบทวน ระหว่าง 23 กุมภาพันธ์ 2569 ถึง 2 มีนาคม 2569"
    assert body.index(th) < body.index(en)
    assert digest_lines(body, th, "หน้าเว็บ") == [
        "<https://example.org/site/agreements/mou-new/>", "<https://example.org/site/items/due-in-period/>",
        "<https://example.org/site/items/due-by-month/>", "<https://example.org/site/items/due-today/>"]
    assert re.findall(r"ถึงกำหนดเมื่อ (.+?) *$", section(body, th), re.MULTILINE) == [
        "24 กุมภาพันธ์ 2569", "25 กุมภาพันธ์ 2569", "28 กุมภาพันธ์ 2569", "2 มีนาคม 2569"]
    # a title is shown as written: no bold, no @mention
    assert "**Due in the period \\*bold\\* @\u200bsomeone**" in body
    assert body.endswith('<!-- thlao-digest-state: {"ran":"2026-03-02","since":"2026-02-23","version":1} -->\n')


def test_the_digest_reads_the_last_run_from_its_previous_issue(site, monkeypatch, capsys):
    # the week before: its own period; then the next week's run starts where that one ended
    status, body, count = run(digest, LAST_RUN, monkeypatch, capsys)
    assert count == "1" and "after 16 February 2026 and by 23 February 2026" in body  # 7 days ago
    assert digest_lines(body, "## Due for review", "Page") == ["<https://example.org/site/en/items/due-on-last-run/>"]
    status, body, count = run(digest, TODAY, monkeypatch, capsys, "--previous", "previous.md")
    assert count == "4" and "after 23 February 2026 and by 2 March 2026" in body
    # a re-run the same day repeats that period rather than emptying the issue
    status, again, count = run(digest, TODAY, monkeypatch, capsys, "--previous", "previous.md")
    assert count == "4" and again == body
    # the week after: only due-tomorrow, which fell due on 3 March
    status, body, count = run(digest, TODAY + timedelta(days=7), monkeypatch, capsys, "--previous", "previous.md")
    assert count == "1" and digest_lines(body, "## Due for review", "Page") == [
        "<https://example.org/site/en/items/due-tomorrow/>"]


def test_an_empty_period_says_so(site, monkeypatch, capsys):
    status, body, count = run(digest, TODAY + timedelta(days=14), monkeypatch, capsys, "--since",
                              TODAY + timedelta(days=7))
    assert count == "0"
    assert "No record fell due for review in this period." in body
    assert "ไม่มีข้อมูลใดถึงกำหนดทบทวนในช่วงนี้" in body


def test_fell_due_is_the_first_day_due_and_only_inside_the_period():
    # against data.due_for_review: 12 months from the confirmed period's last day
    assert digest.fell_due("2025-02-25", LAST_RUN, TODAY, 12) == date(2026, 2, 25)
    assert digest.fell_due("2025-02", LAST_RUN, TODAY, 12) == date(2026, 2, 28)
    assert digest.fell_due("2025-03-02", LAST_RUN, TODAY, 12) == TODAY
    # negative controls: on the last run's day (already listed then), tomorrow, never confirmed
    assert digest.fell_due("2025-02-23", LAST_RUN, TODAY, 12) is None
    assert digest.fell_due("2025-03-03", LAST_RUN, TODAY, 12) is None
    assert digest.fell_due("unknown", LAST_RUN, TODAY, 12) is None


@pytest.mark.parametrize("block", [
    '{"version":1,"since":"2026-02-23"}',
    '{"version":1,"since":"2026-02-23","ran":"2026-03-09"}',  # after today
    '{"version":1,"since":"2026-03-01","ran":"2026-02-23"}',
    '{"version":1,"since":"2026-02-23","ran":"2026-03-01","who":"x"}',
])
def test_a_digest_state_not_exactly_as_written_is_refused(block):
    with pytest.raises(linkcheck.StateError):
        digest.read_state(f"<!-- thlao-digest-state: {block} -->", TODAY)
