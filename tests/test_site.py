"""The built site is the contract: its pages, languages, switcher, 404s and sitemap, on the real site.

The pages expected are read from what makes them: a page per Markdown file of docs/<lang>/, and a
page per MOU item and related development of the data (whatever the data holds today).
"""
import re
import shutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

from harness.labels import label
from harness.pages import LANGS, doc_pages, generated_pages, soup
from harness.site import ROOT, configured_site_url
from harness.site import build as build_site

SITE_URL = configured_site_url()


@pytest.fixture(scope="module")
def pages(real_data) -> list[str]:
    """Every page of the site in each language, by path from the language root."""
    return sorted(set(doc_pages()) | set(generated_pages(real_data)))

def built_pages(site: Path, lang: str) -> set[str]:
    """HTML pages of one language, by path from that language's root (assets left out)."""
    root = site / LANGS[lang]
    found = set()
    for f in root.rglob("*.html"):
        rel = f.relative_to(root).as_posix()
        if rel.startswith("assets/") or (lang == "th" and rel.startswith("en/")):
            continue
        found.add(rel)
    return found


def missing_translations(docs: Path) -> dict[str, set[str]]:
    """Markdown pages that exist in one language folder but not the other."""
    sides = {lang: {p.relative_to(docs / lang).as_posix() for p in (docs / lang).rglob("*.md")}
             for lang in LANGS}
    return {"th": sides["en"] - sides["th"], "en": sides["th"] - sides["en"]}


@pytest.mark.parametrize("lang", LANGS)
def test_exact_pages(real_site, pages, lang):
    assert built_pages(real_site, lang) == set(pages) | {"404.html"}


def test_exact_pages_count_the_pages_made_from_the_data(real_site, real_data, pages, tmp_path):
    # one page per MOU item and per related development, read from the data files' ids
    generated = generated_pages(real_data)
    for name, folder in (("activities", "items"), ("related", "related")):
        ids = re.findall(r"^- id: (\S+)$", (ROOT / "data" / f"{name}.yml").read_text("utf-8"), re.M)
        assert {f"{folder}/{i}/index.html" for i in ids} <= set(generated) <= set(pages)
    # negative control: the site with one of them gone is not the site test_exact_pages expects
    shutil.copytree(real_site, tmp_path / "site")
    gone = generated[0]
    shutil.rmtree((tmp_path / "site" / "en" / gone).parent)
    assert built_pages(tmp_path / "site", "en") == (set(pages) | {"404.html"}) - {gone}
    assert built_pages(tmp_path / "site", "th") == set(pages) | {"404.html"}


def test_every_page_exists_in_both_languages():
    assert missing_translations(ROOT / "docs") == {"th": set(), "en": set()}


def test_missing_translation_is_reported(tmp_path):
    # negative control: a page only the Thai side has is named as missing in English
    for lang in LANGS:
        (tmp_path / lang).mkdir()
        (tmp_path / lang / "index.md").write_text("# x\n")
    (tmp_path / "th" / "only-thai.md").write_text("# x\n")
    assert missing_translations(tmp_path) == {"th": set(), "en": {"only-thai.md"}}


@pytest.mark.parametrize("lang", LANGS)
def test_html_lang(real_site, pages, lang):
    for page in pages:
        assert soup(real_site / LANGS[lang] / page).html["lang"] == lang, page


@pytest.mark.parametrize("lang,other", [("th", "en"), ("en", "th")])
def test_switcher_leads_to_same_page_in_other_language(real_site, pages, lang, other):
    for page in pages:
        here = f"/{LANGS[lang]}{page}"
        links = {a["hreflang"]: a["href"]
                 for a in soup(real_site / LANGS[lang] / page).select("a.md-select__link[hreflang]")}
        target = urlparse(urljoin(here, links[other])).path
        target += "index.html" if target.endswith("/") else ""
        assert target == f"/{LANGS[other]}{page}", here
        assert (real_site / target.lstrip("/")).is_file()


def test_404_pages_each_in_their_language(real_site):
    th, en = soup(real_site / "404.html"), soup(real_site / "en/404.html")
    assert th.html["lang"] == "th" and en.html["lang"] == "en"
    assert label("th", "not_found.title") in th.h1.get_text() and label("en", "not_found.title") in en.h1.get_text()
    # negative control: no Thai page at /en/404.html; its one Thai line (for a reader from a Thai
    # link) is marked as Thai
    assert all(el.find_parent(lang="th") for el in en.find_all(string=lambda s: label("th", "not_found.title") in s))
    # GitHub Pages serves the root 404 for every path: it also points English readers home
    assert th.select_one('[lang="en"] a[href$="/en/"]')


