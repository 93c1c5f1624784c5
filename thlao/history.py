"""When each source file last changed, read from git history once per build.

Dates come from commits only. Where history cannot tell (not a git checkout, a
shallow clone, a file never committed or edited since its last commit) a file
has no date, so a page shows none rather than a wrong one.
"""
import subprocess
from datetime import date, datetime
from pathlib import Path

from thlao.dates import THAILAND, Calendar

# First-parent history dates a merged pull request by its merge, when it reached the site.
LOG_ARGS = ("log", "--first-parent", "--diff-merges=first-parent", "--no-renames",
            "--name-only", "--format=%x00%cI")


def _git(root, *args):
    """stdout of a git command run in root, or None when git or the repository is missing."""
    try:
        run = subprocess.run(["git", "-c", "core.quotePath=false", "-C", str(root), *args],
                             capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return run.stdout


def parse_log(text):
    """{path: newest commit datetime} from `git log` output made with LOG_ARGS."""
    dates = {}
    when = None
    for line in text.splitlines():
        if line.startswith("\0"):
            when = datetime.fromisoformat(line[1:])
        elif line and when is not None:
            dates.setdefault(line, when)  # the log runs newest first
    return dates


def last_changed(root, pathspec="."):
    """{absolute Path: date it last changed, in Thailand} for committed, unmodified files.

    Empty when root is not in a git work tree or the clone is shallow: a shallow
    history would date every old file by its cut-off commit.
    """
    head = _git(root, "rev-parse", "--is-shallow-repository", "--show-toplevel")
    if head is None or head.split("\n")[0] != "false":
        return {}
    top = Path(head.split("\n")[1])
    log = _git(root, *LOG_ARGS, "--", pathspec) or ""
    edited = set((_git(root, "diff", "--name-only", "HEAD", "--", pathspec) or "").splitlines())
    return {(top / path).resolve(): when.astimezone(THAILAND).date()
            for path, when in parse_log(log).items() if path not in edited}


def date_of(dates, path) -> date | None:
    """The date a file last changed, or None when history does not say (or there is no file)."""
    return None if path is None else dates.get(Path(path).resolve())


def page_change(dates, path, calendar: Calendar):
    """{'iso', 'text'} of the day a page's source last changed, in its language; None if unknown."""
    when = date_of(dates, path)
    if when is None:
        return None
    return {"iso": when.isoformat(), "text": calendar.date(when.isoformat())}
