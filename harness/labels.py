"""The site's words, looked up by key as the tests name them ("item_status.not-reported"): a test
never writes a label's words, so a translator's change to a word keeps it green."""
from functools import cache
from pathlib import Path

from harness.site import ROOT
from thlao import config, labels


@cache
def _trees() -> dict:
    return labels.read_all(Path(config.load(ROOT / "mkdocs.yml").labels_dir))


def label(lang: str, key: str, **values) -> str:
    """The words of `key` (dotted: group.key) in one language, with {name} filled in from values."""
    words = _trees()[lang]
    for step in key.split("."):
        words = words[step]
    return words.format(**values) if values else words


def languages() -> list:
    return sorted(_trees())
