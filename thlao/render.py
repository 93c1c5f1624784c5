"""Pure renderers: checked data and a page context in, HTML (or Markdown) out.

Nothing here reads files or knows about MkDocs, and nothing here writes HTML: each renderer
turns records into plain values (dicts, lists, strings) and hands them to its template in
thlao/templates/, through the build's Templating (thlao/templating.py), with autoescaping on. A
value a template shows is escaped there unless it is markup a template made, so a title written
as an HTML tag in the data shows as text. Every word comes from labels/<lang>.yml.
"""
import string
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date as _date

from markupsafe import Markup

from thlao import dates, items
from thlao import timeline as _timeline
from thlao.data import (
    FILES,
    KINDS,
    NOT_REPORTED,
    Dataset,
    due_for_review,
    latest_related,
    months_unconfirmed,
    status_counts,
)
from thlao.languages import marked_runs
from thlao.languages import root as language_root
from thlao.search import cut_thai
from thlao.templating import Templating

STATUS_COLOURS = {"pipeline": "#6a1b9a", "implementation": "#1565c0", "finalisation": "#00838f",
                  "closed": "#2e7d32", "cancelled": "#c62828", "suspended": "#ef6c00", NOT_REPORTED: "#757575"}
LATEST_RELATED = 3  # related developments the dashboard shows, newest first


@dataclass(frozen=True)
class Context:
    """What a renderer needs to know about the page being built."""

    lang: str
    templating: Templating
    today: _date  # the build's date (dates.build_date): every date worked out against today uses it
    lang_root: str = ""  # relative URL from the page to its language's home ("../../" or "../../en/")
    site_root: str = ""  # relative URL from the page to the site root (where /data/ lives)
    repo_url: str = ""
    review_after_months: int = 12
    # what a renderer returning Markdown does with its HTML parts (thlao/passthrough.py hands them
    # past Markdown in a build; unchanged here)
    hold: Callable[[str], str] = lambda html: html

    @property
    def words(self):
        return self.templating.words[self.lang]

    @property
    def calendar(self) -> dates.Calendar:
        return self.templating.calendars[self.lang]

    def render(self, template: str, **values) -> str:
        return self.templating.render(template, self.lang, **values)

    def parts(self):
        """The shared macros of parts.html (a citation, a date, a status, marked text)."""
        return self.templating.parts(self.lang)


def page_roots(page_url: str, lang: str, default_lang: str) -> tuple:
    """(language root, site root) as URLs relative to the page at `page_url`."""
    directory = page_url[: page_url.rfind("/") + 1]  # "" for root files such as 404.html
    site_root = "../" * len([p for p in directory.split("/") if p])
    return site_root + language_root(lang, default_lang), site_root


def _fill(phrase: str, **values) -> list:
    """A phrase such as "as reported on {date}" as pieces: its words, then each value in its place
    (the template shows each piece, escaping text and keeping markup)."""
    pieces = []
    for before, name, _, _ in string.Formatter().parse(phrase):
        pieces += [before, *([values[name]] if name is not None else [])]
    return pieces


def _text(value, ctx: Context):
    """The page language's side of a {th, en} text, with runs of the other script marked; the
    words for "not known" for `unknown`; else the value."""
    if isinstance(value, dict):
        return ctx.parts().marked(marked_runs(value[ctx.lang], ctx.lang))
    return ctx.words.common.not_known if value in (None, "unknown") else value


def _when(value, ctx: Context) -> dict:
    """A date at its own precision: its words, and its machine-readable form where known."""
    if dates.is_unknown(value):
        return {"words": ctx.words.common.not_known, "iso": None}
    return {"words": ctx.calendar.date(value), "iso": value}


def _span(start, end, ctx: Context) -> dict:
    if not end:
        return _when(start, ctx)
    return {"words": ctx.calendar.range(start, end), "iso": start}


def time_tag(value, ctx: Context) -> str:
    """A date at its own precision, machine-readable where known."""
    return str(ctx.parts().time(_when(value, ctx)))


def _status(status: str, ctx: Context) -> dict:
    return {"status": status, "label": ctx.words.item_status[status]}


def _record_url(ctx: Context, name: str, record_id: str) -> str:
    """The page of a record made from the data (thlao/items.py), from the page being built."""
    return ctx.lang_root + items.url(name, record_id)


def _link(href: str, title) -> dict:
    return {"href": href, "title": title}


# ---------------------------------------------------------------- sources and citations

def sources_of(records) -> list:
    """Source ids cited by these records (their own and their history's), first use first."""
    found = []
    for record in records:
        for sid in [*record.get("sources", []), *(s for h in record.get("history", []) for s in h["sources"]),
                    *(s for lead in record.get("leads", []) for s in lead["sources"]),
                    *(s for r in record.get("other_reports", []) for s in r["sources"])]:
            if sid not in found:
                found.append(sid)
    return found


