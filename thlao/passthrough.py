"""HTML from the macros, handed past Markdown.

The macros write finished, escaped HTML. Left in a page's Markdown, it would be read again
by Markdown's pure-Python HTML parser, tag by tag: with a large data set that re-reading was
a third of the build, and it changes nothing. So a macro leaves a marker that Markdown keeps
as plain text, and the site plugin (thlao/plugin.py) puts the HTML back in its place once the
page is converted.

What it saves (`make bench-speedups`, December 2026: full builds with and without it, in git
checkouts, wall-clock medians of interleaved runs): without it the build took 11.8% and 13.1%
longer on the real site (5 and 9 runs) and 4.6% and 9.0% longer at 2,000 items and 200 pages
per language (3 runs each). It stays: it saves 10% or more at one size.

A marker is two private-use characters around a number: no page text uses them, and Markdown
passes them through as text (it strips STX and ETX, its own marker characters, from pages).
"""
import itertools
import re

OPEN, CLOSE = "\ue000", "\ue001"
MARKER = re.compile(f"(<p>)?{OPEN}(\\d+){CLOSE}(</p>)?")


class Passthrough:
    """The HTML held for the pages of the language being built, by marker number."""

    def __init__(self):
        self._held = {}  # {number: (HTML, is a block)}
        self._numbers = itertools.count()

    def _hold(self, html: str, is_block: bool) -> str:
        if not html:
            return html
        number = next(self._numbers)
        self._held[number] = (html, is_block)
        return f"{OPEN}{number}{CLOSE}"

    def block(self, html: str) -> str:
        """A marker for block HTML (a table, a list): Markdown wraps it in a paragraph, dropped again."""
        return self._hold(html, True)

    def inline(self, html: str) -> str:
        """A marker for inline HTML (a link, a date) inside a paragraph."""
        return self._hold(html, False)

    def forget(self) -> None:
        """Drop the HTML held for pages already built (as each language's build starts)."""
        self._held.clear()

    def _put_back(self, match: re.Match) -> str:
        html, is_block = self._held[int(match.group(2))]
        before, after = match.group(1) or "", match.group(3) or ""
        return html if is_block and before and after else before + html + after

    def release(self, page_html: str) -> str:
        """page_html with every marker replaced by the HTML it stands for."""
        return MARKER.sub(self._put_back, page_html)
