"""Search finds what the reader typed, in the reader's language.

The index is checked on both built sites (rules that hold whatever the pages say). Typing into
the search box is tried on the fixture site, on its page of search cases (tests/fixtures/site/
docs/<lang>/search-cases.md), with queries written here: they do not follow the real site's
prose, which content editors rewrite. A page is relevant when its article holds the query
(harness/search.py: the benchmark's rule too); each case checks first that only the search-cases
page holds it.
"""
import json
from pathlib import Path
from urllib.parse import urlsplit

import material
import pytest
from pythainlp.tokenize import word_tokenize

from harness.search import article_texts, in_language, norm, open_search, relevant, type_query
from thlao import search

CASES = {"th": "/search-cases/", "en": "/en/search-cases/"}  # the fixture's page of search cases
HOME = {"th": "", "en": "en/"}


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


# --- the built sites' indexes -----------------------------------------------------------------

def read_index(root: Path, name: str = search.DOCS) -> dict:
    return json.loads((root / "search" / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=["fixture_site", "real_site"])
def built(request) -> tuple[Path, dict]:
    """Each built site, and {URL path: article text} of its pages."""
    site = request.getfixturevalue(request.param)
    return site, article_texts(site)


def test_each_language_has_its_own_index_of_its_own_pages(built):
    site, texts = built
    for lang, root in (("th", site), ("en", site / "en")):
        index = read_index(root)
        prefix = "/en/" if lang == "en" else "/"
        indexed = {prefix + doc["location"].split("#")[0] for doc in index["docs"]}
        assert indexed == {p for p in texts if in_language(p, lang)}, lang


def test_the_index_holds_each_page_as_its_article_reads(built):
    """Page by page, the index's text is the article's text (less the ¶ of heading links)."""
    site, texts = built
    pages = {}
    for lang, root in (("th", site), ("en", site / "en")):
        for doc in read_index(root)["docs"]:
            path = ("/en/" if lang == "en" else "/") + doc["location"].split("#")[0]
            pages.setdefault(path, []).extend([doc["title"], doc["text"]])
    as_indexed = {p: norm(" ".join(parts).replace(search.NODE_CUT, " ")) for p, parts in pages.items()}
    as_read = {p: norm(t.replace("¶", " ")) for p, t in texts.items()}
    assert as_indexed == as_read


def test_the_index_material_fetches_at_page_load_has_settings_but_no_documents(built):
    site, _ = built
    for root in (site, site / "en"):
        loaded, full = read_index(root, search.INDEX), read_index(root)
        assert loaded == {"config": full["config"], "docs": []}
        assert len(full["docs"]) > 10 and full["config"]["separator"]  # control: both are real


def test_the_unused_thai_dictionary_is_not_shipped(built):
    site, _ = built
    # control: Material ships it, under this name
    lunr = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "lunr"
    assert (lunr / "wordcut.js").exists()
    assert not list(site.rglob("wordcut.js"))


# --- typing into the search box (the fixture site) --------------------------------------------

@pytest.fixture(scope="module")
def texts(fixture_site):
    return article_texts(fixture_site)


@pytest.fixture(scope="module")
def boxes(chromium, fixture_url):
    """The search box of the Thai home page and of the English one."""
    context = chromium.new_context()
    yield {lang: open_search(context, fixture_url + home) for lang, home in HOME.items()}
    context.close()


def only_on_the_cases_page(texts, lang, query):
    """Control: the query is on the search-cases page and on no other page of its language."""
    assert relevant(texts, lang, query) == {CASES[lang]}, (query, relevant(texts, lang, query))


def starts_a_phrase(texts, query):
    """Whether a space-delimited phrase of a Thai page starts with query (stock search's reach)."""
    return any(token.startswith(query) for p, t in texts.items() if in_language(p, "th")
               for token in t.split())


def assert_found_first(boxes, lang, query):
    """The search-cases page is the first result."""
    got, _ = type_query(boxes[lang], query)
    assert got[:1] == [CASES[lang]], (query, got)
    return got


@pytest.mark.browser
def test_a_word_in_the_middle_of_a_thai_phrase_is_found(boxes, texts):
    word = "พิพิธภัณฑ์"  # museum, in "...ปฏิบัติการด้านพิพิธภัณฑ์ออนไลน์..."
    only_on_the_cases_page(texts, "th", word)
    assert not starts_a_phrase(texts, word)  # control: stock search, matching phrase starts, misses it
    assert_found_first(boxes, "th", word)


@pytest.mark.browser
def test_an_unspaced_multi_word_query_is_found(boxes, texts):
    phrase = "ปฏิบัติการด้านพิพิธภัณฑ์"  # three words, from the middle of a phrase
    only_on_the_cases_page(texts, "th", phrase)
    assert not starts_a_phrase(texts, phrase)
    assert_found_first(boxes, "th", phrase)


@pytest.mark.browser
def test_a_pasted_query_is_found_without_a_key_press(boxes, texts):
    phrase = "ห้องสมุดอิเล็กทรอนิกส์"
    only_on_the_cases_page(texts, "th", phrase)
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
    got = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.pathname)")
    assert CASES["th"] in got, (phrase, got)