def _cite(ds: Dataset, source_id: str, ctx: Context) -> dict:
    source = ds.get("sources", source_id)
    published = source["published"]
    when = ctx.words.common.source_undated if dates.is_unknown(published) else ctx.calendar.date(published)
    return {"href": f"{ctx.lang_root}sources/#src-{source_id}", "publisher": _text(source["publisher"], ctx),
            "when": when}


def _cites(ds: Dataset, ids, ctx: Context) -> Markup:
    """Inline citations of these sources, one after the other."""
    return ctx.parts().cites([_cite(ds, sid, ctx) for sid in ids])


def cite(ds: Dataset, source_id: str, ctx: Context) -> str:
    """Inline citation: [publisher, date] linking to the bibliography entry."""
    return str(_cites(ds, [source_id], ctx))


def _source(source: dict, ctx: Context) -> dict:
    # the source's own headline, in the page's language where it has one, else in its own
    headline = source.get("headline")
    shown = None
    if headline:
        lang = ctx.lang if ctx.lang in headline else next(iter(headline))
        shown = ctx.parts().marked(marked_runs(headline[lang], ctx.lang))
    published = source["published"]
    return {"id": source["id"], "publisher": _text(source["publisher"], ctx), "headline": shown,
            "description": _text(source["description"], ctx),
            "published": {"words": ctx.words.common.source_undated, "iso": None} if dates.is_unknown(published)
            else _when(published, ctx),
            "language": ctx.words.source_language[source["language"]], "url": source["url"],
            "archive": f"https://web.archive.org/web/*/{source['url']}",
            "href": f"{ctx.lang_root}sources/#src-{source['id']}"}


def bibliography(ds: Dataset, ctx: Context) -> str:
    """Every source in full: publisher, its own headline where known, this site's description of
    it, date, language, address and a link to its archived copies."""
    return ctx.render("bibliography.html", sources=[_source(s, ctx) for s in ds.records["sources"]])


def page_sources(ds: Dataset, source_ids, ctx: Context) -> str:
    """Markdown: a 'Sources' heading (id page-sources) and the sources cited on this page, each as
    its publisher, date and address, with a link to its full entry on the sources page."""
    if not source_ids:
        return ""
    sources = ds.by_id("sources")
    listing = ctx.render("page_sources.html", sources=[_source(sources[sid], ctx) for sid in source_ids])
    # the heading is Markdown, for the page's table of contents; the list is HTML, held past Markdown
    return f"## {ctx.words.sources.page_heading} {{ #page-sources }}\n\n{ctx.hold(listing)}\n"


# ---------------------------------------------------------------- the status tables

def _activity(ds: Dataset, activity: dict, ctx: Context) -> dict:
    """One row of a status table: the item (linking to its page), its area, agreement, status and
    when it was last confirmed; the data-* values tracker.js filters and sorts by."""
    w, lang, root = ctx.words, ctx.lang, ctx.lang_root
    area = ds.get("areas", activity["area"])
    agreement = ds.get("agreements", activity["agreement"])
    status, kind = w.item_status[activity["status"]], w.item_kind[activity["kind"]]
    # what typed words are matched against, Thai cut into words as the search index is cut
    words = " ".join([activity["title"][lang], activity["description"][lang], area["title"][lang],
                      agreement["short_title"][lang], status, kind])
    return {
        "id": activity["id"], "href": _record_url(ctx, "activities", activity["id"]),
        "title": _text(activity["title"], ctx),
        "area": {"id": area["id"], "href": f"{root}areas/{area['id']}/", "title": _text(area["title"], ctx)},
        "agreement": {"id": agreement["id"], "href": f"{root}agreements/{agreement['id']}/",
                      "title": _text(agreement["short_title"], ctx)},
        "status": _status(activity["status"], ctx), "kind": activity["kind"],
        "text": cut_thai(words), "confirmed": _when(activity["confirmed"], ctx),
        "sort_date": activity["confirmed"],  # partial ISO, or "unknown" (sorted last)
    }


def _tracker(ds: Dataset, ctx: Context, facets: tuple) -> dict:
    """What tracker.js reads from the page: its words, and each facet's options from the codelists
    (every status, kind and agreement, not only those the rows have today)."""
    w, lang = ctx.words, ctx.lang
    options = {
        "status": [[code, label] for code, label in w.item_status.items()],
        "kind": [[code, w.item_kind[code]] for code in KINDS],
        "agreement": [[a["id"], a["short_title"][lang]] for a in ds.records["agreements"]],
        "area": [[a["id"], a["title"][lang]] for a in ds.records["areas"]],
    }
    return {"words": dict(w.tracker.items()), "facets": {name: options[name] for name in facets}}


def _status_columns(ctx: Context, facets: tuple) -> list:
    """The status tables' five columns: label, how tracker.js sorts it, and the facet it offers."""
    w = ctx.words.status_table
    columns = [(w.col_item, "text", None), (w.col_area, "text", "area"), (w.col_agreement, "text", "agreement"),
               (w.col_status, "text", "status"), (w.col_confirmed, "date", None)]
    return [{"label": label, "sort": sort, "facet": facet if facet in facets else None}
            for label, sort, facet in columns]


