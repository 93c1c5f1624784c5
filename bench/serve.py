"""`mkdocs serve`: seconds from saving a data file to the rebuilt page being served.

In a copy of the repository (with generated data and pages for --scale), starts `mkdocs serve`
on a free loopback port, waits until it serves, changes one activity's English title in
data/activities.yml, and asks for the status page (which lists every activity) until it shows
the new title. Budgets: 3 s for this repository, 15 s at scale. The copy and the server go at
the end, whatever happens; every wait is bounded.

Usage: .venv/bin/python bench/serve.py [--scale] [--runs N]
"""
import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from build import SCALE, scaled_copy
from built_site import PYTHON

BUDGET = 3.0  # seconds, this repository
SCALE_BUDGET = 15.0  # seconds, at 2,000 activities and 200 pages per language
START_TIMEOUT = 300  # the first build, before anything is served
CHANGE_TIMEOUT = 120


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return None


def wait_for(condition, timeout: float, what: str):
    """condition()'s first true answer, asked every 50 ms; exit saying what did not happen in time."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        answer = condition()
        if answer:
            return answer
        time.sleep(0.05)
    sys.exit(f"{what}: not within {timeout} s")


def rebuild_seconds(repo: Path, runs: int) -> list[float]:
    """Seconds from each save of data/activities.yml to the status page showing it."""
    port = free_port()
    status_page = f"http://127.0.0.1:{port}/en/status/"
    server = subprocess.Popen([PYTHON, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=repo,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
                              env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    data = repo / "data" / "activities.yml"
    try:
        original = wait_for(lambda: fetch(status_page), START_TIMEOUT, "mkdocs serve did not start")
        text = data.read_text("utf-8")
        anchor = "\n    en: "  # the first English title: its record's title, shown on the status page
        assert anchor in text, "no English title found in data/activities.yml"
        seconds = []
        for run in range(runs):
            marker = f"Rebuilt {run} {time.time_ns()}"
            assert marker not in original
            data.write_text(text.replace(anchor, f"{anchor}{marker} ", 1), "utf-8")
            saved = time.perf_counter()
            wait_for(lambda shown=marker: shown in (fetch(status_page) or ""), CHANGE_TIMEOUT,
                     "the change was not served")
            seconds.append(time.perf_counter() - saved)
            time.sleep(1)  # let the server settle before the next save
        return seconds
    finally:
        os.killpg(server.pid, signal.SIGTERM)  # the server and what it started, and nothing else
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", action="store_true",
                        help=f"{SCALE[0]} generated activities and {SCALE[1]} pages per language")
    parser.add_argument("--runs", type=int, default=3, help="saves to time (median)")
    args = parser.parse_args()
    activities, pages = SCALE if args.scale else (0, 0)
    budget = SCALE_BUDGET if args.scale else BUDGET
    with tempfile.TemporaryDirectory() as tmp:
        repo = scaled_copy(Path(tmp) / "repo", activities, pages)
        seconds = rebuild_seconds(repo, args.runs)
    median = statistics.median(seconds)
    where = f"{activities} activities, {pages} pages per language" if args.scale else "this repository"
    print(f"mkdocs serve, {where}: data file saved to page served in {median:.1f} s "
          f"(median of {len(seconds)}: {', '.join(f'{s:.1f}' for s in seconds)}; budget {budget:g} s)")
    return 0 if median <= budget else 1


if __name__ == "__main__":
    sys.exit(main())
