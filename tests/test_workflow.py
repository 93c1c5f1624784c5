"""The path from a changed fact to a published page: edit links, last-changed dates, CI files."""
import json
import os
import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
import yaml

from harness.data import copy_of_data, edit, line_containing, run_check
from harness.labels import label
from harness.pages import LANGS, doc_pages, soup
from harness.site import FIXTURE_EPOCH, ROOT, fixture_config
from harness.site import build as build_site
from thlao import dates as site_dates
from thlao import history

DOC_PAGES = doc_pages()
THAI, ENGLISH = site_dates.Calendar.of("th", 543), site_dates.Calendar.of("en")

MONTHS_TH = ("มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม",
             "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")


def site_config():
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def git(*args, cwd=ROOT, env=None):
    run = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True,
                         env=None if env is None else {**os.environ, **env})
    return run.stdout.strip()


def source_of(page: str, lang: str) -> str:
    """docs/<lang>/... file a built page comes from: areas/index.html -> docs/th/areas/index.md."""
    stem = page.removesuffix("index.html").rstrip("/") or "index"
    md = ROOT / "docs" / lang / f"{stem}.md"
    path = md if md.is_file() else ROOT / "docs" / lang / stem / "index.md"
    return path.relative_to(ROOT).as_posix()


def edit_target(href: str, repo_url: str) -> str | None:
    """Repository path an edit link opens on main, or None when it leads elsewhere."""
    prefix = f"{repo_url.rstrip('/')}/edit/main/"
    return href[len(prefix):] if href.startswith(prefix) else None


# --- "Edit this page" ---------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_every_page_edit_links_open_its_own_file_in_its_language(real_site, lang):
    config = site_config()
    for page in DOC_PAGES:
        doc = soup(real_site / LANGS[lang] / page)
        hrefs = {a["href"] for a in doc.select('a[rel="edit"], a.page-edit-link')}
        assert len(hrefs) == 1, (page, hrefs)  # Material's pencil and the text link agree
        target = edit_target(hrefs.pop(), config["repo_url"])
        assert target == source_of(page, lang), page
        assert target.startswith(f"docs/{lang}/") and (ROOT / target).is_file(), target


def test_edit_link_check_rejects_wrong_targets():
    # negative controls: another repository, a path without the language folder, a missing file
    repo = "https://github.com/o/r"
    assert edit_target("https://github.com/x/r/edit/main/docs/th/index.md", repo) is None
    assert edit_target(f"{repo}/blob/main/docs/th/index.md", repo) is None
    assert edit_target(f"{repo}/edit/main/docs/index.md", repo) == "docs/index.md"
    assert not (ROOT / "docs/index.md").is_file()
    assert source_of("areas/index.html", "en") == "docs/en/areas/index.md"
    assert source_of("areas/broadband/index.html", "th") == "docs/th/areas/broadband.md"


@pytest.mark.parametrize("lang", LANGS)
def test_history_link_lists_the_commits_of_the_same_file(real_site, lang):
    config = site_config()
    for page in DOC_PAGES:
        doc = soup(real_site / LANGS[lang] / page)
        edit = doc.select_one("a.page-edit-link")["href"]
        log = doc.select_one("a.page-history-link")["href"]
        assert log == edit.replace("/edit/", "/commits/", 1) and log.startswith(config["repo_url"])


# --- when each page last changed -----------------------------------------------------------------

def full_history() -> bool:
    return git("rev-parse", "--is-shallow-repository") == "false"


def expected_change(source: str) -> str | None:
    """What git says about one file, asked on its own: its last-change day in UTC+7, or None."""
    if not full_history() or git("status", "--porcelain", "--", source):
        return None
    # --no-patch: this git (2.39) prints a merge's diff with --diff-merges, after its date
    stamp = git("log", "-1", "--first-parent", "--diff-merges=first-parent", "--no-patch",
                "--format=%cI", "--", source)
    if not stamp:
        return None
    return datetime.fromisoformat(stamp).astimezone(site_dates.THAILAND).date().isoformat()


def shown_change(path: Path):
    """(datetime attribute, visible text) of a page's last-changed date, or None."""
    time = soup(path).select_one(".page-last-changed time[datetime]")
    return (time["datetime"], time.get_text(strip=True)) if time else None


