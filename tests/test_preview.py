"""Link previews (issue 19, item 3): what a page shows when its address is shared.

On every page of the built site, in both languages: Open Graph and Twitter card tags, each once,
with the page's own title (its heading) and its own description (words of its own article, never
the site's description, within 160 characters), its canonical address under site_url, its
locale with the other language as the alternate, and its language's picture: a PNG in the built
site at the address given, of the size declared, showing the language's site name (the name it
records, checked here; how its Thai looks was checked by eye), with the alt text from
labels/<lang>.yml. Each rule is shown to fail on a page planted with the fault.

Without a build: the summary (first paragraph of running text, citations left out, trimmed at
a space or between Thai words, never inside one), the tags of a page, and how a site name is
broken into lines for the picture, on hand-written inputs.
"""
import re
import struct
import zlib
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from harness.pages import doc_pages
from harness.site import ROOT, configured_site_url, page_file, page_paths
from thlao import preview

LOCALES = {"th": "th_TH", "en": "en_GB"}
LIMIT = 160
# The tags every page has, each once (og:locale:alternate once per other language).
ONCE = ["og:type", "og:site_name", "og:title", "og:description", "og:url", "og:locale", "og:image",
        "og:image:type", "og:image:width", "og:image:height", "og:image:alt", "twitter:card",
        "twitter:image:alt"]


# ---------------------------------------------------------------- reading a built page

def meta(soup, name: str) -> list[str]:
    """The content of each <meta property=name> (Open Graph) or <meta name=name> (Twitter)."""
    return [m.get("content", "") for m in soup.head.find_all("meta")
            if m.get("property") == name or m.get("name") == name]


def words(text: str) -> str:
    return " ".join(text.replace("\u200b", "").split())


def article_letters(soup) -> str:
    """The article's text without citations, footnote marks, permalinks nor any white space
    (where markup splits a run of text, a space may or may not be read)."""
    article = soup.select_one("article")
    for skipped in article.select("a.cite, sup, a.headerlink, script, style"):
        skipped.decompose()
    return re.sub(r"\s+", "", article.get_text().replace("\u200b", ""))


def png_facts(path: Path) -> dict:
    """A PNG's width, height and text chunks (tEXt, iTXt), read with the standard library."""
    data = path.read_bytes()
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        return {"png": False}
    facts, at = {"png": True, "text": {}}, 8
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        body = data[at + 8:at + 8 + length]
        if kind == b"IHDR":
            facts["width"], facts["height"] = struct.unpack(">II", body[:8])
        elif kind == b"tEXt":
            key, _, value = body.partition(b"\0")
            facts["text"][key.decode("latin-1")] = value.decode("latin-1")
        elif kind == b"iTXt":
            key, _, rest = body.partition(b"\0")
            compressed, rest = rest[0], rest[2:]
            _, _, rest = rest.partition(b"\0")  # language tag
            _, _, value = rest.partition(b"\0")  # translated keyword
            facts["text"][key.decode("latin-1")] = (zlib.decompress(value) if compressed else value).decode("utf-8")
        at += 12 + length
    return facts


def site_facts(site: Path) -> dict:
    """What every page is held to, read from the build and the repository rather than written here:
    the site's address, each language's site name and description (from its home page), alt text."""
    facts = {"site_url": configured_site_url(), "names": {}, "descriptions": set(), "alts": {}}
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    facts["descriptions"] = {" ".join(d.split()) for d in [config["site_description"]] + [
        language["site_description"] for language in i18n["languages"] if "site_description" in language]}
    for lang, home in (("th", ""), ("en", "en/")):
        soup = BeautifulSoup(page_file(site, home).read_text("utf-8"), "html.parser")
        facts["names"][lang] = soup.head.title.get_text()
        labels = yaml.safe_load((ROOT / "labels" / f"{lang}.yml").read_text("utf-8"))
        facts["alts"][lang] = labels["preview"]["image_alt"]
    return facts


