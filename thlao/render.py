"""Pure renderers: checked data and a page context in, HTML (or Markdown) out.

Nothing here reads data files or knows about MkDocs, and nothing here writes HTML: each
renderer turns records into plain values (dicts, lists, strings) and hands them to its
template in thlao/templates/, rendered with autoescaping on. A value a template shows is
escaped there unless it is markup a template made, so a title written as an HTML tag in
the data shows as text, with no escaping call to forget.
"""
import functools
import html
import re
import string
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date as _date
from pathlib import Path
from types import SimpleNamespace

import jinja2
from markupsafe import Markup

from thlao import dates, items
from thlao import timeline as _timeline
from thlao.data import (
    FILES,
    KINDS,
    NOT_REPORTED,
    STATUSES,
    Dataset,
    due_for_review,
    months_unconfirmed,
)
from thlao.languages import root as language_root
from thlao.search import cut_thai

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
        "matter": ("เรื่องสำคัญที่ข่าวยกไว้", "Key matter named in the report"),
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
    "due": ("ถึงกำหนดทบทวน", "Due for review"),
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
    "feed": ("ฟีด Atom การเปลี่ยนสถานะและความเคลื่อนไหวที่เกี่ยวข้อง", "Atom feed of status changes and related developments"),
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
    # the dashboard: the areas reported for each MOU, the counts, the latest related developments
    # and the next date ahead
    "dash_areas": ("ด้านความร่วมมือของบันทึกความเข้าใจแต่ละฉบับ", "The areas of each MOU"),
    "grid_caption": ("ด้านความร่วมมือที่มีรายงานสำหรับบันทึกความเข้าใจแต่ละฉบับ", "Cooperation areas reported for each MOU"),
    "in_list": ("อยู่ในรายการที่มีรายงาน", "In the reported list"),
    "not_in_list": ("ไม่อยู่ในรายการที่มีรายงาน", "Not in the reported list"),
    "status_is": ("สถานะ: {status}", "Status: {status}"),
    "grid_note": ("รายการด้านความร่วมมือที่มีรายงานเป็นตัวอย่างที่แหล่งที่มายกไว้ จึงอาจไม่ครบทุกด้าน "
                  "ช่องที่ระบุว่า “ไม่อยู่ในรายการที่มีรายงาน” ไม่ได้แปลว่าบันทึกความเข้าใจฉบับนั้นไม่ครอบคลุมด้านนั้น "
                  "สถานะในแต่ละช่องเป็นสถานะของด้านนั้นในฐานะรายการภายใต้บันทึกความเข้าใจฉบับนั้น",
                  "The reported lists of areas are examples the sources give, and may not be complete: "
                  "“not in the reported list” does not mean the MOU leaves the area out. The status in a cell "
                  "is that of the area as an item of that MOU."),
    "dash_counts": ("สถานะของรายการภายใต้บันทึกความเข้าใจ", "Status of the MOU items"),
    "dash_related": ("ความเคลื่อนไหวที่เกี่ยวข้องล่าสุด", "Latest related developments"),
    "all_related": ("ความเคลื่อนไหวที่เกี่ยวข้องทั้งหมด", "All related developments"),
    "dash_next": ("วันที่ถัดไปที่คำนวณได้", "The next computed date"),
    "dash_next_more": ("วันที่ข้างหน้าทั้งหมด", "Every date ahead"),
    # the page of each MOU item and of each related development
    "record_intro": ("{what} · {kind}: {kind_word}", "{what} · {kind}: {kind_word}"),
    "all_items": ("รายการภายใต้บันทึกความเข้าใจทั้งหมดอยู่ในหน้า", "Every MOU item is listed on the"),
    "sentence_end": ("", "."),
    "status_page": ("สถานะการดำเนินงาน", "implementation status page"),
    "all_related_on": ("ความเคลื่อนไหวที่เกี่ยวข้องทั้งหมดอยู่ในหน้า", "Every related development is listed on the"),
    "related_page": ("ความเคลื่อนไหวที่เกี่ยวข้อง", "related developments page"),
    "h_reported": ("สิ่งที่มีรายงาน", "What was reported"),
    "h_status": ("สถานะ", "Status"),
    "h_history": ("ประวัติสถานะ", "Status history"),
    "h_related": ("ความเคลื่อนไหวที่เกี่ยวข้องในด้านเดียวกัน", "Related developments in the same area"),
    "h_questions": ("คำถามที่ยังไม่มีคำตอบ", "Open questions"),
    "h_corrections": ("แจ้งแก้ไขข้อมูล", "Corrections"),
    "h_areas": ("ด้านความร่วมมือและหน่วยงาน", "Areas and organisations"),
    "h_mou_items": ("รายการภายใต้บันทึกความเข้าใจในด้านเดียวกัน", "MOU items in the same areas"),
    "no_progress": ("ไม่มีแหล่งที่มาใดรายงานความคืบหน้าของรายการนี้",
                    "No source reports progress on this item."),
    "status_sources": ("แหล่งที่มาของสถานะ", "Sources of the status"),
    "history_caption": ("ประวัติสถานะของ “{title}” เรียงจากเก่าไปใหม่", "Status history of “{title}”, oldest first"),
    "history_date": ("วันที่", "Date"),
    "related_intro": ("ความเคลื่อนไหวเหล่านี้เกี่ยวข้องกับด้าน{area} แต่ไม่มีแหล่งที่มาใดรายงานว่าทำภายใต้บันทึกความเข้าใจ "
                      "จึงไม่นับเป็นความคืบหน้าของรายการนี้ และไม่เปลี่ยนสถานะของรายการนี้",
                      "These developments touch the area {area}, but no source reports them as done under either "
                      "MOU: they are not progress on this item and do not change its status."),
    "q_about_item": ("เกี่ยวกับรายการนี้", "About this item"),
    "q_about_development": ("เกี่ยวกับความเคลื่อนไหวนี้", "About this development"),
    "q_about_agreement": ("เกี่ยวกับ{title} ซึ่งเป็นบันทึกความเข้าใจของรายการนี้",
                          "About the {title}, the agreement of this item"),
    "q_about_area": ("เกี่ยวกับด้าน{title}", "About the area {title}"),
    "no_item_questions": ("ไม่มีคำถามที่ยังไม่มีคำตอบเกี่ยวกับรายการนี้ บันทึกความเข้าใจ หรือด้านความร่วมมือของรายการนี้",
                          "No open question is recorded about this item, its agreement or its area."),
    "no_related_questions": ("ไม่มีคำถามที่ยังไม่มีคำตอบเกี่ยวกับความเคลื่อนไหวนี้หรือด้านที่เกี่ยวข้อง",
                             "No open question is recorded about this development or the areas it touches."),
    "suggest": ("เสนอให้แก้ไขข้อมูลรายการนี้", "Suggest a correction to this record"),
    "suggest_how": ("เปิดแบบฟอร์มแจ้งแก้ไขข้อมูลบน GitHub ซึ่งกรอกรหัสรายการ {record} ไว้ให้แล้ว "
                    "ทุกอย่างที่กรอกเปิดให้ทุกคนอ่านได้ ห้ามใส่ข้อมูลส่วนบุคคล",
                    "Opens the correction form on GitHub with the record's id, {record}, filled in. "
                    "Everything in it is public: do not post personal data."),
    "edit_record": ("แก้ไขรายการนี้ในแฟ้มข้อมูล", "Edit this record in the data file"),
    "edit_where": ("สำหรับเจ้าหน้าที่: {file} บรรทัด {line}", "For staff: {file}, line {line}"),
    "related_page_label": ("ความเคลื่อนไหวที่เกี่ยวข้อง: ไม่มีแหล่งที่มาใดรายงานว่าทำภายใต้บันทึกความเข้าใจฉบับใด",
                           "Related development: no source reports it as done under either MOU"),
    "related_page_note": ("จึงไม่นับเป็นความคืบหน้าของรายการภายใต้บันทึกความเข้าใจ และไม่เปลี่ยนสถานะของรายการใด",
                          "It is not counted as progress on any MOU item and changes no status."),
    "period_label": ("ก่อนหรือหลังบันทึกความเข้าใจ พ.ศ. 2561", "Before or after the 2018 MOU"),
    "organizations_named": ("หน่วยงานที่กล่าวถึง", "Organisations named"),
    "mou_items_intro": ("รายการภายใต้บันทึกความเข้าใจในด้านที่ความเคลื่อนไหวนี้เกี่ยวข้อง "
                        "ความเคลื่อนไหวนี้ไม่เปลี่ยนสถานะของรายการเหล่านี้",
                        "The MOU items in the areas this development touches. This development does not "
                        "change their status."),
    "feed_related": ("ความเคลื่อนไหวที่เกี่ยวข้อง (ไม่มีรายงานว่าอยู่ภายใต้บันทึกความเข้าใจ)",
                     "Related development (not reported as under the MOUs)"),
    "no_mou_items": ("ไม่มีรายการภายใต้บันทึกความเข้าใจในด้านเหล่านี้", "No MOU item is recorded in these areas."),
}


