"""Search: one index per language, built from each page's article as rendered, Thai cut into words.

Material's search plugin indexes whole space-delimited phrases, and the i18n plugin merges
both languages into one index. Here every page's <article> is read after rendering, its
Thai text is cut into words with PyThaiNLP (newmm, its dictionary plus the site's own
words), and each language's index is written under its own root: search/ for Thai,
en/search/ for English. The browser side is docs/assets/javascripts/search-worker.js.

Marks in the index text, both invisible:
  WORD_CUT  between two Thai words (where the build cut the text)
  NODE_CUT  where markup splits a run of text (<a>, <strong>, ...) without a space
"""
import json
import re
import shutil
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

from thlao import languages

WORD_CUT = "\u200b"
NODE_CUT = "\u2060"
WORDS_FILE = Path(__file__).with_name("search_words_th.txt")
THAI_RUN = re.compile(r"[\u0e00-\u0e7f]+(?:\.[\u0e00-\u0e7f]+)*")
SPACES = re.compile(r"\s+")
CUTS = re.compile(f"[ {NODE_CUT}]+")
ARTICLE_START = re.compile(r"<article\b", re.IGNORECASE)
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Tags whose edges are a break in the text (a space); any other tag edge is a NODE_CUT.
BLOCKS = HEADINGS | {"p", "div", "li", "ul", "ol", "dl", "dt", "dd", "table", "thead", "tbody",
                     "tr", "td", "th", "pre", "blockquote", "figure", "figcaption", "details",
                     "summary", "section", "nav", "aside", "header", "footer", "br", "hr"}
SKIPPED = {"script", "style"}  # everything else in the article is text a reader meets
VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "source", "col", "area", "embed"}

class _ArticleSections(HTMLParser):
    """Sections of the <article> of a rendered page: a heading with an id starts one."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.sections = []
        self.stack = []  # open tags inside the article
        self.skip = 0  # depth inside script/style/permalink anchors
        self.in_title = 0  # depth of the open heading, 0 outside one

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if not self.stack and tag != "article" or self.skip and tag in VOID:
            return
        if tag in VOID:
            self._cut(tag)
            return
        self.stack.append(tag)
        if self.skip or tag in SKIPPED or "headerlink" in (attrs.get("class") or ""):
            self.skip += 1
            return
        if tag in HEADINGS and attrs.get("id"):
            self.sections.append({"id": attrs["id"], "title": [], "text": []})
            self.in_title = len(self.stack)
            return
        self._cut(tag)

    def handle_endtag(self, tag):
        if not self.stack or tag not in self.stack:
            return
        while self.stack:
            open_tag = self.stack.pop()
            if self.skip:
                self.skip -= 1
            elif len(self.stack) + 1 == self.in_title:
                self.in_title = 0
            else:
                self._cut(open_tag)
            if open_tag == tag:
                break

    def handle_data(self, data):
        if not self.stack or self.skip or not self.sections and data.isspace():
            return
        if not self.sections:
            self.sections.append({"id": "", "title": [], "text": []})
        self.sections[-1]["title" if self.in_title else "text"].append(data)

    def _cut(self, tag):
        if self.sections:
            self.sections[-1]["title" if self.in_title else "text"].append(
                " " if tag in BLOCKS else NODE_CUT)


def article_sections(html: str) -> list[dict]:
    """[{id, title, text}] of the page's <article>, text with NODE_CUT where markup splits it."""
    parser = _ArticleSections()
    parser.feed(article_html(html))
    parser.close()
    return [{"id": s["id"], "title": tidy("".join(s["title"])), "text": tidy("".join(s["text"]))}
            for s in parser.sections]


def article_html(html: str) -> str:
    """From the first <article> to the last </article>: the parser ignores the rest, and the
    navigation around it grows with the number of pages (parsing it made builds quadratic)."""
    start, end = ARTICLE_START.search(html), html.rfind("</article>")
    return html[start.start():end + len("</article>")] if start and end > start.start() else html


def tidy(text: str) -> str:
    """Fold white space; a NODE_CUT next to a space is redundant."""
    text = CUTS.sub(lambda m: " " if " " in m.group() else NODE_CUT, SPACES.sub(" ", text))
    return text.strip(f" {NODE_CUT}")


def dictionary_words() -> set[str]:
    """PyThaiNLP's word list plus the site's own words (one a line, # for comments)."""
    from pythainlp.corpus import thai_words
    lines = WORDS_FILE.read_text(encoding="utf-8").splitlines() if WORDS_FILE.exists() else []
    own = {w.strip() for w in lines if w.strip() and not w.startswith("#")}
    return set(thai_words()) | own


