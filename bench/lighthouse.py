"""Lighthouse 12.2.3, mobile settings, on four Thai pages served gzip-compressed on 127.0.0.1.

Prints each category score against its budget, and the audits that cost points.
Usage: .venv/bin/python bench/lighthouse.py [--runs N]   (needs `npm ci` in bench/)
"""
import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from built_site import CHROMIUM, CHROMIUM_ARGS, ROOT, build, localize, serve

LIGHTHOUSE = ROOT / "bench" / "node_modules" / ".bin" / "lighthouse"
PAGES = {"home": "", "area page": "areas/broadband/", "dashboard": "status/",
         "item page": "items/mou-2018-broadband/"}
BUDGETS = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}


def lighthouse(url: str, out: Path) -> dict:
    """One Lighthouse run (its default mobile emulation and simulated slow 4G); the JSON report."""
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    subprocess.run([str(LIGHTHOUSE), url, f"--chrome-path={CHROMIUM}", f"--chrome-flags={flags}",
                    "--only-categories=" + ",".join(BUDGETS), "--output=json",
                    f"--output-path={out}", "--quiet"], check=True)
    return json.loads(out.read_text("utf-8"))


def lost_points(report: dict, category: str) -> list[str]:
    """The weighted audits of a category that did not score fully."""
    audits = report["audits"]
    return [f"{ref['id']} ({audits[ref['id']]['score']:.2f}) {audits[ref['id']].get('displayValue', '')}"
            for ref in report["categories"][category]["auditRefs"]
            if ref["weight"] and audits[ref["id"]]["score"] is not None and audits[ref["id"]]["score"] < 1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the median is shown")
    runs = parser.parse_args().runs
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is not installed: run `npm ci --ignore-scripts --prefix bench` (make bench does)")
    missed = 0
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(site)
        with serve(site, compress=True) as base:
            localize(site, base)
            print(f"{'page':<12}" + "".join(f"{c:>16}" for c in BUDGETS))
            for name, path in PAGES.items():
                reports = [lighthouse(base + path, Path(tmp) / f"lh-{i}.json") for i in range(runs)]
                scores = {c: statistics.median(round(r["categories"][c]["score"] * 100) for r in reports)
                          for c in BUDGETS}
                print(f"{name:<12}" + "".join(f"{f'{scores[c]:g} (≥{b})':>16}" for c, b in BUDGETS.items()))
                for category, budget in BUDGETS.items():
                    if scores[category] < budget:
                        missed += 1
                        for audit in lost_points(reports[0], category):
                            print(f"    {category}: {audit}")
    print("all within budget" if not missed else f"{missed} score(s) under budget")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