def preview_problems(html: str, path: str, site: Path, facts: dict) -> list[str]:
    """Where a built page's preview tags break the rules in this file's docstring."""
    soup = BeautifulSoup(html, "html.parser")
    lang = "en" if path.startswith("en/") else "th"
    other = "th" if lang == "en" else "en"
    problems = [f"{name}: {len(meta(soup, name))} tags" for name in ONCE if len(meta(soup, name)) != 1]
    if problems:
        return problems
    tag = {name: meta(soup, name)[0] for name in ONCE}
    home = path in ("", "en/")
    canonical = soup.head.find("link", rel="canonical")
    if tag["og:url"] != facts["site_url"] + path or not canonical or canonical["href"] != tag["og:url"]:
        problems.append(f"og:url {tag['og:url']}: not the page's canonical address under site_url")
    if tag["og:locale"] != LOCALES[lang] or meta(soup, "og:locale:alternate") != [LOCALES[other]]:
        problems.append(f"og:locale {tag['og:locale']}, alternates {meta(soup, 'og:locale:alternate')}")
    if tag["og:type"] != "website" or tag["twitter:card"] != "summary_large_image":
        problems.append(f"og:type {tag['og:type']}, twitter:card {tag['twitter:card']}")
    if tag["og:site_name"] != facts["names"][lang]:
        problems.append(f"og:site_name {tag['og:site_name']!r}")
    h1 = soup.select_one("article h1")
    heading = words("".join(h1.find_all(string=True, recursive=False)) + "".join(
        e.get_text() for e in h1.find_all(recursive=False) if "headerlink" not in e.get("class", []))) if h1 else None
    if tag["og:title"] != (facts["names"][lang] if home else heading):
        problems.append(f"og:title {tag['og:title']!r}: not the page's heading {heading!r}")
    description = tag["og:description"]
    own = description.removesuffix("…")
    if description in facts["descriptions"]:
        problems.append("og:description: the site's description")
    elif not own or len(description) > LIMIT:
        problems.append(f"og:description {description!r}: empty, or over {LIMIT} characters")
    elif re.sub(r"\s+", "", own) not in article_letters(soup):
        problems.append(f"og:description {description!r}: not words of the page's own article")
    image = tag["og:image"]
    file = site / image.removeprefix(facts["site_url"])
    if not image.startswith(facts["site_url"]) or not file.is_file():
        problems.append(f"og:image {image}: no such file in the site")
    else:
        png = png_facts(file)
        declared = (tag["og:image:width"], tag["og:image:height"])
        if not png["png"] or tag["og:image:type"] != "image/png":
            problems.append(f"og:image {image}: not a PNG, or not declared one")
        elif declared != (str(png["width"]), str(png["height"])):
            problems.append(f"og:image {image}: {png['width']}x{png['height']}, declared {'x'.join(declared)}")
        elif png["width"] < 1200 or abs(png["width"] / png["height"] - 1.91) > 0.02:
            problems.append(f"og:image {image}: {png['width']}x{png['height']}, not 1.91:1 at 1200 px or more")
        elif png["text"].get("Title") != tag["og:site_name"]:
            problems.append(f"og:image {image}: shows {png['text'].get('Title')!r}, not the site's name "
                            "(run python -m thlao.preview)")
    if tag["og:image:alt"] != facts["alts"][lang] or tag["twitter:image:alt"] != facts["alts"][lang]:
        problems.append(f"og:image:alt {tag['og:image:alt']!r}: not labels/{lang}.yml preview.image_alt")
    return problems


@pytest.fixture(scope="module")
def pages(real_site) -> list[str]:
    found = [p for p in page_paths(real_site) if not p.endswith("404.html")]
    assert {"", "en/", "status/", "en/status/", "items/mou-2018-broadband/"} <= set(found)
    return found


