"""What makes the build fast must not change what it builds: data checked once, the same Thai cuts,
the macros' HTML back in place, open data written once."""
import ast
import json
import os
import random
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import jsonschema_rs
import pytest

from harness.data import copy_of_data, edit, line_containing
from thlao import data, passthrough, search

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = Path("/work/shared/sources/article-2018-de-lao-mou.th.txt")

# Runs a real build and logs calls, in this process and in the build's worker process, with the
# process each ran in. With --one-thread=no a thread is started first, so the build cannot fork a
# worker and does everything itself (as under `mkdocs serve`).
LOGGED_BUILD = """
import os, sys, threading
from thlao import data, history, opendata
def logged(function, key=lambda *args: ()):
    def call(*args):
        with open(sys.argv[2], "a") as log:
            log.write(repr(((function.__name__, *key(*args)), os.getpid())) + "\\n")
        return function(*args)
    call.__name__ = function.__name__
    return call
data.read_fast = logged(data.read_fast, lambda path: (path.name,))
data._read_slow = logged(data._read_slow, lambda path: (path.name,))
opendata.publish, history._git = logged(opendata.publish), logged(history._git)
if sys.argv[3] == "--one-thread=no":
    threading.Thread(target=threading.Event().wait, daemon=True).start()
print(os.getpid())
from mkdocs.__main__ import cli
try:
    cli(["build", "--strict", "-q", "-d", sys.argv[1]])
except SystemExit as end:
    assert not end.code, end.code
"""


