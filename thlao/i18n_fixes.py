"""Fixes for mkdocs-static-i18n 1.3.1 behaviour that a bilingual site cannot ship with."""
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
