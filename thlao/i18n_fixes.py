"""Fixes for mkdocs-static-i18n 1.3.1 behaviour that a bilingual site cannot ship with, and for the
cost of its building every language anew."""
import functools
from pathlib import Path


def _languages(config):
    """(current, default) language codes of the build under way."""
    i18n = config.plugins["i18n"]
    return config.theme["language"], i18n.default_language


def inner_build(config) -> bool:
    """True while the i18n plugin builds another language inside the first language's build.

    It runs the whole build again for each other language, events and all, from the first
    build's post_build; work done once for the site belongs in the first (outer) build only.
    """
    return config.plugins["i18n"].building


def list_theme_once(theme) -> None:
    """Let each language's build reuse the first one's list of the theme's files.

    MkDocs lists every file of the theme (Material's 14,000 icons among them) to find its
    static files, and the i18n plugin's build of each language lists them again: 40 ms a
    language. The theme directories do not change within a build; a new `mkdocs serve`
    rebuild loads a new theme object, and lists afresh.
    """
    if getattr(theme.get_env, "lists_once", False):
        return
    make_env, listed = theme.get_env, {}

    def get_env():
        env = make_env()
        list_templates = env.loader.list_templates

        def listed_once():
            key = tuple(env.loader.searchpath)
            if key not in listed:
                listed[key] = list_templates()
            return list(listed[key])
        env.loader.list_templates = listed_once
        return env
    get_env.lists_once = True
    theme.get_env = get_env


def ask_git_once() -> None:
    """Let each language's build reuse the first one's answers from git to mkdocs-macros.

    mkdocs-macros runs git 12 times as it sets up (for its `git` page variable), and the
    i18n plugin sets it up once a language. forget_git() starts each whole build afresh.
    """
    from mkdocs_macros import context
    if not hasattr(context.get_git_info, "cache_clear"):
        context.get_git_info = functools.cache(context.get_git_info)


def forget_git() -> None:
    from mkdocs_macros import context
    if hasattr(context.get_git_info, "cache_clear"):
        context.get_git_info.cache_clear()


def place_404(output, template_name, config):
    """Keep each language's 404 page: the default one at the root, others under <lang>/.

    The i18n plugin builds every language into the same site_dir, so each build
    overwrites the root 404.html. When a non-default language renders its 404,
    write it to <lang>/404.html and hand back the default language's page
    (already on disk from the first build) to be written at the root.
    """
    current, default = _languages(config)
    if template_name != "404.html" or current == default:
        return output
    root_404 = Path(config.site_dir) / "404.html"
    own = Path(config.site_dir) / current / "404.html"
    own.parent.mkdir(parents=True, exist_ok=True)
    own.write_text(output, encoding="utf-8")
    return root_404.read_text(encoding="utf-8") if root_404.exists() else output
