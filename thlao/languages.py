"""The site's languages: where each language's pages live, and which script each is written in.

The default language is at the site root, the others under /<code>/.
"""
import re


def root(language: str, default: str) -> str:
    """The URL path of a language's home from the site root: '' for the default, 'en/' for English."""
    return "" if language == default else f"{language}/"


# The script of each language the site knows, as runs of text in it. On a page, a run of another
# language's script (an English name on a Thai page, a Thai word on an English one) is marked
# with that language, so a screen reader reads it in the right voice.
SCRIPTS = {
    "th": r"[\u0E00-\u0E7F][\u0E00-\u0E7F0-9 .\-]*[\u0E00-\u0E7F]|[\u0E00-\u0E7F]",
    "lo": r"[\u0E80-\u0EFF][\u0E80-\u0EFF0-9 .\-]*[\u0E80-\u0EFF]|[\u0E80-\u0EFF]",
    "en": r"[A-Za-z][A-Za-z0-9'’.,&:/\- ]*[A-Za-z0-9]|[A-Za-z]",
}
_OTHER = {lang: re.compile("|".join(f"(?P<{other}>{pattern})" for other, pattern in SCRIPTS.items() if other != lang))
          for lang in SCRIPTS}


def marked_runs(value: str, lang: str) -> list:
    """[(text, language or None)]: the text in runs, each run in another language's script with
    that language, the rest with None."""
    runs, pos = [], 0
    for run in _OTHER[lang].finditer(value):
        runs += [(value[pos:run.start()], None), (run.group(), run.lastgroup)]
        pos = run.end()
    return [*runs, (value[pos:], None)]
