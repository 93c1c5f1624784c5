"""Search finds what the reader typed, in the reader's language.

Queries come from the built site's own text, so the tests follow the content as it grows.
A page is relevant when its article holds the query (harness/search.py: the benchmark's rule too).
"""
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import material
import pytest
from pythainlp.tokenize import word_tokenize

from harness.search import article_texts, in_language, norm, open_search, relevant, type_query
from thlao import search

THAI_RUN = re.compile(r"[\u0e00-\u0e7f]{6,}")


# --- the index, without a build ---------------------------------------------------------------

def test_article_sections_split_at_headings_and_mark_where_markup_splits_text():
    html = ('<nav>เมนู</nav><article class="md-content__inner">'
            '<h1 id="top">หัว<a class="headerlink" href="#top">¶</a></h1>'
            '<p>ความ<strong>ร่วมมือ</strong>ไทย</p><h2 id="next">ต่อ</h2>'
            '<ul><li>หนึ่ง</li><li>สอง</li></ul></article><footer>ท้าย</footer>')
    assert search.article_sections(html) == [
        {"id": "top", "title": "หัว", "text": f"ความ{search.NODE_CUT}ร่วมมือ{search.NODE_CUT}ไทย"},
        {"id": "next", "title": "ต่อ", "text": "หนึ่ง สอง"},
    ]
    # negative control: what lies outside the article is not indexed
    assert "เมนู" not in str(search.article_sections(html))


def test_thai_is_cut_into_words_and_the_sites_own_words_stay_whole():
    cut = search.cut_thai("ความร่วมมือกับสปป.ลาวด้านบรอดแบนด์")
    assert cut.split(search.WORD_CUT) == ["ความร่วมมือ", "กับ", "สปป.ลาว", "ด้าน", "บรอดแบนด์"]
    # negative control: PyThaiNLP's own dictionary alone breaks the name apart
    assert word_tokenize("สปป.ลาว", engine="newmm") != ["สปป.ลาว"]


# --- the built site ---------------------------------------------------------------------------

