"""Typing into the site's search box as a reader does, and which pages a query should find.

A page is relevant to a query when the text of its <article> holds the query (case and white
space folded, invisible characters ignored): what a reader means by "the pages that say this".
"""
import re
from pathlib import Path

from bs4 import BeautifulSoup
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from thlao.search import article_html

INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\u00ad\ufeff]")
SEARCH_FILES = re.compile(r"search_(index|docs)\.json|search-worker\.js|thai-match\.js|/workers/|/lunr/")
RESULT_LINKS = ".md-search-result__item > a, .md-search-result__item > .md-search-result__link"


def norm(text: str, fold_case: bool = True) -> str:
    """Lower case, white space folded, invisible characters dropped."""
    text = " ".join(INVISIBLE.sub("", text).split())
    return text.lower() if fold_case else text


def article_texts(site: Path, fold_case: bool = True) -> dict[str, str]:
    """{URL path: article text} of every page of a built site but the 404s."""
    texts = {}
    for html in sorted(site.rglob("index.html")):
        # the article alone is parsed: the navigation around it is most of a page
        article = BeautifulSoup(article_html(html.read_text(encoding="utf-8")), "html.parser").find("article")
        if article:
            for tag in article(["script", "style"]):
                tag.decompose()
            texts["/" + str(html.relative_to(site)).removesuffix("index.html")] = \
                norm(article.get_text(" "), fold_case)
    return texts


def in_language(path: str, lang: str) -> bool:
    return path.startswith("/en/") == (lang == "en")


def relevant(texts: dict, lang: str, query: str) -> set[str]:
    return {p for p, t in texts.items() if in_language(p, lang) and norm(query) in t}


# In the page: when the reader last released a key, and when the result list last changed.
WATCH_JS = """() => {
  const input = document.querySelector('input.md-search__input')
  input.addEventListener('keyup', () => { window.__key = performance.now() }, true)
  new MutationObserver(() => { window.__result = performance.now() })
    .observe(document.querySelector('.md-search-result'),
             {subtree: true, childList: true, characterData: true})
}"""
# What the reader sees of the results: the count line and the links.
SHOWN_JS = (f"[...document.querySelectorAll('{RESULT_LINKS}')].map(a => a.href).join('|') + "
            "document.querySelector('.md-search-result__meta').textContent")
# true once what is shown has stayed the same for ms
STABLE_JS = """([ms]) => {
  const key = SHOWN
  if (key === window.__last) return performance.now() - window.__since > ms
  window.__last = key
  window.__since = performance.now()
  return false
}""".replace("SHOWN", SHOWN_JS)


def open_search(context, url: str):
    """A page at url with its search box focused and watched."""
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector("input.md-search__input", state="attached")
    page.evaluate(WATCH_JS)
    return page


def type_query(page, query: str) -> tuple[list[str], float]:
    """Type query as a reader does; the result paths in order, and ms from last key to results."""
    page.bring_to_front()  # a page in the background gets its key events late, or not at all
    page.fill("input.md-search__input", "")
    page.keyboard.press("End")
    page.wait_for_function(STABLE_JS, arg=[150], polling=20)
    before = page.evaluate(f"() => {{ window.__result = 0; return {SHOWN_JS} }}")
    page.keyboard.type(query)
    page.keyboard.press("End")  # Thai goes in as text input; a key release makes Material search
    try:
        page.wait_for_function(f"([b]) => {SHOWN_JS} !== b", arg=[before], polling=5, timeout=5000)
    except PlaywrightTimeout:  # no answer at all (a search that broke): read what is shown
        pass
    page.wait_for_function(STABLE_JS, arg=[200], polling=20)
    key, result = page.evaluate("() => [window.__key, window.__result]")
    paths = []
    for href in page.eval_on_selector_all(RESULT_LINKS, "els => els.map(e => e.pathname)"):
        if href not in paths:
            paths.append(href)
    return paths, max(0.0, result - key) if result else float("nan")
