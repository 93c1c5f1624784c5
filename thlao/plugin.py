"""The site plugin: what the site adds to a build, event by event, in the order MkDocs runs them.

A build of the site, start to end (mkdocs.yml lists the plugins; `thlao` is last):

1. on_config: settle the build's date (dates.build_date: SOURCE_DATE_EPOCH, else today in
   Thailand), load the interface words of every language (labels/<lang>.yml, thlao/templating.py),
   check that the i18n plugin is configured, compare the installed versions of the packages the
   site changes with those its changes were written for (thlao/patches.py), and start the data
   check, and reading each page's last change from git, in a second process.
2. on_pre_build: hand the macros plugin the site's macros (thlao/macros.py lists them).
3. on_files: wait for the data check (a build with bad data stops here, listing every problem)
   and add a page per MOU item and per related development (thlao/items.py).
4. on_nav: give those pages their Markdown; start writing the open data and feeds.
5. Each page: the macros plugin renders its Markdown as a template (its on_page_markdown), calling
   the macros, which render tables and lists from the checked data (thlao/render.py) with the
   build's words and templates; their HTML goes past Markdown as markers (thlao/passthrough.py),
   put back in on_page_content. on_page_context gives the footer the page's last-changed date;
   on_post_page reads the rendered article for the search index and applies the HTML fixes.
6. on_post_build: write each language's search index, wait for the open data, stop the second
   process.

mkdocs-static-i18n builds the default language, then, from that build's on_post_build, builds
each other language with the same events again ("inner" builds). Work done once for the whole
site starts in the first (outer) build and ends in its on_post_build; this plugin tells the two
apart by counting the builds it is inside.

The settings (thlao/config.py) are typed, and read by `make check-data` and the form intake too.
The slow work that pages need not wait for runs in a second process when it can (`worker: off`
keeps it in this one). What that saves (`make bench-speedups`, December 2026: full builds with
`worker: off`, in git checkouts, wall-clock medians of interleaved runs): without it the build
took 15.4% and 9.5% longer on the real site (5 and 9 runs), where reading every page's date from
git is a large share of a short build, and no longer at 2,000 items (-1.3% and +0.4%, 3 runs
each), where the pages themselves are the build. It stays: it saves 10% or more at one size. The domain modules are plain functions: only this class decides when and
where they run. What it changes in other packages' behaviour is all in thlao/patches.py.
"""
import multiprocessing
import os
import sys
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, InclusionLevel

from thlao import data, dates, history, items, languages, macros, opendata, patches, preview, search
from thlao.config import ThlaoConfig
from thlao.passthrough import Passthrough
from thlao.templating import Templating

log = get_plugin_logger("thlao")  # the logger mkdocs.plugins.thlao, its messages headed "thlao:"


class _AutoOrOff(c.Choice):
    """auto or off; YAML reads an unquoted off as false, which means off here too."""

    def __init__(self):
        super().__init__(("auto", "off"), default="auto")

    def run_validation(self, value):
        return super().run_validation("off" if value is False else value)


class SiteConfig(ThlaoConfig):
    # auto: a second process on Linux when this one has no other thread to lose in a fork
    # (`mkdocs serve` has); off: all work in the build's own process (same site, slower)
    worker = _AutoOrOff()


