"""Reading the built site's pages: which pages there are, and the parts of a page a test looks at."""
import re
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from harness.site import ROOT

DOCS = ROOT / "docs"
HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]
LANGS = {"th": "", "en": "en/"}  # language -> its folder in the built site

# Every page written in docs/<lang>/, by its path from the language root. A page added or
# lost in either language fails test_exact_pages until this list says so.
DOC_PAGES = [
    "index.html",
    "agreements/index.html",
    "agreements/mou-2018/index.html",
    "agreements/mou-2022/index.html",
    "areas/index.html",
    *(f"areas/{a}/index.html" for a in (
        "posts-telecom", "digital-government", "digital-industry", "broadband", "services",
        "innovation", "digital-opportunity", "research", "knowledge-exchange",
        "digital-economy", "smart-city", "e-transactions", "cybersecurity", "digital-skills")),
    "status/index.html",
    "gms-superhighway/index.html",
    "startups/index.html",
    "training/index.html",
    "future/index.html",
    "related/index.html",
    "timeline/index.html",
    "unknowns/index.html",
    "organizations/index.html",
    "glossary/index.html",
    "sources/index.html",
    "about/index.html",
    "about/open-data/index.html",
    "about/data-dictionary/index.html",
    "about/review/index.html",
    "about/accessibility/index.html",
    "about/privacy/index.html",
]


def generated_pages(data_dir: Path = ROOT / "data") -> list[str]:
    """The page of each MOU item (items/<id>/) and of each related development (related/<id>/),
    by path from the language root, read from the ids in the data files: the build makes them
    (thlao/items.py), with no file in docs/."""
    pages = []
    for name, folder in (("activities", "items"), ("related", "related")):
        records = yaml.safe_load((data_dir / f"{name}.yml").read_text(encoding="utf-8"))
        pages += [f"{folder}/{record['id']}/index.html" for record in records]
    return pages


GENERATED_PAGES = generated_pages()
# Every page of the site, in each language.
PAGES = DOC_PAGES + GENERATED_PAGES


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
