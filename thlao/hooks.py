"""MkDocs hooks: what the plugins do not do right, fixed at the right event.

MkDocs loads this file by path, so the package is importable only once the
repository root is on sys.path.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import jinja2  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402

from thlao import history, i18n_fixes, macros, material_fixes, opendata, passthrough, search, worker  # noqa: E402

_last_changed = {}  # {source path: date}, read from git once per build
_open_data = []  # the open data being written in the worker process while the pages build


class _CompiledTemplates(jinja2.BytecodeCache):
    """Theme templates compiled once per process (the i18n plugin makes an environment per language);
    Jinja recompiles a template whose source changed."""

    def __init__(self):
        self.code = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket):
        self.code[bucket.key] = bucket.bytecode_to_string()


_compiled = _CompiledTemplates()


def on_env(env, config, files):
    env.bytecode_cache = _compiled
    return env


def on_post_template(output_content, template_name, config):
    # static templates (404.html) get the same HTML fix as pages; then each language's 404
    # goes to its own folder (mkdocs-static-i18n writes them all to the root, last one wins)
    output_content = material_fixes.valid_toggles(output_content)
    return i18n_fixes.place_404(output_content, template_name, config)


def on_startup(command, dirty):
    i18n_fixes.ask_git_once()


@event_priority(100)  # first, so the data is checked while the plugins set up
def on_config(config):
    i18n_fixes.list_theme_once(config.theme)
    if i18n_fixes.inner_build(config):
        return
    i18n_fixes.forget_git()
    # the data check runs in the worker process; on_nav waits for it
    macros.start_check()
    # git is read once for every page of both languages, not once per page
    _last_changed.clear()
    _last_changed.update(history.last_changed(config.docs_dir))


@event_priority(100)
def on_nav(nav, config, files):
    # no page is rendered from data with problems: the build stops here, listing each one
    macros.checked_data()
    return nav


@event_priority(100)  # before any plugin reads the page's HTML
def on_page_content(html, page, config, files):
    # the macros' HTML, which went past Markdown as markers (thlao/passthrough.py)
    return passthrough.release(html)


def on_files(files, config):
    # open data (/data/*.json, *.csv, schemas) and the Atom feeds (/feed.xml, /en/feed.xml), once
    # for the site, started once MkDocs has emptied the site directory
    if not i18n_fixes.inner_build(config):
        _open_data[:] = [opendata.start(config)]
    return files


def on_page_context(context, page, config, nav):
    # shown by overrides/partials/source-file.html
    page.meta["last_changed"] = history.page_change(
        _last_changed, page.file.abs_src_path, config.theme["language"])
    return context


def on_pre_build(config):
    # each language's search index starts empty (the i18n plugin builds one language at a time)
    search.forget(config)
    search.skip_material_index(config)
    passthrough.forget()


def on_post_page(output, page, config):
    # the search index is read from the article as rendered, so it holds what the reader sees
    search.collect(output, page, config)
    return material_fixes.valid_toggles(output)


@event_priority(-110)  # after the i18n plugin (-100) has built every language and merged the index
def on_post_build(config):
    # written once, when every language is built (the outer build's post_build comes last)
    if i18n_fixes.inner_build(config):
        return
    # one search index per language, under its root (search/, en/search/)
    search.write_indexes(config)
    for job in _open_data:
        job.result()  # a failure in the worker fails the build here
    worker.finish()