def _pick(table: dict, side: int) -> dict:
    return {k: _pick(v, side) if isinstance(v, dict) else v[side] for k, v in table.items()}


LABELS = {"th": _pick(WORDS, 0), "en": _pick(WORDS, 1)}
STATUS_COLOURS = {"pipeline": "#6a1b9a", "implementation": "#1565c0", "finalisation": "#00838f",
                  "closed": "#2e7d32", "cancelled": "#c62828", "suspended": "#ef6c00", NOT_REPORTED: "#757575"}


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
    return site_root + language_root(lang, default_lang), site_root


def esc(value) -> str:
    """HTML-escape anything from data (quotes too, so it is safe in attributes)."""
    return html.escape(str(value), quote=True)


def _shown(value):
    """How a template shows a value: Jinja's autoescaping calls this on each one (`finalize`).

    markupsafe, which does the escaping, writes quotes as `&#34;` and `&#39;`; the site has always
    written them as `esc` does, `&quot;` and `&#x27;`, so a value with quotes is escaped here, the
    same way. Other values pass on to markupsafe, whose escaping is otherwise the same as `esc`.
    """
    if not hasattr(value, "__html__"):
        shown = str(value)
        if '"' in shown or "'" in shown:
            return Markup(esc(shown))
    return value


# All markup lives in thlao/templates/. Autoescaping is on for every template and StrictUndefined
# makes a misspelt field an error rather than an empty cell. trim_blocks and lstrip_blocks let a
# tag such as {% for %} stand on its own line without leaving one in the output.
_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).with_name("templates")),
    autoescape=True, finalize=_shown, undefined=jinja2.StrictUndefined,
    trim_blocks=True, lstrip_blocks=True,
)


@functools.cache
def _parts():
    """The shared macros of parts.html, for the pieces made here: a citation, a date, a marked text.

    Compiled when first used, like every template, rather than on import: the build imports this
    module before it starts its worker process (thlao/worker.py), which should not wait.
    """
    return _env.get_template("parts.html").module


# What the templates are given: values with attributes (a template reads `row.title` as an
# attribute first, and a dict's failed attribute lookup costs more than the rest of the cell).
_view = SimpleNamespace
_WORDS = {lang: _view(**words) for lang, words in LABELS.items()}


