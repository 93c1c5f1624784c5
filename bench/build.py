"""Build time: the full bilingual build against the plugins it uses, with none of the site's code.

The yardstick ("plugins only") is Material with the search, i18n and macros plugins configured
as in mkdocs.yml, over the same Markdown, without the site plugin (thlao), the theme overrides
or any macro's work (each macro returns nothing). What the full build costs beyond it is the
site's own code: what this repository controls.

1. This repository: full and plugins-only builds run alternately, median of --runs each.
2. Scale: a copy of the repository with generated data and pages (up to 2,000 activities and
   200 extra pages per language), each size built full and plugins-only (the largest as often
   as this repository, median; the others once).
Peak memory comes from a separate build of each kind, so that sampling it slows no timed build.
Usage: .venv/bin/python bench/build.py [--runs N] [--sizes 0:0,500:50,...]
"""
import argparse
import copy
import itertools
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml
from built_site import PYTHON, ROOT

from thlao import check, items

RATIO_BUDGET = 1.4  # full / plugins only, this repository
SCALE_RATIO_BUDGET = 1.4  # full / plugins only, at 2,000 activities and 200 pages per language (no absolute figure)
SCALE = (2000, 200)  # the budgeted size: (generated activities, pages per language)
SIZES = [(0, 0), (500, 50), (1000, 100), SCALE]
COPIED = ["mkdocs.yml", "docs", "data", "schemas", "labels", "terms.yml", "overrides", "thlao"]


def tree_pss_mb(pid: int) -> float:
    """Memory of a process and its children, as proportional set size (pages they share count
    once). From Linux's /proc; 0 where it cannot be read."""
    total, pids = 0.0, [pid]
    while pids:
        current = pids.pop()
        try:
            rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
            total += int(re.search(r"^Pss:\s+(\d+) kB", rollup, re.M).group(1)) / 1024
            for task in Path(f"/proc/{current}/task").iterdir():
                pids += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, AttributeError, ValueError):
            continue
    return total


