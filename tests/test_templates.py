"""The renderers' markup lives in thlao/templates/: every template is used by a renderer,
autoescaping is never off, and render.py itself writes no HTML."""
import ast
import shutil
from pathlib import Path

import jinja2
from jinja2 import nodes

from harness.checks import html_in_strings
from harness.renderers import ALL_RENDERERS, ctx
from thlao import data, render

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "thlao" / "templates"
RENDER_PY = ROOT / "thlao" / "render.py"


def template_sources(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in folder.rglob("*.html")}


def autoescape_off(env: jinja2.Environment, sources: dict) -> list:
    """Where templates ({name: source}) rendered by `env` could show a value unescaped."""
    found = [] if env.autoescape is True else [f"the environment: autoescape={env.autoescape!r}"]
    for name, source in sources.items():
        tree = env.parse(source)
        for node in tree.find_all((nodes.EvalContextModifier, nodes.ScopedEvalContextModifier)):
            found += [f"{name}: {{% autoescape %}}"
                      for option in node.options if option.key == "autoescape"]
        found += [f"{name}: |{f.name}" for f in tree.find_all(nodes.Filter) if f.name == "safe"]
    return found


def test_no_template_is_rendered_with_autoescaping_off():
    sources = template_sources(TEMPLATES)
    assert sources and autoescape_off(render._env, sources) == []
    for name in sources:  # as loaded: every template's own context escapes
        assert render._env.get_template(name).new_context().eval_ctx.autoescape is True
    # negative controls: each way of turning it off is reported
    planted = {"ok.html": "<p>{{ x }}</p>", "off.html": "{% autoescape false %}{{ x }}{% endautoescape %}",
               "safe.html": "<p>{{ x|safe }}</p>"}
    assert autoescape_off(render._env, planted) == ["off.html: {% autoescape %}", "safe.html: |safe"]
    off = render._env.overlay(autoescape=False)
    assert autoescape_off(off, {"ok.html": planted["ok.html"]}) == ["the environment: autoescape=False"]


def test_render_py_makes_one_autoescaping_environment_and_no_other_template():
    tree = ast.parse(RENDER_PY.read_text(encoding="utf-8"))
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
    named = [(c.func.attr if isinstance(c.func, ast.Attribute) else getattr(c.func, "id", ""), c)
             for c in calls]
    environments = [c for name, c in named if name == "Environment"]
    assert len(environments) == 1
    assert {k.arg: getattr(k.value, "value", None) for k in environments[0].keywords}["autoescape"] is True
    assert [name for name, _ in named if name in ("Template", "from_string", "overlay")] == []
    # markup made in Python is only ever the escaping of a value
    markups = [c for name, c in named if name == "Markup"]
    assert markups and all(ast.unparse(c.args[0]).startswith("esc(") for c in markups)


def not_rendered(ds, folder: Path, monkeypatch) -> set:
    """Templates in `folder` that no renderer loads, whatever the language."""
    monkeypatch.setattr(render._env, "loader", jinja2.FileSystemLoader(folder))
    render._env.cache.clear()
    try:
        for lang in ("th", "en"):
            for renderer in ALL_RENDERERS.values():
                renderer(ds, ctx(lang))
            render.page_sources(ds, ["reporter-2018"], ctx(lang))
            render.data_dictionary(data.load_schemas(ROOT / "schemas"), ctx(lang))
        loaded = {name for _, name in render._env.cache.keys()}
    finally:
        render._env.cache.clear()
    return set(template_sources(folder)) - loaded


def test_every_template_is_used_by_a_renderer(ds, monkeypatch, tmp_path):
    assert not_rendered(ds, TEMPLATES, monkeypatch) == set()
    # negative control: a template no renderer asks for is reported
    shutil.copytree(TEMPLATES, tmp_path / "templates")
    (tmp_path / "templates" / "unused.html").write_text("<p>{{ x }}</p>\n", encoding="utf-8")
    assert not_rendered(ds, tmp_path / "templates", monkeypatch) == {"unused.html"}


def test_render_py_writes_no_html():
    assert html_in_strings(RENDER_PY.read_text(encoding="utf-8")) == []
    # negative control: tags in a string, an f-string or a docstring are found; a comparison is not
    planted = ('def f(y):\n    """Gives <td>."""\n'
               '    return f"<td>{y}</td>" + \'</tr>\' if 1 < 2 else "a < b"\n')
    assert sorted(html_in_strings(planted)) == ["</td>", "</tr>", "<td>", "Gives <td>."]


def repeated_keys(source: str) -> list:
    """(line, key) of each key a dict literal in the Python source gives twice (the second wins)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Dict):
            keys = [k for k in node.keys if isinstance(k, ast.Constant)]
            found += [(k.lineno, k.value) for i, k in enumerate(keys) if k.value in [j.value for j in keys[:i]]]
    return found


def test_no_label_is_given_twice():
    # a label table that names a key twice shows the second text wherever the first was meant
    assert repeated_keys('WORDS = {"a": ("ก", "A"),\n "a": ("ข", "B")}') == [(2, "a")]  # control
    found = {path.name: repeated_keys(path.read_text("utf-8")) for path in (ROOT / "thlao").glob("*.py")}
    assert not {name: keys for name, keys in found.items() if keys}
