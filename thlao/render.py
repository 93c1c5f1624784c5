"""Pure renderers: checked data and a page context in, escaped HTML (or Markdown) out.

Nothing here reads files or knows about MkDocs. Every value taken from data
goes through `esc`, so a title like `<img src=x onerror=alert(1)>` shows as text.
"""
import functools
import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date as _date

from thlao import dates
from thlao.data import KINDS, NOT_REPORTED, STATUSES, Dataset, due_for_review, months_unconfirmed

# Every word the renderers show, as (Thai, English), so the two languages cannot drift apart.
WORDS = {
    "status": {
        "pipeline": ("อยู่ระหว่างริเริ่ม", "Pipeline"),
        "implementation": ("อยู่ระหว่างดำเนินการ", "Implementation"),
        "finalisation": ("อยู่ระหว่างปิดงาน", "Finalisation"),
        "closed": ("เสร็จสิ้นแล้ว", "Closed"),
        "cancelled": ("ยกเลิก", "Cancelled"),
        "suspended": ("ระงับชั่วคราว", "Suspended"),
        NOT_REPORTED: ("ไม่มีรายงาน", "Not reported"),
    },
    "states": {
        NOT_REPORTED: ("ไม่มีรายงาน", "Not reported"),
        "in-force": ("มีผลใช้บังคับ", "In force"),
        "expired": ("สิ้นสุดแล้ว", "Expired"),
        "superseded": ("มีฉบับใหม่แทนแล้ว", "Superseded"),
    },
    "kinds": {
        "area": ("ด้านหรือกรอบความร่วมมือ", "Area or framework"),
        "aim": ("วัตถุประสงค์", "Aim"),
        "plan": ("งานที่จะทำร่วมกัน", "Planned work"),
        "discussed": ("เรื่องที่หารือกันไว้", "Discussed"),
    },
    "country": {
        "TH": ("ไทย", "Thailand"),
        "LA": ("สปป.ลาว", "Lao PDR"),
        "international": ("ระหว่างประเทศ", "International"),
    },
    "activity": ("รายการภายใต้บันทึกความเข้าใจ", "MOU item"),
    "agreement": ("บันทึกความเข้าใจ", "Agreement"),
    "kind": ("รายงานเป็น", "Reported as"),
    "lead": ("หน่วยงานนำ", "Lead"),
    "lead_not_stated": ("ไม่ระบุ", "Not stated"),
    "thai_side": ("ฝ่ายไทย", "Thai side"),
    "lao_side": ("ฝ่ายลาว", "Lao side"),
    "status_col": ("สถานะ", "Status"),
    "confirmed": ("ยืนยันล่าสุด", "Last confirmed"),
    "sources": ("แหล่งที่มา", "Sources"),
    "data_file": ("แก้ไขในแฟ้มข้อมูล", "Edit in the data file"),
    "status_confirmed": ("สถานะ (ยืนยันล่าสุด)", "Status (last confirmed)"),
    "line": ("บรรทัด", "line"),
    "due": ("ถึงกำหนดทบทวน", "Due for review"),
    "edit_label": ("แก้ไข “{title}” ใน {file}", "edit “{title}” in {file}"),
    "area_caption": ("รายการภายใต้บันทึกความเข้าใจ ด้าน{title}", "MOU items: {title}"),
    "all_caption": ("รายการภายใต้บันทึกความเข้าใจทั้งหมด แยกตามด้านความร่วมมือ", "All MOU items by cooperation area"),
    "area": ("ด้านความร่วมมือ", "Cooperation area"),
    "no_activities": ("ยังไม่มีกิจกรรมที่บันทึกไว้สำหรับด้านนี้", "No activities are recorded for this area yet."),
    "dash_caption": ("จำนวนรายการภายใต้บันทึกความเข้าใจ แยกตามสถานะ", "MOU items by status"),
    "total": ("รวม", "Total"),
    "dash_summary": ("รายการภายใต้บันทึกความเข้าใจทั้งหมด {total} รายการ: {parts}", "{total} MOU items in all: {parts}"),
    "dash_note": ("นับเฉพาะรายการภายใต้บันทึกความเข้าใจ ไม่นับหลักสูตรฝึกอบรมที่จัดไว้ก่อนหน้า คำกล่าวของรัฐมนตรี "
                  "และความเคลื่อนไหวที่เกี่ยวข้อง",
                  "Counts MOU items only: not the earlier training courses, the minister's remarks or the related "
                  "developments."),
    "chart_label": ("แผนภูมิแท่งสัดส่วนสถานะ", "Bar chart of the share of each status"),
    "title": ("ชื่อ", "Title"),
    "parties": ("คู่ลงนาม", "Parties"),
    "signatories": ("ผู้ลงนาม", "Signatories"),
    "not_stated": ("ไม่มีแหล่งที่มาใดระบุ", "Not stated in any source"),
    "signed": ("วันที่ลงนาม", "Signed"),
    "place": ("สถานที่", "Place"),
    "term": ("ระยะเวลา", "Term"),
    "end_of_term": ("วันสิ้นสุด", "End of term"),
    "first_term_end": ("ระยะเวลา {years} ปีแรกสิ้นสุด (คำนวณ)", "First {years} years end (computed)"),
    "extended_end": ("หากขยายออกไปอีก {years} ปี{how} จะมีผลถึง (คำนวณ)",
                     "With the {how}{years}-year extension, it would run to (computed)"),
    "extension_how": {"automatic": ("โดยอัตโนมัติ", "automatic "), "unknown": ("", "")},
    "computed": ("คำนวณจากวันลงนามและระยะเวลาที่มีรายงาน ไม่ใช่วันที่ที่มีรายงาน",
                 "computed from the reported signing date and term; not itself reported"),
    "state": ("สถานะนับจากวันลงนาม", "State since signing"),
    "as_reported": ("ตามที่รายงานเมื่อ {date}", "as reported on {date}"),
    "follows": ("ฉบับก่อนหน้า", "Follows"),
    "unknown": ("ไม่ทราบ", "Not known"),
    "other_report": ("อีกรายงานหนึ่ง", "Another report"),
    "as_reported_by": ("ตามรายงานของ", "As reported by"),
    "course": ("หลักสูตร", "Course"),
    "organizers": ("ผู้จัด", "Organisers"),
    "date": ("ช่วงเวลา", "When"),
    "participants": ("ผู้เข้าอบรม", "Participants"),
    "train_caption": ("หลักสูตรฝึกอบรมที่ผ่านมาสำหรับเจ้าหน้าที่ สปป.ลาว ตามข่าวเดือนกุมภาพันธ์ 2561",
                      "Earlier training courses for Lao PDR officials, as the February 2018 report names them"),
    "org_caption": ("หน่วยงานที่กล่าวถึง", "Organisations named"),
    "organization": ("หน่วยงาน", "Organisation"),
    "country_col": ("ประเทศ", "Country"),
    "role": ("บทบาท", "Role"),
    "renamed_from": ("ชื่อเดิม: {name}", "Earlier name: {name}"),
    "publisher": ("ผู้เผยแพร่", "Publisher"),
    "published": ("เผยแพร่", "Published"),
    "language": ("ภาษา", "Language"),
    "langs": {
        "th": ("ไทย", "Thai"),
        "en": ("อังกฤษ", "English"),
        "lo": ("ลาว", "Lao"),
        "de": ("เยอรมัน", "German"),
    },
    "headline": ("พาดหัว", "Headline"),
    "source_description": ("คำอธิบาย (โดยเว็บไซต์นี้)", "Description (by this site)"),
    "page_sources": ("แหล่งที่มา", "Sources"),
    "no_date": ("ไม่ทราบวันที่", "date not known"),
    "field": ("ฟิลด์", "Field"),
    "required": ("ต้องมี", "Required"),
    "yes": ("ต้องมี", "required"),
    "no": ("ไม่บังคับ", "optional"),
    "allowed": ("รูปแบบที่ใช้ได้", "Allowed form"),
    "description": ("คำอธิบาย", "Description"),
    "dict_caption": ("ฟิลด์ของ {file}", "Fields of {file}"),
    "text_type": ("ข้อความ", "text"),
    "list_of": ("รายการ แต่ละรายการมีฟิลด์", "A list; each entry has the fields"),
    "group_of": ("กลุ่มของฟิลด์", "A group of the fields"),
    "od_caption": ("ดาวน์โหลดข้อมูลเปิด", "Open data downloads"),
    "file": ("ชุดข้อมูล", "Data set"),
    "records": ("จำนวนรายการ", "Records"),
    "downloads": ("ดาวน์โหลด", "Downloads"),
    "schema": ("JSON Schema", "JSON Schema"),
    "feed": ("ฟีด Atom การเปลี่ยนสถานะ", "Atom feed of status changes"),
    "feed_th": ("ภาษาไทย", "Thai"),
    "feed_en": ("ภาษาอังกฤษ", "English"),
    "review_caption": ("รายการที่ไม่ได้ยืนยันสถานะตั้งแต่ {months} เดือนขึ้นไป", "Records not confirmed for {months} months or more"),
    "record": ("รายการ", "Record"),
    "months_since": ("ผ่านมา (เดือน)", "Months since"),
    "never": ("ไม่เคยยืนยัน", "Never confirmed"),
    "none_due": ("ไม่มีรายการที่ถึงกำหนดทบทวน", "No records are due for review."),
    "files": {
        "agreements": ("บันทึกความเข้าใจ", "Agreements"),
        "activities": ("รายการภายใต้บันทึกความเข้าใจ", "MOU items"),
        "trainings": ("หลักสูตรอบรม", "Training courses"),
        "areas": ("ด้านความร่วมมือ", "Cooperation areas"),
        "events": ("ลำดับเหตุการณ์", "Timeline"),
        "organizations": ("หน่วยงาน", "Organisations"),
        "sources": ("แหล่งที่มา", "Sources"),
        "glossary": ("อภิธานศัพท์", "Glossary"),
        "related": ("ความเคลื่อนไหวที่เกี่ยวข้อง", "Related developments"),
        "remarks": ("คำกล่าวที่สื่อรายงาน", "Remarks reported by the press"),
        "questions": ("คำถามที่ยังไม่มีคำตอบ", "Open questions"),
    },
    "related_label": ("เรื่องที่เกี่ยวข้อง ไม่มีรายงานว่าอยู่ภายใต้บันทึกความเข้าใจ",
                      "Related, not reported as under the MOUs"),
    "period": {"before": ("ก่อนบันทึกความเข้าใจ พ.ศ. 2561", "Before the 2018 MOU"),
               "after": ("หลังบันทึกความเข้าใจ พ.ศ. 2561", "After the 2018 MOU")},
    "areas_touched": ("ด้านที่เกี่ยวข้อง", "Areas it touches"),
    "note": ("หมายเหตุ", "Note"),
    "no_related": ("ยังไม่พบความเคลื่อนไหวที่เกี่ยวข้องกับด้านนี้", "No related development has been found for this area."),
    "remark_label": ("คำกล่าวตามที่สื่อรายงาน ไม่ใช่รายการภายใต้บันทึกความเข้าใจ",
                     "A remark as the press reported it, not an item of the MOU"),
    "speaker": ("ผู้กล่าว", "Said by"),
    "would_answer": ("แหล่งที่มาที่จะตอบได้", "What would answer it"),
    "concerns": ("เกี่ยวกับ", "Concerns"),
    "gap_sources": ("แหล่งที่มาที่แสดงช่องว่างนี้", "Sources that show the gap"),
    "next_first_term": ("ระยะเวลา {years} ปีแรกของ{title} สิ้นสุด", "The first {years} years of the {title} end."),
    "next_extended": ("{title} จะมีผลถึงวันนี้ หากขยายออกไปอีก {years} ปี{how}ตามที่มีรายงาน",
                      "The {title} would run to this day with the reported {how}{years}-year extension."),
    "no_next": ("ไม่มีวันที่ข้างหน้าที่คำนวณได้จากข้อมูลที่มีรายงาน", "No date ahead can be computed from what was reported."),
}