def logged_build(dest: Path, log: Path, one_thread: bool) -> tuple[int, list]:
    """(pid of the build, [(call, pid), ...]) of a real build into dest."""
    run = subprocess.run([sys.executable, "-c", LOGGED_BUILD, str(dest), str(log),
                          f"--one-thread={'yes' if one_thread else 'no'}"], cwd=ROOT,
                         env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return int(run.stdout.split()[0]), [ast.literal_eval(line) for line in log.read_text().splitlines()]


def test_a_build_reads_each_data_file_once_and_writes_the_open_data_once(tmp_path):
    build_pid, calls = logged_build(tmp_path / "site", tmp_path / "calls.log", one_thread=True)
    # once for the whole site, though the i18n plugin runs the build once per language
    counts = Counter(call for call, _ in calls)
    assert {call: n for call, n in counts.items() if call != ("_git",)} == {
        **{("read_fast", f"{name}.yml"): 1 for name in data.FILES}, ("publish",): 1}
    assert 1 <= counts[("_git",)] <= 3  # a shallow clone stops after the first question
    assert (tmp_path / "site" / "feed.xml").is_file() and (tmp_path / "site" / "en" / "feed.xml").is_file()
    # the data check, git history and the open data ran in the worker process
    assert len({pid for _, pid in calls}) == 1 and build_pid not in {pid for _, pid in calls}


def test_a_build_without_its_worker_makes_the_same_site(built_site, tmp_path):
    build_pid, calls = logged_build(tmp_path / "site", tmp_path / "calls.log", one_thread=False)
    assert {pid for _, pid in calls} == {build_pid}  # everything done in the build's own process
    built = sorted(p.relative_to(built_site) for p in built_site.rglob("*") if p.is_file())
    alone = sorted(p.relative_to(tmp_path / "site") for p in (tmp_path / "site").rglob("*") if p.is_file())
    assert built == alone and len(built) > 100
    assert [p for p in built if (built_site / p).read_bytes() != (tmp_path / "site" / p).read_bytes()] == []


def test_no_page_keeps_a_marker_of_the_macros_html(built_site):
    files = [p for p in sorted(built_site.rglob("*")) if p.suffix in {".html", ".json", ".xml", ".csv"}]
    left = [p for p in files if passthrough.OPEN in p.read_text("utf-8") or passthrough.CLOSE in p.read_text("utf-8")]
    assert len(files) > 100 and not left  # pages, their contents lists, the search index, the data
    status = (built_site / "en" / "status" / "index.html").read_text("utf-8")
    assert status.count('<div class="data-table"') >= 1 and "<p><div" not in status


def test_the_fast_reading_gives_the_round_trip_data_and_lines():
    fast = data._check(ROOT / "data", ROOT / "schemas", date.today(), data.read_fast)
    slow = data._check(ROOT / "data", ROOT / "schemas", date.today(), data._read_slow)
    # JSON tells true from 1 and "2018" from 2018, which == does not
    assert json.dumps(fast[0].records, sort_keys=True) == json.dumps(slow[0].records, sort_keys=True)
    assert fast[0].lines == slow[0].lines and fast[1] == slow[1] == []
    assert fast[0].lines["activities"][fast[0].records["activities"][1]["id"]] > 1


def test_the_check_is_remembered_until_a_file_changes(tmp_path):
    data_dir = copy_of_data(tmp_path)
    first = data.check(data_dir)
    assert data.check(data_dir) is first
    edit(data_dir / "glossary.yml", "- id: ", "- id: x")
    changed, problems = data.check(data_dir)
    assert not problems and changed.records["glossary"][0]["id"].startswith("x")
    assert first[0].records["glossary"][0]["id"] != changed.records["glossary"][0]["id"]
    # a problem found afterwards still names its exact line (the round-trip re-read)
    edit(data_dir / "glossary.yml", "- id: x", "- idd: ")
    _, problems = data.check(data_dir)
    assert problems and {p.line for p in problems} == {line_containing(data_dir / "glossary.yml", "- idd: ")}


def thai_runs(texts) -> list[str]:
    return sorted({m.group() for text in texts for m in search.THAI_RUN.finditer(text)})


def test_the_word_set_cuts_as_pythainlp_trie_does(built_site):
    from pythainlp.tokenize import word_tokenize
    from pythainlp.util import Trie
    words = search.dictionary_words()
    trie, fast = Trie(words), search.WordSet(words)
    pages = [p.read_text("utf-8") for p in sorted(built_site.rglob("*.html"))]
    runs = thai_runs(pages + ([ARTICLE.read_text("utf-8")] if ARTICLE.exists() else []))
    shuffled = random.Random(1).sample(sorted(words), 3000)
    runs += ["".join(shuffled[i:i + 40]) for i in range(0, len(shuffled), 40)]  # words run together
    assert len(runs) > 500
    for run in runs:
        assert word_tokenize(run, custom_dict=fast, engine="newmm") == \
            word_tokenize(run, custom_dict=trie, engine="newmm"), run
        assert all(fast.prefixes(run, i) == trie.prefixes(run, i) for i in range(len(run) + 1)), run
    assert fast.prefixes("ความร่วมมือ") == ["ความ", "ความร่วมมือ"]  # negative control: not just []


def test_only_the_article_is_parsed_and_the_sections_are_the_same(built_site):
    for page in [built_site / "index.html", built_site / "status" / "index.html", built_site / "en" / "index.html"]:
        html = page.read_text("utf-8")
        sliced = search.article_html(html)
        assert sliced.startswith("<article") and sliced.endswith("</article>") and len(sliced) < len(html)
        parser = search._ArticleSections()
        parser.feed(html)
        parser.close()
        whole = [{"id": s["id"], "title": search.tidy("".join(s["title"])), "text": search.tidy("".join(s["text"]))}
                 for s in parser.sections]
        assert search.article_sections(html) == whole and whole


def variants(record: dict):
    """The record broken one field at a time: the field missing, empty, of another type, or unknown."""
    for key, value in record.items():
        yield {k: v for k, v in record.items() if k != key}
        for other in (None, "", 7, [], {}, {"th": "ก"}, ["x"], "not a date"):
            if other != value:
                yield {**record, key: other}
    yield {**record, "no_such_field": "x"}


def test_the_quick_schema_check_agrees_with_jsonschema_on_every_kind_of_mistake():
    from jsonschema import Draft202012Validator
    schemas = data.load_schemas(ROOT / "schemas")
    bad_data = data.check(ROOT / "tests" / "fixtures" / "data" / "bad")[0]  # fixtures the checker rejects
    good, _ = data.check()
    cases, rejected = 0, 0
    for name in data.FILES:
        schema = data.schema_for(name, schemas)
        assert "$ref" not in json.dumps(schema)  # nothing left to look up, nothing fetched
        quick, full = jsonschema_rs.validator_for(schema), Draft202012Validator(schema)
        records = good.records[name]
        samples = [records, *([bad_data.records.get(name)] if bad_data.records.get(name) is not None else [])]
        samples += [[broken] for record in records[:3] for broken in variants(record)]
        for sample in samples:
            assert quick.is_valid(sample) == (not list(full.iter_errors(sample))), (name, sample)
            cases, rejected = cases + 1, rejected + (not quick.is_valid(sample))
    assert cases > 500 and cases - 10 > rejected > 400  # both answers are given, many times


# Runs a real build and prints the templates that the build's own process compiled: by name
# (theme templates), and for pages (no name) whether compile_pages did it ahead.
COMPILES_IN_BUILD = """
import os, sys, jinja2
build_pid, named, pages = os.getpid(), [], []
compile_template = jinja2.Environment.compile
def compiling(self, source, name=None, *args, **kwargs):
    if os.getpid() == build_pid:
        if name:
            named.append(name)
        else:
            frame, ahead = sys._getframe(1), False
            while frame and not ahead:
                ahead, frame = frame.f_code.co_name == "compile_pages", frame.f_back
            pages.append(ahead)
    return compile_template(self, source, name, *args, **kwargs)
jinja2.Environment.compile = compiling
from mkdocs.__main__ import cli
try:
    cli(["build", "--strict", "-q", "-d", sys.argv[1]])
except SystemExit as end:
    assert not end.code, end.code
print((named, pages))
"""


def test_templates_are_compiled_ahead_not_while_each_language_renders(tmp_path):
    run = subprocess.run([sys.executable, "-c", COMPILES_IN_BUILD, str(tmp_path / "site")], cwd=ROOT,
                         env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    named, pages = ast.literal_eval(run.stdout.strip().splitlines()[-1])
    # theme templates: only icons, which templates include by names the configuration chooses
    # (control: it sees them); the rest were compiled by the worker
    assert named and all(name.startswith(".icons/") for name in named), named
    # pages: each compiled once, ahead, and found again by the macros plugin (none compiled later)
    assert len(pages) == len(list((ROOT / "docs").rglob("*.md"))) and all(pages), (
        "a page reached mkdocs-macros as other text than templates.page_source gives", pages)


def test_a_page_jinja_cannot_read_is_left_to_the_macros_plugin(tmp_path):
    import jinja2

    from thlao import templates
    (tmp_path / "good.md").write_text("---\ntitle: x\n---\n\n# {{ 1 + 1 }}\r\n", "utf-8")
    (tmp_path / "bad.md").write_text("{{ cite( }}\n", "utf-8")
    env = jinja2.Environment()
    templates.compile_pages(env, tmp_path)
    templates.use_compiled_pages(env)
    assert len(templates._pages) == 1  # the good page, its front matter off, its lines joined
    assert env.from_string("# {{ 1 + 1 }}").render() == "# 2"
    assert env.from_string("{{ 2 * 2 }}").render() == "4"  # a text not compiled ahead still works
    with pytest.raises(jinja2.TemplateSyntaxError):
        env.from_string("{{ cite( }}")


def test_compiled_templates_are_kept_apart_for_environments_that_compile_differently():
    import jinja2

    from thlao import templates
    loader = jinja2.DictLoader({"loop.html": "{% for i in [1, 2] %}{% if i == 2 %}{% break %}{% endif %}{{ i }}{% endfor %}"})
    plain, looping = jinja2.Environment(loader=loader), jinja2.Environment(loader=loader, extensions=["jinja2.ext.loopcontrols"])
    cache = templates.CompiledTemplates()
    looping.bytecode_cache = plain.bytecode_cache = cache
    assert looping.get_template("loop.html").render() == "1" and len(cache.code) == 1
    with pytest.raises(jinja2.TemplateSyntaxError):  # not handed the other environment's bytecode
        plain.get_template("loop.html")
