"""Every change the site makes to other packages' behaviour: one registry, each change checked.

What we change, in whose code, and how we will know when an upgrade breaks it:

1. PACKAGES: the versions every change below was written against. check_versions() compares
   them with what is installed when a build starts, and warns with package, expected and found.
2. FORKS: the theme templates the site replaces (overrides/). Each names the upstream file it
   came from and that file's SHA-256 in the version it was forked from; check_forks() warns
   when the installed original differs (tests/test_patches.py fails too), so a fork is re-synced
   on purpose, never left behind by an upgrade.
3. Changed behaviour, each with a run-time check of its hook point that warns and does nothing
   when the hook point is gone:
   - skip_material_index: Material's search plugin parses no page (thlao/search.py replaces its index);
   - search index written over Material's: the site plugin's on_post_build must run after Material's
     search plugin's (write_order_ok), and the i18n plugin must leave the search alone
     (`reconfigure_search: false` in mkdocs.yml);
   - the search worker swapped in by overrides/main.html (a stand-in for `window.Worker` that
     starts docs/assets/javascripts/search-worker.js when search opens), which needs base.html's
     `__config` to still name Material's search worker (worker_swap_ok);
   - fix_html: autocomplete dropped from base.html's checkboxes (invalid HTML), and the table of
     contents' label dropped on a page in no nav (it points at a checkbox that is not there);
   - place_404: each language's 404 page kept in its own folder (mkdocs-static-i18n writes them
     all at the root, the last language winning);
   - switcher_for_404: the 404 page's language switcher leads to each language's home
     (mkdocs-static-i18n sets the switcher page by page, and the English 404, drawn after the
     Thai pages, kept the last Thai page's links).

Under `mkdocs build --strict`, which CI runs, any warning stops the build.
"""
import hashlib
import re
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path

from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger("thlao")  # the plugin's logger, mkdocs.plugins.thlao

# ---------------------------------------------------------------- 1. the versions the changes were written for

PACKAGES = {"mkdocs": "1.6.1", "mkdocs-material": "9.8.2", "mkdocs-static-i18n": "1.3.1",
            "mkdocs-macros-plugin": "1.5.0"}
MATERIAL = f"mkdocs-material {PACKAGES['mkdocs-material']}"
I18N = f"mkdocs-static-i18n {PACKAGES['mkdocs-static-i18n']}"


def installed_versions() -> dict:
    """{package: installed version, or None} of every package in PACKAGES."""
    found = {}
    for package in PACKAGES:
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            found[package] = None
    return found


def check_versions() -> list:
    """Warn for each package whose installed version is not the one the site's changes were written
    for; return the messages."""
    messages = [f"{package}: the site's changes to it (thlao/patches.py) were written for {expected}, "
                f"but {found or 'no version'} is installed. Check each change against it, then update PACKAGES."
                for package, expected in PACKAGES.items()
                if (found := installed_versions()[package]) != expected]
    for message in messages:
        log.warning(message)
    return messages


def _missing(target: str, hook_point: str, consequence: str) -> None:
    log.warning("%s is no longer in %s's installed version (the site's change was written against %s): %s. "
                "See thlao/patches.py.", hook_point, target.split()[0], target, consequence)


# ---------------------------------------------------------------- 2. the templates the site replaces

@dataclass(frozen=True)
class Fork:
    """A file of overrides/ that replaces, or is adapted from, a package's own file."""

    ours: str  # path in the repository
    package: str  # the distribution it comes from (a key of PACKAGES)
    module: str  # the importable module that holds the upstream file
    upstream: str  # the upstream file, inside that module
    sha256: str  # of the upstream file in the version of PACKAGES
    why: str


