"""Every speed-up pays or goes: the full build with and without each one, interleaved.

Each speed-up is taken out of a copy of the repository (never this one) by the one change that
stands for it below, and the copies are built in turn, RUNS times, so that whatever else the
machine does falls on all of them alike. Each copy is committed to a git repository of its own,
as CI and the deploy build from a checkout: the pages' last-changed dates are read from git
history as in a real build. Prints each one's wall-clock and CPU medians and how much
longer the build takes without it, beside the rule: a speed-up stays only where the build takes
at least 10% longer without it, here or at scale (issue 21). Where the code a change looks for
is gone, it stops and says which.

Usage: .venv/bin/python bench/speedups.py [--scale] [--runs N] [name ...]
  here: the median of 5 runs (the default); --scale: 2,000 items and 200 pages per language, 3 runs.
"""
import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from build import COPIED, SCALE, build_command, scaled_copy
from built_site import ROOT

RULE = 0.10  # the build takes at least this much longer without it, at one size or the other

# name: [(file, the text that makes the speed-up, the text without it)]
WITHOUT = {
    "worker": [  # thlao/plugin.py: the data check, git dates, open data and search index in a second process
        ("mkdocs.yml", "      worker: auto", "      worker: off"),
    ],
    "passthrough": [  # thlao/passthrough.py: the macros' HTML goes past Markdown as markers
        ("thlao/passthrough.py", "        if not html:\n            return html\n", "        return html\n"),
        ("thlao/passthrough.py", "        return MARKER.sub(self._put_back, page_html)", "        return page_html"),
    ],
    "wordset": [  # thlao/search.py WordSet: PyThaiNLP's own Trie instead
        ("thlao/search.py", "    return WordSet(dictionary_words())",
         "    from pythainlp.util import dict_trie\n    return dict_trie(dictionary_words())"),
    ],
}


def copy_without(name: str, dest: Path, scale: bool) -> Path:
    """A copy of the repository (or of its scaled copy) with one speed-up taken out ("base": none)."""
    if scale:
        scaled_copy(dest, *SCALE)
    else:
        dest.mkdir(parents=True)
        for item in COPIED:
            (shutil.copytree if (ROOT / item).is_dir() else shutil.copy)(ROOT / item, dest / item)
    for file, made, unmade in WITHOUT.get(name, []):
        text = (dest / file).read_text("utf-8")
        if made not in text:
            sys.exit(f"{name}: {file} no longer has the code this benchmark takes out; update WITHOUT")
        (dest / file).write_text(text.replace(made, unmade, 1), "utf-8")
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "copy"]):
        subprocess.run(["git", "-c", "user.name=bench", "-c", "user.email=bench@localhost", *command],
                       cwd=dest, check=True)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(dest / "thlao")], check=True)
    return dest


def timed(tree: Path, out: Path) -> tuple[float, float]:
    """(wall, CPU) seconds of one full build of tree, its child processes' CPU included."""
    shutil.rmtree(out, ignore_errors=True)
    before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    run = subprocess.run(build_command(tree / "mkdocs.yml", out), cwd=tree, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    wall, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
    if run.returncode:
        sys.exit(f"build of {tree} failed:\n{run.stdout.decode()[-3000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", action="store_true", help="2,000 items and 200 pages per language")
    parser.add_argument("--runs", type=int, help="builds of each (default: 5 here, 3 at scale)")
    parser.add_argument("names", nargs="*", help=f"the speed-ups, of {', '.join(WITHOUT)} (default: all)")
    args = parser.parse_args()
    if unknown := set(args.names) - set(WITHOUT):
        parser.error(f"no speed-up called {', '.join(sorted(unknown))}; there are {', '.join(WITHOUT)}")
    names, runs = ["base", *(args.names or WITHOUT)], args.runs or (3 if args.scale else 5)
    with tempfile.TemporaryDirectory(prefix="thlao-speedups-") as work:
        trees = {name: copy_without(name, Path(work) / name, args.scale) for name in names}
        walls, cpus = {n: [] for n in names}, {n: [] for n in names}
        for run in range(runs):
            for name in names:
                wall, cpu = timed(trees[name], Path(work) / "site")
                walls[name].append(wall)
                cpus[name].append(cpu)
                print(f"run {run + 1}/{runs} {name}: {wall:.2f} s", file=sys.stderr, flush=True)
    base = statistics.median(walls["base"])
    print(f"{'scale (2,000 items)' if args.scale else 'this repository'}: wall-clock medians of {runs} "
          f"interleaved full builds; a speed-up stays if the build takes >= {RULE:.0%} longer without it "
          "at one size or the other")
    for name in names:
        wall, cpu = statistics.median(walls[name]), statistics.median(cpus[name])
        longer = "" if name == "base" else f"  without it: {wall / base - 1:+.1%}"
        print(f"  {name:12s} {wall:6.2f} s wall  {cpu:6.2f} s CPU{longer}  runs {[round(w, 2) for w in walls[name]]}")


if __name__ == "__main__":
    main()
