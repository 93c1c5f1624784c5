"""Build time: the full bilingual build against a bare Material build of the same Markdown.

1. This repository: full build (all plugins and hooks) and bare build (theme material, same
   Markdown and extensions, no plugins, no hooks, no overrides), run alternately, median of runs.
   Beside them, where the time goes: the plugins as configured here with none of the site's code
   (no hooks, no overrides, every macro a no-op), first without mkdocs-macros, then with it.
2. Scale: a copy of the repository with generated data and pages (up to 2,000 activities and
   200 extra pages per language), each size built full and bare (the largest as often as this
   repository, median; the others once); time, ratio, peak memory.
Usage: .venv/bin/python bench/build.py [--runs N]
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

RATIO_BUDGET = 1.5  # full / bare, this repository
SCALE_RATIO_BUDGET = 1.25  # full / bare, at 2,000 activities and 200 pages per language
SCALE_SECONDS_BUDGET = 30.0
SIZES = [(0, 0), (500, 50), (1000, 100), (2000, 200)]  # (generated activities, pages per language)
COPIED = ["mkdocs.yml", "docs", "data", "schemas", "overrides", "thlao"]


def tree_pss_mb(pid: int) -> float:
    """Memory of a process and its children (the build's worker), as proportional set size:
    pages shared since the fork count once. From Linux's /proc; 0 where it cannot be read."""
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


def timed_build(config: Path, cwd: Path, dest: Path) -> tuple[float, float]:
    """(seconds, peak MB) of one `mkdocs build --strict` process, with its worker.

    Peak: the most of the build's own high-water mark and of it and its worker together,
    sampled every 0.1 s from /proc. (The rusage figure also counts the forked copy of this
    benchmark before the build's program starts, which grows with the generated data.)
    """
    shutil.rmtree(dest, ignore_errors=True)
    start = time.perf_counter()
    process = subprocess.Popen([PYTHON, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config),
                                "-d", str(dest)], cwd=cwd, stdout=subprocess.PIPE,
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
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    if status:
        sys.exit(f"build of {config} failed:\n{output.decode()}")
    return seconds, peak[0] or usage.ru_maxrss / 1024


def bare_config(repo: Path, out: Path) -> Path:
    """A config for Material alone over the repository's Markdown, with the same extensions."""
    full = yaml.safe_load((repo / "mkdocs.yml").read_text("utf-8"))
    bare = {"site_name": full["site_name"], "docs_dir": str(repo / "docs"),
            "theme": {"name": "material"}, "plugins": [],
            "markdown_extensions": full["markdown_extensions"]}
    out.write_text(yaml.safe_dump(bare, allow_unicode=True), "utf-8")
    return out


def plugins_only_configs(repo: Path, out: Path) -> dict:
    """{name: config} for the plugins as this site configures them, without the site's own code:
    no hooks, no theme overrides, and a module whose macros all return nothing."""
    full = yaml.safe_load((repo / "mkdocs.yml").read_text("utf-8"))
    names = sorted(set(re.findall(r"\{\{\s*(\w+)\(", "".join(
        p.read_text("utf-8") for p in (repo / "docs").rglob("*.md")))))
    out.mkdir(exist_ok=True)
    (out / "no_op_macros.py").write_text(
        f"def define_env(env):\n    for name in {names!r}:\n        env.macro(lambda *a, **k: '', name)\n")
    base = {**full, "docs_dir": str(repo / "docs"), "hooks": [], "watch": [],
            "theme": {k: v for k, v in full["theme"].items() if k != "custom_dir"}}
    plugins = [p for p in full["plugins"] if not (isinstance(p, dict) and "macros" in p)]
    configs = {"i18n + search": {**base, "plugins": plugins},
               "+ macros": {**base, "plugins": [*plugins, {"macros": {"module_name": "no_op_macros"}}]}}
    for name, config in configs.items():
        path = out / f"{name.replace(' ', '').replace('+', '_')}.yml"
        path.write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
        configs[name] = path
    return configs


def side_by_side(repo: Path, tmp: Path, runs: int, extra: dict | None = None) -> dict:
    """Median seconds and peak MB of full and bare builds of repo (and any extra configs), run alternately."""
    configs = {"full": repo / "mkdocs.yml", "bare": bare_config(repo, tmp / "bare.yml"), **(extra or {})}
    results = {name: [] for name in configs}
    for _, name in itertools.product(range(runs), configs):
        results[name].append(timed_build(configs[name], repo, tmp / f"site-{name}"))
    return {name: (statistics.median(s for s, _ in r), max(m for _, m in r)) for name, r in results.items()}


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
    parser.add_argument("--runs", type=int, default=3,
                        help="builds of each kind for this repository and the budgeted scale run (other sizes: one)")
    runs = parser.parse_args().runs
    missed = 0
    # Python keeps each module compiled in __pycache__, as pip did for every installed package;
    # where PYTHONDONTWRITEBYTECODE is set (as on this project's machines) only the site's own
    # package would be compiled anew by every build, so it is compiled once here first.
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(ROOT / "thlao")], check=True)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        floors = plugins_only_configs(ROOT, tmp / "plugins-only")
        here = side_by_side(ROOT, tmp, runs, floors)
        ratio = here["full"][0] / here["bare"][0]
        missed += ratio > RATIO_BUDGET
        print(f"this repository ({runs} runs each, median): full {here['full'][0]:.2f} s, "
              f"bare {here['bare'][0]:.2f} s, ratio {ratio:.2f} (≤{RATIO_BUDGET}); "
              f"peak memory full {here['full'][1]:.0f} MB, bare {here['bare'][1]:.0f} MB")
        print("  where the time goes (the plugins as configured here, none of the site's code):")
        for name in ("bare", *floors, "full"):
            label = {"bare": "Material alone", "full": "the whole site"}.get(name, name)
            print(f"    {label:<16} {here[name][0]:.2f} s  {here[name][0] / here['bare'][0]:.2f}× bare")
        print(f"\n{'activities':>10} {'pages/lang':>10} {'full s':>8} {'bare s':>8} {'ratio':>6} "
              f"{'full MB':>8} {'bare MB':>8}")
        for activities, pages in SIZES:
            repo = scaled_copy(tmp / f"scale-{activities}", activities, pages)
            # the budgeted size is a median too; the others only show the trend
            result = side_by_side(repo, tmp, runs if (activities, pages) == SIZES[-1] else 1)
            (full, full_mb), (bare, bare_mb) = result["full"], result["bare"]
            print(f"{activities:>10} {pages:>10} {full:>8.2f} {bare:>8.2f} {full / bare:>6.2f} "
                  f"{full_mb:>8.0f} {bare_mb:>8.0f}")
        missed += full > SCALE_SECONDS_BUDGET
        missed += full / bare > SCALE_RATIO_BUDGET
        print(f"\nscale run ({activities} activities, {pages} pages per language): {full:.1f} s "
              f"(<{SCALE_SECONDS_BUDGET:g} s), ratio {full / bare:.2f} (≤{SCALE_RATIO_BUDGET}), "
              f"peak memory {full_mb:.0f} MB; {os.cpu_count()} cores")
    print("all within budget" if not missed else f"{missed} figure(s) over budget")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