FORKS = (
    Fork("overrides/main.html", "mkdocs-material", "material", "templates/base.html",
         "a919e32d2225e09ecbdeb8076ca6ce9ca0836329760bf7871a04172569b77842",
         "extends base.html and replaces five of its blocks: site_meta (no hreflang links, which "
         "Material follows to fetch a sitemap; the page's own description), config (the search in the "
         "page's language, and the search worker swapped in), htmltitle (titles escaped), extrahead "
         "(fonts preloaded), libs (the link-preview tags, then Material's own)"),
    Fork("overrides/404.html", "mkdocs-material", "material", "templates/404.html",
         "80c93494b5432b1bcdf292caeb67a0653c45b37372f49e08ad4a70ca695a7495",
         "a page-not-found page in each language, with a skip link"),
    Fork("overrides/partials/alternate.html", "mkdocs-material", "material", "templates/partials/alternate.html",
         "572b1d4dae611aa5fd65107edec95e44331b6141abf86834ea4dc6c1ddd7241b",
         "each language's name marked with its language"),
    Fork("overrides/partials/languages/th.html", "mkdocs-material", "material", "templates/partials/languages/th.html",
         "30e4f3cf6add2c4422e976dcc99859dae214513bef25b131a21940ed02b6c7bd",
         "the header landmark's Thai name corrected"),
    Fork("overrides/partials/nav-item.html", "mkdocs-material", "material", "templates/partials/nav-item.html",
         "89895208f22d68ce405a4bcb6649b9150eba5bbb04663a6cb3f93f02daf1d2f7",
         "valid HTML: no empty tabindex, sections named by their title, the __toc checkbox on index pages"),
    Fork("overrides/partials/search.html", "mkdocs-material", "material", "templates/partials/search.html",
         "bfd556535abcddb99396ab2a7e3acc2ebcd3f36756007d3969396caa4126be30",
         "the search dialog named; no autocorrect attribute"),
    Fork("overrides/partials/source-file.html", "mkdocs-material", "material", "templates/partials/source-file.html",
         "ce5277decac9a8cf3cd44eaa490f010ae985d81ebf68b84239c02da6946718d0",
         "the page's last change from git and visible edit and history links, in the page's words"),
    Fork("overrides/partials/source.html", "mkdocs-material", "material", "templates/partials/source.html",
         "6847616d67be4920d39c278c2799bf20222bbc02ee2a8393aca85e3eaa518752",
         "no request to api.github.com for star and fork counts"),
    Fork("overrides/sitemap.xml", "mkdocs-static-i18n", "mkdocs_static_i18n", "custom_i18n_sitemap/sitemap.xml",
         "538e71a0c68befdae40bb4e0451150b1ca424ef5b1c4f0e0e7d806640d17e5e7",
         "hreflang alternates with x-default (the Thai page)"),
)


def upstream_sha256(fork: Fork) -> str | None:
    """The SHA-256 of the installed upstream file of a fork, or None when it is not there."""
    path = resources.files(fork.module).joinpath(fork.upstream)
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


def check_forks() -> list:
    """Warn for each fork whose upstream file is gone or differs from the one it was forked from."""
    messages = []
    for fork in FORKS:
        found = upstream_sha256(fork)
        if found != fork.sha256:
            state = "is gone" if found is None else "has changed"
            messages.append(f"{fork.ours} is a fork of {fork.package}'s {fork.upstream}, which {state} in the "
                            f"installed version ({installed_versions()[fork.package]}; forked from "
                            f"{PACKAGES[fork.package]}). Re-sync the fork, then record the new SHA-256 in "
                            "thlao/patches.py.")
    for message in messages:
        log.warning(message)
    return messages


# ---------------------------------------------------------------- 3. changed behaviour

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


SITE_POST_BUILD_PRIORITY = -110  # thlao/plugin.py's on_post_build: after the i18n plugin's (-100)


def write_order_ok(config) -> bool:
    """True when the site's search index is written after Material's (which it replaces) and the
    i18n plugin leaves the search alone; else warn."""
    plugin = config.plugins.get("material/search")
    if plugin is None:
        return True
    theirs = getattr(type(plugin).on_post_build, "mkdocs_priority", 0)
    ok = theirs > SITE_POST_BUILD_PRIORITY
    if not ok:
        _missing(MATERIAL, f"SearchPlugin.on_post_build at a priority above {SITE_POST_BUILD_PRIORITY}",
                 "Material's search_index.json may be written after the site's, over it")
    i18n = config.plugins.get("i18n")
    if i18n is not None and i18n.config.get("reconfigure_search", True):
        log.warning("the i18n plugin must leave the search alone (`reconfigure_search: false` under i18n in "
                    "mkdocs.yml): thlao/search.py writes each language's index itself")
        ok = False
    return ok


def worker_swap_ok(theme) -> bool:
    """True while base.html's __config still names Material's search worker, which
    overrides/main.html swaps for the site's own (MATERIAL); else warn."""
    if re.search(r'"search":\s*"assets/javascripts/workers/search\.', _theme_template(theme, "base.html")):
        return True
    _missing(MATERIAL, 'the "search" worker in base.html\'s __config',
             "overrides/main.html's stand-in for window.Worker no longer finds the search worker to replace")
    return False


def _theme_template(theme, name: str) -> str:
    """The text of the theme's template `name`, from the first of its folders that has it (the
    order the theme looks in: the site's overrides, then Material); "" if none has it."""
    for folder in theme.dirs:
        path = Path(folder) / name
        if path.is_file():
            return path.read_text(encoding="utf-8")
    return ""


