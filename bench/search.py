"""Search benchmark: build the site, type queries into its search box in headless Chromium.

Reports, per kind of query and overall: recall of the first 10 results, R-precision, results
in the wrong language, ms from the last keystroke to the results (median, p95), and the
bytes (gzip, as GitHub Pages serves them) the search loads on a page, beside the 100 KB budget.

A page is relevant to a query when the text of its <article> holds the query (case and white
space folded, invisible characters ignored): what a reader means by "the pages that say this".

    make bench-search                                   # build, then run bench/queries-wide.tsv
    .venv/bin/python bench/search.py --site DIR FILE    # an existing build, other queries
    .venv/bin/python bench/search.py --write-queries bench/queries-wide.tsv   # new query set
    .venv/bin/python bench/search.py --cuts             # browser's Thai cut against the build's

Query files: 'th' or 'en', a tab, the query; '# == kind ==' lines name the kind that follows.
"""
import argparse
import json
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from harness.browser import launch, serve  # noqa: E402
from harness.search import (  # noqa: E402
    SEARCH_FILES,
    article_texts,
    in_language,
    open_search,
    relevant,
    type_query,
)
from harness.site import build  # noqa: E402

TOP = 10
BUDGET = 100 * 1024
def read_queries(path: Path) -> list[tuple[str, str, str]]:
    """[(kind, lang, query)] from a query file."""
    kind, rows = "queries", []
    for line in path.read_text(encoding="utf-8").splitlines():
        if m := re.match(r"#\s*==\s*(.+?)\s*==", line):
            kind = m.group(1)
        elif line.strip() and not line.startswith("#"):
            lang, _, query = line.partition("\t")
            rows.append((kind, lang, query.strip()))
    return rows


def score(rows):
    """Recall@TOP, R-precision, wrong-language share, latency median and p95 of result rows."""
    judged = [r for r in rows if r["relevant"]]
    recall = (sum(len(r["relevant"] & set(r["got"][:TOP])) for r in judged) /
              max(1, sum(min(len(r["relevant"]), TOP) for r in judged)))
    firsts = [(r["relevant"], r["got"][:min(TOP, len(r["relevant"]))]) for r in judged]
    rprec = statistics.mean(len(rel & set(got)) / len(got) if got else 0.0
                            for rel, got in firsts) if judged else 0.0
    shown = sum(len(r["got"][:TOP]) for r in rows)
    wrong = sum(not in_language(p, r["lang"]) for r in rows for p in r["got"][:TOP])
    ms = sorted(r["ms"] for r in rows if r["ms"] == r["ms"])
    p95 = ms[min(len(ms) - 1, int(0.95 * len(ms)))] if ms else float("nan")
    return {"queries": len(rows), "judged": len(judged), "recall": recall, "r_precision": rprec,
            "wrong_language": wrong / shown if shown else 0.0,
            "ms_median": statistics.median(ms) if ms else float("nan"), "ms_p95": p95}


def search_bytes(browser, base: str, lang: str) -> tuple[int, int]:
    """(bytes the search loads, bytes the whole page loads) opening a page and searching once."""
    context = browser.new_context()
    sizes = {}
    context.on("response",
               lambda r: sizes.__setitem__(r.url, int(r.headers.get("content-length", 0))))
    page = open_search(context, base + ("en/" if lang == "en" else ""))
    type_query(page, "digital" if lang == "en" else "ดิจิทัล")
    context.close()
    return sum(n for u, n in sizes.items() if SEARCH_FILES.search(u)), sum(sizes.values())


def run(site: Path, queries, *, show_misses: bool = True) -> dict:
    """Type every query on its language's site; print the figures; return them."""
    from playwright.sync_api import sync_playwright
    texts = article_texts(site)
    rows = []
    with serve(site, compress=True) as base, sync_playwright() as pw:
        browser = launch(pw)
        weight = {lang: search_bytes(browser, base, lang) for lang in ("th", "en")}
        context = browser.new_context()
        pages = {lang: open_search(context, base + ("en/" if lang == "en" else ""))
                 for lang in ("th", "en")}
        for kind, lang, query in queries:
            got, ms = type_query(pages[lang], query)
            rows.append({"kind": kind, "lang": lang, "q": query, "got": got, "ms": ms,
                         "relevant": relevant(texts, lang, query)})
        browser.close()
    report(rows, weight, show_misses)
    return {"all": score(rows), "bytes": weight}