class ThlaoPlugin(BasePlugin[SiteConfig]):
    """The transparency site's build: data checked first, pages from it, then search and open data."""

    def __init__(self):
        self.passthrough = Passthrough()  # the macros' HTML, held while Markdown converts a page
        self.citations = {}  # {"language:page URL": [source id, ...]}, in order of first citation
        self.templating = None  # the build's words and templates (thlao/templating.py)
        self.today = None  # the build's date: every date worked out against today uses it
        self._builds = 0  # how many builds are under way: 2 inside an i18n language build
        self._pool = None  # the second process of this build, if it has one
        self._told = set()  # what the log has said about the second process
        self._check = None  # Future of (Dataset, problems)
        self._dataset = None  # the checked data, once the check has passed
        self._last_changed = None  # Future of {source path: date} from git
        self._open_data = None  # Future of the open data files being written
        self._search = {}  # {language: {url: Future of [index document, ...]}}
        self._fixes = {}  # {HTML fix of thlao/patches.py: still needed}
        self._generated = {}  # {Markdown path in docs/: Markdown} of the pages made from the data (thlao/items.py)

    # ------------------------------------------------------------ the build's story

    def on_startup(self, *, command, dirty):
        # having it keeps one plugin across `mkdocs serve` rebuilds, each of which starts afresh below
        pass

    @event_priority(100)  # first, so the second process starts while the other plugins set up
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
        self._dataset, self._search, self.citations = None, {}, {}
        self._pool = self._start_worker()
        # in the second process, in this order: the data check (on_files waits for it), then when
        # each source file last changed (on_page_context)
        self._check = self._run(data.check, Path(self.config.data_dir), Path(self.config.schemas_dir), self.today,
                                self.templating.labels, data.load_terms(self.config.terms_file))
        self._last_changed = self._run(history.last_changed, config.docs_dir)

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
            self._open_data = self._run(opendata.publish, dataset, Path(self.config.schemas_dir),
                                        Path(config.site_dir), feeds, i18n.default_language, config.site_url or "/")
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
            self._last_changed.result(), page.file.abs_src_path, self.templating.calendars[config.theme["language"]])
        # the link-preview tags of overrides/main.html: the page's own title and summary (thlao/preview.py)
        context["preview"] = preview.page_tags(page, config)
        return context

    def on_post_page(self, output, page, config):
        # the search index is read from the article as rendered, so it holds what the reader sees
        if search.indexed(page):
            url = page.url.removeprefix(self._language_root(config))
            self._search[config.theme["language"]][url] = self._run(
                search.article_docs, url, page.title, search.article_html(output))
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
            pages = {language: {url: docs.result() for url, docs in found.items()}
                     for language, found in self._search.items()}
            search.write_indexes(Path(config.site_dir), pages, config.plugins["i18n"].default_language,
                                 config.plugins["material/search"].config.separator)
        self._open_data, open_data = None, self._open_data
        if open_data is not None:
            open_data.result()  # a failure in the second process fails the build here
        self._stop_worker()
        for lang in self.templating.words:
            unused = self.templating.unused(lang)
            if unused:
                log.debug("labels/%s.yml: %d labels no page of this build showed: %s", lang, len(unused),
                          ", ".join(unused))

    def on_build_error(self, error):
        # a failed build (bad data, a broken page) leaves no process behind, and the next starts afresh
        self._builds, self._open_data = 0, None
        self._stop_worker()

    def on_shutdown(self):
        # `mkdocs serve` stopped mid-build
        self._stop_worker()

    # ------------------------------------------------------------ what the macros ask for

    def checked_data(self) -> data.Dataset:
        """The build's checked data; on problems, stop the build listing every one of them.

        on_files asks (for the ids of the generated pages) before the first page is rendered,
        so a build stops with the problems listed rather than with a macro failing on data it
        cannot read.
        """
        if self._dataset is None:
            started = time.perf_counter()
            dataset, problems = self._check.result()
            log.debug("waited %.2f s for the data check", time.perf_counter() - started)
            if problems:  # (the annotations for GitHub are `make check-data`'s, which CI runs first)
                lines = data.report_lines(problems, github=False)
                raise PluginError("The data files have problems / แฟ้มข้อมูลมีปัญหา:\n" + "\n".join(lines))
            self._dataset = dataset
        return self._dataset

    def schemas(self) -> dict:
        """The data files' JSON Schemas (for the data dictionary)."""
        return data.load_schemas(Path(self.config.schemas_dir))

    # ------------------------------------------------------------ where the work runs

    def _start_worker(self) -> ProcessPoolExecutor | None:
        """A second process for this build, or None, saying once in the log which and why."""
        if self.config.worker == "off":
            reason = "`worker: off` is set for the thlao plugin in mkdocs.yml"
        elif not sys.platform.startswith("linux"):
            reason = "a second process is forked on Linux only (other systems' libraries may not survive a fork)"
        elif threading.active_count() > 1:
            reason = "this process runs other threads (as under `mkdocs serve`), which a fork would not copy"
        else:
            self._tell("the data check, git dates, open data and search index run in a second process")
            return ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
        self._tell(f"the data check, git dates, open data and search index run in this process: {reason}")
        return None

    def _tell(self, message: str) -> None:
        if message not in self._told:
            self._told.add(message)
            log.info(message)

    def _run(self, function, *args) -> Future:
        """function(*args) in the second process, or here and now; the result (or error) from the Future."""
        if self._pool is not None:
            return self._pool.submit(function, *args)
        done = Future()
        try:
            done.set_result(function(*args))
        except Exception as error:  # noqa: BLE001 - handed on by result(), as the second process's would be
            done.set_exception(error)
        return done

    def _stop_worker(self) -> None:
        self._pool, pool = None, self._pool
        if pool is not None:
            pool.shutdown(cancel_futures=True)

    @staticmethod
    def _language_root(config) -> str:
        return languages.root(config.theme["language"], config.plugins["i18n"].default_language)
