"""Link gate: every internal link and anchor of the built HTML, in both languages, resolves, on the
real site and on the fixture site (every case)."""
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from harness.site import configured_site_url

SKIPPED_SCHEMES = {"mailto", "tel", "javascript", "data"}


class _Refs(HTMLParser):
    """The ids an HTML file defines and the URLs it points to (href and src)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids, self.urls = set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if attrs.get(name):
                self.ids.add(attrs[name])
        for name in ("href", "src"):
            if attrs.get(name) is not None:
                self.urls.append(attrs[name])


@cache
def _parse(file: Path) -> _Refs:
    refs = _Refs()
    refs.feed(file.read_text("utf-8"))
    return refs


def _target(site: Path, path: str) -> Path | None:
    """The file a URL path from the site root serves, as a static host would; None if none."""
    file = site / unquote(path).lstrip("/")
    if file.is_dir():
        file = file / "index.html"
    return file if file.is_file() else None


def broken_links(site: Path, site_url: str) -> list[str]:
    """Every internal link or anchor in site's HTML that leads nowhere, as 'page -> url: why'."""
    base = urlsplit(site_url)
    broken = []
    for page in sorted(site.rglob("*.html")):
        page_url = "/" + str(page.relative_to(site)).removesuffix("index.html")
        for url in _parse(page).urls:
            link = urlsplit(urljoin(page_url, url))
            if link.scheme in SKIPPED_SCHEMES:
                continue
            if link.netloc:  # absolute: internal only under the site's own URL
                if link.netloc != base.netloc or not link.path.startswith(base.path):
                    continue
                link = link._replace(path="/" + link.path[len(base.path):])
            target = _target(site, link.path)
            if target is None:
                broken.append(f"{page_url} -> {url}: no such file")
            elif link.fragment and target.suffix == ".html" and unquote(link.fragment) not in _parse(target).ids:
                broken.append(f"{page_url} -> {url}: no element with id '{link.fragment}'")
    return broken


def test_broken_links_finds_a_missing_page_and_a_missing_anchor(tmp_path):
    (tmp_path / "en").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="en/">ok</a><a href="en/#top">ok</a><a href="#here" id="here">ok</a>'
        '<a href="https://example.org/x">other host</a><a href="https://s.example/site/en/">ok</a>'
        '<a href="gone/">missing page</a><a href="en/#nowhere">missing anchor</a>'
        '<a href="https://s.example/site/gone">missing, absolute</a>', "utf-8")
    (tmp_path / "en" / "index.html").write_text('<h1 id="top">Top</h1>', "utf-8")
    assert broken_links(tmp_path, "https://s.example/site/") == [
        "/ -> gone/: no such file",
        "/ -> en/#nowhere: no element with id 'nowhere'",
        "/ -> https://s.example/site/gone: no such file",
    ]


@pytest.mark.parametrize("name", ["fixture", "real"])
def test_no_broken_internal_link_or_anchor_in_either_language(request, name):
    site = request.getfixturevalue(f"{name}_site")
    pages = list(site.rglob("*.html"))
    assert any(p.is_relative_to(site / "en") for p in pages) and (site / "index.html") in pages
    broken = broken_links(site, configured_site_url())
    assert not broken, f"{len(broken)} broken links:\n" + "\n".join(broken)
