"""The interface words (labels/<lang>.yml): the same keys in every language, one key per code the
data may hold, and no key that nothing shows.

"Shown" is what a build reads: the fixture site's build says at debug level which labels no page
of it showed (thlao/plugin.py), and the states a dataset cannot hold all at once (no date ahead,
no related development at all, no record due for review, no item or every item with progress)
are rendered here from changed copies of the fixture data.
"""
import copy
import json
import re
from pathlib import Path

import pytest

from harness.site import FIXTURE, ROOT
from thlao import config, data, dates, labels, render
from thlao.templating import Templating

SETTINGS = config.load(ROOT / "mkdocs.yml")
TREES = labels.read_all(Path(SETTINGS.labels_dir))


def test_every_language_has_the_same_keys_and_only_words():
    keys = {lang: labels.keys(tree) for lang, tree in TREES.items()}
    assert set(keys) == {"th", "en"}
    assert keys["th"] == keys["en"], keys["th"] ^ keys["en"]
    for lang, tree in TREES.items():
        for key in keys[lang]:
            value = tree
            for step in key:
                value = value[step]
            assert isinstance(value, str) or key[0] == "locale", (lang, key)


def test_each_placeholder_is_in_both_languages():
    def fields(text):
        return sorted(re.findall(r"\{(\w+)\}", text)) if isinstance(text, str) else []
    for key in labels.keys(TREES["en"]):
        en, th = TREES["en"], TREES["th"]
        for step in key:
            en, th = en[step], th[step]
        assert fields(en) == fields(th), key


def _codelists() -> dict:
    """{labels group: the codes its schema allows} for every field whose schema names a group."""
    found = {}

    def walk(node):
        if isinstance(node, dict):
            if "x-labels" in node:
                found[node["x-labels"]] = node["enum"]
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    for path in Path(SETTINGS.schemas_dir).glob("*.schema.json"):
        walk(json.loads(path.read_text(encoding="utf-8")))
    return found


def test_each_codelist_has_a_word_for_every_code():
    codelists = _codelists()
    assert {"item_status", "agreement_state", "item_kind", "country", "source_language", "related_period",
            "extension"} <= set(codelists)
    for group, codes in codelists.items():
        for lang, tree in TREES.items():
            assert list(tree[group]) == list(codes), (lang, group)
    assert list(TREES["en"]["data_file"]) == list(data.FILES)


def test_a_codelist_check_catches_a_missing_code():
    # negative control of the rule above: a status the labels lack
    codes = _codelists()["item_status"] + ["paused"]
    assert list(TREES["en"]["item_status"]) != codes


def _unused_in_build(log: str) -> dict:
    found = {}
    for line in log.splitlines():
        match = re.search(r"labels/(\w+)\.yml: \d+ labels no page of this build showed: (.*)$", line)
        if match:
            found[match[1]] = set(match[2].split(", "))
    return found


def _render_empty_states(templating: Templating, lang: str) -> None:
    """Render what only other data would show: no date ahead, no related development, nothing due,
    no item at all, every item with progress."""
    ds, problems = data.check(FIXTURE / "data", Path(SETTINGS.schemas_dir), dates.parse("2026-06-15").first_day(),
                              TREES)
    assert not problems
    ctx = render.Context(lang=lang, templating=templating, today=dates.parse("2040-01-01").first_day())
    bare = copy.deepcopy(ds)
    bare.records["related"] = []
    render.home_summary(bare, ctx)  # no date ahead in 2040, no related development
    render.next_dates(bare, ctx)
    recent = copy.deepcopy(ds)
    for name in ("agreements", "activities"):
        for record in recent.records[name]:
            record["confirmed"] = "2039-12"
    render.review_list(recent, ctx)
    for record in recent.records["activities"]:
        record["status"] = "implementation"
    render.status_summary(recent, ctx)
    nothing = copy.deepcopy(ds)
    nothing.records["activities"] = []
    render.status_summary(nothing, ctx)


def test_every_label_is_shown_somewhere(fixture_build):
    unused = _unused_in_build(fixture_build["log"])
    assert set(unused) <= set(TREES), unused
    templating = Templating(Path(SETTINGS.labels_dir), sorted(TREES))
    for lang in TREES:
        _render_empty_states(templating, lang)
        left = unused.get(lang, set()) & set(templating.unused(lang))
        assert not left, f"labels/{lang}.yml: no page shows {sorted(left)}; remove them or show them"


@pytest.mark.parametrize("lang", ["th", "en"])
def test_an_unused_label_would_be_reported(fixture_build, lang):
    # negative control: a key no page reads is among the build's unused ones
    tree = copy.deepcopy(TREES[lang])
    tree["common"]["never_shown"] = "x"
    templating = Templating(Path(SETTINGS.labels_dir), [lang])
    templating.labels[lang] = tree
    assert "common.never_shown" in templating.unused(lang)