def status_table(ds: Dataset, area_id: str, ctx: Context) -> str:
    """The MOU items of one cooperation area: each item links to its own page, where its
    description and sources are."""
    area = ds.get("areas", area_id)
    facets = ("status", "agreement", "kind")  # one area: no area facet
    rows = [_activity(ds, a, ctx) for a in ds.records["activities"] if a["area"] == area_id]
    caption = ctx.words.status_table.area_caption.format(title=area["title"][ctx.lang])
    return ctx.render("activities_table.html", caption=caption, columns=_status_columns(ctx, facets), rows=rows,
                      tracker=_tracker(ds, ctx, facets))


def activities_table(ds: Dataset, ctx: Context) -> str:
    """Every MOU item, grouped by area in the order of areas.yml."""
    order = {a["id"]: i for i, a in enumerate(ds.records["areas"])}
    facets = ("status", "area", "agreement", "kind")
    rows = [_activity(ds, a, ctx) for a in sorted(ds.records["activities"], key=lambda a: order[a["area"]])]
    return ctx.render("activities_table.html", caption=ctx.words.status_table.all_caption,
                      columns=_status_columns(ctx, facets), rows=rows, tracker=_tracker(ds, ctx, facets))


# ---------------------------------------------------------------- sentences that summarise the data

def _items_phrase(n: int, ctx: Context) -> str:
    return ctx.words.items_count.plural(n).format(n=n)


def _counts_phrase(counts: dict, ctx: Context) -> str:
    w = ctx.words
    return ", ".join(f"{w.item_status[status]} {n}" for status, n in counts.items())


def status_summary(ds: Dataset, ctx: Context, area_id: str | None = None, agreement_id: str | None = None) -> str:
    """The status of the MOU items in a sentence or two, from the data: of all items, or of one
    area's or one agreement's (named first, so no two pages say the same sentence). It says how
    many there are, how many have reported progress (a status other than not reported), the count
    of each status and the latest confirmation."""
    w = ctx.words.summary
    records, title = ds.records["activities"], None
    if area_id is not None:
        records, title = [a for a in records if a["area"] == area_id], ds.get("areas", area_id)["title"]
    elif agreement_id is not None:
        records = [a for a in records if a["agreement"] == agreement_id]
        title = ds.get("agreements", agreement_id)["short_title"]
    total = len(records)
    reported = sum(1 for a in records if a["status"] != NOT_REPORTED)
    values = {"items": _items_phrase(total, ctx), "reported": reported,
              "title": title[ctx.lang] if title else None, "status": ctx.words.item_status[NOT_REPORTED]}
    case = "none" if not reported else "every" if reported == total else "some"
    if title is None:
        sentences = [w[f"all_{case}"].format(**values)]
    else:
        sentences = [w[f"scope_{'empty' if not total else case}"].format(**values)]
    if total and case != "none":
        sentences.append(w.counts.format(parts=_counts_phrase(status_counts(records), ctx)))
    if total:
        confirmed = [a["confirmed"] for a in records if not dates.is_unknown(a["confirmed"])]
        newest = max(confirmed, key=lambda d: dates.parse(d).last_day(), default=None)
        sentences.append(w.never_confirmed if newest is None else w.latest_confirmed.format(
            date=ctx.calendar.date(newest)))
    return ctx.render("summary.html", sentences=sentences, scope=area_id or agreement_id or "all")


def home_summary(ds: Dataset, ctx: Context) -> str:
    """The home page's answer first: the status of the MOU items in a sentence, the next computed
    date and the latest related development, each linked to where it is told in full."""
    w, parts = ctx.words.home, ctx.parts()
    ahead = _ahead(ds, ctx, 1)
    next_line = None
    if ahead:
        what = Markup("").join(Markup.escape(piece) for piece in ahead[0]["words"])
        next_line = _fill(w.next_date, date=parts.time(ahead[0]["when"]), what=what)
    latest = latest_related(ds.records["related"], 1)
    related_line = None
    if latest:
        line = _related_line(ds, latest[0], ctx)
        related_line = _fill(w.latest_related, title=Markup('<a href="{}">{}</a>').format(line["href"], line["title"]),
                             date=parts.time(line["when"]))
    return ctx.render("home_summary.html", summary=Markup(status_summary(ds, ctx)), next=next_line,
                      next_cites=ahead[0]["cites"] if ahead else None, related=related_line,
                      status_href=f"{ctx.lang_root}status/")


# ---------------------------------------------------------------- the dashboard