class WordSet:
    """The dictionary as newmm reads it: the words of PyThaiNLP's Trie.prefixes, in its order.

    Built in 20 ms where the Trie of 62,000 words takes 300 ms, and cuts the site as fast.
    What it saves (`make bench-speedups`, December 2026: full builds with PyThaiNLP's dict_trie
    instead, wall-clock medians of interleaved runs): without it the build took 40.8% and 26.4%
    longer on the real site (5 and 9 runs), whose build is short enough that the Trie's set-up
    shows, and nothing measurable at 2,000 items (-12.6% and -2.0%, 3 runs each: noise). It
    stays: it saves 10% or more at one size. tests/test_equivalence.py holds it to the Trie's cuts.
    """

    def __init__(self, words):
        self.words = {w.strip() for w in words} - {""}  # as Trie.add stores them
        lengths = {}  # {first two letters: lengths of the words starting with them}
        for word in self.words:
            if len(word) > 1:
                lengths.setdefault(word[:2], set()).add(len(word))
        self.lengths = {start: sorted(found) for start, found in lengths.items()}

    def __len__(self) -> int:
        return len(self.words)

    def prefixes(self, text: str, start: int = 0) -> list[str]:
        """The words that text has at start, shortest first."""
        words, room = self.words, len(text) - start
        found = [text[start]] if room > 0 and text[start] in words else []
        for n in self.lengths.get(text[start:start + 2], ()):
            if n > room:
                break
            if text[start:start + n] in words:
                found.append(text[start:start + n])
        return found


@lru_cache(maxsize=1)
def _thai_dictionary() -> WordSet:
    return WordSet(dictionary_words())


def thai_words(run: str) -> list[str]:
    """A run of Thai script cut into words, the way the index is cut."""
    from pythainlp.tokenize import word_tokenize
    return word_tokenize(run, custom_dict=_thai_dictionary(), engine="newmm", keep_whitespace=False)


def cut_thai(text: str) -> str:
    """Text with WORD_CUT between the Thai words; everything else unchanged."""
    return THAI_RUN.sub(lambda m: WORD_CUT.join(thai_words(m.group())), text)


def page_docs(url: str, title: str, sections: list[dict]) -> list[dict]:
    """Index documents of one page in Material's shape: the page first, then its sections."""
    docs = []
    for i, section in enumerate(sections):
        location = url if i == 0 else f"{url}#{section['id']}"
        docs.append({"location": location,
                     "title": cut_thai(section["title"] or title),
                     "text": cut_thai(section["text"])})
    return docs


def indexed(page) -> bool:
    """False for a page whose front matter says `search: {exclude: true}`."""
    return not (page.meta.get("search") or {}).get("exclude")


def article_docs(url: str, title: str, html: str) -> list[dict]:
    """Index documents of one rendered page, url taken from its language's root."""
    return page_docs(url, title, article_sections(html))


def index_json(docs: list[dict], search_config: dict) -> str:
    """The index file Material's search reads: its config, then the documents."""
    return json.dumps({"config": search_config, "docs": docs}, ensure_ascii=False,
                      separators=(",", ":"))


INDEX = "search_index.json"  # the name Material fetches
DOCS = "search_docs.json"  # the name docs/assets/javascripts/search-worker.js fetches


def write_indexes(site_dir: Path, pages: dict, default_language: str, separator: str) -> None:
    """Write each language's search files under its root; drop the lunr files no page loads.

    pages: {language: {url: [index document, ...]}}. Material fetches search/search_index.json
    on every page load: it holds the settings only. The documents (about 28 KB compressed in
    Thai) are in search/search_docs.json, which the site's search worker (in the browser)
    fetches when the reader opens search.
    """
    for language, documents in pages.items():
        folder = Path(site_dir) / languages.root(language, default_language) / "search"
        # the browser's search worker needs no lunr settings; Material highlights the chosen page with the separator
        search_config = {"lang": [language], "separator": separator}
        docs = [doc for url in sorted(documents) for doc in documents[url]]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / INDEX).write_text(index_json([], search_config), encoding="utf-8")
        (folder / DOCS).write_text(index_json(docs, search_config), encoding="utf-8")
    # Material's lunr worker and its 677 KB Thai dictionary: the site's search worker replaces them
    shutil.rmtree(Path(site_dir) / "assets" / "javascripts" / "lunr", ignore_errors=True)