def _pick(table: dict, side: int) -> dict:
    return {k: _pick(v, side) if isinstance(v, dict) else v[side] for k, v in table.items()}


LABELS = {"th": _pick(WORDS, 0), "en": _pick(WORDS, 1)}
STATUS_COLOURS = {"pipeline": "#6a1b9a", "implementation": "#1565c0", "finalisation": "#00838f",
                  "closed": "#2e7d32", "cancelled": "#c62828", "suspended": "#ef6c00", NOT_REPORTED: "#757575"}
OPEN_DATA_FILES = ("agreements", "areas", "activities", "events", "trainings", "organizations", "sources", "glossary",
                   "related", "remarks", "questions")


@dataclass(frozen=True)
class Context:
    """What a renderer needs to know about the page being built."""

    lang: str = "th"
    lang_root: str = ""  # relative URL from the page to its language's home ("../../" or "../../en/")
    site_root: str = ""  # relative URL from the page to the site root (where /data/ lives)
    repo_url: str = ""
    today: _date = field(default_factory=_date.today)
    review_after_months: int = 12
    # what a renderer returning Markdown does with its HTML parts (thlao/passthrough.py hands
    # them past Markdown in a build; unchanged here)
    hold: Callable[[str], str] = lambda html: html

    @property
    def words(self) -> dict:
        return LABELS[self.lang]