def dashboard(ds: Dataset, ctx: Context) -> str:
    """The story at a glance: counts by status of the MOU items (activities.yml) only, as a table
    and the same numbers as a bar drawn in SVG; which areas were reported for each MOU, with the
    status of each as an MOU item; the latest related developments; and the next date ahead. (The
    page says the counts in a sentence first: status_summary.)"""
    w, records = ctx.words, ds.records["activities"]
    totals = status_counts(records)
    by_kind = {k: status_counts([a for a in records if a["kind"] == k]) for k in KINDS}
    kinds = [k for k in KINDS if by_kind[k]]
    total = sum(totals.values())
    rows = [{"status": _status(s, ctx), "counts": [by_kind[k].get(s, 0) for k in kinds], "total": n}
            for s, n in totals.items()]
    return ctx.render("dashboard.html", bars=_bars(totals, total, ctx),
                      kinds=[w.item_kind[k] for k in kinds], rows=rows, grid=_area_grid(ds, ctx),
                      related=[_related_line(ds, r, ctx) for r in latest_related(ds.records["related"], LATEST_RELATED)],
                      related_href=f"{ctx.lang_root}related/", next=_ahead(ds, ctx, 1),
                      next_href=f"{ctx.lang_root}timeline/#coming-dates")


def _bars(counts: dict, total: int, ctx: Context) -> list:
    """The parts of a 100-unit-wide stacked bar; the summary paragraph is its text equivalent."""
    x, bars = 0.0, []
    for status, n in counts.items():
        width = 100 * n / total if total else 0
        bars.append({"x": f"{x:.2f}", "width": f"{width:.2f}", "colour": STATUS_COLOURS[status],
                     "title": f"{ctx.words.item_status[status]}: {n}"})
        x += width
    return bars


def _area_grid(ds: Dataset, ctx: Context) -> dict:
    """The areas × agreements table. A cell holds the area's record of kind "area" for that MOU
    (its own title, linking to its page, and its status); or, where none was reported, whether
    the area is named in the MOU's title; or that it is not in the reported list."""
    root = ctx.lang_root
    records = {(a["area"], a["agreement"]): a for a in ds.records["activities"] if a["kind"] == "area"}
    agreements = [{"id": a["id"], "href": f"{root}agreements/{a['id']}/", "title": _text(a["short_title"], ctx),
                   "title_areas": a.get("title_areas", [])} for a in ds.records["agreements"]]
    rows = []
    for area in ds.records["areas"]:
        cells = []
        for agreement in agreements:
            item = records.get((area["id"], agreement["id"]))
            if item is not None:
                cells.append({"agreement": agreement["id"], "state": "reported", "item": item["id"],
                              "href": _record_url(ctx, "activities", item["id"]), "title": _text(item["title"], ctx),
                              "status": _status(item["status"], ctx)})
            else:
                state = "title" if area["id"] in agreement["title_areas"] else "no"
                cells.append({"agreement": agreement["id"], "state": state})
        rows.append({"id": area["id"], "href": f"{root}areas/{area['id']}/", "title": _text(area["title"], ctx),
                     "cells": cells})
    return {"agreements": agreements, "rows": rows}


# ---------------------------------------------------------------- agreements

def agreement_facts(ds: Dataset, agreement_id: str, ctx: Context) -> str:
    """Parties, signatories, dates, term and state of one agreement as a definition list."""
    a, w = ds.get("agreements", agreement_id), ctx.words
    orgs = ds.by_id("organizations")
    reported = None
    if a["state"] != NOT_REPORTED and not dates.is_unknown(a["confirmed"]):
        reported = _fill(w.agreement.as_reported, date=ctx.parts().time(_when(a["confirmed"], ctx)))
    follows = None
    if "follows" in a:
        follows = _link(f"{ctx.lang_root}agreements/{a['follows']}/",
                        _text(ds.get("agreements", a["follows"])["short_title"], ctx))
    return ctx.render("agreement_facts.html", a={
        "id": a["id"], "title": _text(a["title"], ctx),
        "parties": [_text(orgs[p]["name"], ctx) for p in a["parties"]],
        "signatories": [_text(s["person"], ctx) for s in a["signatories"]],
        "signed": _when(a["signed"], ctx), "place": _text(a["place"], ctx), "term": _text(a["term"], ctx),
        "ends": _term_ends(a, ctx), "state": w.agreement_state[a["state"]], "reported": reported,
        "follows": follows, "cites": _cites(ds, a["sources"], ctx)})


def _term_ends(a: dict, ctx: Context) -> list:
    """The computed ends of an agreement's terms, each with its label (none: "not known")."""
    w = ctx.words.agreement
    how = ctx.words.extension[a["extension"]]
    labels = {"first": w.first_term_end.format(years=a["term_years"]),
              "extended": w.extended_end.format(years=a["extension_years"], how=how)}
    return [{"kind": kind, "label": labels[kind], "when": _when(day, ctx)} for kind, day in dates.term_ends(a)]


