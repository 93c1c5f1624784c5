"""The timeline drawn at build time: pure layout from checked data, then SVG from a template.

`layout()` turns events, agreements and related developments (plain records, as in
data/*.yml) into numbers and words: rows, marks, bars, axis ticks, labels and the legend,
in SVG user units and in the page's language (its words: the `timeline` group of its labels
file, labels/th.yml or labels/en.yml).
`timeline_svg()` hands that to templates/timeline_svg.html, rendered with the build's one
template environment (thlao/templating.py, autoescaping on). Nothing here reads files, knows
about MkDocs or writes markup.

Markers: each event and each related development is a link to its entry in the lists under
the picture (templates/timeline.html, templates/related_list.html), marked with what those
lists show: events numbered 1, 2, 3 ... in the order of their list (by date, unknown last),
related developments lettered in the order of theirs (the letters are the page language's,
labels `timeline.related_letters`). Its accessible name is its number, date and title.

How dates are drawn:
- A date is drawn over the whole period it can mean, from its first day to the end of its
  last: a year (`2016`) covers the year, a month (`2018-02`) the month. A day is too narrow
  to see at this scale, so a date known to the day is a round marker centred on the middle of
  its day(s); a month or a year is a square marker over the middle of its period, with a bar
  under it that spans the whole period: never a false point.
- Markers that would touch go on the next line down (their dates stay where they are).
- An `unknown` date is not drawn: it is listed under the picture as "date not known".

Reported and computed parts of an agreement's term (the sources report the signing date
and the length of the term; no source reports an end date):
- "Term as reported" (solid): from the reported signing date for the reported number of
  years. Its extent is exactly what the sources say ("five years from signing"); the date
  where it ends is computed, so that date's label says "computed" and its end line is dashed.
- The extension (hatched, dashed outline): its length is reported, but it lies wholly after
  the first term, happens only if the term runs on as reported (no source reports the
  agreement's state since signing, or whether notice was given), and both its dates are
  computed. It is drawn as computed: "computed from the reported term, not reported dates".
- No bar at all where the signing date or the term is not reported (the 2018 MOU): its row
  says "term not known" and shows only its marks, such as the month its report appeared.
"""
import unicodedata
from datetime import date as _date
from datetime import timedelta

from thlao import dates
from thlao.languages import marked_runs

# The picture is drawn this many SVG user units wide, and shown as wide as the content column:
# Material's column is 688 CSS px or more wherever the window is 1024 px or wider (measured
# with Chromium; tests/test_timeline_svg.py measures it on the built site), so there the
# picture is scaled up a little and its 12-unit text is drawn at 12 px or more. On a narrower
# screen it keeps this width in CSS px (docs/assets/timeline.css) and scrolls in its own region.
WIDTH = 660
LEFT, RIGHT = 12, 648  # the plotted years run between these
TEXT, SMALL, MARK_TEXT = 13, 12, 11  # font sizes (as in docs/assets/timeline.css)
LINE = 20  # one line of text, with room above and below for Thai vowels and tone marks
MARKER = 16  # a marker's height, and its least width
SUBLANE = 24  # one line of markers: the marker, the bar of its period under it, a gap
MARKER_GAP = 3  # free space on each side of a marker: room for its focus ring
BAR_HEIGHT = 14
LABEL_GAP = 10  # free space between two labels on one line
ANCHORS = {"event": "event-", "related": "related-"}  # the list entries' ids (the lists' templates)

def period(start: str, end: str | None = None) -> tuple:
    """(first day, the day after the last day) that a date, or a date range, can mean."""
    first = dates.parse(start).first_day()
    last = dates.parse(end if end and not dates.is_unknown(end) else start).last_day()
    return first, last + timedelta(days=1)


def text_width(text: str, size: float) -> float:
    """A generous estimate of how wide `text` is drawn (Thai marks above and below take no width)."""
    width = 0.0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) == "Mn":
            continue
        width += 0.3 if ch == " " else 0.62
    return width * size


def letter(index: int, letters: str) -> str:
    """The mark of the index-th (from 0) item in lettered order: A, B, ... Z, then AA, AB, ...
    (render.related_list letters the lists under the picture with it)."""
    mark, index = "", index + 1
    while index:
        index, rest = divmod(index - 1, len(letters))
        mark = letters[rest] + mark
    return mark


def in_list_order(records) -> list:
    """Records in the order the lists under the picture show them: by date, unknown dates last."""
    return sorted(records, key=lambda r: dates.sort_key(r["date"]))


