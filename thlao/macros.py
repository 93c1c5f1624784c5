"""The macros entry point: registers the renderers, with the page context and per-page citations.

Everything a macro needs from the build under way (the checked data, the HTML handed past
Markdown, the sources cited so far on each page) is held by the site plugin, thlao/plugin.py,
reached through the config: `env.conf.plugins["thlao"]`.
"""
import functools
from datetime import date as _date

from thlao import data, render


def define_env(env):
    """Register the site's macros with mkdocs-macros (the data is read when a macro first needs it)."""
    schemas = data.load_schemas(data.ROOT / "schemas")

    def site():
        return env.conf.plugins["thlao"]

    def checked_data() -> data.Dataset:
        return site().checked_data()

    def ctx() -> render.Context:
        conf, page = env.conf, env.page
        lang = conf["theme"]["language"]
        lang_root, site_root = render.page_roots(page.url, lang, conf.plugins["i18n"].default_language)
        return render.Context(lang=lang, lang_root=lang_root, site_root=site_root, repo_url=conf["repo_url"],
                              today=_date.today(),
                              review_after_months=int(conf["extra"].get("review_after_months", 12)),
                              hold=site().passthrough.block)

    def page_key():
        return f'{env.conf["theme"]["language"]}:{env.page.url}'

    def note(source_ids):
        page_list = site().citations.setdefault(page_key(), [])
        page_list += [s for s in source_ids if s not in page_list]

    def citing(records, html):
        note(render.sources_of(records))
        return html

    def whole_file(name, renderer):
        """A macro showing every record of one file, citing their sources."""
        return lambda: citing(checked_data().records[name], renderer(checked_data(), ctx()))

    def dashboard():
        ds, c = checked_data(), ctx()
        return citing(render.dashboard_cited(ds, c), render.dashboard(ds, c))

    def agreement_facts(agreement_id):
        ds = checked_data()
        return citing([ds.get("agreements", agreement_id)], render.agreement_facts(ds, agreement_id, ctx()))

    def cite(source_id):
        html = render.cite(checked_data(), source_id, ctx())
        note([source_id])
        return html

    def related_list(area_id=None):
        ds = checked_data()
        return citing([r for r in ds.records["related"] if area_id is None or area_id in r["areas"]],
                      render.related_list(ds, ctx(), area_id))

    def next_dates():
        ds, c = checked_data(), ctx()
        return citing([a for _, a, _ in render.dates_ahead(ds, c.today)], render.next_dates(ds, c))

    def page_sources():
        return render.page_sources(checked_data(), site().citations.get(page_key(), []), ctx())

    def record_page(name, record_id):
        ds = checked_data()
        note(render.record_sources(ds, name, record_id))
        return render.record_page(ds, name, record_id, ctx())

    def page_lang():
        return env.conf["theme"]["language"]

    macros = {
        # the compact status tables cite nothing: each item's sources are on its own page
        "status_table": lambda area_id: render.status_table(checked_data(), area_id, ctx()),
        "dashboard": dashboard,
        "activities_table": lambda: render.activities_table(checked_data(), ctx()),
        "agreement_facts": agreement_facts,
        "areas_list": lambda agreement_id: render.areas_list(checked_data(), agreement_id, ctx()),
        "timeline": whole_file("events", render.timeline),
        "timeline_figure": lambda: render.timeline_figure(checked_data(), ctx()),
        "trainings_table": whole_file("trainings", render.trainings_table),
        "organizations_list": whole_file("organizations", render.organizations_list),
        "glossary": whole_file("glossary", render.glossary),
        "bibliography": lambda: render.bibliography(checked_data(), ctx()),
        "cite": cite,
        "page_sources": page_sources,
        "date": lambda text: render.time_tag(text, page_lang()),
        "data_dictionary": lambda: render.data_dictionary(schemas, ctx()),
        "open_data_links": lambda: render.open_data_links(checked_data(), ctx()),
        "review_list": lambda: render.review_list(checked_data(), ctx()),
        "page_lang": page_lang,
        "related_list": related_list,
        "remarks_list": whole_file("remarks", render.remarks_list),
        "questions_list": whole_file("questions", render.questions_list),
        "next_dates": next_dates,
        # the generated page of each MOU item and related development (thlao/items.py)
        "record_page": record_page,
    }
    # HTML goes past Markdown (thlao/passthrough.py); page_lang is a word, and the
    # renderers that return Markdown hold their own HTML parts (Context.hold)
    kept = {"page_lang", "page_sources", "data_dictionary", "record_page"}
    inline = {"cite", "date"}
    for name, function in macros.items():
        if name not in kept:
            function = _holding(function, (lambda html: site().passthrough.inline(html)) if name in inline
                                else (lambda html: site().passthrough.block(html)))
        env.macro(function, name)


def _holding(function, hold):
    """function, its HTML handed to hold (the macros plugin reads the function's name and doc)."""
    @functools.wraps(function)
    def holding(*args, **kwargs):
        return hold(function(*args, **kwargs))
    return holding