def areas_list(ds: Dataset, agreement_id: str, ctx: Context) -> str:
    """The areas reported for one agreement, each linked to its page."""
    ds.get("agreements", agreement_id)
    areas = [{"id": a["id"], "href": f"{ctx.lang_root}areas/{a['id']}/", "title": _text(a["title"], ctx)}
             for a in ds.records["areas"] if agreement_id in a["agreements"]]
    return ctx.render("areas_list.html", areas=areas)


def _ahead(ds: Dataset, ctx: Context, most: int | None = None) -> list:
    """The first `most` dates ahead of the build date (all, with None), each with its words and
    the sources of the signing date and the term it is computed from."""
    w = ctx.words.next_dates
    views = []
    for day, a, kind in dates.dates_ahead(ds.records["agreements"], ctx.today)[:most]:
        title = _text(a["short_title"], ctx)
        if kind == "first":
            words = _fill(w.first_term, years=a["term_years"], title=title)
        else:
            words = _fill(w.extended, years=a["extension_years"], how=ctx.words.extension[a["extension"]],
                          title=title)
        views.append({"kind": kind, "when": _when(day, ctx), "words": words,
                      "cites": _cites(ds, a["term_sources"], ctx)})
    return views


def next_dates(ds: Dataset, ctx: Context) -> str:
    """The dates after the build date that follow from the reported terms, soonest first, each
    labelled as computed, and the day they were worked out against."""
    return ctx.render("next_dates.html", ahead=_ahead(ds, ctx), as_of=_as_of(ctx.words.next_dates.as_of, ctx))


def _as_of(phrase: str, ctx: Context) -> list:
    """A phrase naming the build's date, the day every date worked out against "today" used."""
    return _fill(phrase, date=ctx.parts().time(_when(ctx.today.isoformat(), ctx)))


def next_dates_cited(ds: Dataset, ctx: Context, most: int | None = None) -> list:
    """The sources the dates ahead cite (for the page's source list)."""
    return [sid for _, a, _ in dates.dates_ahead(ds.records["agreements"], ctx.today)[:most]
            for sid in a["term_sources"]]


# ---------------------------------------------------------------- lists of records

def _related_line(ds: Dataset, r: dict, ctx: Context) -> dict:
    return {"id": r["id"], "when": _span(r["date"], r.get("end_date"), ctx), "title": _text(r["title"], ctx),
            "href": _record_url(ctx, "related", r["id"])}


def related_list(ds: Dataset, ctx: Context, area_id: str | None = None) -> str:
    """Related developments in date order (those touching one area when area_id is given), one
    linked line each: their own pages tell them in full. The list says once that none of them
    is reported as done under the MOUs. Each carries the letter the timeline picture marks it
    with (its place among all of them in date order: thlao/timeline.py)."""
    if area_id is not None:
        ds.get("areas", area_id)
    ordered = _timeline.in_list_order(ds.records["related"])
    letters = ctx.words.timeline.related_letters
    marks = {r["id"]: _timeline.letter(i, letters) for i, r in enumerate(ordered)}
    lines = [{**_related_line(ds, r, ctx), "letter": marks[r["id"]],
              "mark": ctx.words.timeline.list_mark.format(mark=marks[r["id"]])}
             for r in ordered if area_id is None or area_id in r["areas"]]
    return ctx.render("related_list.html", related=lines)


def _area_links(ds: Dataset, area_ids, ctx: Context) -> list:
    areas = ds.by_id("areas")
    return [_link(f"{ctx.lang_root}areas/{a}/", _text(areas[a]["title"], ctx)) for a in area_ids]


def remarks_list(ds: Dataset, ctx: Context) -> str:
    """Remarks the press reported with an MOU, labelled once as remarks and not MOU items."""
    remarks = [{"id": r["id"], "title": _text(r["title"], ctx), "description": _text(r["description"], ctx),
                "speaker": _text(r["speaker"], ctx), "areas": _area_links(ds, r["areas"], ctx),
                "cites": _cites(ds, r["sources"], ctx)} for r in ds.records["remarks"]]
    return ctx.render("remarks_list.html", remarks=remarks)


# Where each kind of record a question concerns is shown: (page, anchor prefix or None, title
# field). MOU items and related developments have a page each (thlao/items.py).
_ABOUT_PAGES = {
    "agreements": ("agreements/{id}/", None, "short_title"), "areas": ("areas/{id}/", None, "title"),
    "activities": ("items/{id}/", None, "title"), "events": ("timeline/", "event-", "title"),
    "trainings": ("training/", "training-", "title"), "related": ("related/{id}/", None, "title"),
}


def _about_links(ds: Dataset, about: dict, ctx: Context) -> list:
    links = []
    for name, ids in about.items():
        page, anchor, title_field = _ABOUT_PAGES[name]
        for rid in ids:
            href = ctx.lang_root + page.format(id=rid) + (f"#{anchor}{rid}" if anchor else "")
            links.append(_link(href, _text(ds.get(name, rid)[title_field], ctx)))
    return links