@pytest.mark.browser
def test_words_typed_with_spaces_find_the_page_that_runs_them_together(boxes, texts):
    spaced = "ห้องสมุด อิเล็กทรอนิกส์"
    only_on_the_cases_page(texts, "th", spaced.replace(" ", ""))
    assert not relevant(texts, "th", spaced)  # control: no page writes them apart
    assert_found_first(boxes, "th", spaced)


@pytest.mark.browser
def test_the_start_of_a_word_finds_its_completions_while_typing(boxes, texts):
    start = "พิพิธภั"  # of พิพิธภัณฑ์
    only_on_the_cases_page(texts, "th", "พิพิธภัณฑ์")  # control: the whole word is on the site
    assert_found_first(boxes, "th", start)


@pytest.mark.browser
def test_results_stay_in_the_readers_language(boxes, texts):
    """A word written the same way on a Thai and an English page: each site lists its own page only."""
    word = "hackathon"
    for lang in ("th", "en"):
        only_on_the_cases_page(texts, lang, word)  # control: on both sides
    for lang in ("th", "en"):
        got, _ = type_query(boxes[lang], word)
        assert got == [CASES[lang]], (lang, word, got)


@pytest.mark.browser
def test_a_number_typed_in_thai_digits_finds_it_written_in_arabic_ones(boxes, texts):
    only_on_the_cases_page(texts, "th", "4721")
    assert not relevant(texts, "th", "๔๗๒๑")  # control: no page writes it in Thai digits
    assert_found_first(boxes, "th", "๔๗๒๑")


@pytest.mark.browser
def test_nothing_is_found_for_what_no_page_says(boxes, texts):
    query = "ฮฮฮฮฮ"
    assert not relevant(texts, "th", query)
    assert type_query(boxes["th"], query)[0] == []
    assert type_query(boxes["th"], "พิพิธภัณฑ์")[0]  # control: the same box finds a word that is there


@pytest.mark.browser
@pytest.mark.parametrize("lang, word", [("th", "ค้นหา"), ("en", "search")])
def test_a_word_of_a_title_leads_to_its_page_where_it_is_marked(boxes, texts, fixture_url, lang, word):
    """A word of the search-cases page's title (always in view) leads there, where it is marked."""
    only_on_the_cases_page(texts, lang, word)
    page = open_search(boxes[lang].context, fixture_url + HOME[lang])
    assert_found_first({lang: page}, lang, word)
    page.click(".md-search-result__item > a")
    page.wait_for_selector("mark[data-md-highlight]")
    assert urlsplit(page.url).path == CASES[lang]
    marked = page.eval_on_selector_all("mark[data-md-highlight]", "els => els.map(e => e.textContent)")
    assert word in [m.lower() for m in marked]
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
def test_search_documents_and_worker_load_only_when_search_opens(chromium, fixture_url, lang):
    root = urlsplit(fixture_url).path + lang
    at_load, on_open = fetched(chromium, fixture_url + lang, open_search_box=True)
    assert root + f"search/{search.INDEX}" in at_load  # control: the watch sees fetches at load
    assert not [p for p in at_load if p.endswith(OPENED)], at_load
    assert root + f"search/{search.DOCS}" in on_open and OPENED[0] in on_open, on_open


@pytest.mark.browser
def test_a_page_opened_with_search_open_loads_the_documents_at_once(chromium, fixture_url):
    """Control: a search link (?q=) opens search as the page loads, and the fetch is seen then."""
    at_load, _ = fetched(chromium, fixture_url + "?q=mou", open_search_box=False)
    assert set(OPENED) <= set(at_load), at_load
