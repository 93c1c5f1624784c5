"""Link previews: what a page shows when its address is shared on LINE, Facebook or X.

Each page gets Open Graph and Twitter card tags (overrides/main.html writes them from `tags`):
its own title, its own summary (the first paragraph of its article, trimmed), its address, its
language as a locale with the site's other languages as alternates, and the picture of its
language: the site's name on a plain background, docs/assets/preview/<lang>.png.

The pictures are kept in the repository, drawn by `python -m thlao.preview` from the site's
names in mkdocs.yml with the site's own Sarabun (docs/assets/fonts). Material's social plugin
was not used: it breaks a title into lines only at spaces, which Thai does not write between
words, and it fetches its font from Google Fonts during the build. Drawing needs Pillow with its
Raqm layout (HarfBuzz shaping; without it Thai tone marks and vowels land on top of each other)
and fontTools; the build needs neither. Each picture records the name it shows (its PNG Title),
so a test can tell when the site's name changed and the pictures were not drawn again.
"""
import re
import sys
from html.parser import HTMLParser
from itertools import combinations
from pathlib import Path

from markupsafe import Markup

from thlao import languages
from thlao.search import NODE_CUT, WORD_CUT, cut_thai

# Open Graph locales (language_TERRITORY, as Facebook lists them). The English pages are
# written in British English.
LOCALES = {"th": "th_TH", "en": "en_GB"}
IMAGE_DIR = "assets/preview"  # under docs/, and so in the built site
IMAGE_SIZE = (1200, 630)  # Facebook's recommended 1.91:1; large enough for X's summary_large_image
SUMMARY_LIMIT = 160  # characters: about what a search result or a shared link shows of a description
ELLIPSIS = "…"
# What is not a paragraph's words: citations ([publisher, date]) and footnote marks.
_SKIPPED_CLASSES = {"cite", "footnote-ref", "headerlink"}
_SKIPPED_TAGS = {"sup", "script", "style", "svg"}
_VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "source", "col", "area", "embed"}


def image_path(lang: str) -> str:
    """The picture of a language's pages, from the site root."""
    return f"{IMAGE_DIR}/{lang}.png"


def locale(lang: str) -> str:
    """The Open Graph locale of a language of the site."""
    if lang not in LOCALES:
        raise ValueError(f"the site has a language {lang!r} with no Open Graph locale: add it to LOCALES "
                         "in thlao/preview.py")
    return LOCALES[lang]


# ---------------------------------------------------------------- a page's summary