def questions_list(ds: Dataset, ctx: Context) -> str:
    """The open questions, each with what the sources say, what would answer it and what it concerns."""
    questions = [{"id": q["id"], "question": _text(q["question"], ctx),
                  "detail": _text(q["detail"], ctx) if "detail" in q else None,
                  "would_answer": _text(q["would_answer"], ctx), "about": _about_links(ds, q["about"], ctx),
                  "cites": _cites(ds, q["sources"], ctx) if q.get("sources") else None}
                 for q in ds.records["questions"]]
    return ctx.render("questions_list.html", questions=questions)


def _place(place, ctx: Context):
    return None if place == "unknown" else _text(place, ctx)


def timeline(ds: Dataset, ctx: Context) -> str:
    """Events in date order; where sources disagree, each report is shown with its source."""
    events = [{
        "id": e["id"], "when": _span(e["date"], e.get("end_date"), ctx), "place": _place(e["place"], ctx),
        "title": _text(e["title"], ctx), "description": _text(e["description"], ctx),
        "note": _text(e["note"], ctx) if "note" in e else None, "cites": _cites(ds, e["sources"], ctx),
        "others": [{"when": _when(r["date"], ctx), "place": _place(r["place"], ctx),
                    "cites": _cites(ds, r["sources"], ctx)} for r in e.get("other_reports", [])],
    } for e in sorted(ds.records["events"], key=lambda e: dates.sort_key(e["date"]))]
    return ctx.render("timeline.html", events=events)


TIMELINE_LIST = "timeline-list"  # the id of what describes the timeline's picture, on the timeline page


def timeline_figure(ds: Dataset, ctx: Context) -> str:
    """The timeline as a picture (thlao/timeline.py): events, the MOUs' terms (the computed parts
    drawn as computed) and the related developments in a row of their own. Each marker is
    numbered and links to its entry in the lists that follow (the element with id TIMELINE_LIST,
    which the page puts around its text lists of the events and of the related developments)."""
    return _timeline.timeline_svg(ds.records["events"], ds.records["agreements"], ds.records["related"], ctx,
                                  list_id=TIMELINE_LIST)


def trainings_table(ds: Dataset, ctx: Context) -> str:
    orgs = ds.by_id("organizations")
    rows = [{"id": t["id"], "title": _text(t["title"], ctx), "description": _text(t["description"], ctx),
             "organizers": [_text(orgs[o].get("short_name", orgs[o]["name"]), ctx) for o in t["organizers"]],
             "when": _when(t["date"], ctx),
             "participants": ctx.words.common.not_known if t["participants"] == "unknown" else t["participants"],
             "cites": _cites(ds, t["sources"], ctx)} for t in ds.records["trainings"]]
    return ctx.render("trainings_table.html", rows=rows)


def organizations_list(ds: Dataset, ctx: Context) -> str:
    w, orgs = ctx.words, ds.by_id("organizations")
    rows = [{
        "id": o["id"], "name": _text(o["name"], ctx),
        "short_name": _text(o["short_name"], ctx) if "short_name" in o else None,
        "renamed_from": _fill(w.organizations.renamed_from, name=_text(orgs[o["renamed_from"]]["name"], ctx))
        if "renamed_from" in o else None,
        "country": w.country[o["country"]], "description": _text(o["description"], ctx),
        "cites": _cites(ds, o["sources"], ctx),
    } for o in ds.records["organizations"]]
    return ctx.render("organizations_list.html", rows=rows)


def glossary(ds: Dataset, ctx: Context) -> str:
    """The glossary: each definition is the site's own; a source, where given, backs the term's use."""
    terms = [{"id": g["id"], "term": _text(g["term"], ctx), "definition": _text(g["definition"], ctx),
              "cites": _cites(ds, g.get("sources", []), ctx)} for g in ds.records["glossary"]]
    return ctx.render("glossary.html", terms=terms)


# ---------------------------------------------------------------- about the data

def data_dictionary(schemas: dict, ctx: Context) -> str:
    """Markdown: one heading and one field table per data file, generated from the JSON Schemas."""
    common, w = schemas["common"]["$defs"], ctx.words.data_dictionary
    parts = []
    for name in FILES:
        schema = schemas[name]
        item = schema["items"]
        fields = [{"key": key, "required": key in item.get("required", []),
                   "allowed": _allowed(prop, common, ctx), "description": _describe(prop, ctx.lang)}
                  for key, prop in item["properties"].items()]
        held = ctx.hold(ctx.render("data_dictionary.html", caption=w.caption.format(file=f"{name}.yml"),
                                   fields=fields, about=_describe(schema, ctx.lang)))
        # the heading is Markdown, for the page's table of contents; the table is held past Markdown
        parts.append(f"## {name}.yml {{ #dict-{name} }}\n\n{held}\n")
    return "\n".join(parts)


def _describe(schema: dict, lang: str) -> str:
    return schema.get(f"description_{lang}", schema.get("description", ""))