def _render(template: str, ctx: Context, **values) -> str:
    """The template filled in with these values and the page language's words (`w`)."""
    return _env.get_template(template).render(w=_WORDS[ctx.lang], **values)


def _fill(phrase: str, **values) -> list:
    """A phrase such as "as reported on {date}" as pieces: its words, then each value in its place."""
    pieces = []
    for before, name, _, _ in string.Formatter().parse(phrase):
        pieces += [before, *([values[name]] if name is not None else [])]
    return pieces


def _text(value, lang: str):
    """The `lang` side of a {th, en} text, language-marked; `unknown` in words; else the value."""
    if isinstance(value, dict):
        return _marked(value[lang], lang)
    return LABELS[lang]["unknown"] if value in (None, "unknown") else value


def text(value, lang: str) -> str:
    """The `lang` side of a {th, en} text, escaped and language-marked; `unknown` in words."""
    shown = _text(value, lang)
    return str(shown) if hasattr(shown, "__html__") else esc(shown)


# Runs of the other language's script inside a text: English names on Thai pages, Thai words on English ones.
_OTHER_SCRIPT = {
    "th": ("en", re.compile(r"[A-Za-z][A-Za-z0-9'’.,&:/\- ]*[A-Za-z0-9]|[A-Za-z]")),
    "en": ("th", re.compile(r"[\u0E00-\u0E7F][\u0E00-\u0E7F0-9 .\-]*[\u0E00-\u0E7F]|[\u0E00-\u0E7F]")),
}


@functools.lru_cache(maxsize=4096)  # names of organisations, areas and publishers recur on every row
def _marked(value: str, lang: str) -> Markup:
    other, pattern = _OTHER_SCRIPT[lang]
    runs, pos = [], 0
    for run in pattern.finditer(value):
        runs += [(value[pos:run.start()], None), (run.group(), other)]
        pos = run.end()
    return _parts().marked([*runs, (value[pos:], None)])


def marked(value: str, lang: str) -> str:
    """Escaped text with each run in the other script marked with its language, for screen readers."""
    return str(_marked(value, lang))


def _when(value, lang: str) -> SimpleNamespace:
    """A date at its own precision: its words, and its machine-readable form where known;
    `unknown` in the site's words."""
    if dates.is_unknown(value):
        return _view(words=LABELS[lang]["unknown"], iso=None)
    return _view(words=dates.format_date(value, lang), iso=value)


def time_tag(value, lang: str) -> str:
    """A date at its own precision, machine-readable where known."""
    return str(_parts().time(_when(value, lang)))


def _span(start, end, lang: str) -> SimpleNamespace:
    if not end:
        return _when(start, lang)
    return _view(words=dates.format_range(start, end, lang), iso=start)


def _status(status: str, lang: str) -> SimpleNamespace:
    return _view(status=status, label=LABELS[lang]["status"][status])


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


def _cite(ds: Dataset, source_id: str, ctx: Context) -> SimpleNamespace:
    source = ds.get("sources", source_id)
    published, lang = source["published"], ctx.lang
    when = ctx.words["no_date"] if dates.is_unknown(published) else dates.format_date(published, lang)
    return _view(href=f"{ctx.lang_root}sources/#src-{source_id}", publisher=_text(source["publisher"], lang),
                 when=when)


def cite(ds: Dataset, source_id: str, ctx: Context) -> str:
    """Inline citation: [publisher, date] linking to the bibliography entry."""
    return str(_parts().cite(_cite(ds, source_id, ctx)))


class _Recurring:
    """The pieces that recur row after row, marked up once per render for each value they take.

    A table of a thousand activities cites a handful of sources, names a few organisations
    and has few statuses; each such piece is made by its macro once and reused. Keyed by
    the ids and values in the data, within one render (one data set, one page).
    """

    def __init__(self, ds: Dataset, ctx: Context):
        self.ds, self.ctx, self.made = ds, ctx, {}

    def _once(self, key: tuple, make: Callable[[], Markup]) -> Markup:
        if key not in self.made:
            self.made[key] = make()
        return self.made[key]

    def cites(self, ids) -> Markup:
        """Inline citations of these sources, one after the other."""
        return self._once(("cites", *ids), lambda: _parts().cites(
            [_cite(self.ds, sid, self.ctx) for sid in ids]))

    def names(self, ids) -> Markup:
        """Short names of these organisations, or `unknown` in words if there are none."""
        orgs, lang = self.ds.by_id("organizations"), self.ctx.lang
        return self._once(("names", *ids), lambda: _parts().names(
            [_text(orgs[i].get("short_name", orgs[i]["name"]), lang) for i in ids], _WORDS[lang]))


def _activity(ds, activity, ctx) -> SimpleNamespace:
    """One row of a compact status table: the item (linking to its page), its area, agreement,
    status and when it was last confirmed; the data-* values tracker.js filters and sorts by."""
    w, lang, root = ctx.words, ctx.lang, ctx.lang_root
    area = ds.get("areas", activity["area"])
    agreement = ds.get("agreements", activity["agreement"])
    area_title, agreement_title = area["title"][lang], agreement["short_title"][lang]
    status, kind = w["status"][activity["status"]], w["kinds"][activity["kind"]]
    # what typed words are matched against, Thai cut into words as the search index is cut
    words = " ".join([activity["title"][lang], activity["description"][lang], area_title, agreement_title,
                      status, kind])
    return _view(
        id=activity["id"], href=_record_url(ctx, "activities", activity["id"]), title=_text(activity["title"], lang),
        area=_view(id=area["id"], href=f"{root}areas/{area['id']}/", title=_text(area["title"], lang)),
        agreement=_view(id=agreement["id"], href=f"{root}agreements/{agreement['id']}/",
                        title=_text(agreement["short_title"], lang)),
        status=_status(activity["status"], lang), kind=activity["kind"], kind_label=kind,
        text=cut_thai(words), confirmed=_when(activity["confirmed"], lang),
        sort_date=activity["confirmed"],  # partial ISO, or "unknown" (sorted last)
        due=due_for_review(activity["confirmed"], ctx.today, ctx.review_after_months),
    )