@pytest.fixture(scope="module")
def facts(real_site) -> dict:
    return site_facts(real_site)


# ---------------------------------------------------------------- the built site

def test_every_page_has_its_own_preview_tags(real_site, pages, facts):
    found = {}
    for path in pages:
        problems = preview_problems(page_file(real_site, path).read_text("utf-8"), path, real_site, facts)
        if problems:
            found[path] = problems
    assert len(pages) > 60 and any(p.startswith("en/") for p in pages)
    assert not found, "\n".join(f"/{p}: " + "; ".join(v) for p, v in found.items())


def test_the_pages_written_in_docs_each_have_their_own_title_and_description(real_site):
    for root in ("", "en/"):
        seen = {"og:title": {}, "og:description": {}}
        for page in doc_pages():
            path = root + page.removesuffix("index.html")
            soup = BeautifulSoup(page_file(real_site, path).read_text("utf-8"), "html.parser")
            for name, values in seen.items():
                values.setdefault(meta(soup, name)[0], []).append(path)
        for name, values in seen.items():
            assert len(values) == len(doc_pages()), (name, {k: v for k, v in values.items() if len(v) > 1})


def test_the_two_pictures_show_each_language_s_name(real_site, facts):
    for lang in ("th", "en"):
        png = png_facts(real_site / "assets" / "preview" / f"{lang}.png")
        assert png["text"]["Title"] == facts["names"][lang]
    assert facts["names"]["th"] != facts["names"]["en"]


# negative controls: each fault planted in a real page is found
PLANTED = {
    "no description": (r'<meta property="og:description"[^>]*>', "", "og:description: 0 tags"),
    "twice the title": (r'(<meta property="og:title"[^>]*>)', r"\1\1", "og:title: 2 tags"),
    "the site's description": (r'(<meta property="og:description" content=")[^"]*', r"\1{site}",
                               "the site's description"),
    "a description too long": (r'(<meta property="og:description" content=")([^"]*)', r"\1\2\2",
                               f"over {LIMIT} characters"),
    "another page's words": (r'(<meta property="og:description" content=")[^"]*', r"\1Words of no page here.",
                             "not words of the page's own article"),
    "a title not the heading": (r'(<meta property="og:title" content=")[^"]*', r"\1Home", "not the page's heading"),
    "an address off the site": (r'(<meta property="og:url" content=")https://[^/]+/', r"\1https://example.org/",
                                "not the page's canonical address"),
    "the wrong locale": (r'(<meta property="og:locale" content=")th_TH', r"\1en_US", "og:locale en_US"),
    "a missing picture": (r'(<meta property="og:image" content="[^"]*)th\.png', r"\1none.png", "no such file"),
    "a size not the picture's": (r'(<meta property="og:image:height" content=")\d+', r"\g<1>600", "declared 1200x600"),
    "alt text not from the labels": (r'(<meta property="og:image:alt" content=")[^"]*', r"\1A picture",
                                     "not labels/th.yml"),
}


@pytest.mark.parametrize("fault", PLANTED)
def test_a_planted_fault_is_found(real_site, facts, fault):
    pattern, replacement, expected = PLANTED[fault]
    path = "status/"
    html = page_file(real_site, path).read_text("utf-8")
    assert preview_problems(html, path, real_site, facts) == []
    site_description = next(d for d in facts["descriptions"] if re.search("[\u0e00-\u0e7f]", d))
    planted, n = re.subn(pattern, replacement.replace("{site}", site_description), html, count=1)
    assert n == 1
    assert any(expected in p for p in preview_problems(planted, path, real_site, facts))