@pytest.mark.parametrize("lang", LANGS)
def test_each_page_shows_the_day_git_says_it_last_changed(real_site, lang):
    dated = 0
    for page in DOC_PAGES:
        expected = expected_change(source_of(page, lang))
        shown = shown_change(real_site / LANGS[lang] / page)
        if expected is None:  # uncommitted, edited since committed, or a shallow clone: no date
            assert shown is None, page
            continue
        dated += 1
        assert shown and shown[0] == expected, page
        year, month, day = (int(p) for p in expected.split("-"))
        words = (f"{day} {MONTHS_TH[month - 1]} {year + 543}" if lang == "th"
                 else f"{day} {MONTHS_EN[month - 1]} {year}")
        assert shown[1] == words, page
    # on a clean, full clone (CI) every page is dated
    if full_history() and not git("status", "--porcelain", "--", f"docs/{lang}"):
        assert dated == len(DOC_PAGES)


def dated(when: str) -> dict:
    """Environment that makes git record `when` as the commit's date."""
    return {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}


def commit(repo: Path, name: str, text: str, when: str):
    (repo / name).parent.mkdir(parents=True, exist_ok=True)
    (repo / name).write_text(text, encoding="utf-8")
    git("add", name, cwd=repo)
    git("commit", "-q", "-m", f"change {name}", cwd=repo, env=dated(when))


@pytest.fixture
def repo(tmp_path):
    """A small git repository with dated commits: a.md twice, b.md once."""
    path = tmp_path / "repo"
    path.mkdir()
    git("init", "-q", "-b", "main", cwd=path)
    git("config", "user.name", "Test", cwd=path)
    git("config", "user.email", "test@example.org", cwd=path)
    commit(path, "docs/a.md", "one", "2024-01-10T09:00:00+00:00")
    commit(path, "docs/b.md", "one", "2024-03-05T09:00:00+00:00")
    commit(path, "docs/a.md", "two", "2025-12-31T20:30:00+00:00")  # 1 January 2026 in UTC+7
    return path


def test_last_changed_takes_the_newest_commit_in_thai_time(repo):
    dates = history.last_changed(repo / "docs")
    assert history.date_of(dates, repo / "docs/a.md").isoformat() == "2026-01-01"
    assert history.date_of(dates, repo / "docs/b.md").isoformat() == "2024-03-05"
    assert history.page_change(dates, repo / "docs/a.md", THAI) == {
        "iso": "2026-01-01", "text": "1 มกราคม 2569"}
    assert history.page_change(dates, repo / "docs/a.md", ENGLISH) == {
        "iso": "2026-01-01", "text": "1 January 2026"}


def test_no_date_for_files_history_cannot_date(repo):
    (repo / "docs/a.md").write_text("edited, not committed", encoding="utf-8")
    (repo / "docs/new.md").write_text("never committed", encoding="utf-8")
    dates = history.last_changed(repo / "docs")
    assert history.date_of(dates, repo / "docs/a.md") is None
    assert history.date_of(dates, repo / "docs/new.md") is None
    assert history.page_change(dates, repo / "docs/new.md", THAI) is None
    assert history.date_of(dates, repo / "docs/b.md").isoformat() == "2024-03-05"  # control


def test_no_dates_from_a_shallow_clone_or_outside_git(repo, tmp_path):
    shallow = tmp_path / "shallow"
    git("clone", "-q", "--depth", "1", f"file://{repo}", str(shallow), cwd=tmp_path)
    assert (shallow / "docs/b.md").is_file()  # the file is there, its history is not
    assert history.last_changed(shallow / "docs") == {}
    plain = tmp_path / "plain"
    plain.mkdir()
    assert history.last_changed(plain) == {}
    full = tmp_path / "full"
    git("clone", "-q", f"file://{repo}", str(full), cwd=tmp_path)
    dates = history.last_changed(full / "docs")
    assert history.date_of(dates, full / "docs/b.md").isoformat() == "2024-03-05"  # control


def test_a_merged_change_is_dated_by_its_merge(repo):
    git("checkout", "-q", "-b", "edit", cwd=repo)
    commit(repo, "docs/b.md", "two", "2025-02-01T09:00:00+00:00")
    git("checkout", "-q", "main", cwd=repo)
    git("merge", "-q", "--no-ff", "-m", "merge", "edit", cwd=repo,
        env=dated("2025-06-01T09:00:00+00:00"))
    dates = history.last_changed(repo / "docs")
    assert history.date_of(dates, repo / "docs/b.md").isoformat() == "2025-06-01"
    assert history.date_of(dates, repo / "docs/a.md").isoformat() == "2026-01-01"


# --- the GitHub workflows ------------------------------------------------------------------------

WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))
# an action pinned to a full commit SHA with its release beside it, or a workflow of this repository
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$|^(\./|\$/)\.github/workflows/[\w.-]+\.yml")


def unpinned(text: str) -> list[str]:
    """`uses:` values not pinned to a full commit SHA with its `# vX.Y.Z` release beside it."""
    uses = re.findall(r"^\s*-?\s*uses:\s*(.+?)\s*$", text, re.MULTILINE)
    return [u for u in uses if not PINNED.match(u)]


def load(path: Path) -> dict:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["on"] = doc.pop(True, doc.get("on"))  # YAML 1.1 reads the key `on` as true
    return doc


def test_the_workflows_are_the_known_ones():
    assert {p.name for p in WORKFLOWS} <= {"ci.yml", "deploy.yml", "weekly.yml", "intake.yml"}
    assert {"ci.yml", "deploy.yml", "weekly.yml"} <= {p.name for p in WORKFLOWS}


# What each job may write, and why: anything else is read-only.
WRITES = {
    ("deploy.yml", "deploy"): {"pages", "id-token"},  # publish the site
    ("weekly.yml", "deploy"): {"pages", "id-token"},  # the weekly rebuild calls deploy.yml
    ("weekly.yml", "issues"): {"issues"},  # the dead-links and review-due issues
    ("intake.yml", "pull-request"): {"contents", "pull-requests"},  # the branch intake/issue-N and its pull request
    ("intake.yml", "report"): {"issues"},  # the bilingual message, or the label for a person
}
BUILDS = ("make build", "make test", "make check-data", "make diff-site")  # need the dates in git history


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_hygiene(path):
    text, doc = path.read_text(encoding="utf-8"), load(path)
    assert unpinned(text) == [] and re.search(r"uses:", text)
    assert "pull_request_target" not in text and "pull_request_target" not in doc["on"]
    assert doc["permissions"] in ({}, {"contents": "read"})
    for name, job in doc["jobs"].items():
        writes = {k for k, v in job.get("permissions", {}).items() if v == "write"}
        assert writes <= WRITES.get((path.name, name), set()), (path.name, name, writes)
        if "uses" in job:  # a job that calls another workflow has neither steps nor a timeout
            continue
        assert isinstance(job.get("timeout-minutes"), int), name
        builds = any(any(b in (step.get("run") or "") for b in BUILDS) for step in job["steps"])
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False, name
                if builds:
                    assert step["with"]["fetch-depth"] == 0, name  # dates need the full history


def test_pinning_check_catches_tags_and_short_shas():
    # negative control
    text = ("      - uses: actions/checkout@v4\n"
            "      - uses: actions/setup-python@a26af69 # v5.6.0\n"
            "        uses: actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02\n"
            "      - uses: actions/deploy-pages@d6db90164ac5ed86f2b6aed7e0febac5b3c0c03e # v4.0.5")
    assert len(unpinned(text)) == 3


def lint(linter: str, folder: Path) -> subprocess.CompletedProcess:
    """actionlint (syntax, expressions, untrusted input in scripts) or zizmor (security audits,
    offline: nothing is fetched), as installed by requirements/test.txt, over a workflows folder."""
    tools, files = Path(sys.executable).parent, sorted(folder.glob("*.yml"))
    assert files, folder
    command = {"actionlint": [tools / "actionlint", "-no-color", *files],
               "zizmor": [tools / "zizmor", "--offline", "--no-progress", *files]}[linter]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("linter", ["actionlint", "zizmor"])
def test_the_workflows_lint_clean(linter):
    run = lint(linter, ROOT / ".github" / "workflows")
    assert run.returncode == 0, run.stdout + run.stderr


@pytest.mark.parametrize("linter", ["actionlint", "zizmor"])
def test_each_lint_finds_an_issue_title_in_a_script(linter, tmp_path):
    # negative control: the injection the intake workflow must never make
    (tmp_path / "bad.yml").write_text(
        "on: issues\npermissions: {}\njobs:\n  echo:\n    runs-on: ubuntu-24.04\n    timeout-minutes: 5\n"
        "    steps:\n      - run: echo \"${{ github.event.issue.title }}\"\n", encoding="utf-8")
    run = lint(linter, tmp_path)
    assert run.returncode != 0 and "github.event.issue.title" in run.stdout + run.stderr