# base.html puts autocomplete="off" on its drawer and search toggles; HTML allows it on text-like inputs only.
CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?)\s+autocomplete="off"')
# partials/toc.html labels the __toc checkbox that nav-item.html writes in the current page's entry
# of the nav; a page in no nav (the record pages, thlao/items.py) has no entry, so no checkbox.
TOC_LABEL = '<label class="md-nav__title" for="__toc">'
TOC_TOGGLE = 'id="__toc"'


def html_fixes_needed(theme) -> dict:
    """{fix: still needed} for each HTML fix of fix_html, from the theme's templates; warns for a
    fix Material no longer needs (it can go), and checks the other hook points of this module."""
    toggles = bool(CHECKBOX_AUTOCOMPLETE.search(_theme_template(theme, "base.html")))
    if not toggles:
        _missing(MATERIAL, 'autocomplete="off" on the checkbox toggles of base.html',
                 "fix_html's valid_toggles has nothing left to fix and can be removed")
    toc = TOC_LABEL in _theme_template(theme, "partials/toc.html")
    if not toc:
        _missing(MATERIAL, '<label for="__toc"> in partials/toc.html',
                 "fix_html's label_without_toggle has nothing left to fix and can be removed")
    return {"toggles": toggles, "toc_label": toc}


def fix_html(html: str, fixes: dict, in_nav: bool) -> str:
    """A page's HTML with the fixes still needed: no autocomplete on checkboxes; on a page in no
    nav, no table of contents label pointing at a checkbox that is not there."""
    if fixes.get("toc_label") and not in_nav:
        html = label_without_toggle(html)
    return valid_toggles(html) if fixes.get("toggles") else html


def valid_toggles(html: str) -> str:
    """The page with autocomplete removed from checkbox inputs (the only change).

    The two toggles open <body>, before the <header>: only that part is searched, not the
    navigation and the article after it (which made this a tenth of the site's own build time at scale).
    """
    end = html.find("<header")
    top = html[:end] if end >= 0 else html
    fixed = CHECKBOX_AUTOCOMPLETE.sub(r"\1", top)
    return html if fixed == top else html.replace(top, fixed, 1)  # one copy of the page


def label_without_toggle(html: str) -> str:
    """A page with no __toc checkbox, its table of contents' label no longer pointing at one (the
    only change): the label did nothing, and the HTML checker reports a label for a missing control."""
    if TOC_LABEL not in html or TOC_TOGGLE in html:
        return html
    return html.replace(TOC_LABEL, '<label class="md-nav__title">', 1)


def place_404(output: str, template_name: str, language: str, language_root: str, site_dir) -> str:
    """Keep each language's 404 page: the default one at the root, others under <lang>/.

    I18N builds every language into the same site_dir and writes each one's 404.html at its
    root, the last language winning. When a language other than the default renders its 404,
    it is written to <lang>/404.html here, and the default language's page (on disk since the
    first build) is handed back to be written at the root. Its check: the root page is there
    (else i18n no longer builds the default language first), and the language's own is not yet
    (else i18n now places it itself); either way it warns and changes nothing.
    """
    if template_name != "404.html" or not language_root:
        return output
    root_404, own = Path(site_dir) / "404.html", Path(site_dir) / language_root / "404.html"
    if own.exists() or not root_404.exists():
        _missing(I18N, "one 404.html at the site root, written by the default language's build first",
                 f"the {language} 404 page is left where the i18n plugin puts it")
        return output
    own.parent.mkdir(parents=True, exist_ok=True)
    own.write_text(output, encoding="utf-8")
    return root_404.read_text(encoding="utf-8")


def switcher_for_404(config, language_root) -> None:
    """The language switcher of a 404 page: each language's home (language_root(lang), from the
    site root). I18N sets the switcher page by page as an attribute of config.extra
    (`config.extra.alternate = ...`), which templates read before the item of that name; a
    language's 404, drawn before its pages but after the previous language's, kept that
    language's last page. Both the item and the attribute are set here."""
    alternates = config.extra.get("alternate")
    if not (isinstance(alternates, list) and alternates and all(isinstance(a, dict) and "lang" in a for a in alternates)):
        _missing(I18N, "extra.alternate (the language switcher: one entry per language, with its lang)",
                 "the 404 pages' language switcher may lead to the last page built")
        return
    homes = [{**a, "link": "/" + language_root(a["lang"])} for a in alternates]
    config.extra["alternate"] = homes
    if "alternate" in vars(config.extra):
        config.extra.alternate = homes


def check_at_start(config) -> dict:
    """Every check of this module a build makes before its pages: versions, forks, the search
    index's write order, the worker swap; returns the HTML fixes still needed (fix_html)."""
    check_versions()
    check_forks()
    write_order_ok(config)
    worker_swap_ok(config.theme)
    return html_fixes_needed(config.theme)