def high_water_mb(pid: int) -> float:
    """The most resident memory the process has used since it started its program (VmHWM)."""
    try:
        return int(re.search(r"^VmHWM:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text(), re.M).group(1)) / 1024
    except (OSError, AttributeError):
        return 0.0


def build_command(config: Path, dest: Path) -> list:
    return [PYTHON, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config), "-d", str(dest)]


def timed_build(config: Path, cwd: Path, dest: Path) -> float:
    """Seconds of one `mkdocs build --strict` process, nothing else running beside it."""
    shutil.rmtree(dest, ignore_errors=True)
    start = time.perf_counter()
    run = subprocess.run(build_command(config, dest), cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    seconds = time.perf_counter() - start
    if run.returncode:
        sys.exit(f"build of {config} failed:\n{run.stdout.decode()}")
    return seconds


def peak_build_mb(config: Path, cwd: Path, dest: Path) -> float:
    """Peak memory of one build: the most of its own high-water mark and of it and its child
    processes together, sampled every 0.1 s from /proc (a run of its own, not one that is timed)."""
    shutil.rmtree(dest, ignore_errors=True)
    process = subprocess.Popen(build_command(config, dest), cwd=cwd, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    peak = [0.0]

    def sample():
        while not done.wait(0.1):
            peak[0] = max(peak[0], tree_pss_mb(process.pid), high_water_mb(process.pid))
    done = threading.Event()
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output = process.stdout.read()  # until the build closes it, as it ends
    peak[0] = max(peak[0], high_water_mb(process.pid))
    _, status, usage = os.wait4(process.pid, 0)
    done.set()
    sampler.join()
    if status:
        sys.exit(f"build of {config} failed:\n{output.decode()}")
    return peak[0] or usage.ru_maxrss / 1024


def plugins_only_config(repo: Path, out: Path) -> Path:
    """A config for the plugins as this site configures them, without the site's own code: no
    site plugin, no theme overrides, and a macros module whose macros all return nothing."""
    full = yaml.safe_load((repo / "mkdocs.yml").read_text("utf-8"))
    out.mkdir(exist_ok=True)
    docs = record_pages(repo, out)
    names = sorted(set(re.findall(r"\{\{\s*(\w+)\(", "".join(
        p.read_text("utf-8") for p in docs.rglob("*.md")))))
    (out / "no_op_macros.py").write_text(
        f"def define_env(env):\n    for name in {names!r}:\n        env.macro(lambda *a, **k: '', name)\n")
    plugins = []
    for plugin in full["plugins"]:
        name = plugin if isinstance(plugin, str) else next(iter(plugin))
        if name == "macros":
            plugin = {"macros": {**plugin["macros"], "module_name": "no_op_macros"}}
        if name != "thlao":
            plugins.append(plugin)
    config = {**full, "docs_dir": str(docs), "watch": [], "plugins": plugins,
              "not_in_nav": "*/items/*.md\n*/related/*.md",
              "theme": {k: v for k, v in full["theme"].items() if k != "custom_dir"}}
    path = out / "plugins-only.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    return path


def record_pages(repo: Path, out: Path) -> Path:
    """A copy of repo's docs/ with the page of each record (thlao/items.py) written out as the site
    plugin makes it, so the yardstick renders as many pages as the site does (its macros: no-ops)."""
    docs = out / "docs"
    shutil.copytree(repo / "docs", docs, dirs_exist_ok=True)
    dataset, problems = check.run(repo / "mkdocs.yml")
    assert not problems, problems
    for lang in ("th", "en"):
        for path, markdown in items.pages(dataset, lang).items():
            (docs / lang / path).parent.mkdir(parents=True, exist_ok=True)
            (docs / lang / path).write_text(markdown, "utf-8")
    return docs


def side_by_side(repo: Path, tmp: Path, runs: int) -> dict:
    """{kind: (median seconds, peak MB)} of full and plugins-only builds of repo, timed alternately;
    the memory of each kind from one more build of its own."""
    configs = {"full": repo / "mkdocs.yml", "plugins only": plugins_only_config(repo, tmp / f"floor-{repo.name}")}
    results = {name: [] for name in configs}
    for _, name in itertools.product(range(runs), configs):
        results[name].append(timed_build(configs[name], repo, tmp / "site"))
    return {name: (statistics.median(results[name]), peak_build_mb(configs[name], repo, tmp / "site"))
            for name in configs}


def generated_activities(records: list, count: int) -> list:
    """count activity records cycled from the real ones, each its own copy with a new id and its
    own title and description (shared objects would be written as YAML aliases, and repeated
    text would flatter any cache: a real file has neither)."""
    generated = []
    for i, record in zip(range(count), itertools.cycle(records)):
        record = copy.deepcopy(record)
        record["id"] = f"{record['id']}-gen-{i}"
        record["title"] = {"th": f"{record['title']['th']} ชุดที่ {i}", "en": f"{record['title']['en']}, batch {i}"}
        record["description"] = {lang: f"{text} ({i})" for lang, text in record["description"].items()}
        generated.append(record)
    return generated


def scaled_copy(dest: Path, activities: int, pages: int) -> Path:
    """A copy of the repository with generated activities and pages per language added."""
    dest.mkdir()
    for name in COPIED:
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy
        copy(ROOT / name, dest / name)
    data = dest / "data" / "activities.yml"
    records = yaml.safe_load(data.read_text("utf-8"))
    data.write_text(yaml.safe_dump(records + generated_activities(records, activities),
                                   allow_unicode=True, sort_keys=False), "utf-8")
    for lang in ("th", "en"):
        # an area page's prose and citations; its activities table stays on the area page
        model = re.sub(r"\{\{ *status_table\(.*?\) *\}\}", "",
                       (dest / "docs" / lang / "areas" / "broadband.md").read_text("utf-8"))
        for n in range(pages):
            page = dest / "docs" / lang / "areas" / f"gen-{n:03}.md"
            page.write_text(model.replace("{ #broadband }", f"{n} {{ #gen-{n:03} }}", 1), "utf-8")
    nav = "".join(f"      - areas/gen-{n:03}.md\n" for n in range(pages))
    config = dest / "mkdocs.yml"
    text = config.read_text("utf-8")
    if pages:
        config.write_text(text.replace("\nnav:\n", f"\nnav:\n  - Generated:\n{nav}", 1), "utf-8")
    return dest


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5,
                        help="builds of each kind for this repository and the budgeted scale run (other sizes: one)")
    parser.add_argument("--sizes", default=",".join(f"{a}:{p}" for a, p in SIZES),
                        help="generated activities:pages per language, comma-separated (0:0 is none)")
    args = parser.parse_args()
    runs, sizes = args.runs, [tuple(map(int, size.split(":"))) for size in args.sizes.split(",") if size]
    missed = 0
    # Python keeps each module compiled in __pycache__, as pip did for every installed package;
    # where PYTHONDONTWRITEBYTECODE is set (as on this project's machines) only the site's own
    # package would be compiled anew by every build, so it is compiled once here first.
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(ROOT / "thlao")], check=True)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        here = side_by_side(ROOT, tmp, runs)
        (full, full_mb), (floor, floor_mb) = here["full"], here["plugins only"]
        missed += full / floor > RATIO_BUDGET
        print(f"this repository ({runs} runs each, median): full {full:.2f} s, plugins only {floor:.2f} s, "
              f"ratio {full / floor:.2f} (≤{RATIO_BUDGET}); peak memory full {full_mb:.0f} MB, "
              f"plugins only {floor_mb:.0f} MB")
        print(f"\n{'activities':>10} {'pages/lang':>10} {'full s':>8} {'plugins s':>10} {'ratio':>6} "
              f"{'full MB':>8} {'plugins MB':>10}")
        for activities, pages in sizes:
            repo = scaled_copy(tmp / f"scale-{activities}", activities, pages)
            # the budgeted size is a median too; the others only show the trend
            result = side_by_side(repo, tmp, runs if (activities, pages) == SCALE else 1)
            (full, full_mb), (floor, floor_mb) = result["full"], result["plugins only"]
            print(f"{activities:>10} {pages:>10} {full:>8.2f} {floor:>10.2f} {full / floor:>6.2f} "
                  f"{full_mb:>8.0f} {floor_mb:>10.0f}")
            if (activities, pages) == SCALE:
                missed += full / floor > SCALE_RATIO_BUDGET
                print(f"\nscale run ({activities} activities, {pages} pages per language): {full:.1f} s, "
                      f"ratio {full / floor:.2f} (≤{SCALE_RATIO_BUDGET}), "
                      f"peak memory {full_mb:.0f} MB; {os.cpu_count()} cores\n")
    print("all within budget" if not missed else f"{missed} figure(s) over budget")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
