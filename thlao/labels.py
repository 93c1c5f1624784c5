"""Reading labels/<lang>.yml: the words of everything the site generates, in one language.

A labels file is a tree of groups, each key named for its meaning (`item_status.not-reported`,
`agreement_state.not-reported`), each word a text. thlao/templating.py shows them on pages; the
data check (thlao/data.py) gives the meaning of each code beside it.
"""
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError


class LabelsError(Exception):
    """A labels file cannot be read; str() names the file and the line."""


def keys(tree: dict, path: tuple = ()) -> set:
    """Every word's key in a labels tree, as (group, ..., key) tuples."""
    found = set()
    for key, value in tree.items():
        found |= keys(value, (*path, key)) if isinstance(value, dict) else {(*path, key)}
    return found


def read_labels(path: Path) -> dict:
    """A labels file as a tree of groups and words; LabelsError with the line where it cannot be read."""
    shown = f"labels/{path.name}"
    try:
        tree = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise LabelsError(f"{shown}: cannot be read ({error.strerror})") from error
    except YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise LabelsError(f"{shown}:{line}: YAML syntax error ({getattr(error, 'problem', error)}); "
                          "put a text holding \": \" in quotes") from error
    problems = [".".join(map(str, key)) for key in keys(tree if isinstance(tree, dict) else {})
                if type(_at(tree, key)) not in (str, int)]
    if not isinstance(tree, dict) or problems:
        raise LabelsError(f"{shown}: every label must be text (check {', '.join(problems) or 'the file'})")
    return tree


def _at(tree, key):
    for step in key:
        tree = tree[step]
    return tree


def read_all(labels_dir: Path) -> dict:
    """{language: labels tree} of every labels/<lang>.yml in labels_dir."""
    return {path.stem: read_labels(path) for path in sorted(Path(labels_dir).glob("*.yml"))}
