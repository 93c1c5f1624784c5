"""Page weight: compressed bytes for a Thai page's first view, and for opening search after it.

The site is served gzip-compressed on 127.0.0.1 at its own origin; a fresh browser (empty
cache) loads each page at phone size until the network is idle, fonts included.
Usage: .venv/bin/python bench/weight.py
"""
import sys
import tempfile
from pathlib import Path

from built_site import build, launch, localize, serve

PAGES = {"home": "", "area page": "areas/broadband/", "dashboard": "status/", "timeline": "timeline/",
         "item page": "items/mou-2018-broadband/"}
FIRST_VIEW_BUDGET = 150_000  # bytes, compressed, fonts included
SEARCH_BUDGET = 100_000  # bytes more when search is opened and a Thai word typed
QUERY = "บรอดแบนด์"  # a Thai word the site uses; what it finds does not matter here
SEARCH_DOCS = "search/search_docs.json"  # the documents search needs (thlao/search.py DOCS)


def weigh(browser, url: str) -> tuple[int, int, list[str], list[str]]:
    """(first view bytes, bytes added by opening search and typing, the URLs of each)."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2)
    sizes = []  # (url, compressed body bytes as sent), workers' fetches included
    context.on("response", lambda r: sizes.append((r.url, int(r.headers.get("content-length", 0)))))
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(500)  # fetches that start after load (search index, sitemap)
    first = list(sizes)
    page.locator("label.md-header__button[for=__search]").click()
    page.keyboard.type(QUERY)
    page.keyboard.press("End")  # Thai goes in as text input; a key release makes Material search
    page.wait_for_selector(".md-search-result__item")
    page.wait_for_load_state("networkidle")
    context.close()
    opened = sizes[len(first):]
    return (sum(n for _, n in first), sum(n for _, n in opened), [u for u, _ in first],
            [u for u, _ in opened])


def main() -> int:
    missed = 0
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(site)
        from playwright.sync_api import sync_playwright
        with serve(site, compress=True) as base, sync_playwright() as playwright:
            localize(site, base)
            browser = launch(playwright)
            print(f"{'Thai page':<12}{'first view':>24}{'opening search':>24}  first-view requests")
            for name, path in PAGES.items():
                first, search, urls, opened = weigh(browser, base + path)
                # fetched in one phase or the other: if in neither, the figures leave them out
                if not any(SEARCH_DOCS in u for u in urls + opened):
                    sys.exit(f"{name}: {SEARCH_DOCS} was never fetched; the weights leave it out")
                missed += (first > FIRST_VIEW_BUDGET) + (search > SEARCH_BUDGET)
                print(f"{name:<12}{f'{first / 1000:.1f} KB (≤{FIRST_VIEW_BUDGET // 1000})':>24}"
                      f"{f'+{search / 1000:.1f} KB (≤{SEARCH_BUDGET // 1000})':>24}  {len(urls)}"
                      f"  search loads: {', '.join(u.removeprefix(base) for u in opened)}")
            browser.close()
    print("all within budget" if not missed else f"{missed} figure(s) over budget")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