def _leads(activity, ctx, recurring) -> list:
    """Each lead a source names, with its side and that source (with none, the cell says so)."""
    w, orgs = ctx.words, recurring.ds.by_id("organizations")
    side = {"TH": w["thai_side"], "LA": w["lao_side"]}
    leads = []
    for lead in activity.get("leads") or []:
        org = orgs[lead["organization"]]
        leads.append(_view(side=side[lead["side"]], cites=recurring.cites(lead["sources"]),
                           name=_text(org.get("short_name", org["name"]), ctx.lang)))
    return leads


def _status_columns(ctx) -> list:
    """The compact tables' five columns: label, how tracker.js sorts it, and the facet it offers."""
    w = ctx.words
    return [_view(label=w["activity"], sort="text", facet=None),
            _view(label=w["area"], sort="text", facet="area"),
            _view(label=w["agreement"], sort="text", facet="agreement"),
            _view(label=w["status_col"], sort="text", facet="status"),
            _view(label=w["confirmed"], sort="date", facet=None)]


def status_table(ds: Dataset, area_id: str, ctx: Context) -> str:
    """The MOU items of one cooperation area, compact: each item links to its own page, where its
    description and sources are."""
    area = ds.get("areas", area_id)
    rows = [_activity(ds, a, ctx) for a in ds.records["activities"] if a["area"] == area_id]
    caption = ctx.words["area_caption"].format(title=area["title"][ctx.lang])
    return _render("activities_table.html", ctx, caption=caption, columns=_status_columns(ctx), rows=rows,
                   empty=ctx.words["no_activities"])


def activities_table(ds: Dataset, ctx: Context) -> str:
    """Every MOU item, compact, grouped by area in the order of areas.yml."""
    order = {a["id"]: i for i, a in enumerate(ds.records["areas"])}
    activities = sorted(ds.records["activities"], key=lambda a: order[a["area"]])
    rows = [_activity(ds, a, ctx) for a in activities]
    return _render("activities_table.html", ctx, caption=ctx.words["all_caption"], columns=_status_columns(ctx),
                   rows=rows, empty=None)


def status_counts(records) -> dict:
    """{status: count} in the vocabulary's order, zero counts left out."""
    counts = {s: sum(1 for r in records if r["status"] == s) for s in STATUSES}
    return {s: n for s, n in counts.items() if n}


LATEST_RELATED = 3  # related developments the dashboard shows, newest first


def dashboard(ds: Dataset, ctx: Context) -> str:
    """The story at a glance: which areas were reported for each MOU, with the status of each as
    an MOU item; counts by status of the MOU items (activities.yml) only, as a bar drawn in SVG and
    the same numbers as a table; the latest related developments, labelled as not reported as
    under the MOUs; and the next date ahead, labelled as computed."""
    w, lang = ctx.words, ctx.lang
    items = ds.records["activities"]
    totals = status_counts(items)
    by_kind = {k: status_counts([a for a in items if a["kind"] == k]) for k in KINDS}
    kinds = [k for k in KINDS if by_kind[k]]
    total = sum(totals.values())
    parts = ", ".join(f"{n} {w['status'][s]}" for s, n in totals.items())
    rows = [_view(status=_status(s, lang), counts=[by_kind[k].get(s, 0) for k in kinds],
                  total=n) for s, n in totals.items()]
    return _render("dashboard.html", ctx, summary=w["dash_summary"].format(total=total, parts=parts),
                   bars=_bars(totals, total, ctx), kinds=[w["kinds"][k] for k in kinds],
                   rows=rows, grid=_area_grid(ds, ctx), related=_latest_related(ds, ctx),
                   related_href=f"{ctx.lang_root}related/", next=_ahead(ds, ctx, 1),
                   next_href=f"{ctx.lang_root}#coming-dates")


def area_grid(ds: Dataset) -> dict:
    """{(area id, agreement id): the area's record of kind "area" for that MOU, or None where the
    area is not in the list reported for it}. areas.yml's `agreements` says which are reported;
    the data check makes it equal the agreements of the area's records of kind "area"."""
    records = {(a["area"], a["agreement"]): a for a in ds.records["activities"] if a["kind"] == "area"}
    grid = {}
    for area in ds.records["areas"]:
        for agreement in ds.records["agreements"]:
            key = (area["id"], agreement["id"])
            if agreement["id"] in area["agreements"]:
                if key not in records:
                    raise KeyError(f'area "{area["id"]}" is reported for "{agreement["id"]}" but has no MOU item '
                                   f'of kind "area" for it in data/activities.yml')
                grid[key] = records[key]
            else:
                grid[key] = None
    return grid