def read_index(root: Path, name: str = search.DOCS) -> dict:
    return json.loads((root / "search" / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def texts(built_site):
    return article_texts(built_site)


def test_each_language_has_its_own_index_of_its_own_pages(built_site, texts):
    for lang, root in (("th", built_site), ("en", built_site / "en")):
        index = read_index(root)
        prefix = "/en/" if lang == "en" else "/"
        indexed = {prefix + doc["location"].split("#")[0] for doc in index["docs"]}
        assert indexed == {p for p in texts if in_language(p, lang)}, lang


def test_the_index_holds_each_page_as_its_article_reads(built_site, texts):
    """Page by page, the index's text is the article's text (less the ¶ of heading links)."""
    pages = {}
    for lang, root in (("th", built_site), ("en", built_site / "en")):
        for doc in read_index(root)["docs"]:
            path = ("/en/" if lang == "en" else "/") + doc["location"].split("#")[0]
            pages.setdefault(path, []).extend([doc["title"], doc["text"]])
    as_indexed = {p: norm(" ".join(parts).replace(search.NODE_CUT, " "))
                  for p, parts in pages.items()}
    as_read = {p: norm(t.replace("¶", " ")) for p, t in texts.items()}
    assert as_indexed == as_read


def test_the_index_material_fetches_at_page_load_has_settings_but_no_documents(built_site):
    for root in (built_site, built_site / "en"):
        loaded, full = read_index(root, search.INDEX), read_index(root)
        assert loaded == {"config": full["config"], "docs": []}
        assert len(full["docs"]) > 10 and full["config"]["separator"]  # control: both are real


def test_the_unused_thai_dictionary_is_not_shipped(built_site):
    # control: Material ships it, under this name
    lunr = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "lunr"
    assert (lunr / "wordcut.js").exists()
    assert not list(built_site.rglob("wordcut.js"))


# --- typing into the search box ---------------------------------------------------------------

@pytest.fixture(scope="module")
def runs(texts):
    """Unspaced Thai runs of the Thai pages, each cut into words as the build cuts them."""
    found = sorted({r for p, t in texts.items() if in_language(p, "th")
                    for r in THAI_RUN.findall(t)})
    return [search.thai_words(r) for r in found]


@pytest.fixture(scope="module")
def boxes(chromium, site_url):
    """The search box of the Thai home page and of the English one."""
    context = chromium.new_context()
    yield {"th": open_search(context, site_url), "en": open_search(context, site_url + "en/")}
    context.close()


def starts_a_phrase(texts, query):
    """Whether a space-delimited phrase of a Thai page starts with query (stock search's reach)."""
    return any(token.startswith(query) for p, t in texts.items() if in_language(p, "th")
               for token in t.split())


def rarest(texts, candidates, lang="th"):
    """The candidate query held by the fewest pages (at least one, at most ten)."""
    scored = sorted((len(relevant(texts, lang, q)), q) for q in set(candidates))
    query = next((q for n, q in scored if 1 <= n <= 10), None)
    assert query, "no candidate query is on 1 to 10 pages: has the content gone?"
    return query


def assert_finds_exactly(boxes, texts, lang, query):
    """The pages that hold query, and only they, come first."""
    got, _ = type_query(boxes[lang], query)
    want = relevant(texts, lang, query)
    assert want and set(got[:len(want)]) == want, (query, got, want)
    return got


@pytest.mark.browser
def test_a_word_in_the_middle_of_a_thai_phrase_is_found(boxes, texts, runs):
    mid = [w for words in runs for w in words[1:-1] if len(w) >= 4]
    word = rarest(texts, [w for w in mid if not starts_a_phrase(texts, w)])
    assert_finds_exactly(boxes, texts, "th", word)


@pytest.mark.browser
def test_an_unspaced_multi_word_query_is_found(boxes, texts, runs):
    phrases = ["".join(words[i:i + 3]) for words in runs for i in range(1, len(words) - 3)]
    assert_finds_exactly(boxes, texts, "th", rarest(texts, phrases))


@pytest.mark.browser
def test_a_pasted_query_is_found_without_a_key_press(boxes, texts, runs):
    phrase = rarest(texts, ["".join(words[1:3]) for words in runs if len(words) >= 4])
    page = boxes["th"]
    page.bring_to_front()
    page.fill("input.md-search__input", "")
    page.keyboard.press("End")
    page.wait_for_function("() => !document.querySelector('.md-search-result__item')")
    put = """([q, how]) => { const box = document.querySelector('input.md-search__input')
        box.value = q
        box.dispatchEvent(new InputEvent('input', {inputType: how, bubbles: true})) }"""
    # control: typed text is searched on its key release, so text alone starts no search
    page.evaluate(put, [phrase, "insertText"])
    page.wait_for_timeout(300)
    assert not page.query_selector(".md-search-result__item")
    page.evaluate(put, [phrase, "insertFromPaste"])
    page.wait_for_function("() => document.querySelector('.md-search-result__item')")
    got = page.eval_on_selector_all(".md-search-result__item > a",
                                    "els => els.map(e => e.pathname)")
    assert relevant(texts, "th", phrase) <= set(got), (phrase, got)


@pytest.mark.browser
def test_words_typed_with_spaces_find_the_page_that_runs_them_together(boxes, texts, runs):
    pairs = {"".join(ws[i:i + 2]): " ".join(ws[i:i + 2]) for ws in runs for i in range(len(ws) - 1)
             if min(len(ws[i]), len(ws[i + 1])) >= 3}
    joined = rarest(texts, [j for j, spaced in pairs.items() if not relevant(texts, "th", spaced)])
    got, _ = type_query(boxes["th"], pairs[joined])
    assert relevant(texts, "th", joined) <= set(got[:10]), (pairs[joined], got)


@pytest.mark.browser
def test_the_start_of_a_word_finds_its_completions_while_typing(boxes, texts, runs):
    starts = {w[:round(len(w) * 0.6)]: w for words in runs for w in words if len(w) >= 6}
    start = rarest(texts, starts)
    assert_finds_exactly(boxes, texts, "th", start)
    assert relevant(texts, "th", starts[start])  # control: the whole word is on the site


@pytest.mark.browser
def test_results_stay_in_the_readers_language(boxes, texts):
    """A word written the same way on Thai and English pages: each site lists its own pages only."""
    latin = set(re.findall(r"\b[a-z]{4,}\b", " ".join(texts.values())))
    word = max(sorted(latin), key=lambda w: min(len(relevant(texts, "th", w)),
                                                len(relevant(texts, "en", w))))
    assert relevant(texts, "th", word) and relevant(texts, "en", word)  # control: on both sides
    for lang in ("th", "en"):
        got, _ = type_query(boxes[lang], word)
        assert got and all(in_language(p, lang) for p in got), (lang, word, got)


@pytest.mark.browser
def test_a_number_typed_in_thai_digits_finds_it_written_in_arabic_ones(boxes, texts):
    thai_text = " ".join(t for p, t in texts.items() if in_language(p, "th"))
    year = rarest(texts, re.findall(r"(?<![0-9])25[0-9]{2}(?![0-9])", thai_text))  # a Buddhist-Era year
    typed = year.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
    assert not relevant(texts, "th", typed)  # control: no page writes it in Thai digits
    got, _ = type_query(boxes["th"], typed)
    want = relevant(texts, "th", year)
    assert set(got[:len(want)]) == want, (typed, got, want)


@pytest.mark.browser
def test_nothing_is_found_for_what_no_page_says(boxes, texts):
    query = "ฮฮฮฮฮ"
    assert not relevant(texts, "th", query)
    assert type_query(boxes["th"], query)[0] == []


@pytest.mark.browser
def test_the_chosen_page_highlights_what_was_searched(boxes, texts, built_site, site_url):
    """A word of a page title (always in view) leads to that page, where it is marked."""
    titles = [doc["title"] for doc in read_index(built_site)["docs"] if "#" not in doc["location"]]
    words = [w for t in titles for w in t.split(search.WORD_CUT) if len(w) >= 4 and " " not in w]
    word = rarest(texts, words)
    page = open_search(boxes["th"].context, site_url)
    type_query(page, word)
    page.click(".md-search-result__item > a")
    page.wait_for_selector("mark[data-md-highlight]")
    marked = page.eval_on_selector_all("mark[data-md-highlight]",
                                       "els => els.map(e => e.textContent)")
    assert word in marked
    page.close()


# --- loading: search costs nothing until the reader opens it ----------------------------------

OPENED = ("/assets/javascripts/search-worker.js", f"/search/{search.DOCS}")  # what opening loads


def fetched(chromium, url: str, open_search_box: bool) -> tuple[list[str], list[str]]:
    """Paths the page at url fetched while loading, and then on focusing its search box."""
    context = chromium.new_context()
    paths = []  # the worker's fetches are reported too
    context.on("request", lambda r: paths.append(urlsplit(r.url).path))
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(300)  # fetches that start after load
    at_load, meta = paths[:], page.text_content(".md-search-result__meta")
    if open_search_box:
        page.focus("input.md-search__input")
        # Material swaps "initialising" for its prompt once the worker has the documents
        page.wait_for_function("m => document.querySelector('.md-search-result__meta')"
                               ".textContent !== m", arg=meta)
    context.close()
    return at_load, paths[len(at_load):]


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["", "en/"])
def test_search_documents_and_worker_load_only_when_search_opens(chromium, site_url, lang):
    root = urlsplit(site_url).path + lang
    at_load, on_open = fetched(chromium, site_url + lang, open_search_box=True)
    assert root + f"search/{search.INDEX}" in at_load  # control: the watch sees fetches at load
    assert not [p for p in at_load if p.endswith(OPENED)], at_load
    assert root + f"search/{search.DOCS}" in on_open and OPENED[0] in on_open, on_open


@pytest.mark.browser
def test_a_page_opened_with_search_open_loads_the_documents_at_once(chromium, site_url):
    """Control: a search link (?q=) opens search as the page loads, and the fetch is seen then."""
    at_load, _ = fetched(chromium, site_url + "?q=mou", open_search_box=False)
    assert set(OPENED) <= set(at_load), at_load
