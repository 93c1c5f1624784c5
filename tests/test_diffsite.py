"""`make diff-site BASE=<ref>` (thlao/diffsite.py): what a change does to the site, in words.

Two tests build a copy of the repository in a git repository of their own (BASE from a worktree
with its own code, the working tree beside it): one status changed must be said in exactly one
line per language; nothing changed must print nothing. The others compare small hand-written
pages, where every expected line is written out.
"""
import html
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from thlao import diffsite

ROOT = Path(__file__).resolve().parent.parent
COPIED = ("mkdocs.yml", "terms.yml", "docs", "data", "schemas", "labels", "overrides", "thlao")


def git(repo: Path, *args) -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.org", GIT_AUTHOR_DATE="2026-01-01T00:00:00+07:00",
               GIT_COMMITTER_DATE="2026-01-01T00:00:00+07:00")
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    """A git repository holding a copy of the site, committed once."""
    root = tmp_path_factory.mktemp("diffsite") / "repo"
    root.mkdir()
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, root / name)
    git(root, "init", "--quiet")
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "-m", "base")
    return root


def diff_site(repo: Path, base: str = "HEAD", epoch: str | None = None) -> subprocess.CompletedProcess:
    """`python -m thlao.diffsite BASE` in repo, as `make diff-site` runs it (the repo's own thlao)."""
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "PYTHONPATH")}
    if epoch:
        env["SOURCE_DATE_EPOCH"] = epoch
    return subprocess.run([sys.executable, "-m", "thlao.diffsite", base], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=900)


def labels(lang: str) -> dict:
    return yaml.safe_load((ROOT / f"labels/{lang}.yml").read_text(encoding="utf-8"))


def section(report: str, heading: str) -> list:
    """The lines of one language's part of the report."""
    part = report.split(f"## {heading}", 1)[1].split("\n## ", 1)[0]
    return [line for line in part.splitlines() if line.startswith("- ")]


# ---------------------------------------------------------------- on the real site, built twice

def test_nothing_changed_prints_nothing(repo):
    # a negative control: the same commit on both sides, built one after the other with no date
    # given, so only the moment of each build differs; the page facts (when a page's source last
    # changed) and the edit links' line numbers are not the article's text
    run = diff_site(repo)
    assert (run.returncode, run.stdout) == (0, ""), run.stderr


def test_one_status_change_is_one_line_per_language(repo):
    path = repo / "data/activities.yml"
    original = path.read_text(encoding="utf-8")
    records = yaml.load(original, Loader=yaml.BaseLoader)
    item = records[0]  # whichever record comes first today
    old = item["status"]
    new = next(s for s in ("implementation", "pipeline") if s != old)
    block_start = original.index(f"- id: {item['id']}\n")
    block_end = original.find("\n- id: ", block_start + 1)
    block = original[block_start:block_end if block_end > 0 else len(original)].rstrip("\n")
    lines = block.split("\n")
    status_line = next(i for i, line in enumerate(lines) if line.startswith("  status: "))
    lines[status_line] = f"  status: {new}"
    confirmed = next(i for i, line in enumerate(lines) if line.startswith("  confirmed: "))
    lines[confirmed] = "  confirmed: 2025-12-01"
    source = yaml.load((repo / "data/sources.yml").read_text("utf-8"), Loader=yaml.BaseLoader)[0]["id"]
    lines += ["    - date: 2025-12-01", f"      status: {new}", "      note:",
              "        th: ทดสอบการเปลี่ยนสถานะ", "        en: A status change for the test.",
              f"      sources: [{source}]"]
    path.write_text(original.replace(block, "\n".join(lines), 1), encoding="utf-8")
    try:
        run = diff_site(repo, epoch="1768435200")  # 15 January 2026: both sides built for that day
    finally:
        path.write_text(original, encoding="utf-8")
    assert run.returncode == 0, run.stderr
    assert run.stdout.index("## ภาษาไทย (th)") < run.stdout.index("## English (en)")
    for lang, heading, prefix in (("th", "ภาษาไทย (th)", "/"), ("en", "English (en)", "/en/")):
        words = labels(lang)
        status_words = {code: diffsite.md(text) for code, text in words["item_status"].items()}
        said = section(run.stdout, heading)
        change = f"{status_words[old]} → {status_words[new]}"
        lines_with_change = [line for line in said if change in line]
        # exactly one line says it, about the record, named as its page names the field, with the
        # pages that show it: the record's own page, the status page, its area's page
        assert len(lines_with_change) == 1, (lang, lines_with_change)
        line = lines_with_change[0]
        title, label = diffsite.md(item["title"][lang]), diffsite.md(words["item_page"]["status"])
        assert line.startswith(f"- {title} — {label}: {change} · "), line
        for page in (f"items/{item['id']}/", "status/", f"areas/{item['area']}/"):
            assert f"`{prefix}{page}`" in line, (page, line)
        # what follows from it elsewhere is said too, each once with its pages: the counts by
        # status on the status page go down by one for the old status
        count = sum(1 for r in records if r["status"] == old)
        assert any(f"{count} → {count - 1}" in other and f"`{prefix}status/`" in other
                   for other in said if other != line), said
        assert len(said) == len(set(said))


# ---------------------------------------------------------------- on small pages, every line written out

def page(lang: str, body: str, facts: str = "") -> str:
    return (f'<!doctype html><html lang="{lang}"><head><title>x</title></head><body><nav>menu</nav>'
            f'<article class="md-content__inner md-typeset"><a class="md-content__button" href="e">'
            f'<svg><text>icon</text></svg></a>{body}<aside class="md-source-file">{facts}</aside></article>'
            f"<footer>footer</footer></body></html>")