def marks_of(events, related, letters: str) -> dict:
    """{(kind, id): what the marker and its list entry show}: events numbered, related lettered."""
    marks = {("event", e["id"]): str(n) for n, e in enumerate(in_list_order(events), 1)}
    marks.update({("related", r["id"]): letter(i, letters) for i, r in enumerate(in_list_order(related))})
    return marks


class Scale:
    """Days to x: the first day of `first_year` at LEFT, the day after `last_year` at RIGHT."""

    def __init__(self, first_year: int, last_year: int):
        self.start, self.end = _date(first_year, 1, 1), _date(last_year + 1, 1, 1)
        self.days = (self.end - self.start).days

    def x(self, day: _date) -> float:
        return round(LEFT + (day - self.start).days / self.days * (RIGHT - LEFT), 2)


def _place_labels(labels: list) -> int:
    """Give each label (dict with x, text) an anchor and a line; return the number of lines used.

    A label ends just left of its x if it fits there, else starts just right of it (or at the
    left edge). A line under the row leads from the row down to each label, so a label is put on
    the first line where it overlaps no other label, no leader line to a lower label runs
    through it, and its own leader crosses no label above it.
    """
    placed: list[dict] = []
    for label in sorted(labels, key=lambda lab: lab["x"]):
        w = text_width(label["text"], SMALL) + 4
        if label["x"] - w >= LEFT:
            label["anchor"], left = "end", label["x"] - w
        elif label["x"] + w <= RIGHT:
            label["anchor"], left = "start", label["x"]
        else:
            label["anchor"], left = "start", LEFT
        label["text_x"] = round(left + w - 4 if label["anchor"] == "end" else left + 4, 2)
        span = (left - LABEL_GAP, left + w + LABEL_GAP)

        def free(line, leader_too=True, span=span, label=label):  # bound: used within this pass
            return not any((p["line"] == line and span[0] < p["span"][1] and p["span"][0] < span[1])
                           or (p["line"] > line and span[0] <= p["x"] <= span[1])
                           or (leader_too and p["line"] < line and p["span"][0] <= label["x"] <= p["span"][1])
                           for p in placed)

        lines = range(len(placed) + 1)  # one of these is free of labels; the leader may have to cross one
        line = next((n for n in lines if free(n)), None)
        label["line"] = next(n for n in lines if free(n, False)) if line is None else line
        label["span"] = span
        placed.append(label)
    return max((p["line"] + 1 for p in placed), default=0)


def _stack(marks: list) -> int:
    """Put each mark on the first sub-lane where it overlaps no other; return the sub-lanes used."""
    lanes: list[list] = []
    for mark in sorted(marks, key=lambda m: m["x"]):
        # what the mark covers when drawn: its marker, and the bar of its period under it
        span = (min(mark["x"], mark["marker_x"]) - MARKER_GAP,
                max(mark["x"] + mark["width"], mark["marker_x"] + mark["marker_width"]) + MARKER_GAP)
        for i, taken in enumerate(lanes):
            if all(span[1] <= a or span[0] >= b for a, b in taken):
                mark["lane"] = i
                taken.append(span)
                break
        else:
            mark["lane"] = len(lanes)
            lanes.append([span])
    return max(len(lanes), 1)


def _mark(record: dict, kind: str, row: str, mark: str, scale: Scale | None, ctx) -> dict:
    """One marker: its list entry's mark and id, its name, and (with a scale) where it is drawn."""
    when = (ctx.words.timeline["undated"] if dates.is_unknown(record["date"])
            else ctx.calendar.range(record["date"], record.get("end_date")))
    drawn = {
        "id": record["id"], "kind": kind, "row": row, "mark": mark, "href": f"#{ANCHORS[kind]}{record['id']}",
        "dated_by_report": bool(record.get("dated_by_report")), "when": when,
        "label": ctx.words.timeline["marker"].format(number=mark, when=when, title=record["title"][ctx.lang]),
    }
    if scale is None:
        return drawn
    first, after = period(record["date"], record.get("end_date"))
    precise = all(dates.parse(d).precision == "day"
                  for d in (record["date"], record.get("end_date")) if d and not dates.is_unknown(d))
    x, x_after = scale.x(first), scale.x(after)
    cx = round((x + x_after) / 2, 2)
    marker_width = round(max(MARKER, text_width(mark, MARK_TEXT) + 7), 2)
    return {**drawn, "shape": "point" if precise else "span", "start": first, "end": after,
            "x": x, "width": round(x_after - x, 2), "cx": cx,
            "marker_x": round(cx - marker_width / 2, 2), "marker_width": marker_width}