def test_sitemap_has_alternates_and_x_default(real_site, pages):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = ET.parse(real_site / "sitemap.xml").getroot().findall("s:url", ns)
    expected = {SITE_URL + LANGS[lang] + p.removesuffix("index.html") for lang in LANGS for p in pages}
    assert {u.find("s:loc", ns).text for u in urls} == expected
    for url in urls:
        alt = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
        assert set(alt) == {"th", "en", "x-default"}, url.find("s:loc", ns).text
        assert alt["x-default"] == alt["th"] and alt["en"].startswith(SITE_URL + "en/")


def test_head_has_no_alternate_link_for_material_to_fetch_a_sitemap_beside(real_site):
    # Material requests <alternate href>/sitemap.xml: a 404 for every page but a language root
    for page in ("index.html", "en/index.html", "en/status/index.html"):
        assert not soup(real_site / page).head.select('link[rel="alternate"]'), page


# What makes a browser fetch something: these must all stay on the site itself.
LOADING = [("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"),
           ("source", "src"), ("source", "srcset"), ("video", "src"), ("audio", "src"),
           ("embed", "src"), ("object", "data"), ("form", "action")]
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""")


def foreign_hosts(html: str, css: str = "") -> set[str]:
    """Hosts other than the site's own that a page or stylesheet would load from."""
    doc = BeautifulSoup(html, "html.parser")
    refs = [el.get(attr) for tag, attr in LOADING for el in doc.find_all(tag) if el.get(attr)
            and not (tag == "link" and set(el.get("rel", [])) & {"canonical", "alternate"})]
    refs += [m.group(1) or m.group(2) for m in CSS_URL.finditer(css + "".join(
        s.get_text() for s in doc.find_all("style")) + "".join(
        el["style"] for el in doc.find_all(style=True)))]
    own = urlparse(SITE_URL).netloc
    return {urlparse(r).netloc for r in refs if r.startswith(("//", "http:", "https:"))} - {own}


def test_no_page_loads_anything_from_another_host(real_site):
    css = "".join(f.read_text(encoding="utf-8") for f in real_site.rglob("*.css"))
    assert foreign_hosts("", css) == set()
    for page in real_site.rglob("*.html"):
        assert foreign_hosts(page.read_text(encoding="utf-8")) == set(), page


def test_foreign_host_check_catches_fonts_and_scripts():
    # negative control: what Material's Google Fonts and a CDN script would add
    html = ('<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'
            '<script src="//cdn.example.org/x.js"></script><a href="https://example.com/">ok</a>')
    assert foreign_hosts(html, "@font-face{src:url(https://fonts.gstatic.com/a.woff2)}") == {
        "fonts.googleapis.com", "cdn.example.org", "fonts.gstatic.com"}


def test_thai_font_is_self_hosted(real_site):
    css = (real_site / "assets/fonts/fonts.css").read_text(encoding="utf-8")
    files = re.findall(r'url\("([^"]+\.woff2)"\)', css)
    assert files and all((real_site / "assets/fonts" / f).is_file() for f in files)
    # optional: a font that arrives late is not swapped in, so the text never moves while read
    assert css.count("font-display: optional;") == len(files) and "U+0E01-0E5B" in css
    home = soup(real_site / "index.html")
    assert home.select_one('link[rel="stylesheet"][href="assets/fonts/fonts.css"]')
    # the regular faces come with the page, so that they are in time more often
    preloaded = {link["href"] for link in home.select('link[rel="preload"][as="font"]')}
    assert preloaded == {"assets/fonts/sarabun-thai-400-normal.woff2",
                         "assets/fonts/sarabun-latin-400-normal.woff2"}


def test_properdocs_builds_the_same_pages(real_site, tmp_path):
    # MkDocs 1.x is no longer developed: the ProperDocs fork must build this config unchanged
    build_site(tmp_path, command=(str(Path(sys.executable).parent / "properdocs"),))
    generator = soup(tmp_path / "index.html").select_one('meta[name="generator"]')["content"]
    assert generator.startswith("ProperDocs ")  # it really was ProperDocs that built it
    assert {p.relative_to(tmp_path) for p in tmp_path.rglob("*.html")} == \
           {p.relative_to(real_site) for p in real_site.rglob("*.html")}


@pytest.mark.parametrize("lang,title", [("th", "ความร่วมมือดิจิทัลไทย–ลาว"),
                                        ("en", "Thailand–Lao PDR digital cooperation")])
def test_home_title_is_the_site_name(real_site, lang, title):
    assert soup(real_site / LANGS[lang] / "index.html").head.title.get_text() == title
    # negative control: other pages keep "page - site"
    assert soup(real_site / LANGS[lang] / "status/index.html").head.title.get_text().endswith(" - " + title)
