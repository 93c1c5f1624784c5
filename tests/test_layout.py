"""The layout rules for the repository's own code: no test module imports another, and tests/ and
bench/ share their helpers only through harness/ (so each can change without breaking the other)."""
import ast
from pathlib import Path

from harness.site import ROOT

# What the code in each folder may not import: test modules anywhere; the other folder.
REFUSED = {"tests": ("test_", "conftest", "bench", "built_site"),
           "harness": ("test_", "conftest", "bench", "built_site", "tests"),
           "bench": ("test_", "conftest", "tests")}


def imported_modules(source: str) -> set[str]:
    """The top-level names of every module a Python source imports, wherever the import stands."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def crossings(root: Path) -> list[str]:
    """`folder/file.py: module` for every refused import under root."""
    return [f"{path.relative_to(root)}: {name}"
            for folder, refused in REFUSED.items() for path in sorted((root / folder).glob("*.py"))
            for name in sorted(imported_modules(path.read_text(encoding="utf-8")))
            if name.startswith(refused[0]) or name in refused[1:]]


def test_no_test_module_imports_another_and_bench_and_tests_share_only_harness():
    assert len(list((ROOT / "tests").glob("test_*.py"))) > 20
    assert crossings(ROOT) == []


def test_an_import_inside_a_function_is_found(tmp_path):
    for folder in REFUSED:
        (tmp_path / folder).mkdir()
    (tmp_path / "tests" / "test_x.py").write_text(
        "from harness.checks import axe_violations\n\ndef test():\n    from test_a11y import still_context\n",
        encoding="utf-8")
    (tmp_path / "bench" / "b.py").write_text("import tests.browser\nfrom built_site import serve\n", "utf-8")
    assert crossings(tmp_path) == ["tests/test_x.py: test_a11y", "bench/b.py: tests"]