def _area_grid(ds, ctx) -> SimpleNamespace:
    """The areas × agreements table: each cell whether the area was reported for that MOU and,
    where it was, the status of its record of kind "area" (linking to that item's page)."""
    lang, root, grid = ctx.lang, ctx.lang_root, area_grid(ds)
    agreements = [_view(id=a["id"], href=f"{root}agreements/{a['id']}/", title=_text(a["short_title"], lang))
                  for a in ds.records["agreements"]]
    rows = []
    for area in ds.records["areas"]:
        cells = []
        for agreement in agreements:
            item = grid[(area["id"], agreement.id)]
            cells.append(_view(agreement=agreement.id, item=None) if item is None else _view(
                agreement=agreement.id, item=item["id"], href=_record_url(ctx, "activities", item["id"]),
                status=_fill(ctx.words["status_is"], status=_parts().status(_status(item["status"], lang))),
                status_id=item["status"]))
        rows.append(_view(id=area["id"], href=f"{root}areas/{area['id']}/", title=_text(area["title"], lang),
                          cells=cells))
    return _view(agreements=agreements, rows=rows)


def latest_related(ds: Dataset, n: int = LATEST_RELATED) -> list:
    """The n newest related developments, by the first day their date can mean (newest first)."""
    return sorted(ds.records["related"], key=lambda r: dates.sort_key(r["date"]), reverse=True)[:n]


def _latest_related(ds, ctx) -> list:
    return [_view(id=r["id"], when=_span(r["date"], r.get("end_date"), ctx.lang), title=_text(r["title"], ctx.lang),
                  href=_record_url(ctx, "related", r["id"])) for r in latest_related(ds)]


def dashboard_cited(ds: Dataset, ctx: Context) -> list:
    """The records whose sources the dashboard cites: the agreement of the next date ahead."""
    return [agreement for _, agreement, _ in dates_ahead(ds, ctx.today)[:1]]


def _bars(counts: dict, total: int, ctx: Context) -> list:
    """The parts of a 100-unit-wide stacked bar; the summary paragraph is its text equivalent."""
    x, bars = 0.0, []
    for status, n in counts.items():
        width = 100 * n / total if total else 0
        bars.append(_view(x=f"{x:.2f}", width=f"{width:.2f}", colour=STATUS_COLOURS[status],
                          title=f"{ctx.words['status'][status]}: {n}"))
        x += width
    return bars


def agreement_facts(ds: Dataset, agreement_id: str, ctx: Context) -> str:
    """Parties, signatories, dates, term and state of one agreement as a definition list."""
    a, w, lang = ds.get("agreements", agreement_id), ctx.words, ctx.lang
    orgs = ds.by_id("organizations")
    reported = None
    if a["state"] != NOT_REPORTED and not dates.is_unknown(a["confirmed"]):
        reported = _fill(w["as_reported"], date=_parts().time(_when(a["confirmed"], lang)))
    follows = None
    if "follows" in a:
        follows = _view(href=f"{ctx.lang_root}agreements/{a['follows']}/",
                        title=_text(ds.get("agreements", a["follows"])["title"], lang))
    facts = _view(
        id=a["id"], title=_text(a["title"], lang),
        parties=[_text(orgs[p]["name"], lang) for p in a["parties"]],
        signatories=[_text(s["person"], lang) for s in a["signatories"]],
        signed=_when(a["signed"], lang), place=_text(a["place"], lang), term=_text(a["term"], lang),
        ends=_term_ends(a, ctx), state=w["states"][a["state"]], reported=reported,
        follows=follows, cites=_Recurring(ds, ctx).cites(a["sources"]),
    )
    return _render("agreement_facts.html", ctx, a=facts)


def _term_ends(a, ctx) -> list:
    """The computed ends of an agreement's terms, each with its label (none: "not known")."""
    w, lang = ctx.words, ctx.lang
    how = w["extension_how"][a["extension"]]
    labels = {"first": w["first_term_end"].format(years=a["term_years"]),
              "extended": w["extended_end"].format(years=a["extension_years"], how=how)}
    return [_view(kind=kind, label=labels[kind], when=_when(day, lang))
            for kind, day in dates.term_ends(a)]


def areas_list(ds: Dataset, agreement_id: str, ctx: Context) -> str:
    """The areas one agreement names, each linked to its page."""
    ds.get("agreements", agreement_id)
    areas = [_view(id=a["id"], href=f"{ctx.lang_root}areas/{a['id']}/", title=_text(a["title"], ctx.lang))
             for a in ds.records["areas"] if agreement_id in a["agreements"]]
    return _render("areas_list.html", ctx, areas=areas)


def _place(place, lang):
    return None if place == "unknown" else _text(place, lang)


def timeline(ds: Dataset, ctx: Context) -> str:
    """Events in date order; where sources disagree, each report is shown with its source."""
    lang, recurring = ctx.lang, _Recurring(ds, ctx)
    events = [_view(
        id=e["id"], when=_span(e["date"], e.get("end_date"), lang), place=_place(e["place"], lang),
        title=_text(e["title"], lang), description=_text(e["description"], lang),
        note=_text(e["note"], lang) if "note" in e else None, cites=recurring.cites(e["sources"]),
        others=[_view(when=_when(r["date"], lang), place=_place(r["place"], lang),
                      cites=recurring.cites(r["sources"])) for r in e.get("other_reports", [])],
    ) for e in sorted(ds.records["events"], key=lambda e: dates.sort_key(e["date"]))]
    return _render("timeline.html", ctx, events=events)


TIMELINE_LIST = "timeline-list"  # the id of what describes the timeline's picture, on the timeline page


def timeline_figure(ds: Dataset, ctx: Context) -> str:
    """The timeline as a picture (thlao/timeline.py): events, the MOUs' terms (the computed parts
    drawn as computed) and the related developments in a row of their own. The picture is
    described by the element with id TIMELINE_LIST, which the page puts around its text lists of
    the events and of the related developments."""
    return _timeline.timeline_svg(ds.records["events"], ds.records["agreements"], ds.records["related"],
                                  ctx.lang, ctx.today, list_id=TIMELINE_LIST)