def _bars(agreement: dict, scale: Scale, ctx) -> tuple:
    """The reported and computed parts of an agreement's term, with their date labels; or the
    reason none is drawn (the words for 'term not known' or 'signing date not known')."""
    w, title = ctx.words.timeline, agreement["short_title"][ctx.lang]
    term, extension = agreement.get("term_years"), agreement.get("extension_years")
    ends = {kind: _date.fromisoformat(day) for kind, day in dates.term_ends(agreement)}
    if not ends:
        return [], [], w["no_term"] if not isinstance(term, int) else w["no_signing"]
    start, first_end = dates.parse(agreement["signed"]).first_day(), ends["first"]
    words = {d: ctx.calendar.date(d.isoformat()) for d in (start, first_end)}
    bars = [{"agreement": agreement["id"], "part": "reported", "start": start, "end": first_end,
             "title": w["term_title"].format(title=title, years=term, start=words[start], end=words[first_end])}]
    labels = [{"x": scale.x(start), "text": w["signed"].format(date=words[start]), "computed": False},
              {"x": scale.x(first_end), "text": ctx.words.common["computed_date"].format(date=words[first_end]), "computed": True}]
    if "extended" in ends:
        ext_end = ends["extended"]
        end_words = ctx.calendar.date(ext_end.isoformat())
        bars.append({"agreement": agreement["id"], "part": "computed", "start": first_end, "end": ext_end,
                     "title": w["extension_title"].format(title=title, years=extension,
                                                          start=words[first_end], end=end_words)})
        labels.append({"x": scale.x(ext_end), "text": ctx.words.common["computed_date"].format(date=end_words), "computed": True})
    for bar in bars:
        bar["x"] = scale.x(bar["start"])
        bar["width"] = round(scale.x(bar["end"]) - bar["x"], 2)
    return bars, labels, None


def _years(events, agreements, related) -> tuple:
    """The axis' first and last year: from the earliest to the latest date the picture shows (the
    computed ends of the terms included), with a year's margin on each side."""
    known = [dates.parse(r[k]).year for r in [*events, *related] for k in ("date", "end_date")
             if r.get(k) and not dates.is_unknown(r[k])]
    known += [int(day[:4]) for a in agreements for _, day in dates.term_ends(a)]
    known += [dates.parse(a["signed"]).year for a in agreements if not dates.is_unknown(a.get("signed"))]
    if not known:
        return 2000, 2001
    return min(known) - 1, max(known) + 1


def _ticks(scale: Scale, first: int, last: int, calendar) -> tuple:
    """A tick at the start of every year; a label in the middle of every 1st, 2nd or 5th year from
    the first, whichever is the smallest step at which the labels do not touch."""
    per_year = (RIGHT - LEFT) / (last + 1 - first)
    widest = max(text_width(calendar.year(y), SMALL) for y in range(first, last + 1))
    step = next((s for s in (1, 2, 5, 10) if s * per_year >= widest + LABEL_GAP), 10)
    ticks = []
    for year in range(first, last + 2):
        x = scale.x(_date(year, 1, 1))
        labelled = year <= last and (year - first) % step == 0
        ticks.append({"year": year, "x": x, "label": calendar.year(year) if labelled else None,
                      "label_x": round(x + per_year / 2, 2)})
    return ticks, step