def page_roots(page_url: str, lang: str, default_lang: str) -> tuple:
    """(language root, site root) as URLs relative to the page at `page_url`."""
    directory = page_url[: page_url.rfind("/") + 1]  # "" for root files such as 404.html
    site_root = "../" * len([p for p in directory.split("/") if p])
    return site_root + ("" if lang == default_lang else f"{lang}/"), site_root


def esc(value) -> str:
    """HTML-escape anything from data (quotes too, so it is safe in attributes)."""
    return html.escape(str(value), quote=True)


def text(value, lang: str) -> str:
    """The `lang` side of a {th, en} text, escaped and language-marked; `unknown` in words."""
    if isinstance(value, dict):
        return marked(value[lang], lang)
    return esc(LABELS[lang]["unknown"]) if value in (None, "unknown") else esc(value)


# Runs of the other language's script inside a text: English names on Thai pages, Thai words on English ones.
_OTHER_SCRIPT = {
    "th": ("en", re.compile(r"[A-Za-z][A-Za-z0-9'’.,&:/\- ]*[A-Za-z0-9]|[A-Za-z]")),
    "en": ("th", re.compile(r"[\u0E00-\u0E7F][\u0E00-\u0E7F0-9 .\-]*[\u0E00-\u0E7F]|[\u0E00-\u0E7F]")),
}


@functools.lru_cache(maxsize=4096)  # names of organisations, areas and publishers recur on every row
def marked(value: str, lang: str) -> str:
    """Escaped text with each run in the other script wrapped in <span lang>, so screen readers switch voice."""
    other, pattern = _OTHER_SCRIPT[lang]
    out, pos = [], 0
    for run in pattern.finditer(value):
        out += [esc(value[pos:run.start()]), f'<span lang="{other}">{esc(run.group())}</span>']
        pos = run.end()
    return "".join(out) + esc(value[pos:])


def time_tag(value, lang: str) -> str:
    """A date at its own precision, machine-readable where known."""
    if dates.is_unknown(value):
        return esc(LABELS[lang]["unknown"])
    return f'<time datetime="{esc(value)}">{esc(dates.format_date(value, lang))}</time>'


def range_tag(start, end, lang: str) -> str:
    if not end:
        return time_tag(start, lang)
    return f'<time datetime="{esc(start)}">{esc(dates.format_range(start, end, lang))}</time>'


def status_tag(status: str, lang: str) -> str:
    return f'<span class="status status-{esc(status)}">{esc(LABELS[lang]["status"][status])}</span>'


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


def cite(ds: Dataset, source_id: str, ctx: Context) -> str:
    """Inline citation: [publisher, date] linking to the bibliography entry."""
    source = ds.get("sources", source_id)
    when = ctx.words["no_date"] if dates.is_unknown(source["published"]) else dates.format_date(source["published"], ctx.lang)
    label = f"{text(source['publisher'], ctx.lang)}, {esc(when)}"
    return f'<a class="cite" href="{esc(ctx.lang_root)}sources/#src-{esc(source_id)}">[{label}]</a>'