def test_ci_checks_builds_uploads_a_preview_and_tests_on_every_pull_request():
    ci = load(ROOT / ".github/workflows/ci.yml")
    assert "pull_request" in ci["on"] and ci["on"]["push"]["branches"] == ["main"]
    steps = ci["jobs"]["check"]["steps"]
    runs = [s.get("run") for s in steps]
    assert runs.index("make check-data") < runs.index("make build") < runs.index("make test")
    python = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python@"))
    assert python["with"]["python-version"] == "3.11"
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site/" and runs.index("make build") < steps.index(upload)


def test_deploy_runs_only_from_main_with_the_pages_actions():
    deploy = load(ROOT / ".github/workflows/deploy.yml")
    assert deploy["on"] == {"push": {"branches": ["main"]}, "workflow_call": None}
    uses = [step.get("uses", "").split("@")[0]
            for job in deploy["jobs"].values() for step in job["steps"]]
    assert "actions/upload-pages-artifact" in uses and "actions/deploy-pages" in uses
    assert deploy["jobs"]["deploy"]["environment"]["name"] == "github-pages"
    assert deploy["jobs"]["build"]["permissions"] == {"contents": "read"}


# --- what contributors meet ----------------------------------------------------------------------

# Each form's fields that must be filled before the issue can be opened (a status update's source
# is an id or a new source's fields: the intake, not the form, requires one of them).
FORMS = {
    "status-update.yml": {"record", "status", "date", "note-th", "note-en"},
    "correction.yml": {"record", "what", "evidence", "date"},
    "new-related.yml": {"title-th", "title-en", "description-th", "description-en", "date", "areas"},
    "new-source.yml": {"source-url", "source-publisher-th", "source-publisher-en", "source-date",
                       "source-language", "source-description-th", "source-description-en"},
    "new-item.yml": {"title-th", "title-en", "description-th", "description-en", "agreement", "area", "kind",
                     "status", "evidence", "date"},
}


def test_issue_forms_require_what_the_data_needs_and_warn_about_personal_data():
    chooser = yaml.safe_load((ROOT / ".github/ISSUE_TEMPLATE/config.yml").read_text())
    assert chooser["blank_issues_enabled"] is False
    for name, needed in FORMS.items():
        form = yaml.safe_load((ROOT / ".github/ISSUE_TEMPLATE" / name).read_text(encoding="utf-8"))
        required = {b["id"] for b in form["body"] if b.get("validations", {}).get("required")}
        assert required == needed, name
        promise = next(b for b in form["body"] if b.get("id") == "no-personal-data")
        assert all(option["required"] for option in promise["attributes"]["options"]), name
        warning = form["body"][0]["attributes"]["value"]
        assert "ข้อมูลส่วนบุคคล" in warning and "personal data" in warning, name


def test_forms_and_guide_offer_exactly_the_status_words_the_check_accepts():
    schema = json.loads((ROOT / "schemas/common.schema.json").read_text(encoding="utf-8"))
    allowed = schema["$defs"]["status"]["enum"]
    for name in ("status-update.yml", "new-item.yml"):
        form = yaml.safe_load((ROOT / ".github/ISSUE_TEMPLATE" / name).read_text(encoding="utf-8"))
        field = next(b for b in form["body"] if b.get("id") == "status")
        assert [o.split(" ")[0] for o in field["attributes"]["options"]] == allowed, name
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    tables = re.findall(r"^ *\| `([a-z-]+)` \|", guide, re.MULTILINE)
    assert tables == allowed + allowed  # the Thai table, then the English one


def test_pull_request_template_asks_for_source_and_date_of_every_changed_fact():
    text = (ROOT / ".github/pull_request_template.md").read_text(encoding="utf-8")
    boxes = [line for line in text.splitlines() if line.startswith("- [ ]")]
    assert any("source" in b and "sources.yml" in b for b in boxes)
    assert any("date" in b and "confirmed:" in b for b in boxes)


def test_codeowners_name_reviewers_for_data_and_both_languages():
    owners = {}
    for line in (ROOT / ".github/CODEOWNERS").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            path, *teams = line.split()
            owners[path] = teams
    teams = {"/data/": "data-stewards", "/docs/th/": "th-editors", "/docs/en/": "en-editors"}
    for path, team in teams.items():
        assert owners[path] == [f"@thlao-digital/{team}"] and (ROOT / path.strip("/")).is_dir()


# --- a clerk's pull request, end to end ---------------------------------------------------------