def layout(events, agreements, related, ctx) -> dict:
    """Everything the picture shows, placed: plain values, positions in SVG user units.

    events: records of data/events.yml (id, date, optional end_date and agreement, title {th, en}).
    agreements: records of data/agreements.yml (id, short_title {th, en}, signed, and where
      reported term_years and extension_years as whole numbers).
    related: records of related developments (id, date, optional end_date, title {th, en}).
    """
    w, lang, today = ctx.words.timeline, ctx.lang, ctx.today
    first, last = _years(events, agreements, related)
    scale = Scale(first, last)
    rows = [{"id": "events", "kind": "events", "label": w["events"]}]
    rows += [{"id": a["id"], "kind": "agreement", "label": a["short_title"][lang]} for a in agreements]
    if related:
        rows.append({"id": "related", "kind": "related", "label": w["related"]})
    by_id = {row["id"]: row for row in rows}

    numbers = marks_of(events, related, w["related_letters"])
    marks, undated = [], []
    for kind, records in (("event", events), ("related", related)):
        for record in in_list_order(records):
            row = "related" if kind == "related" else record.get("agreement") or "events"
            if row not in by_id:
                raise KeyError(f'event "{record["id"]}": no agreement "{row}"')
            mark = numbers[(kind, record["id"])]
            if dates.is_unknown(record["date"]):
                undated.append({**_mark(record, kind, row, mark, None, ctx), "row": by_id[row]["label"],
                                "title": record["title"][lang], "texts": record["title"]})
                continue
            marks.append(_mark(record, kind, row, mark, scale, ctx))

    legend_no_bar = []
    y = LINE + 4  # the top line holds the label of the page's date
    for row in rows:
        row["label_y"] = y + 15
        y += LINE + 4
        row["marks"] = [m for m in marks if m["row"] == row["id"]]
        lanes = _stack(row["marks"])
        row["lanes_top"] = y
        for mark in row["marks"]:
            mark["y"] = y + 2 + MARKER / 2 + mark["lane"] * SUBLANE  # the marker's middle
            mark["bar_y"] = mark["y"] + MARKER / 2 + 2.5  # the middle of the period's bar, under it
        y += lanes * SUBLANE
        row["bars"], labels, why = [], [], None
        if row["kind"] == "agreement":
            agreement = next(a for a in agreements if a["id"] == row["id"])
            row["bars"], labels, why = _bars(agreement, scale, ctx)
            if why:
                row["label"] = f"{row['label']} — {why}"
                legend_no_bar.append(w["no_bar"].format(title=agreement["short_title"][lang], why=why))
            for bar in row["bars"]:
                bar["y"] = y + 4
            if row["bars"]:
                y += BAR_HEIGHT + 4
        labels += [{"x": m["cx"], "text": w["report_month"].format(date=m["when"]), "computed": False}
                   for m in row["marks"] if m["dated_by_report"]]
        lines = _place_labels(labels)
        for label in labels:
            label["y"] = y + 16 + label["line"] * LINE
            label["tick_top"] = row["lanes_top"]
        row["labels"] = labels
        row["lanes_bottom"] = y
        y += lines * LINE + 10
        row["bottom"] = y
        row["divider_y"] = y - 5
    axis_y = y + 2
    ticks, step = _ticks(scale, first, last, ctx.calendar)

    now = None
    if scale.start <= today < scale.end:
        text = w["today"].format(date=ctx.calendar.date(today.isoformat()))
        now = {"x": scale.x(today), "text": text, "top": LINE + 2, "bottom": axis_y}
        _place_labels([now])
        now["y"] = LINE - 4

    legend = [{"key": "day", "text": w["day"]}, {"key": "span", "text": w["span"]}]
    if any(row["bars"] for row in rows):
        legend += [{"key": "reported", "text": w["reported"]}]
        if any(b["part"] == "computed" for row in rows for b in row["bars"]):
            legend += [{"key": "computed", "text": w["computed"]}]
    legend += [{"key": "no-bar", "text": text} for text in legend_no_bar]
    if related:
        legend.append({"key": "related", "text": w["related"]})
    if now:
        legend.append({"key": "today", "text": now["text"]})

    first_label, last_label = ctx.calendar.year(first), ctx.calendar.year(last)
    return {
        "lang": lang, "width": WIDTH, "height": axis_y + 6 + LINE + 8, "left": LEFT, "right": RIGHT,
        "start": scale.start, "end": scale.end, "first_year": first, "last_year": last,
        "rows": rows, "marks": marks, "bars": [b for row in rows for b in row["bars"]],
        "ticks": ticks, "label_step": step, "axis_y": axis_y, "tick_label_y": axis_y + 6 + 15,
        "top": LINE + 2, "today": now, "legend": legend, "undated": undated,
        "caption": w["caption"].format(first=first_label, last=last_label),
        "region_label": w["region"], "undated_label": w["undated"],
        "text_size": TEXT, "small_size": SMALL, "bar_height": BAR_HEIGHT, "marker": MARKER,
        "sample_letter": letter(0, w["related_letters"]),
    }


def timeline_svg(events, agreements, related, ctx, list_id: str = "timeline-list") -> str:
    """The timeline figure: its caption, the SVG in a scrollable region, the key, the terms in
    words, undated items.

    `list_id` is the id of the element around the text lists that follow on the page (their
    entries, which the markers link to, have ids "event-" or "related-" and the record id).
    `ctx` is the page's render context (thlao/render.py): its language, words, calendar, the
    build's date and the one template environment.
    """
    picture = layout(events, agreements, related, ctx)
    for item in picture["undated"]:
        item["title"] = ctx.parts().marked(marked_runs(item["texts"][ctx.lang], ctx.lang))
    return ctx.render("timeline_svg.html", t=picture, ids=_ids(list_id))


def _ids(list_id: str) -> dict:
    """Ids within the figure, made from the list's id so two figures on a page cannot clash."""
    return {name: f"{list_id}-figure{suffix}" for name, suffix in
            (("figure", ""), ("caption", "-caption"), ("hatch", "-hatch"), ("legend", "-key"), ("terms", "-terms"))}