def report(rows, weight, show_misses):
    line = "{:<34} {:>4} {:>6} {:>8} {:>8} {:>7} {:>9} {:>7}"
    print(line.format("kind", "n", "judged", "recall", "R-prec", "wrong", "ms med", "ms p95"))
    kinds = list(dict.fromkeys(r["kind"] for r in rows))
    for name, group in [*((k, [r for r in rows if r["kind"] == k]) for k in kinds), ("ALL", rows)]:
        s = score(group)
        print(line.format(name[:34], s["queries"], s["judged"], f"{s['recall']:.1%}",
                          f"{s['r_precision']:.1%}", f"{s['wrong_language']:.1%}",
                          f"{s['ms_median']:.1f}", f"{s['ms_p95']:.1f}"))
    for lang, (search, total) in weight.items():
        verdict = "within" if search <= BUDGET else "OVER"
        print(f"search bytes ({lang} page, gzip): {search / 1024:.1f} KB of the "
              f"{BUDGET / 1024:.0f} KB budget ({verdict}); "
              f"whole page with search: {total / 1024:.1f} KB")
    for r in rows if show_misses else []:
        k = min(TOP, len(r["relevant"]))
        rel, got = r["relevant"], r["got"]
        found = min(len(rel & set(got[:TOP])), len(rel & set(got[:k])))
        if k and found < k:
            print(f"  miss [{r['kind']}] {r['lang']} {r['q']!r}: relevant {sorted(rel)[:5]}"
                  f"{'…' if len(rel) > 5 else ''} got {got[:TOP]}")


# Query set: drawn from the built site's own words, cut by PyThaiNLP's plain dictionary (not
# the index's cut), plus spans cut at random, so the set does not favour the index's words.
def write_queries(site: Path, out: Path, seed: int = 7):
    from pythainlp.tokenize import word_tokenize
    rnd = random.Random(seed)
    texts = article_texts(site, fold_case=False)
    th = " ".join(t for p, t in texts.items() if in_language(p, "th"))
    en = " ".join(t for p, t in texts.items() if in_language(p, "en"))
    runs = sorted(set(re.findall(r"[\u0e00-\u0e7f]{4,}", th)))
    cut = {run: [w for w in word_tokenize(run, engine="newmm") if w.strip()] for run in runs}
    words = sorted({w for ws in cut.values() for w in ws if len(w) >= 2})
    mid = sorted({w for ws in cut.values() for w in ws[1:-1] if len(w) >= 3})
    phrases = sorted({"".join(ws[i:i + n]) for ws in cut.values() for n in (2, 3, 4)
                      for i in range(len(ws) - n + 1) if len(ws) >= n})
    partial = sorted({w[:max(2, round(len(w) * 0.6))] for w in words if len(w) >= 5})
    spans = sorted({run[i:i + n] for run in rnd.sample(runs, min(60, len(runs)))
                    for n in [rnd.randint(3, 10)]
                    for i in [rnd.randrange(0, max(1, len(run) - n))]})
    latin_th = sorted(set(re.findall(r"[A-Za-z]{3,}(?: [A-Za-z]{3,})?", th)))
    en_words = sorted(set(re.findall(r"[A-Za-z]{3,}", en)))
    en_pairs = sorted(set(re.findall(r"(?=\b([A-Za-z]{3,} [A-Za-z]{3,})\b)", en)))
    en_partial = sorted({w[:max(3, round(len(w) * 0.6))] for w in en_words if len(w) >= 6})

    def pick(items, n):
        return rnd.sample(items, min(n, len(items)))
    kinds = [("th single words", "th", pick(words, 50)),
             ("th words mid-phrase", "th", pick(mid, 40)),
             ("th unspaced multi-word phrases", "th", pick(phrases, 50)),
             ("th partial words (typing)", "th", pick(partial, 30)),
             ("th spans cut at random", "th", pick(spans, 30)),
             ("th latin words on Thai pages", "th", pick(latin_th, 15)),
             ("en single words", "en", pick(en_words, 40)),
             ("en two-word phrases", "en", pick(en_pairs, 30)),
             ("en partial words (typing)", "en", pick(en_partial, 20))]
    lines = ["# Wider search queries drawn from the built site (bench/search.py --write-queries).",
             "# 'th' is typed on the Thai site (/), 'en' on the English site (/en/)."]
    for kind, lang, items in kinds:
        lines.append(f"# == {kind} ==")
        lines += [f"{lang}\t{q}" for q in items]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {sum(len(i) for _, _, i in kinds)} queries to {out}")