NOTICE = """
- id: clerk-test-notice
  description:
    th: ประกาศทดสอบ
    en: Test notice
  publisher:
    th: ผู้เผยแพร่ทดสอบ
    en: Test publisher
  url: https://example.org/notice
  published: {when}
  language: th
"""
HISTORY_ENTRY = """    - date: {when}
      status: implementation
      note:
        th: ทดสอบการเปลี่ยนสถานะ
        en: A status change made by the tests.
      sources: [clerk-test-notice]
"""


def clerk_update(data_dir: Path, record_id: str, when: str):
    """What CONTRIBUTING.md asks for: a new source, then status, date and history of one record."""
    with (data_dir / "sources.yml").open("a", encoding="utf-8") as sources:
        sources.write(NOTICE.format(when=when))
    path = data_dir / "activities.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index(f"- id: {record_id}\n")
    end = text.find("\n- id: ", start)
    end = len(text) if end == -1 else end + 1
    block = text[start:end].rstrip("\n") + "\n"
    for field, value in (("status", "implementation"), ("confirmed", when)):
        block, count = re.subn(rf"^  {field}: .*$", f"  {field}: {value}", block, count=1,
                               flags=re.MULTILINE)
        assert count == 1, field
    block, count = re.subn(r"^  sources: \[(.*)\]$", r"  sources: [\1, clerk-test-notice]", block,
                           count=1, flags=re.MULTILINE)
    # the history list closes the record, so the new entry goes at its end
    assert count == 1 and block.rstrip().splitlines()[-1].startswith("      sources:")
    path.write_text(text[:start] + block + HISTORY_ENTRY.format(when=when) + "\n" + text[end:],
                    encoding="utf-8")


def test_make_check_data_is_the_module_the_pull_request_path_runs():
    recipe = re.search(r"^check-data:.*\n\t(.+)$", (ROOT / "Makefile").read_text(), re.MULTILINE)
    assert recipe and recipe.group(1).endswith("-m thlao.check")


def test_a_status_typo_is_annotated_on_its_line_and_the_fix_shows_in_the_preview(tmp_path):
    record = "fx-posts-2018"  # of the fixture data: its status line is written as CONTRIBUTING.md shows
    when = site_dates.parse("2026-06-01").first_day()
    data_dir = copy_of_data(tmp_path)
    clerk_update(data_dir, record, when.isoformat())
    typed = f"  status: implementaton\n  confirmed: {when.isoformat()}"
    edit(data_dir / "activities.yml", typed.replace("implementaton", "implementation"), typed)
    line = line_containing(data_dir / "activities.yml", "status: implementaton")
    github = {"GITHUB_ACTIONS": "true", "SOURCE_DATE_EPOCH": FIXTURE_EPOCH}

    # the check fails, and the annotation names the file and the line, in English then Thai
    run = run_check(data_dir, tmp_path, env=github)
    assert run.returncode == 1
    notes = [n for n in run.stdout.splitlines() if n.startswith("::error ")]
    here = [n for n in notes if re.match(rf"::error file=[^,]*activities\.yml,line={line}::", n)]
    assert len(here) == 1 and '"implementaton"' in here[0] and 'Did you mean "implementation"?' in here[0]
    english, thai = here[0].split("::", 2)[2].split(" / ", 1)
    assert "is not allowed" in english and re.search("[\u0e00-\u0e7f]", thai)

    # fixing the word turns the check green
    edit(data_dir / "activities.yml", "status: implementaton", "status: implementation")
    run = run_check(data_dir, tmp_path, env=github)
    assert run.returncode == 0 and "no problems" in run.stdout

    # the preview built from the fixed data shows the new status, its date and its source
    site = tmp_path / "site"
    build_site(site, config=fixture_config(tmp_path, data=data_dir),
               env={"SOURCE_DATE_EPOCH": FIXTURE_EPOCH})
    for lang, prefix in LANGS.items():
        calendar = THAI if lang == "th" else ENGLISH
        for page in ("areas/fx-posts/index.html", "status/index.html"):
            row = soup(site / prefix / page).select_one(f'tr[data-record="activities/{record}"]')
            assert row.select_one(".status").get_text(strip=True) == label(lang, "item_status.implementation")
            assert row.select_one(f'time[datetime="{when.isoformat()}"]').get_text(strip=True) == \
                calendar.date(when.isoformat())
            assert row.th.a["href"].endswith(f"items/{record}/"), (lang, page)
        entry = soup(site / prefix / "sources/index.html").select_one("#src-clerk-test-notice")
        assert entry is not None and {"th": "ผู้เผยแพร่ทดสอบ", "en": "Test publisher"}[lang] in entry.get_text()