ITEM = """<h1 id="record">Broadband<a class="headerlink" href="#record">¶</a></h1>
<h2 id="status">Status</h2>
<dl><dt>Status</dt><dd><span class="status">{status}</span>{why}</dd><dt>Last confirmed</dt><dd>{when}</dd></dl>
<p>Edit <a href="https://example.org/data/activities.yml#L{line}">this record</a>.</p>"""
TABLE = """<h1 id="status">Status</h1><p>{sentence}</p>
<table><caption>MOU items by status</caption><thead><tr><th>Status</th><th>Total</th></tr></thead><tbody>
{rows}</tbody></table>
<table><caption>All MOU items</caption><thead><tr><th>MOU item</th><th>Status</th></tr></thead><tbody>
<tr data-record="activities/broadband"><th scope="row"><a href="x">Broadband</a></th><td><span>{status}</span></td></tr>
<tr data-record="activities/broadband-2022"><th scope="row"><a href="x">Broadband</a></th><td><span>Not reported</span></td></tr>
</tbody></table>"""
RELATED = """<h1 id="r">A related development</h1><h2 id="items">MOU items in the same areas</h2>
<ul><li><a href="x">Broadband</a> · <span class="status">{status}</span></li><li><a href="y">Posts</a> · <span>Not reported</span></li></ul>"""


def small_site(folder: Path, status: str, why: str, when: str, line: int, rows: str, sentence: str,
               extra: dict = None) -> Path:
    pages = {
        "en/items/broadband/index.html": page("en", ITEM.format(status=status, why=why, when=when, line=line),
                                              facts=f"Last changed {line}"),
        "en/status/index.html": page("en", TABLE.format(status=status, rows=rows, sentence=sentence)),
        "en/related/r/index.html": page("en", RELATED.format(status=status)),
        "en/search/index.html": "<html><body>no article</body></html>",
        **(extra or {}),
    }
    for path, text in pages.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(text, encoding="utf-8")
    return folder


BEFORE = dict(status="Not reported", why=" — No source reports progress.", when="February 2018", line=78,
              rows='<tr><th scope="row">Not reported</th><td>28</td></tr>',
              sentence="No source reports progress on any of the 28 items.")
AFTER = dict(status="Implementation", why="", when="November 2025", line=80,
             rows='<tr><th scope="row">Implementation</th><td>1</td></tr><tr><th scope="row">Not reported</th><td>27</td></tr>',
             sentence="Sources report progress on 1 of the 28 items.")


def test_report_groups_each_change_with_its_pages(tmp_path):
    old = diffsite.read_site(small_site(tmp_path / "a", **BEFORE))
    new = diffsite.read_site(small_site(tmp_path / "b", **AFTER, extra={
        "en/related/new/index.html": page("en", "<h1>A new development</h1><p>Text with `code` & <b>@someone</b> #1</p>")}))
    assert diffsite.report(old, new) == "\n".join([
        "## English (en)",
        "",
        "1 page(s) added · 0 removed · 3 with changed text",
        "",
        "### Pages added",
        "",
        "- `/en/related/new/` A new development",
        "",
        "### Text changed",
        "",
        "- Broadband — Status: Not reported → Implementation · on `/en/items/broadband/`, `/en/related/r/`, `/en/status/`",
        "- Broadband — Status: removed “No source reports progress.” · on `/en/items/broadband/`",
        "- Broadband — Last confirmed: February 2018 → November 2025 · on `/en/items/broadband/`",
        "- MOU items by status — added “Implementation \\| 1” · on `/en/status/`",
        "- Not reported — Total: 28 → 27 · on `/en/status/`",
        "- “No source reports progress on any of the 28 items.” → “Sources report progress on 1 of the 28 items.” · on `/en/status/`",
        "",
    ])


def test_only_the_article_text_counts(tmp_path):
    # a negative control: the edit link's line number, the page facts, the menu and the footer
    # differ; the article's text does not
    old = diffsite.read_site(small_site(tmp_path / "a", **BEFORE))
    moved = dict(BEFORE, line=91)
    new = diffsite.read_site(small_site(tmp_path / "b", **moved))
    for path in new:
        file = tmp_path / "b" / path.lstrip("/") / "index.html"
        file.write_text(file.read_text("utf-8").replace("menu", "other menu").replace("footer", "other"), "utf-8")
    assert diffsite.report(old, diffsite.read_site(tmp_path / "b")) == ""
    # and the report does see a change of the article's text (the control can fail)
    changed = dict(BEFORE, when="March 2018")
    assert "February 2018 → March 2018" in diffsite.report(old, diffsite.read_site(small_site(tmp_path / "c", **changed)))


def test_page_text_is_escaped_in_the_report(tmp_path):
    old = diffsite.read_site(small_site(tmp_path / "a", **BEFORE))
    hostile = dict(BEFORE, when=html.escape("<img src=x> @team [a](javascript:x) ${{ secrets.X }} `code`"))
    report = diffsite.report(old, diffsite.read_site(small_site(tmp_path / "b", **hostile)))
    line = next(line for line in report.splitlines() if "Last confirmed" in line)
    assert line == ("- Broadband — Last confirmed: February 2018 → \\<img src\\=x\\> \\@team \\[a\\]\\(javascript:x\\) "
                    "\\$\\{\\{ secrets.X \\}\\} \\`code\\` · on `/en/items/broadband/`")
