"""Every renderer as the tests call it, and a page context for them (tests/test_render.py and
tests/test_templates.py share these; no test module imports another)."""
from datetime import date

from thlao import render

TODAY = date(2026, 11, 27)
REPO = "https://github.com/thlao-digital/thlao-digital"


def ctx(lang="th", today=TODAY, months=12, depth=2):
    lang_root, site_root = render.page_roots("en/" * (lang == "en") + "x/" * depth, lang, "th")
    return render.Context(lang=lang, lang_root=lang_root, site_root=site_root, repo_url=REPO,
                          today=today, review_after_months=months)


ALL_RENDERERS = {
    "status_table": lambda d, c: render.status_table(d, "broadband", c),
    "activities_table": render.activities_table,
    "dashboard": render.dashboard,
    "agreement_facts": lambda d, c: render.agreement_facts(d, "mou-2022", c),
    "areas_list": lambda d, c: render.areas_list(d, "mou-2018", c),
    "timeline": render.timeline,
    "timeline_figure": render.timeline_figure,
    "trainings_table": render.trainings_table,
    "organizations_list": render.organizations_list,
    "glossary": render.glossary,
    "bibliography": render.bibliography,
    "review_list": render.review_list,
    "open_data_links": render.open_data_links,
    "cite": lambda d, c: render.cite(d, "reporter-2018", c),
    "related_list": render.related_list,
    "related_list_of_an_area": lambda d, c: render.related_list(d, c, "broadband"),
    "remarks_list": render.remarks_list,
    "questions_list": render.questions_list,
    "next_dates": render.next_dates,
    "record_page_of_an_item": lambda d, c: render.record_page(d, "activities", "mou-2018-broadband", c),
    "record_page_of_a_related_development": lambda d, c: render.record_page(d, "related", "ministers-meet-2022-05", c),
}