def _cites(ds, ids, ctx) -> str:
    return " ".join(cite(ds, sid, ctx) for sid in ids)


def _org_names(ds, ids, ctx) -> str:
    orgs = ds.by_id("organizations")
    return ", ".join(text(orgs[i].get("short_name", orgs[i]["name"]), ctx.lang) for i in ids) or esc(ctx.words["unknown"])


def _edit_link(ds, name, record, ctx) -> str:
    line = ds.lines[name][record["id"]]
    title = record.get("title", {}).get(ctx.lang, record["id"])
    visible = f'{ctx.words["line"]} {line}'
    # the accessible name starts with the visible text (WCAG 2.5.3), then says what the link does
    label = f'{visible}: {ctx.words["edit_label"].format(title=title, file=f"{name}.yml")}'
    href = f"{ctx.repo_url}/blob/main/data/{name}.yml#L{line}"
    return f'<a href="{esc(href)}" aria-label="{esc(label)}">{esc(visible)}</a>'


def _confirmed(record, ctx) -> str:
    """When the status was last confirmed, flagged when that is longer ago than the review period."""
    cell = time_tag(record["confirmed"], ctx.lang)
    if due_for_review(record["confirmed"], ctx.today, ctx.review_after_months):
        cell += f' <strong class="review-due">{esc(ctx.words["due"])}</strong>'
    return cell


def _status_cell(record, ctx) -> str:
    return f"<td>{status_tag(record['status'], ctx.lang)}<br>{esc(ctx.words['confirmed'])}: {_confirmed(record, ctx)}</td>"


def _table(caption: str, headers, rows) -> str:
    """An accessible table: caption, column headers with scope; rows are pre-rendered <tr> strings.

    The wrapper is a named, focusable region so a keyboard user can reach and scroll a wide table.
    """
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in headers)
    return (f'<div class="data-table" role="region" aria-label="{esc(caption)}" tabindex="0">\n'
            f"<table>\n<caption>{esc(caption)}</caption>\n<thead><tr>{head}</tr></thead>\n"
            f"<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n</div>")


def _activity_row(ds, activity, ctx, with_area=False) -> str:
    w = ctx.words
    area = ds.get("areas", activity["area"])
    cells = [f'<th scope="row" id="activity-{esc(activity["id"])}">{text(activity["title"], ctx.lang)}'
             f'<br><small>{text(activity["description"], ctx.lang)}</small></th>']
    if with_area:
        cells.append(f'<td><a href="{esc(ctx.lang_root)}areas/{esc(area["id"])}/">{text(area["title"], ctx.lang)}</a></td>')
    cells += [
        f'<td><a href="{esc(ctx.lang_root)}agreements/{esc(activity["agreement"])}/">'
        f'{text(ds.get("agreements", activity["agreement"])["short_title"], ctx.lang)}</a></td>',
        f'<td>{esc(w["kinds"][activity["kind"]])}</td>',
        f"<td>{_leads(ds, activity, ctx)}</td>",
        _status_cell(activity, ctx),
        f"<td>{_cites(ds, activity['sources'], ctx)}</td>",
        f"<td>{_edit_link(ds, 'activities', activity, ctx)}</td>",
    ]
    return f'<tr data-record="activities/{esc(activity["id"])}">' + "".join(cells) + "</tr>"


def _activity_headers(ctx, with_area=False):
    w = ctx.words
    return [w["activity"], *([w["area"]] if with_area else []), w["agreement"], w["kind"], w["lead"],
            w["status_confirmed"], w["sources"], w["data_file"]]


def _leads(ds, activity, ctx) -> str:
    """Each lead a source names, with its side and that source; "not stated" when none does."""
    w, orgs = ctx.words, ds.by_id("organizations")
    leads = activity.get("leads") or []
    if not leads:
        return esc(w["lead_not_stated"])
    side = {"TH": w["thai_side"], "LA": w["lao_side"]}
    return "<br>".join(f'{esc(side[lead["side"]])}: {text(orgs[lead["organization"]].get("short_name", orgs[lead["organization"]]["name"]), ctx.lang)} '
                       f'{_cites(ds, lead["sources"], ctx)}' for lead in leads)


def status_table(ds: Dataset, area_id: str, ctx: Context) -> str:
    """The activities of one cooperation area, with status and when it was last confirmed."""
    area = ds.get("areas", area_id)
    rows = [_activity_row(ds, a, ctx) for a in ds.records["activities"] if a["area"] == area_id]
    if not rows:
        return f'<p class="no-activities">{esc(ctx.words["no_activities"])}</p>'
    caption = ctx.words["area_caption"].format(title=area["title"][ctx.lang])
    return _table(caption, _activity_headers(ctx), rows)


def activities_table(ds: Dataset, ctx: Context) -> str:
    """Every activity, grouped by area in the order of areas.yml."""
    order = {a["id"]: i for i, a in enumerate(ds.records["areas"])}
    activities = sorted(ds.records["activities"], key=lambda a: order[a["area"]])
    rows = [_activity_row(ds, a, ctx, with_area=True) for a in activities]
    return _table(ctx.words["all_caption"], _activity_headers(ctx, with_area=True), rows)


def status_counts(records) -> dict:
    """{status: count} in the vocabulary's order, zero counts left out."""
    counts = {s: sum(1 for r in records if r["status"] == s) for s in STATUSES}
    return {s: n for s, n in counts.items() if n}


