"""The interface words and the one template environment everything the site generates is written with.

labels/<lang>.yml holds every word the site generates in one language (the tables, the record
pages, the dashboard, the timeline, the feeds, the 404 page, the page footer, the table filter),
keyed by meaning; a translator edits it without touching code, and a new language is one more
file. thlao/templates/ holds the markup, rendered with autoescaping on, so a value from the data
is escaped where it is shown.

A `Templating` is made once per build (thlao/plugin.py, on_config) and handed to whatever renders;
nothing here is global. It remembers which words were shown, so a build can tell which labels no
page used (tests/test_labels.py builds the fixture site, which shows every case).
"""
from collections.abc import Mapping
from pathlib import Path

import jinja2

from thlao.dates import Calendar
from thlao.labels import keys, read_labels

TEMPLATES = Path(__file__).with_name("templates")


class Words(Mapping):
    """One language's words: w["group"]["key"] in Python, w.group.key in a template.

    Reading a word records its key in `used`, shared by every group of the language.
    """

    def __init__(self, tree: dict, used: set, path: tuple = (), source: str = ""):
        self._tree, self._used, self._path, self._source = tree, used, path, source

    def __getitem__(self, key):
        try:
            value = self._tree[key]
        except KeyError:
            where = ".".join((*self._path, str(key)))
            raise KeyError(f"{self._source} has no label {where!r}") from None
        path = (*self._path, key)
        if isinstance(value, dict):
            return Words(value, self._used, path, self._source)
        self._used.add(path)
        return value

    def __getattr__(self, key):
        if key.startswith("_"):
            raise AttributeError(key)
        try:
            return self[key]
        except KeyError as missing:
            raise AttributeError(str(missing)) from None

    def __iter__(self):
        return iter(self._tree)

    def __len__(self) -> int:
        return len(self._tree)

    def plural(self, n: int) -> str:
        """This group's words for the number n: `one` for 1, `other` for any other number (Thai
        and Lao use the same words for both; a language with more forms would add its own)."""
        return self["one" if n == 1 else "other"]


class Templating:
    """The words of each language (labels_dir/<lang>.yml) and the one Jinja environment."""

    def __init__(self, labels_dir: Path, languages):
        self.used = {lang: set() for lang in languages}
        self.labels = {lang: read_labels(Path(labels_dir) / f"{lang}.yml") for lang in languages}
        locales = {lang: tree["locale"]["babel"] for lang, tree in self.labels.items()}
        self.words = {lang: Words(tree, self.used[lang], (), f"labels/{lang}.yml")
                      for lang, tree in self.labels.items()}
        self.calendars = {lang: Calendar.of(locales[lang], int(tree["locale"]["year_offset"]))
                          for lang, tree in self.labels.items()}
        for used in self.used.values():
            used |= {("locale", "babel"), ("locale", "year_offset")}
        self._parts = {}  # {lang: the macros of parts.html}
        # Autoescaping on for every template; StrictUndefined makes a misspelt field an error rather
        # than an empty cell; trim_blocks and lstrip_blocks let a {% tag %} stand on its own line.
        self.env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                                      undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)

    def render(self, template: str, lang: str, **values) -> str:
        """The template filled in with these values and the language's words (`w`)."""
        return self.env.get_template(template).render(w=self.words[lang], **values)

    def module(self, template: str, lang: str, **values):
        """The template's macros, with the language's words (`w`) and these values."""
        return self.env.get_template(template).make_module({"w": self.words[lang], **values})

    def parts(self, lang: str):
        """The shared macros of parts.html in one language, made once for the build."""
        if lang not in self._parts:
            self._parts[lang] = self.module("parts.html", lang)
        return self._parts[lang]

    def unused(self, lang: str) -> list[str]:
        """The keys of the language's words that nothing has read since this Templating was made."""
        return sorted(".".join(key) for key in keys(self.labels[lang]) - self.used[lang])
