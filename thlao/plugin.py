"""The site plugin: what the site adds to a build, event by event, in the order MkDocs runs them.

A build of the site, start to end (mkdocs.yml lists the plugins; `thlao` is last):

1. on_config: settle the build's date (dates.build_date: SOURCE_DATE_EPOCH, else today in
   Thailand), load the interface words of every language (labels/<lang>.yml, thlao/templating.py),
   check that the i18n plugin is configured, compare the installed versions of the packages the
   site changes with those its changes were written for (thlao/patches.py), check the data
   (thlao/data.py) and read each page's last change from git (thlao/history.py).
2. on_pre_build: hand the macros plugin the site's macros (thlao/macros.py lists them).
3. on_files: a build with bad data stops here, listing every problem; otherwise add a page per
   MOU item and per related development (thlao/items.py).
4. on_nav: give those pages their Markdown; write the open data and feeds (thlao/opendata.py).
5. Each page: the macros plugin renders its Markdown as a template (its on_page_markdown), calling
   the macros, which render tables and lists from the checked data (thlao/render.py) with the
   build's words and templates; their HTML goes past Markdown as markers (thlao/passthrough.py),
   put back in on_page_content. on_page_context gives the footer the page's last-changed date;
   on_post_page reads the rendered article for the search index and applies the HTML fixes.
6. on_post_build: write each language's search index (thlao/search.py).

mkdocs-static-i18n builds the default language, then, from that build's on_post_build, builds
each other language with the same events again ("inner" builds). Work done once for the whole
site starts in the first (outer) build and ends in its on_post_build; this plugin tells the two
apart by counting the builds it is inside.

The settings (thlao/config.py) are typed, and read by `make check-data` and the form intake too.
The domain modules are plain functions: only this class decides when they run. What it changes
in other packages' behaviour is all in thlao/patches.py.

(Until December 2026 the data check, git dates, open data and search index ran in a forked second
process. Measured as issue 21 asked, it saved 7.6% of the build here and 7.5% at 2,000 items,
under the 10% a speed-up must save to stay, and it went.)
"""
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, InclusionLevel

from thlao import data, dates, history, items, languages, macros, opendata, patches, preview, search
from thlao.config import ThlaoConfig
from thlao.passthrough import Passthrough
from thlao.templating import Templating

log = get_plugin_logger("thlao")  # the logger mkdocs.plugins.thlao, its messages headed "thlao:"