def dashboard(ds: Dataset, ctx: Context) -> str:
    """Counts by status of the MOU items (activities.yml) only, by kind: a bar drawn in SVG, the same
    numbers as a table, and a note saying what is not counted."""
    w = ctx.words
    items = ds.records["activities"]
    totals = status_counts(items)
    by_kind = {k: status_counts([a for a in items if a["kind"] == k]) for k in KINDS}
    kinds = [k for k in KINDS if by_kind[k]]
    total = sum(totals.values())
    parts = ", ".join(f"{n} {w['status'][s]}" for s, n in totals.items())
    summary = w["dash_summary"].format(total=total, parts=parts)
    rows = [f'<tr><th scope="row">{status_tag(s, ctx.lang)}</th>'
            + "".join(f"<td>{by_kind[k].get(s, 0)}</td>" for k in kinds) + f"<td>{n}</td></tr>"
            for s, n in totals.items()]
    table = _table(w["dash_caption"], [w["status_col"], *(w["kinds"][k] for k in kinds), w["total"]], rows)
    return (f'<div class="dashboard">\n<p id="dashboard-summary">{esc(summary)}</p>\n'
            f"{_bar_svg(totals, total, ctx)}\n{table}\n"
            f'<p class="dashboard-note">{esc(w["dash_note"])}</p>\n</div>')


def _bar_svg(counts: dict, total: int, ctx: Context) -> str:
    """A 100-unit-wide stacked bar; the summary paragraph above is its text equivalent."""
    x, rects = 0.0, []
    for status, n in counts.items():
        width = 100 * n / total if total else 0
        rects.append(f'<rect x="{x:.2f}" y="0" width="{width:.2f}" height="8" fill="{STATUS_COLOURS[status]}">'
                     f"<title>{esc(ctx.words['status'][status])}: {n}</title></rect>")
        x += width
    return (f'<svg class="status-bar" viewBox="0 0 100 8" preserveAspectRatio="none" width="100%" height="24" '
            f'role="img" aria-label="{esc(ctx.words["chart_label"])}" aria-describedby="dashboard-summary">'
            + "".join(rects) + "</svg>")


def agreement_facts(ds: Dataset, agreement_id: str, ctx: Context) -> str:
    """Parties, signatories, dates, term and state of one agreement as a definition list."""
    a, w, lang = ds.get("agreements", agreement_id), ctx.words, ctx.lang
    orgs = ds.by_id("organizations")
    signers = "<br>".join(text(s["person"], lang) for s in a["signatories"]) or esc(w["not_stated"])
    state = esc(w["states"][a["state"]])
    if a["state"] != NOT_REPORTED and not dates.is_unknown(a["confirmed"]):
        state += " " + w["as_reported"].format(date=time_tag(a["confirmed"], lang))
    items = [
        (w["title"], text(a["title"], lang)),
        (w["parties"], "<br>".join(text(orgs[p]["name"], lang) for p in a["parties"])),
        (w["signatories"], signers),
        (w["signed"], time_tag(a["signed"], lang)),
        (w["place"], text(a["place"], lang)),
        (w["term"], text(a["term"], lang)),
        *(_term_end_rows(a, ctx) or [(w["end_of_term"], esc(w["unknown"]))]),
        (w["state"], state),
    ]
    if "follows" in a:
        items.append((w["follows"], f'<a href="{esc(ctx.lang_root)}agreements/{esc(a["follows"])}/">'
                                    f'{text(ds.get("agreements", a["follows"])["title"], lang)}</a>'))
    items.append((w["sources"], _cites(ds, a["sources"], ctx)))
    body = "\n".join(f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in items)
    return f'<dl class="agreement-facts" data-record="agreements/{esc(a["id"])}">\n{body}\n</dl>'


def term_ends(agreement: dict) -> list:
    """[(kind, ISO day)] that follow from the reported signing date and term: ("first", end of the
    first term) and, with a reported extension, ("extended", its end). Empty when either is unknown.
    Computed, never reported: shown labelled as such."""
    signed, years, more = agreement["signed"], agreement["term_years"], agreement["extension_years"]
    if dates.is_unknown(signed) or not isinstance(years, int) or dates.parse(signed).precision != "day":
        return []
    ends = [("first", dates.add_years(signed, years))]
    if isinstance(more, int):
        ends.append(("extended", dates.add_years(signed, years + more)))
    return ends


def _term_end_rows(a, ctx) -> list:
    w, lang = ctx.words, ctx.lang
    how = w["extension_how"][a["extension"]]
    labels = {"first": w["first_term_end"].format(years=a["term_years"]),
              "extended": w["extended_end"].format(years=a["extension_years"], how=how)}
    return [(labels[kind], f'<span class="computed" data-computed="{esc(kind)}">{time_tag(day, lang)}</span>'
                           f'<br><small>{esc(w["computed"])}</small>') for kind, day in term_ends(a)]


def areas_list(ds: Dataset, agreement_id: str, ctx: Context) -> str:
    """The areas one agreement names, each linked to its page."""
    ds.get("agreements", agreement_id)
    items = [f'<li data-record="areas/{esc(a["id"])}"><a href="{esc(ctx.lang_root)}areas/{esc(a["id"])}/">'
             f'{text(a["title"], ctx.lang)}</a></li>'
             for a in ds.records["areas"] if agreement_id in a["agreements"]]
    return '<ul class="areas-list">\n' + "\n".join(items) + "\n</ul>"