def test_a_picture_showing_an_old_name_is_found(real_site, facts, tmp_path):
    # a site name changed without drawing the pictures again: the picture still records the old one
    site = tmp_path / "site"
    (site / "assets" / "preview").mkdir(parents=True)
    source = (real_site / "assets" / "preview" / "th.png").read_bytes()
    old = facts["names"]["th"].encode("utf-8")
    (site / "assets" / "preview" / "th.png").write_bytes(source.replace(old, "ชื่อเก่า".encode().ljust(len(old), b" ")))
    problems = preview_problems(page_file(real_site, "status/").read_text("utf-8"), "status/", site, facts)
    assert any("not the site's name" in p for p in problems)


# ---------------------------------------------------------------- text from the data, escaped

HOSTILE = '"><script>alert(1)</script> </title> & <b>bold</b>'


def head_values(html: str) -> dict:
    """og:title and og:description as a browser reads them, and any element the head should not hold."""
    soup = BeautifulSoup(html, "html.parser")
    return {"title": meta(soup, "og:title"), "description": meta(soup, "og:description"),
            "planted": [str(e) for e in soup.head.find_all(["script", "b"]) if "alert(1)" in e.text or e.name == "b"]}


def test_a_record_s_title_and_words_from_the_data_stay_text_in_its_tags(fixture_site):
    # the fixture's item fx-matter is titled with markup, a quote and an ampersand
    hostile = 'Test key matter <b>not bold</b> & "quoted"'
    html = (fixture_site / "en" / "items" / "fx-matter" / "index.html").read_text("utf-8")
    found = head_values(html)
    assert found["title"] == [hostile] and found["planted"] == []
    # negative control: the same tag written without escaping is read as markup
    raw = html.replace(re.search(r'<meta property="og:title"[^>]*>', html).group(),
                       f'<meta property="og:title" content="{hostile}">')
    assert head_values(raw)["title"] != [hostile]  # cut short at the first quote


# ---------------------------------------------------------------- the summary, by hand

ARTICLE = """<h1 id="x">A page<a class="headerlink" href="#x">¶</a></h1>
<p class="record-intro">MOU item · Reported as: Aim</p>
<div class="admonition note"><p class="admonition-title">Note</p><p>Inside a note.</p></div>
<p>The first <strong>real</strong> paragraph.<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>
It cites <a class="cite" href="#src-a">[Post, 2018]</a> a source.<br>Next line.</p>
<p>The second paragraph.</p>"""


def test_the_summary_is_the_first_paragraph_of_running_text():
    assert preview.opening(ARTICLE)[1] == "The first real paragraph. It cites a source. Next line."
    assert preview.opening(ARTICLE)[0] == "A page"
    # only generated lines: the first of them; nothing at all: nothing
    assert preview.opening('<h1>T</h1><p class="intro">Line one</p><p class="b">Two</p>') == ("T", "Line one")
    assert preview.opening("<h1>T</h1><ul><li><p>In a list</p></li></ul>") == ("T", "")
    assert preview.opening("<h1>T</h1>") == ("T", "")
    no_paragraph = preview.tags(title="T", html="<h1>The page's title</h1>", url=None, lang="en",
                                languages_built=["en"], site_name="S", site_url=None, home=False)
    assert no_paragraph["description"] == "The page's title"
    # markup in the text stays text: the template escapes it
    assert preview.opening("<p>A &lt;b&gt; tag &amp; more</p>") == ("", "A <b> tag & more")


def test_a_long_summary_is_cut_at_a_space_or_between_thai_words():
    english = "This site tracks two memoranda of understanding on digital cooperation."
    assert preview.trim(english, 100) == english
    assert preview.trim(english, 40) == "This site tracks two memoranda of…"
    assert preview.trim("It was signed on 7 November 2022", 30) == "It was signed…"  # a number stays with its word
    # Thai: at the space that ends a phrase, unless that leaves too little; then between words
    thai = "หน้านี้รวมสถานะของรายการทุกรายการ คือสิ่งที่แหล่งที่มารายงานไว้"
    assert preview.trim(thai, 40) == "หน้านี้รวมสถานะของรายการทุกรายการ…"
    assert preview.trim("ความร่วมมือดิจิทัลไทยลาวความร่วมมือดิจิทัล", 20) == "ความร่วมมือดิจิทัล…"
    assert preview.trim("เพราะข่าว พ.ศ. 2561 ยกด้านต่าง ๆ มาเป็นตัวอย่าง", 34) == "เพราะข่าว พ.ศ. 2561 ยกด้านต่าง ๆ…"
    for limit in (12, 25, 40):
        assert len(preview.trim(thai, limit)) <= limit


