"""Templates compiled ahead: the theme's, in the worker process, and the pages' own, while the
build waits for the data check.

Jinja compiles a theme template the first time a build renders it: a tenth of a second for
the 47 templates of Material and overrides/, and mkdocs-static-i18n makes a new environment
for each language. Here the worker compiles them while this process sets up and renders the
pages' Markdown; each language's environment then loads the bytecode.

Jinja checks each template's source against the checksum stored with its bytecode, so an
edited template is compiled afresh. Bytecode is kept per environment signature (extensions
and syntax settings), so an environment that would compile differently compiles for itself.

mkdocs-macros compiles each page's Markdown as a template before rendering it, and on a large
site the build first waits for the data check (in the worker). compile_pages uses that wait
to compile every page of every language; each language's macros environment then takes the
compiled page by its exact text, or compiles it itself when the text is not the one expected.
"""
import copy
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket
from mkdocs.utils import meta

# Added to every environment by mkdocs-static-i18n's on_env, which the worker does not run.
I18N_EXTENSIONS = ("jinja2.ext.loopcontrols",)


def signature(env: jinja2.Environment) -> str:
    """What decides how this environment compiles a template."""
    return repr((sorted(env.extensions), env.block_start_string, env.block_end_string,
                 env.variable_start_string, env.variable_end_string, env.comment_start_string,
                 env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
                 env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline,
                 env.optimized, env.is_async))


class CompiledTemplates(jinja2.BytecodeCache):
    """Bytecode of compiled templates, in memory, by template and environment signature."""

    def __init__(self):
        self.code = {}

    def get_bucket(self, environment, name, filename, source):
        key = f"{self.get_cache_key(name, filename)}:{signature(environment)}"
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket):
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket):
        self.code[bucket.key] = bucket.bytecode_to_string()


def portable(theme):
    """A copy of MkDocs' theme that can be sent to the worker (i18n_fixes wraps get_env in place)."""
    theme = copy.copy(theme)
    vars(theme).pop("get_env", None)
    return theme


def compile_theme(theme, languages) -> dict:
    """{cache key: bytecode} of the theme's templates, in an environment made as the build makes it.

    Templates in .icons/ are icons; language partials other than the site's are never shown;
    a template needing what only another plugin provides (the blog's filters) is left out.
    """
    env = theme.get_env()
    for extension in I18N_EXTENSIONS:
        env.add_extension(extension)
    env.bytecode_cache = cache = CompiledTemplates()
    shown = {f"partials/languages/{language}.html" for language in languages}
    for name in env.list_templates(extensions=["html", "xml"]):
        if name.startswith(".icons/") or name.startswith("partials/languages/") and name not in shown:
            continue
        try:
            env.get_template(name)
        except jinja2.TemplateError:
            continue
    return cache.code


_pages = {}  # {(environment signature, page Markdown as mkdocs-macros receives it): code}


def page_source(path: Path) -> str:
    """A page's Markdown as mkdocs-macros receives it: MkDocs takes the front matter off and
    mkdocs-static-i18n joins the lines again (translating admonition titles; this site has none)."""
    markdown, _ = meta.get_data(path.read_text(encoding="utf-8-sig"))
    return "\n".join(markdown.splitlines())


def compile_pages(env: jinja2.Environment, docs_dir: Path) -> None:
    """Compile every page under docs_dir in env's way; a page Jinja cannot read is left to the
    macros plugin, which reports it with the page's name."""
    _pages.clear()
    for path in sorted(Path(docs_dir).rglob("*.md")):
        source = page_source(path)
        try:
            _pages[signature(env), source] = env.compile(source)
        except jinja2.TemplateError:
            continue


def use_compiled_pages(env: jinja2.Environment) -> None:
    """Have env.from_string (what mkdocs-macros calls for each page) take compiled pages."""
    from_string = env.from_string

    def from_compiled(source, globals=None, template_class=None):
        code = _pages.get((signature(env), source))
        if code is None:
            return from_string(source, globals, template_class)
        return (template_class or env.template_class).from_code(env, code, env.make_globals(globals), None)
    env.from_string = from_compiled