def timeline(ds: Dataset, ctx: Context) -> str:
    """Events in date order; where sources disagree, each report is shown with its source."""
    w, lang = ctx.words, ctx.lang
    events = sorted(ds.records["events"], key=lambda e: dates.sort_key(e["date"]))
    items = []
    for e in events:
        when = range_tag(e["date"], e.get("end_date"), lang)
        place = "" if e["place"] == "unknown" else f" — {text(e['place'], lang)}"
        others = "".join(
            f'<br><small>{esc(w["other_report"])}: {time_tag(r["date"], lang)}'
            f'{"" if r["place"] == "unknown" else " — " + text(r["place"], lang)} {_cites(ds, r["sources"], ctx)}</small>'
            for r in e.get("other_reports", []))
        lead = f"{esc(w['as_reported_by'])} {_cites(ds, e['sources'], ctx)}" if others else _cites(ds, e["sources"], ctx)
        note = f'<br><small>{esc(w["note"])}: {text(e["note"], lang)}</small>' if "note" in e else ""
        items.append(f'<li id="event-{esc(e["id"])}" data-record="events/{esc(e["id"])}"><strong>{when}</strong>{place}: '
                     f'{text(e["title"], lang)}<br>{text(e["description"], lang)}{note}<br><small>{lead}</small>{others}</li>')
    return '<ol class="timeline">\n' + "\n".join(items) + "\n</ol>"


def trainings_table(ds: Dataset, ctx: Context) -> str:
    w, lang = ctx.words, ctx.lang
    rows = []
    for t in ds.records["trainings"]:
        participants = esc(w["unknown"]) if t["participants"] == "unknown" else esc(t["participants"])
        rows.append(f'<tr data-record="trainings/{esc(t["id"])}"><th scope="row" id="training-{esc(t["id"])}">'
                    f'{text(t["title"], lang)}<br><small>{text(t["description"], lang)}</small></th>'
                    f'<td>{_org_names(ds, t["organizers"], ctx)}</td><td>{time_tag(t["date"], lang)}</td>'
                    f"<td>{participants}</td><td>{_cites(ds, t['sources'], ctx)}</td>"
                    f"<td>{_edit_link(ds, 'trainings', t, ctx)}</td></tr>")
    return _table(w["train_caption"], [w["course"], w["organizers"], w["date"], w["participants"],
                                       w["sources"], w["data_file"]], rows)


def organizations_list(ds: Dataset, ctx: Context) -> str:
    w, lang = ctx.words, ctx.lang
    orgs = ds.by_id("organizations")
    rows = []
    for o in ds.records["organizations"]:
        short = f" ({text(o['short_name'], lang)})" if "short_name" in o else ""
        earlier = ('<br><small>' + esc(w["renamed_from"]).format(name=text(orgs[o["renamed_from"]]["name"], lang))
                   + "</small>") if "renamed_from" in o else ""
        rows.append(f'<tr data-record="organizations/{esc(o["id"])}"><th scope="row" id="org-{esc(o["id"])}">'
                    f'{text(o["name"], lang)}{short}{earlier}</th><td>{esc(w["country"][o["country"]])}</td>'
                    f'<td>{text(o["description"], lang)}</td><td>{_cites(ds, o["sources"], ctx)}</td></tr>')
    return _table(w["org_caption"], [w["organization"], w["country_col"], w["role"], w["sources"]], rows)


def glossary(ds: Dataset, ctx: Context) -> str:
    items = [f'<dt id="term-{esc(g["id"])}" data-record="glossary/{esc(g["id"])}">{text(g["term"], ctx.lang)}</dt>'
             f'<dd>{text(g["definition"], ctx.lang)}'
             f'{" " + _cites(ds, g["sources"], ctx) if g.get("sources") else ""}</dd>'
             for g in ds.records["glossary"]]
    return '<dl class="glossary">\n' + "\n".join(items) + "\n</dl>"


def source_entry(source: dict, ctx: Context) -> str:
    """One bibliography entry: publisher, the source's own headline where known, this site's description
    (labelled as such, never set as a headline), date, language and address."""
    w, lang = ctx.words, ctx.lang
    headline = source.get("headline")
    shown = "" if not headline else (
        f'{esc(w["headline"])}: <cite>{marked(headline.get(lang) or next(iter(headline.values())), lang)}</cite>. ')
    return (f'{text(source["publisher"], lang)}. {shown}'
            f'{esc(w["source_description"])}: {text(source["description"], lang)} '
            f'{esc(w["published"])}: {time_tag(source["published"], lang)}. '
            f'{esc(w["language"])}: {esc(w["langs"][source["language"]])}. '
            f'<a href="{esc(source["url"])}" rel="noopener">{esc(source["url"])}</a>')


def bibliography(ds: Dataset, ctx: Context) -> str:
    items = [f'<li id="src-{esc(s["id"])}" data-record="sources/{esc(s["id"])}">{source_entry(s, ctx)}</li>'
             for s in ds.records["sources"]]
    return '<ul class="bibliography">\n' + "\n".join(items) + "\n</ul>"


def page_sources(ds: Dataset, source_ids, ctx: Context) -> str:
    """Markdown: a 'Sources' heading (id page-sources) and the sources cited on this page."""
    if not source_ids:
        return ""
    sources = ds.by_id("sources")
    items = "\n".join(f'<li><a href="{esc(ctx.lang_root)}sources/#src-{esc(sid)}">[{esc(sid)}]</a> '
                      f"{source_entry(sources[sid], ctx)}</li>" for sid in source_ids)
    listing = ctx.hold(f'<ul class="page-sources">\n{items}\n</ul>')
    return f'## {ctx.words["page_sources"]} {{ #page-sources }}\n\n{listing}\n'


