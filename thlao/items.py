"""The pages generated from the data: one per MOU item and one per related development.

Each record of data/activities.yml gets a page at items/<id>/, each record of data/related.yml
one at related/<id>/, in every language, at the same address under each language's root. The
id is the record's own (lower-case ASCII letters, digits and hyphens, checked by the schema), so
an address stays the same for as long as the record keeps its id.

This module only says which pages exist and what their Markdown is; the site plugin
(thlao/plugin.py) adds them to the build, and the macros they call (thlao/macros.py) render
them from the checked data like any other page, in the language of the page being built.
"""
import html
import re

from thlao.data import Dataset

# The data file of each kind of record with its own page, and the folder its pages are in.
FOLDERS = {"activities": "items", "related": "related"}
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def url(name: str, record_id: str) -> str:
    """The page of a record, as a URL from its language's root: items/<id>/, related/<id>/."""
    return f"{FOLDERS[name]}/{record_id}/"


def src_uri(name: str, record_id: str) -> str:
    """The page's Markdown path inside a language folder of docs/ (no file is written there)."""
    return f"{FOLDERS[name]}/{record_id}.md"


def markdown(name: str, record_id: str, title: str) -> str:
    """The page's Markdown in one language: the record's title, its sections, the sources it cites.

    The sections come from a macro (record_page) that renders them from the checked data. The
    title is written in, as text (markdown_text): a title holding "{{", "*" or "<script>" shows
    as written, and is neither a template, nor Markdown, nor a tag.
    """
    if name not in FOLDERS:
        raise ValueError(f"no pages are generated for data/{name}.yml")
    if not _ID.match(record_id):  # the schema allows no other id; checked again before it goes in a template
        raise ValueError(f"the id {record_id!r} in data/{name}.yml cannot be part of an address")
    return (f"# {markdown_text(title)} {{ #record }}\n\n"
            f'{{{{ record_page("{name}", "{record_id}") }}}}\n\n'
            "{{ page_sources() }}\n")


# Markdown's own punctuation, escaped with a backslash; braces are written as character references,
# which neither Markdown (attribute lists) nor the macros' templates ({{ }}, {% %}, {# #}) read.
_MARKDOWN_PUNCTUATION = re.compile(r"[\\`*_\[\]()#+\-.!]")
_BRACES = {"{": "&#123;", "}": "&#125;"}


def markdown_text(value: str) -> str:
    """Text to write into a Markdown heading as itself, on one line: Markdown's punctuation escaped,
    HTML's special characters and braces as character references."""
    text = html.escape(_MARKDOWN_PUNCTUATION.sub(r"\\\g<0>", " ".join(str(value).split())), quote=False)
    return re.sub("[{}]", lambda brace: _BRACES[brace.group()], text)


def pages(ds: Dataset, lang: str) -> dict:
    """{Markdown path inside a language folder: Markdown} of every generated page in one language."""
    return {src_uri(name, r["id"]): markdown(name, r["id"], r["title"][lang])
            for name in FOLDERS for r in ds.records[name]}
