"""What lets the build run faster must not change what it builds: a build in one process makes the
same site as a build with a second one, the Thai word cuts are PyThaiNLP's, and the macros' HTML is
back in place on every page."""
import random
from pathlib import Path

from harness.site import FIXTURE_EPOCH, build, fixture_config
from thlao import search
from thlao.passthrough import CLOSE, OPEN

ARTICLE = Path("/work/shared/sources/article-2018-de-lao-mou.th.txt")


def test_a_build_without_a_second_process_makes_the_same_site(fixture_site, tmp_path):
    # the fixture site again, with `worker: off`
    run = build(tmp_path / "site", config=fixture_config(tmp_path, worker="off"),
                env={"SOURCE_DATE_EPOCH": FIXTURE_EPOCH})
    assert "run in this process: `worker: off`" in run.stderr  # it really ran without one
    built = sorted(p.relative_to(fixture_site) for p in fixture_site.rglob("*") if p.is_file())
    alone = sorted(p.relative_to(tmp_path / "site") for p in (tmp_path / "site").rglob("*") if p.is_file())
    assert built == alone and len(built) > 100
    assert [p for p in built if (fixture_site / p).read_bytes() != (tmp_path / "site" / p).read_bytes()] == []


def test_no_page_keeps_a_marker_of_the_macros_html(fixture_site):
    files = [p for p in sorted(fixture_site.rglob("*")) if p.suffix in {".html", ".json", ".xml", ".csv"}]
    left = [p for p in files if OPEN in p.read_text("utf-8") or CLOSE in p.read_text("utf-8")]
    assert len(files) > 50 and not left  # pages, their contents lists, the search index, the data
    status = (fixture_site / "en" / "status" / "index.html").read_text("utf-8")
    assert status.count('<div class="data-table"') >= 1 and "<p><div" not in status


def thai_runs(texts) -> list[str]:
    return sorted({m.group() for text in texts for m in search.THAI_RUN.finditer(text)})


def test_the_word_set_cuts_as_pythainlp_trie_does(real_site):
    from pythainlp.tokenize import word_tokenize
    from pythainlp.util import Trie
    words = search.dictionary_words()
    trie, fast = Trie(words), search.WordSet(words)
    pages = [p.read_text("utf-8") for p in sorted(real_site.rglob("*.html"))]
    runs = thai_runs(pages + ([ARTICLE.read_text("utf-8")] if ARTICLE.exists() else []))
    shuffled = random.Random(1).sample(sorted(words), 3000)
    runs += ["".join(shuffled[i:i + 40]) for i in range(0, len(shuffled), 40)]  # words run together
    assert len(runs) > 500
    for run in runs:
        assert word_tokenize(run, custom_dict=fast, engine="newmm") == \
            word_tokenize(run, custom_dict=trie, engine="newmm"), run
        assert all(fast.prefixes(run, i) == trie.prefixes(run, i) for i in range(len(run) + 1)), run
    assert fast.prefixes("ความร่วมมือ") == ["ความ", "ความร่วมมือ"]  # negative control: not just []


def test_only_the_article_is_parsed_and_the_sections_are_the_same(fixture_site):
    for page in [fixture_site / "index.html", fixture_site / "status" / "index.html", fixture_site / "en" / "index.html"]:
        html = page.read_text("utf-8")
        sliced = search.article_html(html)
        assert sliced.startswith("<article") and sliced.endswith("</article>") and len(sliced) < len(html)
        parser = search._ArticleSections()
        parser.feed(html)
        parser.close()
        whole = [{"id": s["id"], "title": search.tidy("".join(s["title"])), "text": search.tidy("".join(s["text"]))}
                 for s in parser.sections]
        assert search.article_sections(html) == whole and whole
