"""The macros the pages call ({{ status_table("broadband") }}, {{ cite("reporter-2018") }}, ...).

The site plugin (thlao/plugin.py) hands them to the macros plugin at the start of each language's
build. Each one renders from the build's checked data with a context for the page being built
(its language, where it sits, the build's words and date), notes the sources it cites for the
page's source list, and hands its HTML past Markdown (thlao/passthrough.py).
"""
import functools

from thlao import render


def macros(site, config) -> dict:
    """{name: function} of every macro, for one language's build. site: the site plugin, which
    holds the build's state (checked data, words, date, citations, the HTML held past Markdown)."""
    page_of = config.plugins["macros"]  # the macros plugin knows the page being rendered
    lang = config.theme["language"]
    default = config.plugins["i18n"].default_language
    repo_url = config.repo_url or ""

    def ctx() -> render.Context:
        lang_root, site_root = render.page_roots(page_of.page.url, lang, default)
        return render.Context(lang=lang, templating=site.templating, today=site.today, lang_root=lang_root,
                              site_root=site_root, repo_url=repo_url.rstrip("/"),
                              review_after_months=site.config.review_after_months, hold=site.passthrough.block)

    def ds():
        return site.checked_data()

    def note(source_ids):
        page_list = site.citations.setdefault(f"{lang}:{page_of.page.url}", [])
        page_list += [s for s in source_ids if s not in page_list]

    def citing(records, html):
        note(render.sources_of(records))
        return html

    def whole_file(name, renderer):
        """A macro showing every record of one file, citing their sources."""
        return lambda: citing(ds().records[name], renderer(ds(), ctx()))

    def agreement_facts(agreement_id):
        return citing([ds().get("agreements", agreement_id)], render.agreement_facts(ds(), agreement_id, ctx()))

    def cite(source_id):
        html = render.cite(ds(), source_id, ctx())
        note([source_id])
        return html

    def next_dates():
        c = ctx()
        note(render.next_dates_cited(ds(), c))
        return render.next_dates(ds(), c)

    def home_summary():
        c = ctx()
        note(render.next_dates_cited(ds(), c, 1))
        return render.home_summary(ds(), c)

    def dashboard():
        c = ctx()
        note(render.next_dates_cited(ds(), c, 1))
        return render.dashboard(ds(), c)

    def page_sources():
        return render.page_sources(ds(), site.citations.get(f"{lang}:{page_of.page.url}", []), ctx())

    def record_page(name, record_id):
        note(render.record_sources(ds(), name, record_id))
        return render.record_page(ds(), name, record_id, ctx())

    blocks = {
        # the status tables cite nothing: each item's sources are on its own page
        "status_table": lambda area_id: render.status_table(ds(), area_id, ctx()),
        "activities_table": lambda: render.activities_table(ds(), ctx()),
        "status_summary": lambda area=None, agreement=None: render.status_summary(ds(), ctx(), area, agreement),
        "home_summary": home_summary,
        "dashboard": dashboard,
        "agreement_facts": agreement_facts,
        "areas_list": lambda agreement_id: render.areas_list(ds(), agreement_id, ctx()),
        "timeline": whole_file("events", render.timeline),
        "timeline_figure": lambda: render.timeline_figure(ds(), ctx()),
        "trainings_table": whole_file("trainings", render.trainings_table),
        "organizations_list": whole_file("organizations", render.organizations_list),
        "glossary": whole_file("glossary", render.glossary),
        "bibliography": lambda: render.bibliography(ds(), ctx()),
        "open_data_links": lambda: render.open_data_links(ds(), ctx()),
        "review_list": lambda: render.review_list(ds(), ctx()),
        "related_list": lambda area_id=None: render.related_list(ds(), ctx(), area_id),
        "remarks_list": whole_file("remarks", render.remarks_list),
        "questions_list": whole_file("questions", render.questions_list),
        "next_dates": next_dates,
    }
    inline = {
        "cite": cite,
        "date": lambda text: render.time_tag(text, ctx()),
    }
    # these return Markdown (headings for the page's table of contents) and hold their own HTML
    markdown = {
        "page_sources": page_sources,
        "data_dictionary": lambda: render.data_dictionary(site.schemas(), ctx()),
        "record_page": record_page,
    }
    return {**{name: _holding(f, site.passthrough.block) for name, f in blocks.items()},
            **{name: _holding(f, site.passthrough.inline) for name, f in inline.items()},
            **markdown, "review_months": lambda: site.config.review_after_months}


def _holding(function, hold):
    """function, its HTML handed to hold (the macros plugin reads the function's name and doc)."""
    @functools.wraps(function)
    def holding(*args, **kwargs):
        return hold(function(*args, **kwargs))
    return holding
