"""A pull request's data files are untrusted input: whatever they hold, `make check-data` (and the
preview build) answers within seconds with file:line messages, never a hang, a crash or a traceback."""
import re

import pytest

from harness.data import copy_of_data, edit, line_containing, run_check

# Ten lines that expand to a billion strings if anything builds the values they name.
ALIAS_BOMB = """\
- &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
- &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
- &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
- &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
- &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
- &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
- &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
- &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
- &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
- &j [*i, *i, *i, *i, *i, *i, *i, *i, *i]
"""
ANCHORS = ("YAML anchors (&name) and aliases (*name) are not allowed in data files; write the value "
           "out in full. / แฟ้มข้อมูลใช้ anchor (&ชื่อ) และ alias (*ชื่อ) ของ YAML ไม่ได้ ให้เขียนค่านั้นให้ครบทุกที่ที่ใช้")
NESTED = "Lists and groups of fields are nested more than 50 deep here"
LONG_LINE = "characters long; lines of a data file may have 10,000 at most."


def problem_lines(run) -> list[str]:
    """The problem lines, each as `file:line: message`, without the folder and the summary."""
    assert run.returncode == 1 and run.stderr == "", (run.returncode, run.stdout[:2000], run.stderr[-2000:])
    return [re.sub(r"^\S*/(?=[^/\s]+\.yml:)", "", line) for line in run.stdout.splitlines()[:-1]]


def test_an_alias_bomb_is_refused_at_once_with_its_line(tmp_path):
    data_dir = copy_of_data(tmp_path)
    (data_dir / "glossary.yml").write_text(ALIAS_BOMB, "utf-8")
    assert problem_lines(run_check(data_dir, tmp_path, env={"PYTHONFAULTHANDLER": "1"}, timeout=60)) == [f"glossary.yml:1: {ANCHORS}"]


def test_an_alias_in_a_real_record_is_refused_too(tmp_path):
    data_dir = copy_of_data(tmp_path)
    edit(data_dir / "glossary.yml", "- id: fx-term\n", "- &first id: fx-term\n")
    text = (data_dir / "glossary.yml").read_text("utf-8")
    (data_dir / "glossary.yml").write_text(text + "- *first\n", "utf-8")
    line = line_containing(data_dir / "glossary.yml", "&first")
    assert problem_lines(run_check(data_dir, tmp_path, env={"PYTHONFAULTHANDLER": "1"}, timeout=60)) == [f"glossary.yml:{line}: {ANCHORS}"]


# (what the file holds, the problem it must give); the texts are made in the test, so that
# neither the test's name nor a failure's report holds megabytes
HUGE = {
    "a bracket a line": (lambda: "[\n" * 100_000, f"glossary.yml:51: {NESTED}"),
    "lists in lists on one line": (lambda: "- " * 4_000 + "x\n", f"glossary.yml:1: {NESTED}"),
    "100,000 brackets (crashed the C reader)": (lambda: "[" * 100_000, f"glossary.yml:1: This line is 100,000 {LONG_LINE}"),
    "a 5 MB line": (lambda: "- id: x\n  term: {th: " + "ก" * 5_000_000 + "}\n", f"glossary.yml:2: This line is 5,000,014 {LONG_LINE}"),
    "a 20 MB string": (lambda: '- id: x\n  term: "' + "a" * 20_000_000 + '"\n', f"glossary.yml:2: This line is 20,000,010 {LONG_LINE}"),
}


@pytest.mark.parametrize("case", HUGE)
def test_deep_or_huge_input_is_reported_clearly(tmp_path, case):
    content, expected = HUGE[case]
    data_dir = copy_of_data(tmp_path)
    (data_dir / "glossary.yml").write_text(content(), "utf-8")
    found = [line[:300] for line in problem_lines(run_check(data_dir, tmp_path, env={"PYTHONFAULTHANDLER": "1"}, timeout=60))]
    assert len(found) == 1 and found[0].startswith(expected), found


def test_text_that_only_looks_like_an_anchor_is_accepted(tmp_path):
    # negative control: "&" and "*" inside text are not YAML anchors or aliases
    data_dir = copy_of_data(tmp_path)
    text = (data_dir / "glossary.yml").read_text("utf-8")
    assert "term:" in text
    (data_dir / "glossary.yml").write_text(text.replace("\n  term:", "\n  # R&D, *note*, &amp; [[x]]\n  term:", 1), "utf-8")
    run = run_check(data_dir, tmp_path, env={"PYTHONFAULTHANDLER": "1"}, timeout=60)
    assert (run.returncode, run.stderr) == (0, "") and "no problems" in run.stdout