def review_list(ds: Dataset, ctx: Context) -> str:
    """Every record whose status or state was not confirmed within the review period."""
    w, lang = ctx.words, ctx.lang
    rows = []
    for name in ("agreements", "activities"):
        for r in ds.records[name]:
            if not due_for_review(r["confirmed"], ctx.today, ctx.review_after_months):
                continue
            months = months_unconfirmed(r["confirmed"], ctx.today)
            status = esc(w["states"][r["state"]]) if name == "agreements" else status_tag(r["status"], lang)
            rows.append(f'<tr data-record="{name}/{esc(r["id"])}"><th scope="row">{text(r["title"], lang)}</th>'
                        f'<td>{esc(w["files"][name])}</td><td>{status}</td><td>{time_tag(r["confirmed"], lang)}</td>'
                        f'<td>{esc(w["never"]) if months is None else months}</td>'
                        f"<td>{_edit_link(ds, name, r, ctx)}</td></tr>")
    if not rows:
        return f"<p>{esc(w['none_due'])}</p>"
    caption = w["review_caption"].format(months=ctx.review_after_months)
    return _table(caption, [w["record"], w["file"], w["status_col"], w["confirmed"], w["months_since"],
                            w["data_file"]], rows)


def data_dictionary(schemas: dict, ctx: Context) -> str:
    """Markdown: one heading and one field table per data file, generated from the JSON Schemas."""
    common = schemas["common"]["$defs"]
    parts = []
    for name in OPEN_DATA_FILES:
        schema = schemas[name]
        item = schema["items"]
        rows = [_field_row(key, prop, key in item.get("required", []), common, ctx)
                for key, prop in item["properties"].items()]
        caption = ctx.words["dict_caption"].format(file=f"{name}.yml")
        html = f"<p>{esc(_describe(schema, ctx.lang))}</p>\n" + _table(
            caption, [ctx.words["field"], ctx.words["required"], ctx.words["allowed"], ctx.words["description"]], rows)
        parts.append(f"## {name}.yml {{ #dict-{name} }}\n\n{ctx.hold(html)}\n")
    return "\n".join(parts)


def _describe(schema: dict, lang: str) -> str:
    return schema.get("description_th" if lang == "th" else "description", "")


def _field_row(key, prop, required, common, ctx) -> str:
    word = ctx.words["yes"] if required else ctx.words["no"]
    return (f'<tr><th scope="row"><code>{esc(key)}</code></th><td>{esc(word)}</td>'
            f"<td>{esc(_allowed(prop, common, ctx.lang))}</td><td>{esc(_describe(prop, ctx.lang))}</td></tr>")


def _allowed(prop: dict, common: dict, lang: str) -> str:
    """The allowed form of a field, in words: a shared type's own description, else the schema's rule."""
    if "$ref" in prop:
        prop = common[prop["$ref"].rsplit("/", 1)[1]]
        if "properties" not in prop.get("items", {}):
            return _describe(prop, lang)
    if "properties" in prop.get("items", {}):
        return f'{LABELS[lang]["list_of"]}: {", ".join(prop["items"]["properties"])}'
    if "properties" in prop:
        return f'{LABELS[lang]["group_of"]}: {", ".join(prop["properties"])}'
    if "$ref" in prop.get("items", {}):
        return _allowed(prop["items"], common, lang)
    if "anyOf" in prop:
        return " / ".join(_allowed(p, common, lang) for p in prop["anyOf"])
    if "enum" in prop or "const" in prop:
        return ", ".join(map(str, prop.get("enum", [prop.get("const")])))
    if prop.get("pattern", "").startswith("^https?"):
        return "https://…"
    return "0, 1, 2, …" if prop.get("type") == "integer" else LABELS[lang]["text_type"]


def open_data_links(ds: Dataset, ctx: Context) -> str:
    """A table of every data file with its JSON, CSV and schema downloads, then the two feeds."""
    w, base = ctx.words, esc(ctx.site_root)
    rows = [f'<tr><th scope="row">{esc(w["files"][n])}</th><td>{len(ds.records[n])}</td>'
            f'<td><a href="{base}data/{n}.json" download>{n}.json</a> · '
            f'<a href="{base}data/{n}.csv" download>{n}.csv</a> · '
            f'<a href="{base}data/schemas/{n}.schema.json">{n}.schema.json</a></td></tr>' for n in OPEN_DATA_FILES]
    table = _table(w["od_caption"], [w["file"], w["records"], w["downloads"]], rows)
    feeds = (f'<p>{esc(w["feed"])}: <a href="{base}feed.xml" hreflang="th">{esc(w["feed_th"])}</a> · '
             f'<a href="{base}en/feed.xml" hreflang="en">{esc(w["feed_en"])}</a> · '
             f'<a href="{base}data/schemas/common.schema.json">common.schema.json</a></p>')
    return f"{table}\n{feeds}"


# ---------------------------------------------------------------- related developments, remarks,
# open questions and coming dates (each a list; none of them is an MOU item or counted as one)

def _area_links(ds, area_ids, ctx) -> str:
    areas = ds.by_id("areas")
    return ", ".join(f'<a href="{esc(ctx.lang_root)}areas/{esc(a)}/">{text(areas[a]["title"], ctx.lang)}</a>'
                     for a in area_ids)