def _allowed(prop: dict, common: dict, ctx: Context) -> str:
    """The allowed form of a field, in words: a shared type's own description, else the schema's rule."""
    w = ctx.words.data_dictionary
    if "$ref" in prop:
        prop = common[prop["$ref"].rsplit("/", 1)[1]]
        if "properties" not in prop.get("items", {}):
            return _describe(prop, ctx.lang)
    if "properties" in prop.get("items", {}):
        return f'{w.list_of}: {", ".join(prop["items"]["properties"])}'
    if "properties" in prop:
        return f'{w.group_of}: {", ".join(prop["properties"])}'
    if "$ref" in prop.get("items", {}):
        return _allowed(prop["items"], common, ctx)
    if "anyOf" in prop:
        return " / ".join(_allowed(p, common, ctx) for p in prop["anyOf"])
    if "enum" in prop or "const" in prop:
        return ", ".join(map(str, prop.get("enum", [prop.get("const")])))
    if prop.get("pattern", "").startswith("^https?"):
        return "https://…"
    if prop.get("type") == "boolean":
        return "true, false"  # the words YAML takes, as an enum's values are given
    if prop.get("type") == "integer":
        return "0, 1, 2, …"
    # schemas are the developers': a new shape of field gets its words here, or a shared type
    # with its own description in common.schema.json
    raise ValueError(f"the data dictionary has no words for a field of this form: {prop}")


def open_data_links(ds: Dataset, ctx: Context) -> str:
    """A table of every data file with its JSON, CSV and schema downloads, then the two feeds."""
    files = [{"name": n, "title": ctx.words.data_file[n], "records": len(ds.records[n])} for n in FILES]
    return ctx.render("open_data_links.html", base=ctx.site_root, files=files)


def review_list(ds: Dataset, ctx: Context) -> str:
    """Every record whose status or state was not confirmed within the review period (the staff's
    page: the public pages show the date last confirmed, which speaks for itself)."""
    w = ctx.words
    rows = []
    for name in ("agreements", "activities"):
        for r in ds.records[name]:
            if not due_for_review(r["confirmed"], ctx.today, ctx.review_after_months):
                continue
            rows.append({
                "record": f"{name}/{r['id']}", "title": _text(r["title"], ctx), "file": w.data_file[name],
                # each record links to its own page: an agreement's, or the MOU item's
                "href": (f"{ctx.lang_root}agreements/{r['id']}/" if name == "agreements"
                         else _record_url(ctx, name, r["id"])),
                # an agreement has a state, in words; an MOU item has a status
                "state": w.agreement_state[r["state"]] if name == "agreements" else None,
                "status": None if name == "agreements" else _status(r["status"], ctx),
                "confirmed": _when(r["confirmed"], ctx), "months": months_unconfirmed(r["confirmed"], ctx.today),
            })
    return ctx.render("review_list.html", caption=w.review.caption.format(months=ctx.review_after_months),
                      period=w.review.period.format(months=ctx.review_after_months),
                      as_of=_as_of(w.review.as_of, ctx), rows=rows)


# ---------------------------------------------------------------- the page of each MOU item and of each
# related development (thlao/items.py says which pages there are; each is Markdown headings, for the
# page's table of contents, with the HTML of each section held past Markdown)

def record_sources(ds: Dataset, name: str, record_id: str) -> list:
    """The sources a record's page cites, in the order it cites them."""
    return sources_of([ds.get(name, record_id)])


def record_page(ds: Dataset, name: str, record_id: str, ctx: Context) -> str:
    """Markdown: the sections of the page of one MOU item (activities) or related development."""
    if name == "activities":
        return _item_page(ds, ds.get(name, record_id), ctx)
    if name == "related":
        return _related_page(ds, ds.get(name, record_id), ctx)
    raise KeyError(f"no page is made for the records of data/{name}.yml")


def _sections(template: str, ctx: Context, sections: list, **values) -> str:
    """Markdown: each section's heading (with its id, the same in every language) and its HTML,
    made by the template's macro of the section's id and held past Markdown. A section whose
    heading is None has none; a section whose macro makes nothing is left out."""
    module = ctx.templating.module(template, ctx.lang, **values)
    parts = []
    for section_id, heading in sections:
        made = str(getattr(module, section_id.replace("-", "_"))()).strip()
        if not made:
            continue
        if heading is not None:
            parts.append(f"## {heading} {{ #{section_id} }}\n")
        parts.append(f"{ctx.hold(made)}\n")
    return "\n".join(parts)


def _questions(ds: Dataset, ctx: Context, picks: Callable[[dict], bool]) -> list:
    return [{"href": f"{ctx.lang_root}unknowns/#question-{q['id']}", "question": _text(q["question"], ctx),
             "would_answer": _text(q["would_answer"], ctx)}
            for q in ds.records["questions"] if picks(q.get("about", {}))]


