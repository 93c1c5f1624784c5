"""The macros entry point: registers the renderers, with the page context and per-page citations.

The data is checked once when the macros load; any problem stops the build
with the same `path:line: message` lines that `make check-data` prints.
"""
import functools
import os
from datetime import date as _date

from mkdocs.exceptions import PluginError

from thlao import data, passthrough, render


def load_or_stop() -> data.Dataset:
    """The checked data; on problems, stop the build listing every one of them."""
    dataset, problems = data.check()
    if problems:
        lines = data.report_lines(problems, os.environ.get("GITHUB_ACTIONS") == "true")
        raise PluginError("The data files have problems / แฟ้มข้อมูลมีปัญหา:\n" + "\n".join(lines))
    return dataset


def define_env(env):
    """Register the site's macros with mkdocs-macros."""
    dataset = load_or_stop()
    schemas = data.load_schemas(data.ROOT / "schemas")
    cited = {}  # page URL -> source ids cited on that page, in order of first citation

    def ctx() -> render.Context:
        conf, page = env.conf, env.page
        lang = conf["theme"]["language"]
        lang_root, site_root = render.page_roots(page.url, lang, conf.plugins["i18n"].default_language)
        return render.Context(lang=lang, lang_root=lang_root, site_root=site_root, repo_url=conf["repo_url"],
                              today=_date.today(),
                              review_after_months=int(conf["extra"].get("review_after_months", 12)),
                              hold=passthrough.block)

    def page_key():
        return f'{env.conf["theme"]["language"]}:{env.page.url}'

    def note(source_ids):
        page_list = cited.setdefault(page_key(), [])
        page_list += [s for s in source_ids if s not in page_list]

    def citing(records, html):
        note(render.sources_of(records))
        return html

    def status_table(area_id):
        return citing([a for a in dataset.records["activities"] if a["area"] == area_id],
                      render.status_table(dataset, area_id, ctx()))

    def activities_table():
        return citing(dataset.records["activities"], render.activities_table(dataset, ctx()))

    def agreement_facts(agreement_id):
        html = render.agreement_facts(dataset, agreement_id, ctx())
        return citing([dataset.get("agreements", agreement_id)], html)

    def cite(source_id):
        html = render.cite(dataset, source_id, ctx())
        note([source_id])
        return html

    def page_sources():
        return render.page_sources(dataset, cited.get(page_key(), []), ctx())

    def page_lang():
        return env.conf["theme"]["language"]

    macros = {
        "status_table": status_table,
        "dashboard": lambda: render.dashboard(dataset, ctx()),
        "activities_table": activities_table,
        "agreement_facts": agreement_facts,
        "areas_list": lambda agreement_id: render.areas_list(dataset, agreement_id, ctx()),
        "timeline": lambda: citing(dataset.records["events"], render.timeline(dataset, ctx())),
        "trainings_table": lambda: citing(dataset.records["trainings"], render.trainings_table(dataset, ctx())),
        "organizations_list": lambda: citing(dataset.records["organizations"], render.organizations_list(dataset, ctx())),
        "glossary": lambda: citing(dataset.records["glossary"], render.glossary(dataset, ctx())),
        "bibliography": lambda: render.bibliography(dataset, ctx()),
        "cite": cite,
        "page_sources": page_sources,
        "date": lambda text: render.time_tag(text, page_lang()),
        "data_dictionary": lambda: render.data_dictionary(schemas, ctx()),
        "open_data_links": lambda: render.open_data_links(dataset, ctx()),
        "review_list": lambda: render.review_list(dataset, ctx()),
        "page_lang": page_lang,
    }
    # HTML goes past Markdown (thlao/passthrough.py); page_lang is a word, and the two
    # renderers that return Markdown hold their own HTML parts (Context.hold)
    kept = {"page_lang", "page_sources", "data_dictionary"}
    inline = {"cite", "date"}
    for name, function in macros.items():
        if name not in kept:
            function = _holding(function, passthrough.inline if name in inline else passthrough.block)
        env.macro(function, name)


def _holding(function, hold):
    """function, its HTML handed to hold (the macros plugin reads the function's name and doc)."""
    @functools.wraps(function)
    def holding(*args, **kwargs):
        return hold(function(*args, **kwargs))
    return holding