def related_list(ds: Dataset, ctx: Context, area_id: str | None = None) -> str:
    """Related developments in date order (those touching one area when area_id is given), each
    labelled as related and not reported as under the MOUs."""
    w, lang = ctx.words, ctx.lang
    if area_id is not None:
        ds.get("areas", area_id)
    records = sorted((r for r in ds.records["related"] if area_id is None or area_id in r["areas"]),
                     key=lambda r: dates.sort_key(r["date"]))
    if not records:
        return f'<p class="no-related">{esc(w["no_related"])}</p>'
    items = []
    for r in records:
        place = f" — {text(r['place'], lang)}" if "place" in r else ""
        note = f'<br><small>{esc(w["note"])}: {text(r["note"], lang)}</small>' if "note" in r else ""
        items.append(
            f'<li id="related-{esc(r["id"])}" data-record="related/{esc(r["id"])}">'
            f'<strong>{range_tag(r["date"], r.get("end_date"), lang)}</strong>{place}: {text(r["title"], lang)}'
            f'<br><span class="related-label">{esc(w["related_label"])}</span> · {esc(w["period"][r["period"]])}'
            f'<br>{text(r["description"], lang)}{note}'
            f'<br><small>{esc(w["areas_touched"])}: {_area_links(ds, r["areas"], ctx)}. {_cites(ds, r["sources"], ctx)}</small>'
            f"</li>")
    return '<ol class="related">\n' + "\n".join(items) + "\n</ol>"


def remarks_list(ds: Dataset, ctx: Context) -> str:
    """Remarks the press reported with an MOU, each labelled as a remark and not an MOU item."""
    w, lang = ctx.words, ctx.lang
    items = [f'<li id="remark-{esc(r["id"])}" data-record="remarks/{esc(r["id"])}">'
             f'<strong>{text(r["title"], lang)}</strong><br>{text(r["description"], lang)}'
             f'<br><small><span class="remark-label">{esc(w["remark_label"])}</span> · {esc(w["speaker"])}: '
             f'{text(r["speaker"], lang)} · {esc(w["areas_touched"])}: {_area_links(ds, r["areas"], ctx)}. '
             f'{_cites(ds, r["sources"], ctx)}</small></li>'
             for r in ds.records["remarks"]]
    return '<ul class="remarks">\n' + "\n".join(items) + "\n</ul>"


# Where each kind of record a question concerns is shown: (page, anchor prefix or None, title field).
_ABOUT_PAGES = {"agreements": ("agreements/{id}/", None, "short_title"), "areas": ("areas/{id}/", None, "title"),
                "activities": ("status/", "activity-", "title"), "events": ("timeline/", "event-", "title"),
                "trainings": ("training/", "training-", "title"), "related": ("related/", "related-", "title")}


def _about_links(ds, about, ctx) -> str:
    links = []
    for name, ids in about.items():
        page, anchor, field_ = _ABOUT_PAGES[name]
        for rid in ids:
            href = ctx.lang_root + page.format(id=rid) + (f"#{anchor}{rid}" if anchor else "")
            links.append(f'<a href="{esc(href)}">{text(ds.get(name, rid)[field_], ctx.lang)}</a>')
    return ", ".join(links)


def questions_list(ds: Dataset, ctx: Context) -> str:
    """The open questions, each with what the sources say, what would answer it and what it concerns."""
    w, lang = ctx.words, ctx.lang
    items = []
    for q in ds.records["questions"]:
        detail = f'<br>{text(q["detail"], lang)}' if "detail" in q else ""
        gap = f' · {esc(w["gap_sources"])}: {_cites(ds, q["sources"], ctx)}' if q.get("sources") else ""
        items.append(f'<li id="question-{esc(q["id"])}" data-record="questions/{esc(q["id"])}">'
                     f'<strong>{text(q["question"], lang)}</strong>{detail}'
                     f'<br>{esc(w["would_answer"])}: {text(q["would_answer"], lang)}'
                     f'<br><small>{esc(w["concerns"])}: {_about_links(ds, q["about"], ctx)}{gap}</small></li>')
    return '<ol class="questions">\n' + "\n".join(items) + "\n</ol>"


def next_dates(ds: Dataset, ctx: Context) -> str:
    """The dates ahead of today that follow from the reported terms, soonest first, each labelled as
    computed (the next one is the first in the list)."""
    w, lang = ctx.words, ctx.lang
    ahead = []
    for a in ds.records["agreements"]:
        how = w["extension_how"][a["extension"]]
        for kind, day in term_ends(a):
            if _date.fromisoformat(day) > ctx.today:
                title = text(a["short_title"], lang)
                words = (esc(w["next_first_term"]).format(years=esc(a["term_years"]), title=title) if kind == "first" else
                         esc(w["next_extended"]).format(years=esc(a["extension_years"]), how=esc(how), title=title))
                ahead.append((day, kind, a, words))
    if not ahead:
        return f'<p class="next-dates">{esc(w["no_next"])}</p>'
    items = [f'<li data-computed="{esc(kind)}"><strong>{time_tag(day, lang)}</strong>: {words} '
             f'<small>({esc(w["computed"])})</small> {_cites(ds, a["sources"], ctx)}</li>'
             for day, kind, a, words in sorted(ahead, key=lambda x: x[0])]
    return '<ul class="next-dates">\n' + "\n".join(items) + "\n</ul>"