# In the browser: the worker's own cut (the index's words) and ICU's (Intl.Segmenter) of each run.
CUTS_JS = """([index, runs]) => {
  setup(index)
  const icu = new Intl.Segmenter("th", {granularity: "word"})
  return runs.map(run => [cutThai(run), [...icu.segment(run)].map(s => s.segment)])
}"""


def cut_agreement(site: Path):
    """How often the browser cuts the site's Thai runs as the build did: worker's cut, ICU's."""
    from playwright.sync_api import sync_playwright
    index = json.loads((site / "search" / "search_docs.json").read_text(encoding="utf-8"))
    runs = sorted({r for d in index["docs"] for t in (d["title"], d["text"])
                   for r in re.findall("[\u0e00-\u0e7f\u200b]+", t) if "\u200b" in r})
    with sync_playwright() as pw:
        browser = launch(pw)
        page = browser.new_page()
        for script in ("thai-match.js", "search-worker.js"):  # the worker's importScripts, by hand
            page.add_script_tag(path=str(site / "assets" / "javascripts" / script))
        cuts = page.evaluate(CUTS_JS, [index, [r.replace("\u200b", "") for r in runs]])
        browser.close()
    built = [r.split("\u200b") for r in runs]
    for name, theirs in (("worker (index words)", [c[0] for c in cuts]),
                         ("ICU Intl.Segmenter", [c[1] for c in cuts])):
        same = sum(a == b for a, b in zip(built, theirs, strict=True))
        a_cuts = [cut_points(a) for a in built]
        b_cuts = [cut_points(b) for b in theirs]
        agree = sum(len(a & b) for a, b in zip(a_cuts, b_cuts, strict=True))
        precision = agree / max(1, sum(map(len, b_cuts)))
        recall = agree / max(1, sum(map(len, a_cuts)))
        print(f"{name}: {same}/{len(runs)} runs cut as the build cut them "
              f"({same / len(runs):.1%}); "
              f"cut points: precision {precision:.1%}, recall {recall:.1%}")


def cut_points(words: list[str]) -> set[int]:
    ends, at = set(), 0
    for word in words[:-1]:
        at += len(word)
        ends.add(at)
    return ends


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("queries", nargs="*", type=Path, default=[ROOT / "bench" / "queries-wide.tsv"])
    ap.add_argument("--site", type=Path, help="an existing build (default: build the site now)")
    ap.add_argument("--write-queries", type=Path, metavar="FILE", help="write a new query set")
    ap.add_argument("--cuts", action="store_true",
                    help="compare the browser's Thai cut with the build's")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = a.site or Path(tmp) / "site"
        if not a.site:
            started = time.perf_counter()
            build(site, quiet=True)
            print(f"built {site} in {time.perf_counter() - started:.1f} s")
        if a.write_queries:
            write_queries(site, a.write_queries)
            return
        if a.cuts:
            cut_agreement(site)
            return
        run(site, [q for f in a.queries for q in read_queries(f)])


if __name__ == "__main__":
    main()
