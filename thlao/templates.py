"""The theme's templates, compiled once a build in the worker process and used by every language.

Jinja compiles a theme template the first time a build renders it: a tenth of a second for
the 47 templates of Material and overrides/, and mkdocs-static-i18n makes a new environment
for each language. Here the worker compiles them while this process sets up and renders the
pages' Markdown; each language's environment then loads the bytecode.

Jinja checks each template's source against the checksum stored with its bytecode, so an
edited template is compiled afresh. Bytecode is kept per environment signature (extensions
and syntax settings), so an environment that would compile differently compiles for itself.
"""
import copy

import jinja2
from jinja2.bccache import Bucket

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
