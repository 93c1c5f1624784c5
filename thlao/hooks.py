"""MkDocs hooks: what the plugins do not do right, fixed at the right event, in the order they run.

mkdocs-static-i18n builds the default language, then, from that build's post_build, builds
each other language with the same events again ("inner" builds). Work done once for the
whole site happens in the first (outer) build; thlao/worker.py runs the slow parts of it
(the data check, git history, the theme's templates, the open data, the search index) in a
second process while this one renders the pages.

MkDocs loads this file by path, so the package is importable only once the
repository root is on sys.path.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.plugins import event_priority  # noqa: E402

from thlao import (  # noqa: E402
    history,
    i18n_fixes,
    macros,
    material_fixes,
    opendata,
    passthrough,
    search,
    templates,
    worker,
)

_compiled = templates.CompiledTemplates()  # theme templates, for every language's environment
_theme_code = []  # the theme's templates being compiled in the worker process
_last_changed = []  # {source path: date}, being read from git in the worker process
_open_data = []  # the open data being written in the worker process


def on_startup(command, dirty):
    i18n_fixes.ask_git_once()


@event_priority(100)  # first, so the worker starts while the plugins set up
def on_config(config):
    i18n_fixes.list_theme_once(config.theme)
    if i18n_fixes.inner_build(config):
        return
    i18n_fixes.forget_git()
    # in the worker process, in this order: the data check (on_nav waits for it), the theme's
    # templates (on_env), and when each source file last changed (on_page_context)
    macros.start_check()
    languages = config.plugins["i18n"].build_languages
    _theme_code[:] = [worker.submit(templates.compile_theme, templates.portable(config.theme), languages)]
    _last_changed[:] = [worker.submit(history.last_changed, config.docs_dir)]


def on_pre_build(config):
    # each language's search index starts empty (the i18n plugin builds one language at a time)
    search.forget(config)
    search.skip_material_index(config)
    passthrough.forget()


def on_files(files, config):
    # open data (/data/*.json, *.csv, schemas) and the Atom feeds (/feed.xml, /en/feed.xml), once
    # for the site, started once MkDocs has emptied the site directory
    if not i18n_fixes.inner_build(config):
        _open_data[:] = [opendata.start(config)]
    return files


@event_priority(100)
def on_nav(nav, config, files):
    # each language's macros environment (made anew in every build) takes pages compiled ahead,
    # which the outer build compiles while the worker may still be checking the data
    macros_env = config.plugins["macros"].env
    if not i18n_fixes.inner_build(config):
        templates.compile_pages(macros_env, config.docs_dir)
    templates.use_compiled_pages(macros_env)
    # no page is rendered from data with problems: the build stops here, listing each one
    macros.checked_data()
    return nav


@event_priority(100)  # before any plugin reads the page's HTML
def on_page_content(html, page, config, files):
    # the macros' HTML, which went past Markdown as markers (thlao/passthrough.py)
    return passthrough.release(html)


def on_env(env, config, files):
    env.bytecode_cache = _compiled
    while _theme_code:
        _compiled.code.update(_theme_code.pop().result())
    return env


def on_page_context(context, page, config, nav):
    # shown by overrides/partials/source-file.html
    page.meta["last_changed"] = history.page_change(
        _last_changed[0].result(), page.file.abs_src_path, config.theme["language"])
    return context


def on_post_page(output, page, config):
    # the search index is read from the article as rendered, so it holds what the reader sees
    search.collect(output, page, config)
    return material_fixes.valid_toggles(output)


def on_post_template(output_content, template_name, config):
    # static templates (404.html) get the same HTML fix as pages; then each language's 404
    # goes to its own folder (mkdocs-static-i18n writes them all to the root, last one wins)
    output_content = material_fixes.valid_toggles(output_content)
    return i18n_fixes.place_404(output_content, template_name, config)


@event_priority(-110)  # after the i18n plugin (-100) has built every language
def on_post_build(config):
    if i18n_fixes.inner_build(config):
        return
    # one search index per language, under its root (search/, en/search/)
    search.write_indexes(config)
    for job in _open_data:
        job.result()  # a failure in the worker fails the build here
    worker.finish()