def trainings_table(ds: Dataset, ctx: Context) -> str:
    w, lang, recurring = ctx.words, ctx.lang, _Recurring(ds, ctx)
    rows = [_view(
        id=t["id"], title=_text(t["title"], lang), description=_text(t["description"], lang),
        organizers=recurring.names(t["organizers"]), when=_when(t["date"], lang),
        participants=w["unknown"] if t["participants"] == "unknown" else t["participants"],
        cites=recurring.cites(t["sources"]),
    ) for t in ds.records["trainings"]]
    return _render("trainings_table.html", ctx, rows=rows)


def organizations_list(ds: Dataset, ctx: Context) -> str:
    w, lang, recurring = ctx.words, ctx.lang, _Recurring(ds, ctx)
    orgs = ds.by_id("organizations")
    rows = [_view(
        id=o["id"], name=_text(o["name"], lang),
        short_name=_text(o["short_name"], lang) if "short_name" in o else None,
        renamed_from=_fill(w["renamed_from"], name=_text(orgs[o["renamed_from"]]["name"], lang))
        if "renamed_from" in o else None,
        country=w["country"][o["country"]], description=_text(o["description"], lang),
        cites=recurring.cites(o["sources"]),
    ) for o in ds.records["organizations"]]
    return _render("organizations_list.html", ctx, rows=rows)


def glossary(ds: Dataset, ctx: Context) -> str:
    recurring = _Recurring(ds, ctx)
    terms = [_view(id=g["id"], term=_text(g["term"], ctx.lang), definition=_text(g["definition"], ctx.lang),
                   cites=recurring.cites(g.get("sources", []))) for g in ds.records["glossary"]]
    return _render("glossary.html", ctx, terms=terms)


def _source(source: dict, ctx: Context, **more) -> SimpleNamespace:
    w, lang = ctx.words, ctx.lang
    # the source's own headline, in the page's language where it has one, else in its own
    headline = source.get("headline")
    return _view(id=source["id"], publisher=_text(source["publisher"], lang),
                 headline=_marked(headline.get(lang) or next(iter(headline.values())), lang)
                 if headline else None,
                 description=_text(source["description"], lang),
                 published=_when(source["published"], lang), language=w["langs"][source["language"]],
                 url=source["url"], **more)


def bibliography(ds: Dataset, ctx: Context) -> str:
    return _render("bibliography.html", ctx, sources=[_source(s, ctx) for s in ds.records["sources"]])


def page_sources(ds: Dataset, source_ids, ctx: Context) -> str:
    """Markdown: a 'Sources' heading (id page-sources) and the sources cited on this page."""
    if not source_ids:
        return ""
    sources = ds.by_id("sources")
    listing = _render("page_sources.html", ctx, sources=[
        _source(sources[sid], ctx, href=f"{ctx.lang_root}sources/#src-{sid}") for sid in source_ids])
    # the heading is Markdown, for the page's table of contents; the list is HTML, held past Markdown
    return f'## {ctx.words["page_sources"]} {{ #page-sources }}\n\n{ctx.hold(listing)}\n'


def review_list(ds: Dataset, ctx: Context) -> str:
    """Every record whose status or state was not confirmed within the review period."""
    w, lang = ctx.words, ctx.lang
    rows = []
    for name in ("agreements", "activities"):
        for r in ds.records[name]:
            if not due_for_review(r["confirmed"], ctx.today, ctx.review_after_months):
                continue
            rows.append(_view(
                record=f"{name}/{r['id']}", title=_text(r["title"], lang), file=w["files"][name],
                # each record links to its own page: an agreement's, or the MOU item's
                href=(f"{ctx.lang_root}agreements/{r['id']}/" if name == "agreements"
                      else _record_url(ctx, name, r["id"])),
                # an agreement has a state, in words; an activity has a status
                state=w["states"][r["state"]] if name == "agreements" else None,
                status=None if name == "agreements" else _status(r["status"], lang),
                confirmed=_when(r["confirmed"], lang), months=months_unconfirmed(r["confirmed"], ctx.today),
            ))
    caption = w["review_caption"].format(months=ctx.review_after_months)
    return _render("review_list.html", ctx, caption=caption, rows=rows)


def data_dictionary(schemas: dict, ctx: Context) -> str:
    """Markdown: one heading and one field table per data file, generated from the JSON Schemas."""
    common = schemas["common"]["$defs"]
    parts = []
    for name in FILES:
        schema = schemas[name]
        item = schema["items"]
        fields = [_view(key=key, required=key in item.get("required", []),
                        allowed=_allowed(prop, common, ctx.lang), description=_describe(prop, ctx.lang))
                  for key, prop in item["properties"].items()]
        caption = ctx.words["dict_caption"].format(file=f"{name}.yml")
        held = ctx.hold(_render("data_dictionary.html", ctx, caption=caption, fields=fields,
                                about=_describe(schema, ctx.lang)))
        # the heading is Markdown, for the page's table of contents; the table is held past Markdown
        parts.append(f"## {name}.yml {{ #dict-{name} }}\n\n{held}\n")
    return "\n".join(parts)


def _describe(schema: dict, lang: str) -> str:
    return schema.get("description_th" if lang == "th" else "description", "")


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
    files = [_view(name=n, title=ctx.words["files"][n], records=len(ds.records[n])) for n in FILES]
    return _render("open_data_links.html", ctx, base=ctx.site_root, files=files)


# ---------------------------------------------------------------- related developments, remarks,
# open questions and coming dates (each a list; none of them is an MOU item or counted as one)

def _area_links(ds, area_ids, ctx) -> list:
    areas = ds.by_id("areas")
    return [_view(href=f"{ctx.lang_root}areas/{a}/", title=_text(areas[a]["title"], ctx.lang))
            for a in area_ids]


