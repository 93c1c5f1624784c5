"""Reading the built site's pages: which pages there are, and the parts of a page a test looks at."""
import re
from pathlib import Path

from bs4 import BeautifulSoup

from harness.site import ROOT

DOCS = ROOT / "docs"
HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]
LANGS = {"th": "", "en": "en/"}  # language -> its folder in the built site

def doc_pages(docs: Path = DOCS, lang: str = "th") -> list[str]:
    """The page each Markdown file of docs/<lang>/ makes, by path from the language root."""
    return sorted(built_path(md.relative_to(docs / lang)) for md in (docs / lang).rglob("*.md"))


def generated_pages(dataset) -> list[str]:
    """The page of each MOU item (items/<id>/) and of each related development (related/<id>/),
    by path from the language root: the build makes them from the data, with no file in docs/."""
    return sorted([f"items/{r['id']}/index.html" for r in dataset.records["activities"]]
                  + [f"related/{r['id']}/index.html" for r in dataset.records["related"]])


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def built_path(md: Path) -> str:
    """Where a page of docs/<lang>/ lands in the site, from the language root (directory URLs)."""
    rel = md.with_suffix("")
    folder = rel.parent if rel.name == "index" else rel
    return (folder / "index.html").as_posix().lstrip("./")


def article(html: str) -> BeautifulSoup:
    """The page's content area (Material's <article>), without the site chrome."""
    return BeautifulSoup(html, "html.parser").select_one("article")


def section(html: str, heading_id: str) -> list:
    """The heading with this id and everything after it up to the next heading of its level or higher."""
    heading = article(html).find(HEADINGS, id=heading_id)
    assert heading is not None, f"no heading #{heading_id}"
    level, parts = int(heading.name[1]), [heading]
    for el in heading.find_next_siblings():
        if el.name in HEADINGS and int(el.name[1]) <= level:
            break
        parts.append(el)
    return parts


def text_of(parts: list) -> str:
    return " ".join(p.get_text(" ", strip=True) for p in parts)


def cited_sources(parts: list) -> set[str]:
    """Source ids linked from these elements (citations and source lists point at #src-<id>)."""
    return {m.group(1) for p in parts for a in p.find_all("a", href=True)
            if (m := re.search(r"#src-([a-z0-9-]+)$", a["href"]))}


def page(site: Path, lang: str, path: str) -> str:
    return (site / LANGS[lang] / path).read_text(encoding="utf-8")


def heading_ids(html: str) -> set[str]:
    """The ids of the headings in a page's article (the same in both languages)."""
    return {h["id"] for h in article(html).find_all(HEADINGS, id=True)}
