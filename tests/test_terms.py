"""One term per concept: the variants terms.yml refuses appear in no built page of the real site.

(In the data files' texts the data check applies the same terms, with a message naming the
preferred word for the clerk: tests/test_data_check.py.)

terms.yml lists, per language, a preferred term, the variants the site must not use and why.
Pages are checked in their article's text (code, quotations, the sources' own headlines and
runs marked as the other language left out); data files in their th/en texts (headlines left
out). Each check has a negative control: a planted variant is caught, with its file.
"""
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from harness.site import ROOT

TERMS_FILE = ROOT / "terms.yml"
URL = re.compile(r"https?://\S+")
SKIP_TAGS = ("code", "pre", "cite", "q", "script", "style")


def load_terms(path: Path = TERMS_FILE) -> list[dict]:
    terms = yaml.safe_load(path.read_text(encoding="utf-8"))
    for term in terms:
        assert {"preferred", "variants", "lang", "why"} <= term.keys(), term
        assert term["lang"] in ("th", "en") and term["variants"], term
    return terms


def variants_in(text: str, lang: str, terms: list[dict]) -> list[str]:
    """The refused variants of this language found in text, as 'variant (use: preferred)'."""
    found = []
    for term in terms:
        if term["lang"] != lang:
            continue
        for variant in term["variants"]:
            if lang == "en":
                hit = re.search(rf"(?<![\w-]){re.escape(variant)}(?![\w-])", text, re.IGNORECASE)
            else:
                hit = variant in text
            if hit:
                found.append(f"{variant} (use: {term['preferred']})")
    return found


def page_text(html: str, lang: str) -> str:
    """The article's text a reader sees in the page's language: no code, quotations, headlines,
    runs marked as another language, or web addresses."""
    article = BeautifulSoup(html, "html.parser").select_one("article")
    if article is None:
        return ""
    for tag in article.find_all(SKIP_TAGS):
        tag.decompose()
    for tag in article.find_all(attrs={"lang": True}):
        if tag.get("lang") != lang:
            tag.decompose()
    return URL.sub(" ", " ".join(article.get_text(" ").split()))


def page_problems(site: Path, terms: list[dict]) -> list[str]:
    problems = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        lang = "en" if rel.startswith("en/") else "th"
        for hit in variants_in(page_text(html.read_text(encoding="utf-8"), lang), lang, terms):
            problems.append(f"{rel}: {hit}")
    return problems


@pytest.fixture(scope="module")
def terms():
    return load_terms()


def test_the_terms_file_is_well_formed_and_each_variant_is_listed_once(terms):
    variants = [(t["lang"], v) for t in terms for v in t["variants"]]
    assert len(variants) == len(set(variants))
    assert len(terms) >= 15


def test_no_built_page_uses_a_refused_variant(real_site, terms):
    assert page_problems(real_site, terms) == []


# ---------------------------------------------------------------- negative controls

def test_a_variant_planted_in_a_page_is_caught_with_its_page(tmp_path, terms):
    (tmp_path / "en" / "x").mkdir(parents=True)
    (tmp_path / "y").mkdir()
    (tmp_path / "en" / "x" / "index.html").write_text(
        "<article><p>CLMV: Cambodia, Laos, Myanmar and Vietnam.</p></article>", encoding="utf-8")
    (tmp_path / "y" / "index.html").write_text(
        "<article><p>ทั้งสองฝ่ายได้คุยกันถึงความร่วมมือ</p></article>", encoding="utf-8")
    assert page_problems(tmp_path, terms) == ["en/x/index.html: Vietnam (use: Viet Nam)",
                                              "y/index.html: คุยกัน (use: หารือ)"]


def test_quotations_code_other_language_runs_and_addresses_are_left_alone(terms):
    html = ('<article><p>Headline: <cite>Vietnam cyber security news</cite>, '
            '<code>cyber security</code>, <span lang="th">แหล่งข้อมูล</span>, '
            'https://example.org/vietnam-news and <q>Vietnam</q>.</p></article>')
    assert variants_in(page_text(html, "en"), "en", terms) == []
    # negative control: the same words in plain English text are caught
    assert variants_in("Vietnam and cyber security", "en", terms) == [
        "cyber security (use: cybersecurity)", "Vietnam (use: Viet Nam)"]
    # English variants are whole words only: "Viet Nam" or "vietnamese-style" ids are not hits
    assert variants_in("Viet Nam", "en", terms) == []