def related_list(ds: Dataset, ctx: Context, area_id: str | None = None) -> str:
    """Related developments in date order (those touching one area when area_id is given), each
    labelled as related and not reported as under the MOUs."""
    w, lang, recurring = ctx.words, ctx.lang, _Recurring(ds, ctx)
    if area_id is not None:
        ds.get("areas", area_id)
    records = sorted((r for r in ds.records["related"] if area_id is None or area_id in r["areas"]),
                     key=lambda r: dates.sort_key(r["date"]))
    related = [_view(
        id=r["id"], when=_span(r["date"], r.get("end_date"), lang), href=_record_url(ctx, "related", r["id"]),
        place=_text(r["place"], lang) if "place" in r else None, title=_text(r["title"], lang),
        period=w["period"][r["period"]], description=_text(r["description"], lang),
        note=_text(r["note"], lang) if "note" in r else None,
        areas=_area_links(ds, r["areas"], ctx), cites=recurring.cites(r["sources"]),
    ) for r in records]
    return _render("related_list.html", ctx, related=related)


def remarks_list(ds: Dataset, ctx: Context) -> str:
    """Remarks the press reported with an MOU, each labelled as a remark and not an MOU item."""
    lang, recurring = ctx.lang, _Recurring(ds, ctx)
    remarks = [_view(
        id=r["id"], title=_text(r["title"], lang), description=_text(r["description"], lang),
        speaker=_text(r["speaker"], lang), areas=_area_links(ds, r["areas"], ctx),
        cites=recurring.cites(r["sources"]),
    ) for r in ds.records["remarks"]]
    return _render("remarks_list.html", ctx, remarks=remarks)


# Where each kind of record a question concerns is shown: (page, anchor prefix or None, title
# field). MOU items and related developments have a page each (thlao/items.py).
_ABOUT_PAGES = {
    "agreements": ("agreements/{id}/", None, "short_title"), "areas": ("areas/{id}/", None, "title"),
    "activities": ("items/{id}/", None, "title"), "events": ("timeline/", "event-", "title"),
    "trainings": ("training/", "training-", "title"), "related": ("related/{id}/", None, "title"),
}


def _about_links(ds, about, ctx) -> list:
    links = []
    for name, ids in about.items():
        page, anchor, field_ = _ABOUT_PAGES[name]
        for rid in ids:
            href = ctx.lang_root + page.format(id=rid) + (f"#{anchor}{rid}" if anchor else "")
            links.append(_view(href=href, title=_text(ds.get(name, rid)[field_], ctx.lang)))
    return links


def questions_list(ds: Dataset, ctx: Context) -> str:
    """The open questions, each with what the sources say, what would answer it and what it
    concerns."""
    lang, recurring = ctx.lang, _Recurring(ds, ctx)
    questions = [_view(
        id=q["id"], question=_text(q["question"], lang),
        detail=_text(q["detail"], lang) if "detail" in q else None,
        would_answer=_text(q["would_answer"], lang), about=_about_links(ds, q["about"], ctx),
        # the sources that show the gap, where there are any
        cites=recurring.cites(q["sources"]) if q.get("sources") else None,
    ) for q in ds.records["questions"]]
    return _render("questions_list.html", ctx, questions=questions)


def dates_ahead(ds: Dataset, today: _date) -> list:
    """[(ISO day, agreement, kind)] of the dates after today that follow from the reported terms
    (dates.term_ends: computed, never reported), soonest first."""
    return sorted(((day, a, kind) for a in ds.records["agreements"] for kind, day in dates.term_ends(a)
                   if _date.fromisoformat(day) > today), key=lambda x: x[0])


def _ahead(ds: Dataset, ctx: Context, most: int | None = None) -> list:
    """The first `most` dates ahead (all, with None), each with its words and its agreement's sources."""
    w, lang, recurring = ctx.words, ctx.lang, _Recurring(ds, ctx)
    views = []
    for day, a, kind in dates_ahead(ds, ctx.today)[:most]:
        title = _text(a["short_title"], lang)
        if kind == "first":
            words = _fill(w["next_first_term"], years=a["term_years"], title=title)
        else:
            words = _fill(w["next_extended"], years=a["extension_years"], how=w["extension_how"][a["extension"]],
                          title=title)
        views.append(_view(kind=kind, when=_when(day, lang), words=words, cites=recurring.cites(a["sources"])))
    return views


def next_dates(ds: Dataset, ctx: Context) -> str:
    """The dates ahead of today that follow from the reported terms, soonest first, each labelled as
    computed (the next one is the first in the list)."""
    return _render("next_dates.html", ctx, ahead=_ahead(ds, ctx))


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


def _record_url(ctx: Context, name: str, record_id: str) -> str:
    """The page of a record made from the data (thlao/items.py), from the page being built."""
    return ctx.lang_root + items.url(name, record_id)


def _sections(template: str, ctx: Context, sections: list, **values) -> str:
    """Markdown: each section's heading (with its id, the same in every language) and its HTML,
    made by the template's macro of the section's id and held past Markdown."""
    module = _env.get_template(template).make_module({"w": _WORDS[ctx.lang], **values})
    parts = []
    for section_id, heading in sections:
        made = str(getattr(module, section_id.replace("-", "_"))())
        if heading is not None:
            parts.append(f"## {heading} {{ #{section_id} }}\n")
        parts.append(f"{ctx.hold(made)}\n")
    return "\n".join(parts)