class _TopLevel(HTMLParser):
    """The text of each top-level paragraph and heading of an article's HTML, with its class."""

    KEPT = {"p", "h1"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0  # open elements
        self.found = []  # [(tag, class, [text, ...])], in order
        self.current = None  # the text of the top-level element being read
        self.skip = 0  # depth inside a skipped element, 0 outside

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            if tag == "br" and self.current is not None and not self.skip:
                self.current.append(" ")
            return
        self.depth += 1
        classes = set((dict(attrs).get("class") or "").split())
        if self.skip or self.current is not None and (tag in _SKIPPED_TAGS or classes & _SKIPPED_CLASSES):
            self.skip += 1
        elif tag in self.KEPT and self.depth == 1:
            self.current = []
            self.found.append((tag, " ".join(sorted(classes)), self.current))

    def handle_endtag(self, tag):
        if tag in _VOID or not self.depth:
            return
        self.depth -= 1
        if self.skip:
            self.skip -= 1
        elif self.depth == 0:
            self.current = None

    def handle_data(self, data):
        if self.current is not None and not self.skip:
            self.current.append(data)


def _tidy(text: str) -> str:
    text = text.replace(WORD_CUT, "").replace(NODE_CUT, "").replace("\u00ad", "")
    return re.sub(r"\s+", " ", text).strip()


_AFTER_PARAGRAPH = re.compile(r"(?<=</p>)")


def _top_level(html: str) -> list[tuple]:
    """[(tag, class, text)] of the article's top-level paragraphs and headings with text, read a
    paragraph at a time up to the first paragraph of running text (all a preview needs): a status
    page's tables after it are not parsed."""
    parser = _TopLevel()
    for chunk in _AFTER_PARAGRAPH.split(html):
        parser.feed(chunk)
        if parser.current is None and any(tag == "p" and not cls and _tidy("".join(parts))
                                           for tag, cls, parts in parser.found):
            break
    parser.close()
    found = [(tag, cls, _tidy("".join(parts))) for tag, cls, parts in parser.found]
    return [(tag, cls, text) for tag, cls, text in found if text]


def opening(html: str) -> tuple[str, str]:
    """(heading, first paragraph) of an article, from one reading of its opening.

    heading: the text of its first <h1> (its permalink left out), "" when it has none. First
    paragraph: the words of its first paragraph of running text, the first top-level <p> without
    a class (a class marks a generated line, such as a record page's kind and status), else the
    first top-level <p>; citations and footnote marks left out; "" when there is none."""
    found = _top_level(html)
    paragraphs = [(cls, text) for tag, cls, text in found if tag == "p"]
    plain = [text for cls, text in paragraphs if not cls]
    first = plain[0] if plain else paragraphs[0][1] if paragraphs else ""
    return next((text for tag, _, text in found if tag == "h1"), ""), first


def _word_breaks(text: str) -> list[int]:
    """Where text may be cut between two words: before each space, and between two Thai words."""
    points, at = [], 0
    for char in cut_thai(text):
        if char == WORD_CUT:
            points.append(at)
            continue
        if char == " ":
            points.append(at)
        at += 1
    return points


def _parts(text: str, space: int) -> bool:
    """Whether the space at this index parts two phrases: not a number from its word (พ.ศ. 2561,
    7 November), nor a Thai repetition mark from the word it repeats (ต่าง ๆ)."""
    before, after = text[space - 1:space], text[space + 1:space + 2]
    return not (before.isdigit() or after.isdigit() or after == "ๆ")


def trim(text: str, limit: int = SUMMARY_LIMIT) -> str:
    """text if it has at most limit characters, else cut with an ellipsis: at the last space that
    keeps most of it (in Thai a space ends a phrase or a sentence), else between two words (Thai
    cut into words as the search index is), never inside a word nor between a letter and its marks."""
    if len(text) <= limit:
        return text
    room = limit - len(ELLIPSIS)
    spaces = [i for i, char in enumerate(text[:room + 1]) if char == " " and _parts(text, i)]
    if spaces and spaces[-1] >= room * 0.6:
        end = spaces[-1]
    else:
        points = [p for p in _word_breaks(text) if 0 < p <= room and (text[p] != " " or _parts(text, p))]
        if not points:  # one word longer than the limit: the word, whole
            return text.split(" ")[0]
        end = points[-1]
    return text[:end].rstrip(" ,;:–—(") + ELLIPSIS


# ---------------------------------------------------------------- the tags of a page

def tags(*, title: str, html: str, url: str | None, lang: str, languages_built, site_name: str,
         site_url: str | None, home: bool) -> dict:
    """The values of a page's preview tags (overrides/main.html escapes them as it writes them).

    title: the page's title in the navigation, which may hold markup; html: its article as
    rendered, whose heading is the title shared (the navigation's is often shorter); url: its
    canonical address (None without a site_url); languages_built: the site's languages."""
    head, first = opening(html)
    title = site_name if home else head or Markup(title or "").striptags() or site_name
    width, height = IMAGE_SIZE
    base = site_url or ""
    return {
        "title": title,
        "description": trim(first) or title,  # the page's own words; its title where it has none
        "url": url,
        "type": "website",
        "site_name": site_name,
        "locale": locale(lang),
        "alternates": [locale(other) for other in languages_built if other != lang],
        "image": {"url": base + image_path(lang) if base else None, "type": "image/png",
                  "width": width, "height": height},
        "card": "summary_large_image",
    }


def page_tags(page, config) -> dict:
    """`tags` of a MkDocs page in the language being built (the i18n plugin builds each in turn)."""
    i18n = config.plugins["i18n"]
    lang = config.theme["language"]
    home = page.is_homepage or page.url == languages.root(lang, i18n.default_language)
    return tags(title=page.title, html=page.content or "", url=page.canonical_url, lang=lang,
                languages_built=list(i18n.build_languages), site_name=config.site_name,
                site_url=config.site_url, home=home)


# ---------------------------------------------------------------- drawing the pictures

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "docs" / "assets" / "fonts"
# The site's bold Sarabun, as served: its Thai and Latin subsets, merged into one font to draw with.
FONT_FILES = ("sarabun-thai-700-normal.woff2", "sarabun-latin-700-normal.woff2")
BACKGROUND = "#4051b5"  # Material's indigo, the site's header colour; white on it is 6.9:1
FOREGROUND = "#ffffff"
MARGIN = 96  # px on each side, clear of the corners some apps round or crop
MOST_LINES = 3
LARGEST, COMFORTABLE, SMALLEST = 120, 88, 40  # px: the name's size, as large as fits
LINE_HEIGHT = 1.45  # times the size: room for Thai marks above and vowels below


def site_names(config_file: Path) -> dict:
    """{language: site name} as mkdocs.yml gives them (the i18n plugin's languages override it)."""
    from mkdocs.utils.yaml import yaml_load
    with Path(config_file).open("rb") as fd:
        site = yaml_load(fd)
    i18n = next(p["i18n"] for p in site["plugins"] if isinstance(p, dict) and "i18n" in p)
    return {entry["locale"]: entry.get("site_name", site["site_name"]) for entry in i18n["languages"]}


def merged_font(files=FONT_FILES) -> bytes:
    """The font files (WOFF2) as one TrueType font: the subsets cover Thai and Latin apart."""
    import io
    import tempfile

    from fontTools.merge import Merger
    from fontTools.ttLib import TTFont
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for name in files:
            font = TTFont(FONTS / name)
            font.flavor = None  # WOFF2 -> plain TrueType, which the merger reads
            paths.append(str(Path(tmp) / f"{len(paths)}.ttf"))
            font.save(paths[-1])
        out = io.BytesIO()
        Merger().merge(paths).save(out)
    return out.getvalue()


def lines_for(text: str, measure, width: float, count: int) -> list[str] | None:
    """text in count lines, each at most width wide (measure(line) -> width) and as even as they
    can be; broken only at spaces and between Thai words. None if it does not fit."""
    cut = cut_thai(text).replace(" ", f"{WORD_CUT} {WORD_CUT}")
    words = [w for w in cut.split(WORD_CUT) if w]
    best = None
    for ends in combinations(range(1, len(words)), count - 1):
        bounds = (0, *ends, len(words))
        lines = ["".join(words[a:b]).strip() for a, b in zip(bounds, bounds[1:], strict=False)]
        if all(lines):
            widest = max(measure(line) for line in lines)
            if widest <= width and (best is None or widest < best[0]):
                best = (widest, lines)
    return best and best[1]


def layout(text: str, font_at) -> tuple:
    """(size, lines) of the name: in as few lines as fit at a comfortable size, as large as
    those lines allow; smaller, in up to MOST_LINES lines, only if it must. font_at(size) -> font."""
    width = IMAGE_SIZE[0] - 2 * MARGIN
    for smallest in (COMFORTABLE, SMALLEST):
        for count in range(1, MOST_LINES + 1):
            for size in range(LARGEST, smallest - 1, -4):
                lines = lines_for(text, font_at(size).getlength, width, count)
                if lines:
                    return size, lines
    raise ValueError(f"the site name {text!r} does not fit the picture in {MOST_LINES} lines")


def draw(name: str, font_bytes: bytes):
    """The picture of one language: its site name, as large as fits, on the plain background."""
    import io

    from PIL import Image, ImageDraw, ImageFont, features
    if not features.check("raqm"):
        raise RuntimeError("Pillow here has no Raqm text layout (it needs the FriBiDi library: on Debian, "
                           "apt-get install libfribidi0): Thai would be drawn with its marks misplaced")

    def font_at(size):
        return ImageFont.truetype(io.BytesIO(font_bytes), size, layout_engine=ImageFont.Layout.RAQM)

    size, lines = layout(name, font_at)
    font = font_at(size)
    width, height = IMAGE_SIZE
    image = Image.new("RGB", IMAGE_SIZE, BACKGROUND)
    pen = ImageDraw.Draw(image)
    step = size * LINE_HEIGHT
    top = (height - step * len(lines)) / 2
    for i, line in enumerate(lines):  # "mm": centred on the line's middle, from the font's own metrics
        pen.text((width / 2, top + step * (i + 0.5)), line, font=font, fill=FOREGROUND, anchor="mm")
    return image


def write_pictures(config_file: Path, out_dir: Path) -> list[Path]:
    """Draw every language's picture into out_dir; the paths written."""
    import PIL
    from PIL.PngImagePlugin import PngInfo
    font = merged_font()
    written = []
    for lang, name in site_names(config_file).items():
        info = PngInfo()
        info.add_itxt("Title", name)  # what tests/test_preview.py compares with the site's name
        info.add_text("Software", f"thlao.preview, Pillow {PIL.__version__} with Raqm, Sarabun Bold")
        path = out_dir / Path(image_path(lang)).name
        path.parent.mkdir(parents=True, exist_ok=True)
        draw(name, font).save(path, pnginfo=info, optimize=True)
        written.append(path)
    return written


def main(argv=None) -> int:
    """`python -m thlao.preview`: draw docs/assets/preview/<lang>.png again (after the site's name changed)."""
    import argparse
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("-f", "--config-file", type=Path, default=ROOT / "mkdocs.yml")
    parser.add_argument("-o", "--out", type=Path, default=ROOT / "docs" / IMAGE_DIR)
    args = parser.parse_args(argv)
    for path in write_pictures(args.config_file, args.out):
        print(f"wrote {path}; look at it: are the Thai tone marks and vowels in place?")
    return 0


if __name__ == "__main__":
    sys.exit(main())
