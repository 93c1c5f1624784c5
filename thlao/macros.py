"""The macros entry point: registers functions, computes nothing itself.

STUBS: the data work (issue 3) replaces these with real renderers in
thlao/render.py. The names and arguments below are the contract the pages use.
"""


def define_env(env):
    """Register the site's macros with mkdocs-macros."""

    def lang():
        return env.conf["theme"]["language"]

    def stub(name):
        return lambda *args, **kwargs: f"<!-- {name}{args} -->"

    env.macro(lang, "page_lang")
    for name in (
        "status_table",  # status_table("broadband"): activities of one cooperation area
        "dashboard",  # dashboard(): counts by status, bar chart and its text equivalent
        "activities_table",  # activities_table(): every activity, all areas
        "agreement_facts",  # agreement_facts("mou-2018"): parties, date, term, state
        "areas_list",  # areas_list("mou-2018"): the areas of one agreement, linked
        "timeline",  # timeline(): events in date order
        "trainings_table",  # trainings_table(): courses given to Lao officials
        "organizations_list",  # organizations_list()
        "glossary",  # glossary()
        "bibliography",  # bibliography(): every source, anchored by id
        "cite",  # cite("reporter-2018"): inline citation linking to the bibliography
        "page_sources",  # page_sources(): the sources cited on this page, listed
        "date",  # date("2016-12-26"): a date at its own precision, in the page's language
        "data_dictionary",  # data_dictionary(): fields of every data file, from the schemas
        "open_data_links",  # open_data_links(): downloads of every data file
        "review_list",  # review_list(): records whose status is due for review
    ):
        env.macro(stub(name), name)