def _questions_about(ds: Dataset, ctx: Context, groups: list) -> list:
    """[(label, [question])] for each (label, test) whose test picks any question."""
    lang, shown = ctx.lang, []
    for label, picks in groups:
        found = [_view(href=f"{ctx.lang_root}unknowns/#question-{q['id']}", question=_text(q["question"], lang),
                       would_answer=_text(q["would_answer"], lang))
                 for q in ds.records["questions"] if picks(q.get("about", {}))]
        if found:
            shown.append(_view(label=label, questions=found))
    return shown


def _corrections(ds: Dataset, name: str, record: dict, ctx: Context) -> SimpleNamespace:
    """The prefilled correction form (the form's `record` field names the record) and the data file's line."""
    w, record_name = ctx.words, f"{name}/{record['id']}"
    line = ds.lines[name][record["id"]]
    file = f"data/{name}.yml"
    return _view(
        suggest=f"{ctx.repo_url}/issues/new?template=correction.yml&record={record_name}",
        suggest_how=w["suggest_how"].format(record=record_name),
        edit=f"{ctx.repo_url}/blob/main/{file}#L{line}",
        edit_where=w["edit_where"].format(file=file, line=line))


def _item_page(ds: Dataset, a: dict, ctx: Context) -> str:
    w, lang, recurring = ctx.words, ctx.lang, _Recurring(ds, ctx)
    area, agreement = ds.get("areas", a["area"]), ds.get("agreements", a["agreement"])
    area_title, agreement_title = _text(area["title"], lang), _text(agreement["short_title"], lang)
    related = sorted((r for r in ds.records["related"] if a["area"] in r["areas"]),
                     key=lambda r: dates.sort_key(r["date"]))
    item = _view(
        id=a["id"], title=_text(a["title"], lang), description=_text(a["description"], lang),
        intro=_fill(w["record_intro"], what=w["activity"], kind=w["kind"], kind_word=w["kinds"][a["kind"]]),
        all_href=f"{ctx.lang_root}status/#activity-{a['id']}",
        agreement=_view(href=f"{ctx.lang_root}agreements/{agreement['id']}/", title=agreement_title),
        area=_view(href=f"{ctx.lang_root}areas/{area['id']}/", title=area_title),
        kind=w["kinds"][a["kind"]], leads=_leads(a, ctx, recurring), cites=recurring.cites(a["sources"]),
        status=_status(a["status"], lang), reported=a["status"] != NOT_REPORTED,
        confirmed=_when(a["confirmed"], lang),
        due=due_for_review(a["confirmed"], ctx.today, ctx.review_after_months),
        history_caption=w["history_caption"].format(title=a["title"][lang]),
        history=[_view(when=_when(h["date"], lang), status=_status(h["status"], lang),
                       note=_text(h["note"], lang), cites=recurring.cites(h["sources"]))
                 for h in a.get("history", [])],
        related_intro=_fill(w["related_intro"], area=area_title),
        related=[_view(href=_record_url(ctx, "related", r["id"]), title=_text(r["title"], lang),
                       when=_span(r["date"], r.get("end_date"), lang)) for r in related],
        questions=_questions_about(ds, ctx, [
            (w["q_about_item"], lambda about: a["id"] in about.get("activities", [])),
            (_fill(w["q_about_agreement"], title=agreement_title),
             lambda about: a["agreement"] in about.get("agreements", [])),
            (_fill(w["q_about_area"], title=area_title), lambda about: a["area"] in about.get("areas", [])),
        ]),
        corrections=_corrections(ds, "activities", a, ctx),
    )
    return _sections("item_page.html", ctx, [
        ("intro", None), ("reported", w["h_reported"]), ("status", w["h_status"]), ("history", w["h_history"]),
        ("related-developments", w["h_related"]), ("questions", w["h_questions"]),
        ("corrections", w["h_corrections"]),
    ], item=item)


def _related_page(ds: Dataset, r: dict, ctx: Context) -> str:
    w, lang, recurring = ctx.words, ctx.lang, _Recurring(ds, ctx)
    areas, orgs = ds.by_id("areas"), ds.by_id("organizations")
    items = [a for a in ds.records["activities"] if a["area"] in r["areas"]]
    development = _view(
        id=r["id"], title=_text(r["title"], lang), description=_text(r["description"], lang),
        all_href=f"{ctx.lang_root}related/#related-{r['id']}",
        when=_span(r["date"], r.get("end_date"), lang),
        place=_text(r["place"], lang) if "place" in r else w["unknown"],
        period=w["period"][r["period"]], note=_text(r["note"], lang) if "note" in r else None,
        cites=recurring.cites(r["sources"]), areas=_area_links(ds, r["areas"], ctx),
        organizations=[_view(href=f"{ctx.lang_root}organizations/#org-{o}",
                             title=_text(orgs[o].get("short_name", orgs[o]["name"]), lang))
                       for o in r.get("organizations", [])],
        items=[_view(href=_record_url(ctx, "activities", a["id"]), title=_text(a["title"], lang),
                     area=_text(areas[a["area"]]["title"], lang), status=_status(a["status"], lang))
               for a in items],
        questions=_questions_about(ds, ctx, [
            (w["q_about_development"], lambda about: r["id"] in about.get("related", [])),
            *((_fill(w["q_about_area"], title=_text(areas[area_id]["title"], lang)),
               lambda about, area_id=area_id: area_id in about.get("areas", [])) for area_id in r["areas"]),
        ]),
        corrections=_corrections(ds, "related", r, ctx),
    )
    return _sections("related_page.html", ctx, [
        ("intro", None), ("reported", w["h_reported"]), ("areas", w["h_areas"]),
        ("mou-items", w["h_mou_items"]), ("questions", w["h_questions"]), ("corrections", w["h_corrections"]),
    ], r=development)
