"""The site plugin: what the site adds to each build, event by event, in the order MkDocs runs them.

mkdocs-static-i18n builds the default language, then, from that build's on_post_build, builds
each other language with the same events again ("inner" builds). Work done once for the whole
site starts in the first (outer) build and ends in its on_post_build; this plugin tells the two
apart by counting the builds it is inside.

The slow work that pages need not wait for (the data check, git history, the open data, the
search index) runs in a second process when it can, while this one renders the pages; the
`worker` setting turns that off. The domain modules (data, history, opendata, search, render)
are plain functions: only this class decides when and where they run. What it changes in other
packages' behaviour is all in thlao/patches.py.

    plugins:
      - thlao:
          worker: auto   # or off: everything in the build's own process
"""
import multiprocessing
import os
import sys
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, InclusionLevel

from thlao import data, history, items, languages, opendata, patches, search
from thlao.passthrough import Passthrough

log = get_plugin_logger("thlao")  # the logger mkdocs.plugins.thlao, its messages headed "thlao:"


class _AutoOrOff(c.Choice):
    """auto or off; YAML reads an unquoted off as false, which means off here too."""

    def __init__(self):
        super().__init__(("auto", "off"), default="auto")

    def run_validation(self, value):
        return super().run_validation("off" if value is False else value)


class ThlaoConfig(base.Config):
    # auto: a second process on Linux when this one has no other thread to lose in a fork
    # (`mkdocs serve` has); off: all work in the build's own process (same site, slower)
    worker = _AutoOrOff()


class ThlaoPlugin(BasePlugin[ThlaoConfig]):
    """The transparency site's build: data checked first, pages from it, then search and open data."""

    def __init__(self):
        self.passthrough = Passthrough()  # the macros' HTML, held while Markdown converts a page
        self.citations = {}  # {"language:page URL": [source id, ...]}, in order of first citation
        self._builds = 0  # how many builds are under way: 2 inside an i18n language build
        self._pool = None  # the second process of this build, if it has one
        self._told = set()  # what the log has said about the second process
        self._check = None  # Future of (Dataset, problems)
        self._dataset = None  # the checked data, once the check has passed
        self._last_changed = None  # Future of {source path: date} from git
        self._open_data = None  # Future of the open data files being written
        self._search = {}  # {language: {url: Future of [index document, ...]}}
        self._fix_toggles = True
        self._fix_toc_label = True
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
        self._dataset, self._search, self.citations = None, {}, {}
        self._pool = self._start_worker()
        # in the second process, in this order: the data check (on_files waits for it), then when
        # each source file last changed (on_page_context)
        self._check = self._run(data.check)
        self._last_changed = self._run(history.last_changed, config.docs_dir)
        self._fix_toggles = patches.toggles_need_fixing(config.theme)
        self._fix_toc_label = patches.toc_label_needs_fixing(config.theme)

    def on_pre_build(self, config):
        # each language's build starts with nothing held from the last one's pages
        self.passthrough.forget()
        self._search[config.theme["language"]] = {}
        patches.skip_material_index(config)

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
            self._open_data = self._run(opendata.publish, dataset, data.ROOT / "schemas", Path(config.site_dir),
                                        i18n.build_languages, i18n.default_language, config.site_url or "/")
        return nav

    @event_priority(100)  # before any plugin reads the page's HTML
    def on_page_content(self, html, page, config, files):
        # the macros' HTML, which went past Markdown as markers (thlao/passthrough.py)
        return self.passthrough.release(html)

    def on_env(self, env, config, files):
        # overrides/main.html points the search at the language's own index
        env.globals["language_root"] = self._language_root(config)
        return env

    def on_page_context(self, context, page, config, nav):
        # shown by overrides/partials/source-file.html. In the context, not in page.meta: Material's
        # nav looks up icon, subtitle and status in the meta of every page it lists, on every page,
        # once the meta holds anything (3 failed lookups per nav entry: seconds at scale).
        context["last_changed"] = history.page_change(
            self._last_changed.result(), page.file.abs_src_path, config.theme["language"])
        return context

    def on_post_page(self, output, page, config):
        # the search index is read from the article as rendered, so it holds what the reader sees
        if search.indexed(page):
            url = page.url.removeprefix(self._language_root(config))
            self._search[config.theme["language"]][url] = self._run(
                search.article_docs, url, page.title, search.article_html(output))
        if self._fix_toc_label and not page.file.inclusion.is_in_nav():
            output = patches.label_without_toggle(output)  # a page in no nav: the record pages
        return patches.valid_toggles(output) if self._fix_toggles else output

    def on_post_template(self, output_content, template_name, config):
        # static templates (404.html) get the pages' HTML fix; each language's 404 goes to its own folder
        if self._fix_toggles:
            output_content = patches.valid_toggles(output_content)
        return patches.place_404(output_content, template_name, config.theme["language"],
                                 self._language_root(config), config.site_dir)

    @event_priority(-110)  # after the i18n plugin (-100) has built every other language
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
            if self._check is None:  # the macros used outside a build (the tests)
                self._check = self._run(data.check)
            started = time.perf_counter()
            dataset, problems = self._check.result()
            log.debug("waited %.2f s for the data check", time.perf_counter() - started)
            if problems:
                lines = data.report_lines(problems, os.environ.get("GITHUB_ACTIONS") == "true")
                raise PluginError("The data files have problems / แฟ้มข้อมูลมีปัญหา:\n" + "\n".join(lines))
            self._dataset = dataset
        return self._dataset

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