class ThlaoPlugin(BasePlugin[ThlaoConfig]):
    """The transparency site's build: data checked first, pages from it, then search and open data."""

    def __init__(self):
        self.passthrough = Passthrough()  # the macros' HTML, held while Markdown converts a page
        self.citations = {}  # {"language:page URL": [source id, ...]}, in order of first citation
        self.templating = None  # the build's words and templates (thlao/templating.py)
        self.today = None  # the build's date: every date worked out against today uses it
        self._builds = 0  # how many builds are under way: 2 inside an i18n language build
        self._checked = None  # (Dataset, problems) of the data check
        self._last_changed = {}  # {source path: date} from git
        self._search = {}  # {language: {url: [index document, ...]}}
        self._fixes = {}  # {HTML fix of thlao/patches.py: still needed}
        self._generated = {}  # {Markdown path in docs/: Markdown} of the pages made from the data (thlao/items.py)

    # ------------------------------------------------------------ the build's story

    def on_startup(self, *, command, dirty):
        # having it keeps one plugin across `mkdocs serve` rebuilds, each of which starts afresh below
        pass

    def on_config(self, config):
        self._builds += 1
        if self._builds > 1:
            return  # another language, inside the first build: the site's work is under way
        i18n = config.plugins.get("i18n")
        if i18n is None:
            raise PluginError("The thlao plugin needs the i18n plugin (mkdocs-static-i18n): add `- i18n:` with "
                              "its `languages:` before `- thlao` under `plugins:` in mkdocs.yml")
        self._fixes = patches.check_at_start(config)  # versions, forks, hook points: warnings stop --strict
        self.today = dates.build_date()
        log.info("the site is built for %s (%s)", self.today.isoformat(),
                 "SOURCE_DATE_EPOCH" if os.environ.get("SOURCE_DATE_EPOCH") else "today in Thailand")
        self.templating = Templating(self.config.labels_dir, i18n.build_languages)
        self._search, self.citations = {}, {}
        self._checked = data.check(Path(self.config.data_dir), Path(self.config.schemas_dir), self.today,
                                   self.templating.labels, data.load_terms(self.config.terms_file))
        self._last_changed = history.last_changed(config.docs_dir)

    def on_pre_build(self, config):
        # each language's build starts with nothing held from the last one's pages; the macros
        # plugin, which made its macros afresh in its on_config, gets the site's macros again
        self.passthrough.forget()
        self._search[config.theme["language"]] = {}
        config.plugins["macros"].register_macros(macros.macros(self, config))
        patches.skip_material_index(config)
        # the headings' permalinks are titled in the page's language (a setting of Python-Markdown's
        # toc extension, read afresh for every page, so it is set per language build)
        if isinstance(config.mdx_configs.get("toc"), dict) and config.mdx_configs["toc"].get("permalink"):
            config.mdx_configs["toc"]["permalink_title"] = self.templating.words[config.theme["language"]].common.permalink

    def on_files(self, files, config):
        # a page per MOU item and per related development, in every language's folder, as if each
        # were a file of docs/<lang>/ (mkdocs-gen-files' files are dropped by the i18n plugin, which
        # keeps only files inside docs_dir): the i18n plugin (-100, after this) then places them
        # under each language's root and links each to its other language, for the language
        # switcher and the sitemap. They are in no nav (NOT_IN_NAV: strict mode does not ask for
        # them there). Their Markdown is given in on_nav, to the File objects i18n made anew.
        # The data is needed for their ids: a build with bad data stops here, listing every problem.
        self._generated = {}
        for lang in config.plugins["i18n"].build_languages:
            for path, markdown in items.pages(self.checked_data(), lang).items():
                if files.get_file_from_path(f"{lang}/{path}") is not None:
                    raise PluginError(f"docs/{lang}/{path} is where the page of a record of the data is "
                                      "made: move or rename that file")
                self._generated[f"{lang}/{path}"] = markdown
                files.append(File(f"{lang}/{path}", config.docs_dir, config.site_dir, config.use_directory_urls,
                                  inclusion=InclusionLevel.NOT_IN_NAV))
        return files

    @event_priority(100)  # before any page is read
    def on_nav(self, nav, config, files):
        dataset = self.checked_data()
        for file in files:
            markdown = self._generated.get(file.src_uri)
            if markdown is not None and file.page is not None:
                file.content_string = markdown  # read as the page's source: there is no file on disk
                file.page.edit_url = None  # nothing in docs/ to edit: the page links to the record's line
        if self._builds == 1:
            # /data/*.json, *.csv, schemas and the Atom feeds, once for the site, into the
            # site directory that MkDocs has emptied by now
            i18n = config.plugins["i18n"]
            feeds = {lang: opendata.feed_words(self.templating.words[lang], self.templating.calendars[lang])
                     for lang in i18n.build_languages}
            opendata.publish(dataset, Path(self.config.schemas_dir), Path(config.site_dir), feeds,
                             i18n.default_language, config.site_url or "/")
        return nav

    @event_priority(100)  # before any plugin reads the page's HTML
    def on_page_content(self, html, page, config, files):
        # the macros' HTML, which went past Markdown as markers (thlao/passthrough.py)
        return self.passthrough.release(html)

    def on_env(self, env, config, files):
        # overrides/main.html points the search at the language's own index; the theme's own
        # templates (404.html, partials/source-file.html) take their words from the labels
        lang = config.theme["language"]
        env.globals["language_root"] = self._language_root(config)
        env.globals["labels"] = self.templating.words[lang]
        env.globals["labels_of"] = self.templating.words
        return env

    def on_page_context(self, context, page, config, nav):
        # shown by overrides/partials/source-file.html. In the context, not in page.meta: Material's
        # nav looks up icon, subtitle and status in the meta of every page it lists, on every page,
        # once the meta holds anything (3 failed lookups per nav entry: seconds at scale).
        context["last_changed"] = history.page_change(
            self._last_changed, page.file.abs_src_path, self.templating.calendars[config.theme["language"]])
        # the link-preview tags of overrides/main.html: the page's own title and summary (thlao/preview.py)
        context["preview"] = preview.page_tags(page, config)
        return context

    def on_post_page(self, output, page, config):
        # the search index is read from the article as rendered, so it holds what the reader sees
        if search.indexed(page):
            url = page.url.removeprefix(self._language_root(config))
            self._search[config.theme["language"]][url] = search.article_docs(
                url, page.title, search.article_html(output))
        return patches.fix_html(output, self._fixes, in_nav=page.file.inclusion.is_in_nav())

    def on_template_context(self, context, template_name, config):
        # a static template (404.html) is drawn after every page: its switcher leads home instead
        # of to the last page's other language (thlao/patches.py)
        if template_name == "404.html":
            patches.switcher_for_404(config, lambda lang: languages.root(lang, config.plugins["i18n"].default_language))
        return context

    def on_post_template(self, output_content, template_name, config):
        # static templates (404.html) get the pages' HTML fixes; each language's 404 goes to its own folder
        output_content = patches.fix_html(output_content, self._fixes, in_nav=True)
        return patches.place_404(output_content, template_name, config.theme["language"],
                                 self._language_root(config), config.site_dir)

    @event_priority(patches.SITE_POST_BUILD_PRIORITY)  # after the i18n plugin (-100) has built every other language
    def on_post_build(self, config):
        self._builds -= 1
        if self._builds:
            return
        # one search index per language, under its root (search/, en/search/)
        if "material/search" in config.plugins:
            search.write_indexes(Path(config.site_dir), self._search, config.plugins["i18n"].default_language,
                                 config.plugins["material/search"].config.separator)
        for lang in self.templating.words:
            unused = self.templating.unused(lang)
            if unused:
                log.debug("labels/%s.yml: %d labels no page of this build showed: %s", lang, len(unused),
                          ", ".join(unused))

    def on_build_error(self, error):
        # a failed build (bad data, a broken page): the next one (`mkdocs serve`) starts afresh
        self._builds = 0

    # ------------------------------------------------------------ what the macros ask for

    def checked_data(self) -> data.Dataset:
        """The build's checked data; on problems, stop the build listing every one of them.

        on_files asks (for the ids of the generated pages) before the first page is rendered,
        so a build stops with the problems listed rather than with a macro failing on data it
        cannot read.
        """
        dataset, problems = self._checked
        if problems:  # (the annotations for GitHub are `make check-data`'s, which CI runs first)
            lines = data.report_lines(problems, github=False)
            raise PluginError("The data files have problems / แฟ้มข้อมูลมีปัญหา:\n" + "\n".join(lines))
        return dataset

    def schemas(self) -> dict:
        """The data files' JSON Schemas (for the data dictionary)."""
        return data.load_schemas(Path(self.config.schemas_dir))

    @staticmethod
    def _language_root(config) -> str:
        return languages.root(config.theme["language"], config.plugins["i18n"].default_language)