def test_a_page_s_tags_by_hand():
    # the heading is the title shared; the navigation's title (often shorter) only without one
    tags = preview.tags(title="สถานะ", html="<h1>สถานะการดำเนินงาน</h1><p>หน้านี้รวมสถานะ</p>",
                        url="https://example.org/status/", lang="th", languages_built=["th", "en"],
                        site_name="ชื่อเว็บไซต์", site_url="https://example.org/", home=False)
    assert tags == {
        "title": "สถานะการดำเนินงาน", "description": "หน้านี้รวมสถานะ", "url": "https://example.org/status/",
        "type": "website", "site_name": "ชื่อเว็บไซต์", "locale": "th_TH", "alternates": ["en_GB"],
        "image": {"url": "https://example.org/assets/preview/th.png", "type": "image/png",
                  "width": 1200, "height": 630},
        "card": "summary_large_image"}
    assert preview.tags(title="<em>A</em> &amp; B", html="<p>Text</p>", url=None, lang="en",
                        languages_built=["en"], site_name="S", site_url=None, home=False)["title"] == "A & B"
    home = preview.tags(title="Home", html="", url=None, lang="en", languages_built=["th", "en"],
                        site_name="The site", site_url=None, home=True)
    assert (home["title"], home["description"], home["alternates"], home["image"]["url"]) == (
        "The site", "The site", ["th_TH"], None)
    with pytest.raises(ValueError, match="LOCALES in thlao/preview.py"):
        preview.tags(title="x", html="", url=None, lang="lo", languages_built=["lo"], site_name="x",
                     site_url=None, home=False)


# ---------------------------------------------------------------- the picture's lines, by hand

def test_a_name_is_broken_into_even_lines_at_spaces_or_between_thai_words():
    english = "Thailand–Lao PDR digital cooperation"
    assert preview.lines_for(english, len, 40, 1) == [english]
    assert preview.lines_for(english, len, 20, 2) == ["Thailand–Lao PDR", "digital cooperation"]
    assert preview.lines_for(english, len, 10, 2) is None
    thai = "ความร่วมมือดิจิทัลไทย–ลาว"
    assert preview.lines_for(thai, len, 14, 2) == ["ความร่วมมือ", "ดิจิทัลไทย–ลาว"]


def test_the_picture_s_layout_prefers_fewer_lines_at_a_comfortable_size():
    class Font:  # every character as wide as the size: width = size x characters
        def __init__(self, size):
            self.getlength = lambda text: size * len(text)
    width = preview.IMAGE_SIZE[0] - 2 * preview.MARGIN
    size, lines = preview.layout("Thailand–Lao PDR digital cooperation", Font)
    assert lines == ["Thailand–Lao PDR", "digital cooperation"] and size * 19 <= width < (size + 4) * 19
    with pytest.raises(ValueError, match="does not fit"):
        preview.layout("x" * 40, Font)


def test_the_pictures_in_the_repository_are_what_the_script_draws(tmp_path):
    # needs Pillow (with Raqm) and fontTools, which only drawing needs: skipped where they are missing
    pytest.importorskip("PIL")
    pytest.importorskip("fontTools")
    written = preview.write_pictures(ROOT / "mkdocs.yml", tmp_path)
    assert written
    for path in written:
        assert path.read_bytes() == (ROOT / "docs" / preview.IMAGE_DIR / path.name).read_bytes(), path.name