def _corrections(ds: Dataset, name: str, record: dict, ctx: Context) -> dict:
    """The prefilled correction form (its `record` field names the record) and the record's line in
    its data file on GitHub."""
    record_name = f"{name}/{record['id']}"
    return {"suggest": f"{ctx.repo_url}/issues/new?template=correction.yml&record={record_name}",
            "suggest_how": ctx.words.corrections.suggest_how.format(record=record_name),
            "edit": f"{ctx.repo_url}/blob/main/data/{name}.yml#L{ds.lines[name][record['id']]}"}


def _item_page(ds: Dataset, a: dict, ctx: Context) -> str:
    w = ctx.words.item_page
    area, agreement = ds.get("areas", a["area"]), ds.get("agreements", a["agreement"])
    area_title, agreement_title = _text(area["title"], ctx), _text(agreement["short_title"], ctx)
    orgs = ds.by_id("organizations")
    sides = {"TH": w.thai_side, "LA": w.lao_side}
    related = sorted((r for r in ds.records["related"] if a["area"] in r["areas"]),
                     key=lambda r: dates.sort_key(r["date"]))
    history = a.get("history", [])
    item = {
        "id": a["id"], "description": _text(a["description"], ctx),
        "intro": w.intro.format(kind=ctx.words.item_kind[a["kind"]]),
        "all": _fill(w.all_items, link=Markup('<a href="{}">{}</a>').format(
            f"{ctx.lang_root}status/#activity-{a['id']}", w.all_items_link)),  # a short line: one per item page
        "agreement": _link(f"{ctx.lang_root}agreements/{agreement['id']}/", agreement_title),
        "area": _link(f"{ctx.lang_root}areas/{area['id']}/", area_title),
        "leads": [_fill(w.lead_side, side=sides[lead["side"]],
                        name=_text(orgs[lead["organization"]].get("short_name", orgs[lead["organization"]]["name"]), ctx))
                  + [" ", _cites(ds, lead["sources"], ctx)] for lead in a.get("leads") or []],
        "cites": _cites(ds, a["sources"], ctx),
        "status": _status(a["status"], ctx), "reported": a["status"] != NOT_REPORTED,
        "confirmed": _when(a["confirmed"], ctx),
        "status_cites": _cites(ds, history[-1]["sources"] if history else a["sources"], ctx),
        # the history says more than the status only once it has more than one entry
        "history": [{"when": _when(h["date"], ctx), "status": _status(h["status"], ctx), "note": _text(h["note"], ctx),
                     "cites": _cites(ds, h["sources"], ctx)} for h in history] if len(history) > 1 else [],
        "history_caption": w.history_caption.format(title=a["title"][ctx.lang]),
        "related_intro": _fill(w.related_intro, area=area_title),
        "related": [_related_line(ds, r, ctx) for r in related],
        "questions": _questions(ds, ctx, lambda about: a["id"] in about.get("activities", [])),
        "more_questions": _fill(w.more_questions, link=Markup('<a href="{}">{}</a>').format(
            f"{ctx.lang_root}unknowns/", w.questions_link)),
        "corrections": _corrections(ds, "activities", a, ctx),
    }
    return _sections("item_page.html", ctx, [
        ("intro", None), ("reported", w.heading_reported), ("status", w.heading_status),
        ("history", w.heading_history), ("related-developments", w.heading_related),
        ("questions", w.heading_questions), ("corrections", w.heading_corrections),
    ], item=item)


def _related_page(ds: Dataset, r: dict, ctx: Context) -> str:
    w = ctx.words.related_page
    orgs = ds.by_id("organizations")
    development = {
        "id": r["id"], "description": _text(r["description"], ctx),
        "all_href": f"{ctx.lang_root}related/#related-{r['id']}",
        "when": _span(r["date"], r.get("end_date"), ctx),
        "place": _text(r["place"], ctx) if "place" in r else None,
        "period": ctx.words.related_period[r["period"]], "note": _text(r["note"], ctx) if "note" in r else None,
        "cites": _cites(ds, r["sources"], ctx), "areas": _area_links(ds, r["areas"], ctx),
        "organizations": [_link(f"{ctx.lang_root}organizations/#org-{o}",
                                _text(orgs[o].get("short_name", orgs[o]["name"]), ctx))
                          for o in r.get("organizations", [])],
        "mou_items": [{"href": _record_url(ctx, "activities", a["id"]), "title": _text(a["title"], ctx),
                       "status": _status(a["status"], ctx)}
                      for a in ds.records["activities"] if a["area"] in r["areas"]],
        "questions": _questions(ds, ctx, lambda about: r["id"] in about.get("related", [])),
        "more_questions": _fill(w.more_questions, link=Markup('<a href="{}">{}</a>').format(
            f"{ctx.lang_root}unknowns/", w.questions_link)),
        "corrections": _corrections(ds, "related", r, ctx),
    }
    return _sections("related_page.html", ctx, [
        ("intro", None), ("reported", w.heading_reported), ("areas", w.heading_areas),
        ("mou-items", w.heading_items), ("questions", w.heading_questions),
        ("corrections", w.heading_corrections),
    ], r=development)
