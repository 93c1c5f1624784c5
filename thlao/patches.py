"""Every change the site makes to other packages' behaviour, each against the version it was written for.

Each patch checks its hook point first: when a new version has moved or fixed it, the patch logs
a WARNING and does nothing (under `mkdocs build --strict`, which CI runs, the warning stops the
build). tests/test_patches.py proves that each hook point still exists in the installed versions,
and that each warning is given when it does not.

Settings do the rest where they can: mkdocs.yml has the i18n plugin leave Material's search alone
(`reconfigure_search: false`), since thlao/search.py writes each language's index itself.
"""

import re
from pathlib import Path

from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger("thlao")  # the plugin's logger, mkdocs.plugins.thlao

MATERIAL = "mkdocs-material 9.8.2"
I18N = "mkdocs-static-i18n 1.3.1"


def _missing(target: str, hook_point: str, consequence: str) -> None:
    log.warning("%s is no longer in %s's installed version (the site's patch for it was written "
                "against %s): %s. See thlao/patches.py.", hook_point, target.split()[0], target, consequence)


# ---------------------------------------------------------------- Material's search index

def skip_material_index(config) -> None:
    """Keep Material's search plugin from parsing every page for an index thlao/search.py replaces.

    Its parse, and the i18n plugin's merge of its entries, was a fifth of a large build (2.7 s at
    2,000 activities). Material makes a new SearchIndex in every build's on_config, so this is
    done once a build, before the pages. MATERIAL: SearchPlugin.search_index.add_entry_from_context.
    """
    plugin = config.plugins.get("material/search")
    if plugin is None:  # search switched off: nothing to skip
        return
    index = getattr(plugin, "search_index", None)
    if not callable(getattr(index, "add_entry_from_context", None)):
        _missing(MATERIAL, "SearchPlugin.search_index.add_entry_from_context",
                 "Material parses every page for a search index the site then replaces (slower, same output)")
        return
    index.add_entry_from_context = lambda page: None


# ---------------------------------------------------------------- Material's base.html

# base.html puts autocomplete="off" on its drawer and search toggles; HTML allows it on text-like inputs only.
CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?)\s+autocomplete="off"')


def _theme_template(theme, name: str) -> str:
    """The text of the theme's template `name`, from the first of its folders that has it (the
    order the theme looks in: the site's overrides, then Material); "" if none has it."""
    for folder in theme.dirs:
        path = Path(folder) / name
        if path.is_file():
            return path.read_text(encoding="utf-8")
    return ""


def toggles_need_fixing(theme) -> bool:
    """True while the theme's base.html still writes autocomplete on checkboxes (MATERIAL)."""
    if CHECKBOX_AUTOCOMPLETE.search(_theme_template(theme, "base.html")):
        return True
    _missing(MATERIAL, 'autocomplete="off" on the checkbox toggles of base.html',
             "valid_toggles has nothing left to fix and can be removed")
    return False


def valid_toggles(html: str) -> str:
    """The page with autocomplete removed from checkbox inputs (the only change).

    The two toggles open <body>, before the <header>: only that part is searched, not the
    navigation and the article after it (which made this a tenth of the site's own build time at scale).
    """
    end = html.find("<header")
    top = html[:end] if end >= 0 else html
    fixed = CHECKBOX_AUTOCOMPLETE.sub(r"\1", top)
    return html if fixed == top else html.replace(top, fixed, 1)  # one copy of the page


# ---------------------------------------------------------------- mkdocs-static-i18n's 404 pages

def place_404(output: str, template_name: str, language: str, language_root: str, site_dir) -> str:
    """Keep each language's 404 page: the default one at the root, others under <lang>/.

    I18N builds every language into the same site_dir and writes each one's 404.html at its
    root, the last language's winning. When a language other than the default renders its 404,
    it is written to <lang>/404.html here, and the default language's page (on disk since the
    first build) is handed back to be written at the root.
    """
    if template_name != "404.html" or not language_root:
        return output
    root_404, own = Path(site_dir) / "404.html", Path(site_dir) / language_root / "404.html"
    own.parent.mkdir(parents=True, exist_ok=True)
    own.write_text(output, encoding="utf-8")
    return root_404.read_text(encoding="utf-8") if root_404.exists() else output


# ---------------------------------------------------------------- Material's toc.html on a page in no nav

# partials/toc.html labels the __toc checkbox that nav-item.html writes in the current page's entry
# of the nav; a page in no nav (the record pages, thlao/items.py) has no entry, so no checkbox.
TOC_LABEL = '<label class="md-nav__title" for="__toc">'
TOC_TOGGLE = 'id="__toc"'


def toc_label_needs_fixing(theme) -> bool:
    """True while the theme's partials/toc.html still labels the __toc checkbox (MATERIAL)."""
    if TOC_LABEL in _theme_template(theme, "partials/toc.html"):
        return True
    _missing(MATERIAL, '<label for="__toc"> in partials/toc.html',
             "label_without_toggle has nothing left to fix and can be removed")
    return False


def label_without_toggle(html: str) -> str:
    """A page with no __toc checkbox, its table of contents' label no longer pointing at one (the
    only change): the label did nothing, and the HTML checker reports a label for a missing control."""
    if TOC_LABEL not in html or TOC_TOGGLE in html:
        return html
    return html.replace(TOC_LABEL, '<label class="md-nav__title">', 1)
