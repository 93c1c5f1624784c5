"""From an accepted issue form to a data edit: `python -m thlao.intake EVENT.json [-f mkdocs.yml]`.

EVENT.json is a GitHub `issues` event, as Actions gives it in $GITHUB_EVENT_PATH. The issue's labels
say which form of .github/ISSUE_TEMPLATE/ it came from, and that form's YAML gives the label of
each field: GitHub writes each answer under `### <label>`, `_No response_` for an empty one.

Exit codes:
  0  the data edit is written; a Markdown summary in Thai and English, for the pull request's
     body, is on standard output;
  1  the answers are refused; every reason is on standard error, in English and Thai, naming the
     form field and what is allowed; nothing is written;
  2  the form needs a person (a correction, a new MOU item, or data the intake cannot edit
     safely); what it found is on standard output; nothing is written.

The issue's text is untrusted. It is read as text only, checked field by field, and written into
the data files as double-quoted YAML scalars made by ruamel's emitter, each read back to be sure
it holds exactly the text. Each data file is edited as text: only the lines a change needs are
replaced or added, every other line stays byte for byte. The edited files are read back and
compared with the records they must hold, then checked in a copy of the data folder as
`make check-data` checks the data, before anything is written.
"""
import argparse
import copy
import difflib
import io
import json
import re
import shutil
import sys
import tempfile
import traceback
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from thlao import config, data, dates, labels
from thlao.diffsite import md

FORMS_DIR = Path(".github/ISSUE_TEMPLATE")  # relative to the folder of mkdocs.yml
NO_RESPONSE = "_No response_"
# events.yml: the report of the 2018 MOU's signing. A related development's period (before or
# after the 2018 MOU) is counted from its date, which is known to the month only.
MOU_2018_REPORT = "mou-2018-reported"
ID_RULE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")  # CONTRIBUTING.md and schemas/common.schema.json
ONE_LINE, LONG_TEXT = 1000, 4000  # longest answers taken; a data file's line may hold 10,000
# Characters no answer needs, refused so nothing invisible reaches the data: controls (tab and
# line breaks aside), surrogates, private use and unassigned code points (Unicode categories),
# and the bidirectional overrides that make text read differently from how it is stored.
_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u2028\u2029")
# Words left out of ids made from English titles.
_STOP = {"a", "an", "the", "of", "and", "in", "on", "to", "for", "with", "its", "their", "at", "by", "from"}


# ---------------------------------------------------------------- forms and answers

@dataclass(frozen=True)
class Field:
    """One field of an issue form, as its YAML defines it."""

    id: str
    type: str
    label: str  # "ไทย · English", the heading GitHub writes above the answer
    options: tuple = ()

    @property
    def th(self) -> str:
        return self.label.split(" · ")[0]

    @property
    def en(self) -> str:
        return self.label.split(" · ")[-1]


@dataclass(frozen=True)
class Form:
    name: str  # the file's stem: status-update
    labels: frozenset
    fields: dict  # id -> Field, in the form's order


def read_forms(folder: Path) -> list:
    """Every issue form in folder (config.yml, which has no body, left out)."""
    forms = []
    for path in sorted(Path(folder).glob("*.yml")):
        doc = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
        if not isinstance(doc, dict) or "body" not in doc:
            continue
        fields = {b["id"]: Field(b["id"], b["type"], b["attributes"]["label"],
                                 tuple(o if isinstance(o, str) else o["label"]
                                       for o in b["attributes"].get("options", ())))
                  for b in doc["body"] if b.get("type") != "markdown"}
        forms.append(Form(path.stem, frozenset(doc.get("labels") or ()), fields))
    return forms


@dataclass(frozen=True)
class FormProblem:
    """One thing wrong with an answer (or with the issue), in English and Thai."""

    field: Field | None
    en: str
    th: str

    def __str__(self) -> str:
        if self.field is None:
            return f"{self.en} / {self.th}"
        return f'Form field "{self.field.en}": {self.en} / ช่อง "{self.field.th}": {self.th}'


class Refused(Exception):
    """The answers cannot be taken: exit 1. intro, when given, is a line said before the problems."""

    def __init__(self, problems, intro: str = ""):
        self.problems, self.intro = list(problems), intro
        super().__init__("\n".join(map(str, self.problems)))


class NeedsPerson(Exception):
    """The form is left for a person: exit 2, with what was found in Markdown."""

    def __init__(self, summary: str):
        self.summary = summary
        super().__init__(summary)


@dataclass(frozen=True)
class Issue:
    number: int
    title: str
    labels: frozenset
    author: str
    author_id: int | None
    body: str

    @classmethod
    def of(cls, event: dict) -> "Issue":
        issue = event.get("issue") if isinstance(event, dict) else None
        if not isinstance(issue, dict) or not isinstance(issue.get("number"), int):
            raise Refused([FormProblem(None, "The event file holds no issue.", "แฟ้มเหตุการณ์ไม่มีข้อมูล issue")])
        user = issue.get("user") or {}
        return cls(issue["number"], str(issue.get("title") or ""),
                   frozenset(str(label.get("name")) for label in issue.get("labels") or () if isinstance(label, dict)),
                   str(user.get("login") or ""), user.get("id") if isinstance(user.get("id"), int) else None,
                   str(issue.get("body") or ""))


def which_form(forms: list, issue_labels) -> Form:
    """The form whose labels the issue carries; Refused unless exactly one does."""
    matching = [f for f in forms if f.labels and f.labels <= set(issue_labels)]
    if len(matching) == 1:
        return matching[0]
    names = ", ".join(sorted(label for f in forms for label in f.labels))
    raise Refused([FormProblem(None, f"Cannot tell which form this issue comes from: it should carry exactly one of the labels {names}.",
                               f"บอกไม่ได้ว่า issue นี้มาจากแบบฟอร์มใด ต้องมีป้ายใดป้ายหนึ่งเพียงป้ายเดียวจาก {names}")])


def read_answers(body: str, form: Form) -> dict:
    """{field id: answer} from an issue body as GitHub writes a filled-in form.

    An answer is the text between its `### <label>` line and the next field's, line ends made
    LF, outer white space trimmed; `_No response_` is "". A field whose heading is missing has
    no entry. A heading written twice is refused: the answers could no longer be told apart.
    """
    lines = (body or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    headings = {f"### {f.label}": f for f in form.fields.values()}
    starts, problems = {}, []
    for number, line in enumerate(lines):
        found = headings.get(line.rstrip())
        if found is None:
            continue
        if found.id in starts:
            problems.append(FormProblem(found, f'its heading "### {found.label}" appears more than once in the issue. '
                                        "Remove the copy from your answers.",
                                        f'หัวข้อ "### {found.label}" ปรากฏมากกว่าหนึ่งครั้งใน issue ให้ลบหัวข้อที่ซ้ำออกจากคำตอบ'))
        starts.setdefault(found.id, number)
    if problems:
        raise Refused(problems)
    ordered = sorted(starts.values())
    answers = {}
    for field_id, start in starts.items():
        end = next((n for n in ordered if n > start), len(lines))
        value = "\n".join(lines[start + 1:end]).strip()
        answers[field_id] = "" if value == NO_RESPONSE else value
    return answers


# ---------------------------------------------------------------- checking the answers

@dataclass
class Context:
    """What the answers are checked against: the data as it is, the build's date, the words."""

    dataset: data.Dataset
    today: object
    words: dict  # {language: labels tree}
    schemas: dict
    issue: Issue
    data_dir: Path

    def read(self, name: str) -> str:
        """data/<name>.yml's text, exactly as stored."""
        return (self.data_dir / f"{name}.yml").read_bytes().decode("utf-8")

    def shown(self, name: str) -> str:
        return data.display_path(self.data_dir / f"{name}.yml")

    def ids(self, name: str) -> set:
        return {r["id"] for r in self.dataset.records[name]}

    def calendar(self, lang: str) -> dates.Calendar:
        locale = self.words[lang]["locale"]
        return dates.Calendar.of(locale["babel"], int(locale["year_offset"]))

    def enum(self, name: str, prop: str) -> list:
        return data.schema_for(name, self.schemas)["items"]["properties"][prop]["enum"]


class Reader:
    """Reads one form's answers into checked values, collecting every problem before refusing."""

    def __init__(self, form: Form, answers: dict, ctx: Context):
        self.form, self.answers, self.ctx, self.problems = form, answers, ctx, []

    def field(self, field_id: str) -> Field:
        return self.form.fields.get(field_id) or Field(field_id, "input", field_id)

    def problem(self, field_id: str, en: str, th: str) -> None:
        self.problems.append(FormProblem(self.field(field_id), en, th))

    def done(self) -> None:
        if self.problems:
            raise Refused(self.problems)

    def given(self, field_id: str) -> bool:
        return bool(self.answers.get(field_id))

    def text(self, field_id: str, *, required: bool, one_line: bool = True, limit: int = ONE_LINE) -> str | None:
        """The answer as text, or None when empty (a problem when required)."""
        value = self.answers.get(field_id)
        if not value:
            if required and field_id not in self.answers:
                self.problem(field_id, "is missing from the issue: the form may have changed since. "
                             "Open a new issue with the current form.",
                             "ไม่มีช่องนี้ใน issue แบบฟอร์มอาจเปลี่ยนไปแล้ว ให้เปิด issue ใหม่ด้วยแบบฟอร์มปัจจุบัน")
            elif required:
                self.problem(field_id, "is empty. Fill it in: it is required.", "ว่างอยู่ ต้องกรอกช่องนี้")
            return None
        if len(value) > limit:
            self.problem(field_id, f"is {len(value):,} characters long; at most {limit:,} are taken here. Shorten it.",
                         f"ยาว {len(value):,} ตัวอักษร ช่องนี้รับได้ไม่เกิน {limit:,} ตัวอักษร ให้ย่อข้อความ")
            return None
        bad = next((c for c in value if _refused_char(c)), None)
        if bad is not None:
            self.problem(field_id, f"holds the invisible character U+{ord(bad):04X}, which no text needs. "
                         "Delete it (it often comes with text pasted from a PDF or a word processor).",
                         f"มีอักขระที่มองไม่เห็น U+{ord(bad):04X} ซึ่งข้อความไม่จำเป็นต้องมี ให้ลบออก "
                         "(มักติดมากับข้อความที่คัดลอกจาก PDF หรือโปรแกรมพิมพ์เอกสาร)")
            return None
        if one_line and "\n" in value:
            self.problem(field_id, "must be one line. Join the lines.", "ต้องเป็นบรรทัดเดียว ให้รวมเป็นบรรทัดเดียว")
            return None
        return value

    def pair(self, th_id: str, en_id: str, *, required: bool, one_line: bool = True,
             limit: int = ONE_LINE) -> dict | None:
        """{th, en} from two answers; both or neither, since the data needs every text in both."""
        th = self.text(th_id, required=required, one_line=one_line, limit=limit)
        en = self.text(en_id, required=required, one_line=one_line, limit=limit)
        if not required:
            for mine, other in ((th_id, en_id), (en_id, th_id)):
                if self.given(other) and not self.given(mine):
                    self.problem(mine, "is empty, but the same text in the other language is given. "
                                 "Every text needs both Thai and English.",
                                 "ว่างอยู่ แต่กรอกข้อความเดียวกันในอีกภาษาไว้ ข้อความทุกช่องต้องมีทั้งภาษาไทยและภาษาอังกฤษ")
        return {"th": th, "en": en} if th and en else None

    def date(self, field_id: str, *, required: bool, unknown_ok: bool = False) -> str | None:
        """A date as the data writes it (2026-03-15, 2026-03, 2026), or unknown where allowed;
        a date after the build's day is refused (they are all dates of what has happened)."""
        value = self.text(field_id, required=required, limit=40)
        if value is None:
            return None
        shown = data.shown_value(value)
        if value.lower() == dates.UNKNOWN:
            if unknown_ok:
                return dates.UNKNOWN
            self.problem(field_id, "cannot be unknown here: give the date, as precisely as the source does.",
                         "ใช้ unknown ไม่ได้ในช่องนี้ ให้ใส่วันที่ละเอียดเท่าที่แหล่งที่มาระบุ")
            return None
        kind = dates.date_problem(value)
        more_en, more_th = (", or unknown", " หรือ unknown") if unknown_ok else ("", "")
        if kind == "format":
            self.problem(field_id, f"{shown} is not a date. Write a day (2026-03-15), a month (2026-03) or a year (2026), "
                         f"in the Common Era{more_en}.",
                         f"{shown} ไม่ใช่วันที่ ให้เขียนเป็นวัน (2026-03-15) เดือน (2026-03) หรือปี (2026) แบบคริสต์ศักราช{more_th}")
        elif kind == "calendar":
            self.problem(field_id, f"{shown} is not a real date (no such day or month in the calendar).",
                         f"{shown} ไม่มีอยู่จริงในปฏิทิน (ไม่มีวันหรือเดือนนี้)")
        elif dates.parse(value).first_day() > self.ctx.today:
            year = dates.parse(value).year
            self.problem(field_id, f"{shown} is after today. Write years in the Common Era (Buddhist Era {year} is {year - 543}).",
                         f"{shown} เป็นวันที่หลังวันนี้ ให้เขียนปีเป็น ค.ศ. (พ.ศ. {year} คือ ค.ศ. {year - 543})")
        else:
            return value
        return None

    def url(self, field_id: str, *, required: bool) -> str | None:
        value = self.text(field_id, required=required, limit=2000)
        if value is None:
            return None
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in value) \
                or not value.lower().startswith(("http://", "https://")):
            self.problem(field_id, f"{data.shown_value(value)} is not a web address. It must start with http:// or https://, with no spaces.",
                         f"{data.shown_value(value)} ไม่ใช่ที่อยู่เว็บ ต้องขึ้นต้นด้วย http:// หรือ https:// และไม่มีช่องว่าง")
            return None
        return value

    def code(self, field_id: str, allowed, group: str, *, required: bool) -> str | None:
        """A code from a dropdown: one of its options as the form writes it, or the bare code."""
        value = self.text(field_id, required=required, limit=200)
        if value is None:
            return None
        options = {option.split(" ")[0]: option for option in self.field(field_id).options}
        code = value.split(" ")[0]
        if code in allowed and (value == code or options.get(code) == value):
            return code
        hint_en, hint_th = did_you_mean(code, allowed)

        def listing(lang):
            words = self.ctx.words.get(lang, {}).get(group, {})
            return ", ".join(f"{c} ({words[c]})" if c in words else c for c in allowed)
        self.problem(field_id, f"{data.shown_value(value)} is not allowed.{hint_en} Allowed values: {listing('en')}.",
                     f"ใช้ค่า {data.shown_value(value)} ไม่ได้{hint_th} ค่าที่ใช้ได้: {listing('th')}")
        return None

    def ids(self, field_id: str, name: str, *, required: bool, one: bool = False) -> list:
        """Ids of records in data/<name>.yml, typed or pasted as links, separated by commas or spaces."""
        value = self.text(field_id, required=required, limit=ONE_LINE)
        if value is None:
            return []
        known, found = self.ctx.ids(name), []
        for part in filter(None, re.split(r"[,\s]+", value)):
            record_id = id_in(part)
            if record_id not in known:
                hint_en, hint_th = did_you_mean(record_id, sorted(known))
                self.problem(field_id, f'"{record_id}" is not an id in {name}.yml.{hint_en} Copy the id, or the link, from the site.',
                             f'ไม่มีรหัส "{record_id}" ใน {name}.yml{hint_th} ให้คัดลอกรหัสหรือลิงก์จากเว็บไซต์')
            elif record_id not in found:
                found.append(record_id)
        if one and len(found) > 1:
            self.problem(field_id, "names more than one record; give one.", "ระบุมากกว่าหนึ่งรายการ ให้ระบุเพียงรายการเดียว")
        return found

    def ticked(self, field_id: str) -> None:
        """A required tick box: `- [X] ...` as GitHub writes a ticked one."""
        if not re.match(r"^- \[[xX]\] ", self.answers.get(field_id) or ""):
            self.problem(field_id, "is not ticked. Make sure the request holds no personal data, then tick it.",
                         "ยังไม่ได้ทำเครื่องหมาย ให้ตรวจว่าไม่มีข้อมูลส่วนบุคคล แล้วทำเครื่องหมาย")

    def new_id(self, field_id: str, name: str, words: str, when: str | None, *, publisher: bool = False) -> str | None:
        """The clerk's id for a new record in data/<name>.yml, or one made from words and the date."""
        given = self.text(field_id, required=False, limit=100)
        taken = self.ctx.ids(name)
        if given is None:
            return make_id(words, when, taken, publisher=publisher, fallback=name.rstrip("s"))
        given = given.strip("`")
        if not ID_RULE.match(given):
            self.problem(field_id, f"{data.shown_value(given)} is not a valid id. Use only lower-case letters a-z, digits and hyphens (like thairath-2026-03), or leave it empty.",
                         f"{data.shown_value(given)} ไม่ใช่รหัสที่ถูกต้อง ใช้ได้เฉพาะอักษรอังกฤษตัวเล็ก a-z ตัวเลข และขีด (เช่น thairath-2026-03) หรือเว้นว่างไว้")
        elif given in taken:
            self.problem(field_id, f'"{given}" is already an id in {name}.yml. Choose another, or leave it empty.',
                         f'รหัส "{given}" มีอยู่แล้วใน {name}.yml ให้ตั้งรหัสอื่น หรือเว้นว่างไว้')
        else:
            return given
        return None


def did_you_mean(value: str, choices) -> tuple:
    """(" Did you mean "a"?", " หมายถึง "a" หรือไม่") for the nearest of choices, as the data check says it."""
    near = difflib.get_close_matches(str(value), [str(c) for c in choices], n=3, cutoff=0.6)
    if not near:
        return "", ""
    return (" Did you mean " + " or ".join(f'"{c}"' for c in near) + "?",
            " หมายถึง " + " หรือ ".join(f'"{c}"' for c in near) + " หรือไม่")


def _refused_char(char: str) -> bool:
    if char in "\n\t":
        return False
    return unicodedata.category(char) in ("Cc", "Cs", "Co", "Cn") or char in _BIDI


def id_in(text: str) -> str:
    """The record id in what a clerk typed: the id itself, `file/id`, or a link to its page or entry
    (/items/<id>/, /status/#activity-<id>, /sources/#src-<id>, /organizations/#org-<id>, /areas/<id>/)."""
    text = text.strip("`'\"<>()")
    if text.lower().startswith(("http://", "https://")):
        parts = urlsplit(text)
        for prefix in ("activity-", "src-", "org-"):
            if parts.fragment.startswith(prefix):
                return parts.fragment[len(prefix):].lower()
        segments = [s for s in parts.path.split("/") if s and s != "index.html"]
        return segments[-1].lower() if segments else text
    head, _, tail = text.partition("/")
    return (tail if head in data.FILES and tail else text).lower()


def slug(text: str, *, publisher: bool = False, words: int = 4) -> str:
    """Lower-case ASCII words of text joined by hyphens: "Bangkok Post" -> "bangkok-post".

    A publisher given as a web site ("www.thairath.co.th") keeps its name ("thairath"); one
    with an acronym in brackets ("Asian Development Bank (ADB)") is known by the acronym.
    """
    if publisher:
        acronym = re.search(r"\(([A-Z][A-Za-z0-9]{1,9})\)", text)
        if acronym:
            return acronym.group(1).lower()
        site = re.fullmatch(r"(?:https?://)?(?:www\.)?([a-z0-9-]+)(?:\.[a-z0-9-]+)+/?", text.strip().lower())
        if site:
            return site.group(1).strip("-")
    # accents dropped (é -> e); any other letter or mark outside ASCII (Thai, a dash) parts words
    plain = "".join(c if c.isascii() else "" if unicodedata.combining(c) else " "
                    for c in unicodedata.normalize("NFKD", text)).lower().replace("'", "")
    found = re.findall(r"[a-z0-9]+", plain)
    kept = [w for w in found if w not in _STOP] or found
    return "-".join(w[:20] for w in kept[:words])


def make_id(words: str, when: str | None, taken: set, *, publisher: bool = False, fallback: str = "record") -> str:
    """A new id from words (a publisher or an English title) and the date's year and month,
    unique among taken: thairath-2026-03, then thairath-2026-03-2."""
    stem = slug(words, publisher=publisher) or fallback
    if when and not dates.is_unknown(when):
        stem += "-" + dates.parse(when).iso()[:7]
    candidate, n = stem, 1
    while candidate in taken:
        n += 1
        candidate = f"{stem}-{n}"
    return candidate


def period_of(when: str, mou_report: str) -> str | None:
    """before or after the 2018 MOU, whose signing was reported in mou_report (2018-02); None
    when the date overlaps that month (2018, or a day in February 2018) and cannot tell."""
    day, mou = dates.parse(when), dates.parse(mou_report)
    if day.last_day() < mou.first_day():
        return "before"
    if day.first_day() > mou.last_day():
        return "after"
    return None


# ---------------------------------------------------------------- writing YAML as text

def scalar(text: str) -> str:
    """text as a one-line double-quoted YAML scalar, by ruamel's emitter, read back by both of
    ruamel's readers (its C one and its pure one) to be sure it holds exactly text."""
    yaml = YAML(typ="rt")
    yaml.width = 1 << 30  # never fold: one line, whatever the text
    yaml.allow_unicode = True
    out = io.StringIO()
    yaml.dump([DoubleQuotedScalarString(text)], out)
    line = out.getvalue()
    written = line[2:-1] if line.startswith('- "') and line.endswith('"\n') and line.count("\n") == 1 else None
    for reader in (YAML(typ="safe", pure=True), YAML(typ="safe")):
        if written is None or reader.load(f"k: {written}\n") != {"k": text}:
            raise ValueError(f"cannot write {text!r} as one YAML scalar")
    return written


def _plain(key: str, value: str) -> str:
    """A code, id or date, written as the data files write them (checked, never free text)."""
    if not isinstance(value, str) or not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", value):
        raise ValueError(f"{key}: {value!r} is not a code")
    return value


def mapping_lines(mapping: dict, first: str, pad: str, inner: str) -> list:
    """A mapping as the data files write one: its first field after `first` (the "- " of a list
    item, indented), the others after `pad`, th/en texts under a field after `inner`; codes, ids
    and dates plain, lists of ids in brackets, every text and web address a double-quoted scalar."""
    lines = []
    for key, value in mapping.items():
        lead = first if not lines else pad
        if isinstance(value, dict):
            lines.append(f"{lead}{key}:")
            lines += [f"{inner}{lang}: {scalar(text)}" for lang, text in value.items()]
        elif isinstance(value, list):
            lines.append(f"{lead}{key}: [{', '.join(_plain(key, v) for v in value)}]")
        elif key == "url":
            lines.append(f"{lead}{key}: {scalar(value)}")
        else:
            lines.append(f"{lead}{key}: {_plain(key, value)}")
    return lines


class TextEdit:
    """A data file's text as lines, changed only where asked; the rest stays byte for byte.

    Lines keep their own ending ("\\r" stays on a CRLF line); added lines get the file's. Changes
    are collected, then applied from the bottom up so that each one's line number still holds.
    """

    def __init__(self, text: str, shown: str):
        self.bom = "\ufeff" if text.startswith("\ufeff") else ""
        self.body = text[len(self.bom):]
        self.shown = shown
        # ruamel counts these as line breaks too; with them, its line numbers and ours would differ
        if re.search("[\x85\u2028\u2029]|\r(?!\n)", self.body):
            raise NeedsPerson(person(f"`{shown}` holds unusual line breaks; the intake cannot edit it safely.",
                                     f"`{shown}` มีตัวขึ้นบรรทัดใหม่แบบพิเศษ ระบบแก้แฟ้มนี้อย่างปลอดภัยไม่ได้"))
        self.lines = self.body.split("\n")
        self.cr = "\r" if self.lines and self.lines[0].endswith("\r") else ""
        self.changes = []  # (line index, 1 replace / 0 insert before, content)

    def tree(self):
        return YAML(typ="rt").load(self.body)  # for where each field is: its line and column

    def core(self, index: int) -> str:
        return self.lines[index].removesuffix("\r")

    def replace_line(self, index: int, content: str) -> None:
        ending = "\r" if self.lines[index].endswith("\r") else ""
        self.changes.append((index, 1, [content + ending]))

    def insert_before(self, index: int, contents: list, ending: tuple = ()) -> None:
        self.changes.append((index, 0, [c + self.cr for c in contents] + list(ending)))

    def append_record(self, record: dict) -> None:
        """A record after the last one, one blank line between, as the files separate them."""
        if self.lines[-1] == "":  # the file ends with a line break, as it should
            at, ending = len(self.lines) - 1, ()
        else:  # the last line gets its line break, and the file still ends without one
            self.changes.append((len(self.lines) - 1, 1, [self.lines[-1] + self.cr]))
            at, ending = len(self.lines), ("",)
        blank = [""] if at and self.core(at - 1).strip() else []
        self.insert_before(at, blank + mapping_lines(record, "- ", "  ", "    "), ending)

    def text(self) -> str:
        lines = list(self.lines)
        for index, kind, contents in sorted(self.changes, key=lambda c: (c[0], c[1]), reverse=True):
            lines[index:index + kind] = contents
        return self.bom + "\n".join(lines)

    def cannot(self, what_en: str, what_th: str):
        return NeedsPerson(person(f"{what_en} in `{self.shown}` is written in a way the intake does not edit; "
                                  "a person must make this change.",
                                  f"{what_th} ใน `{self.shown}` เขียนในรูปแบบที่ระบบไม่แก้เอง ต้องให้ผู้ดูแลแก้"))

    # -- one record's fields

    def set_value(self, record, key: str, value: str) -> None:
        """`key: old` -> `key: value` on its own line, a comment after it kept."""
        index = record.lc.key(key)[0]
        match = re.match(rf"^(\s*(?:-\s+)?{re.escape(key)}:[ \t]*)(?:\"[^\"]*\"|'[^']*'|[^\s#\"']+)([ \t]*(?:#.*)?)$",
                         self.core(index))
        if not match:
            raise self.cannot(f'The field "{key}"', f'ฟิลด์ "{key}"')
        self.replace_line(index, match.group(1) + value + match.group(2))

    def add_to_list(self, record, key: str, values: list) -> None:
        """values added at the end of a list of ids, `[a, b]` on one line or one `- id` a line."""
        node = record[key]
        new = [v for v in values if v not in node]
        if not new:
            return
        if node.fa.flow_style():
            index = record.lc.key(key)[0]
            match = re.match(rf"^(\s*{re.escape(key)}:[ \t]*\[)([^\]#\"']*?)([ \t]*\][ \t]*(?:#.*)?)$", self.core(index))
            if not match:
                raise self.cannot(f'The list "{key}"', f'รายการ "{key}"')
            joined = ", ".join(new)
            self.replace_line(index, match.group(1) + (f"{match.group(2)}, {joined}" if match.group(2).strip() else joined)
                              + match.group(3))
            return
        index, column = node.lc.item(len(node) - 1)
        prefix = self.core(index)[:column]
        if not re.fullmatch(r"\s*-\s+", prefix) or not re.fullmatch(r"[a-z0-9-]+[ \t]*(#.*)?", self.core(index)[column:]):
            raise self.cannot(f'The list "{key}"', f'รายการ "{key}"')
        self.insert_before(index + 1, [prefix + v for v in new])

    def append_to_sequence(self, tree, position: int, key: str, entry: dict) -> None:
        """entry (a mapping of codes, dates, texts and id lists) after the last item of the block
        list under record[key], indented as that item is."""
        record = tree[position]
        node = record[key]
        if not isinstance(node, list) or not node or node.fa.flow_style() or not isinstance(node[-1], dict):
            raise self.cannot(f'The list "{key}"', f'รายการ "{key}"')
        first, column = node.lc.item(len(node) - 1)
        lead = re.match(r"^(\s*)-(\s+)", self.core(first))
        if not lead or len(lead.group(0)) != column:
            raise self.cannot(f'The list "{key}"', f'รายการ "{key}"')
        inner = column + 2
        for value in node[-1].values():  # th/en under a field, as the entry above has them
            if isinstance(value, dict) and value and not value.fa.flow_style():
                inner = value.lc.key(next(iter(value)))[1]
                break
        # the list ends before the record's next field, or before the next record; blank lines
        # and comments at its end stay after it
        keys = list(record.keys())
        after = keys[keys.index(key) + 1:]
        if after:
            end = record.lc.key(after[0])[0]
        elif position + 1 < len(tree):
            end = tree.lc.item(position + 1)[0]
        else:
            end = len(self.lines)
        end -= 1
        while end > first and (not self.core(end).strip() or self.core(end).lstrip().startswith("#")):
            end -= 1
        self.insert_before(end + 1, mapping_lines(entry, lead.group(0), " " * column, " " * inner))


def fenced(text: str) -> str:
    """text as a Markdown code block, its fence longer than any run of backticks in it."""
    fence = "`" * max(3, 1 + max((len(run) for run in re.findall("`+", text)), default=0))
    return f"\n{fence}text\n{text}\n{fence}\n"


def person(en: str, th: str) -> str:
    """The Markdown a form left for a person prints: why, in both languages."""
    return f"**ต้องให้ผู้ดูแลทำต่อ · Left for a maintainer**\n\n- {th}\n- {en}\n"


# ---------------------------------------------------------------- what each form changes

@dataclass
class Change:
    """A form's edit: the new text of each data file it changes, and what to say about it."""

    texts: dict  # data file name -> new text
    expected: dict  # data file name -> the plain records the new text must read as
    subject: str  # the commit's subject
    th: list = field(default_factory=list)  # Markdown lines of the summary, in Thai
    en: list = field(default_factory=list)


def read_sources(r: Reader, *, new_required: bool) -> tuple:
    """(ids of sources already in sources.yml, the new source's record or None) from the source
    fields; at least one source is needed."""
    existing = r.ids("source-ids", "sources", required=False) if "source-ids" in r.form.fields else []
    fields = [f for f in r.form.fields if f.startswith("source-") and f != "source-ids"]
    new = read_new_source(r) if new_required or any(r.given(f) for f in fields) else None
    if not new_required and not r.given("source-ids") and not any(r.given(f) for f in fields):
        r.problem("source-ids", "is empty, and no new source is given below. Every change needs a source: "
                  "give the ids of sources already on the site, or fill in the new source.",
                  "ว่างอยู่ และไม่ได้กรอกแหล่งที่มาใหม่ด้านล่าง ทุกการเปลี่ยนแปลงต้องมีแหล่งที่มา "
                  "ให้ใส่รหัสแหล่งที่มาที่มีอยู่แล้ว หรือกรอกแหล่งที่มาใหม่")
    return existing, new


def read_new_source(r: Reader) -> dict | None:
    ctx = r.ctx
    url = r.url("source-url", required=True)
    publisher = r.pair("source-publisher-th", "source-publisher-en", required=True)
    headline = r.text("source-headline", required=False)
    published = r.date("source-date", required=True, unknown_ok=True)
    language = r.code("source-language", ctx.enum("sources", "language"), "source_language", required=True)
    description = r.pair("source-description-th", "source-description-en", required=True)
    headline_languages = list(data.schema_for("sources", ctx.schemas)["items"]["properties"]["headline"]["properties"])
    if headline and language and language not in headline_languages:
        r.problem("source-headline", f'can be kept only for a source in {", ".join(headline_languages)}; this one is in "{language}". '
                  "Leave it empty.",
                  f'เก็บได้เฉพาะแหล่งที่มาภาษา {", ".join(headline_languages)} แหล่งนี้เป็นภาษา "{language}" ให้เว้นว่างไว้')
    same = next((s["id"] for s in ctx.dataset.records["sources"] if url and s.get("url") == url), None)
    if same:
        r.problem("source-url", f'is already the source "{same}". Give that id under "Sources already on the site" '
                  "instead of a new source.",
                  f'เป็นแหล่งที่มา "{same}" อยู่แล้ว ให้ใส่รหัสนั้นในช่อง "แหล่งที่มาที่มีอยู่แล้ว" แทนการเพิ่มแหล่งที่มาใหม่')
    record_id = r.new_id("source-id", "sources", publisher["en"] if publisher else "", published, publisher=True)
    if not (url and publisher and published and language and description and record_id) or same:
        return None
    record = {"id": record_id}
    if headline:
        record["headline"] = {language: headline}
    record.update(description=description, publisher=publisher, url=url, published=published, language=language)
    return record


def status_update(r: Reader) -> Change:
    ctx = r.ctx
    found = r.ids("record", "activities", required=True, one=True)
    status = r.code("status", list(data.STATUSES), "item_status", required=True)
    when = r.date("date", required=True)
    note = r.pair("note-th", "note-en", required=True, one_line=False, limit=LONG_TEXT)
    existing, new = read_sources(r, new_required=False)
    r.ticked("no-personal-data")
    record = ctx.dataset.get("activities", found[0]) if len(found) == 1 else None
    history = record.get("history") or [] if record else []
    last = history[-1].get("date") if history else None
    if when and last and not dates.is_unknown(last) and dates.parse(when).last_day() < dates.parse(last).first_day():
        r.problem("date", f'{data.shown_value(when)} is before the item\'s latest history entry ({last}); this form adds the newest one. '
                  "For an older change, use the correction form.",
                  f"{data.shown_value(when)} อยู่ก่อนประวัติล่าสุดของรายการนี้ ({last}) แบบฟอร์มนี้เพิ่มประวัติรายการล่าสุด "
                  "ถ้าเป็นการเปลี่ยนแปลงที่เก่ากว่านั้น ให้ใช้แบบฟอร์มแก้ไขข้อมูลผิด")
    r.done()
    cited = existing + ([new["id"]] if new else [])
    texts, expected = {}, {}
    edit = TextEdit(ctx.read("activities"), ctx.shown("activities"))
    tree = edit.tree()
    position = next(i for i, item in enumerate(tree) if item.get("id") == record["id"])
    entry = {"date": when, "status": status, "note": note, "sources": cited}
    edit.append_to_sequence(tree, position, "history", entry)
    edit.add_to_list(tree[position], "sources", cited)
    edit.set_value(tree[position], "confirmed", when)
    edit.set_value(tree[position], "status", status)
    texts["activities"] = edit.text()
    after = copy.deepcopy(ctx.dataset.records["activities"])
    item = after[position]
    item.update(status=status, confirmed=when)
    item["sources"] = item["sources"] + [s for s in cited if s not in item["sources"]]
    item["history"] = item["history"] + [entry]
    expected["activities"] = after
    change = Change(texts, expected, f"Data: status of {record['id']} from issue #{ctx.issue.number}")
    for lang, out in (("th", change.th), ("en", change.en)):
        cal, w = ctx.calendar(lang), ctx.words[lang]["item_status"]
        head = ("**อัปเดตสถานะ**", "สถานะ", "ยืนยันล่าสุด", "หมายเหตุ", "แหล่งที่มา") if lang == "th" else \
            ("**Status update**", "Status", "Last confirmed", "Note", "Sources")
        out += [f"{head[0]} `{record['id']}` {md(record['title'][lang])}",
                f"- {head[1]}: {md(w[record['status']])} → {md(w[status])}",
                f"- {head[2]}: {md(_when(record['confirmed'], cal, lang))} → {md(cal.date(when))}",
                f"- {head[3]}: {md(note[lang])}",
                f"- {head[4]}: {', '.join(f'`{s}`' for s in cited)}"]
    if new:
        add_source(ctx, change, new)
    return change


def _when(value: str, cal: dates.Calendar, lang: str) -> str:
    return ("ไม่ทราบ" if lang == "th" else "unknown") if dates.is_unknown(value) else cal.date(value)


def add_source(ctx: Context, change: Change, record: dict) -> None:
    """A new source appended to sources.yml, and said in the summary."""
    edit = TextEdit(ctx.read("sources"), ctx.shown("sources"))
    edit.append_record(record)
    change.texts["sources"] = edit.text()
    change.expected["sources"] = ctx.dataset.records["sources"] + [record]
    for lang, out in (("th", change.th), ("en", change.en)):
        cal, words = ctx.calendar(lang), ctx.words[lang]["source_language"]
        head = ("**แหล่งที่มาใหม่**", "ผู้เผยแพร่", "พาดหัว", "เผยแพร่", "ภาษา", "คืออะไร") if lang == "th" else \
            ("**New source**", "Publisher", "Headline", "Published", "Language", "What it is")
        out += ["", f"{head[0]} `{record['id']}` {md(record['url'])}",
                f"- {head[1]}: {md(record['publisher'][lang])}",
                *([f"- {head[2]}: {md(next(iter(record['headline'].values())))}"] if "headline" in record else []),
                f"- {head[3]}: {md(_when(record['published'], cal, lang))}",
                f"- {head[4]}: {md(words.get(record['language'], record['language']))}",
                f"- {head[5]}: {md(record['description'][lang])}"]


def new_source(r: Reader) -> Change:
    _, new = read_sources(r, new_required=True)
    r.ticked("no-personal-data")
    r.done()
    change = Change({}, {}, f"Data: new source {new['id']} from issue #{r.ctx.issue.number}")
    add_source(r.ctx, change, new)
    change.th.pop(0)
    change.en.pop(0)
    return change


def new_related(r: Reader) -> Change:
    ctx = r.ctx
    title = r.pair("title-th", "title-en", required=True)
    description = r.pair("description-th", "description-en", required=True, one_line=False, limit=LONG_TEXT)
    when = r.date("date", required=True)
    end = r.date("end-date", required=False)
    answer = r.code("period", ctx.enum("related", "period"), "related_period", required=False)
    areas = r.ids("areas", "areas", required=True)
    organizations = r.ids("organizations", "organizations", required=False)
    place = r.pair("place-th", "place-en", required=False)
    note = r.pair("note-th", "note-en", required=False, one_line=False, limit=LONG_TEXT)
    existing, new = read_sources(r, new_required=False)
    record_id = r.new_id("id", "related", title["en"] if title else "", when)
    r.ticked("no-personal-data")
    if when and end and dates.parse(end).first_day() < dates.parse(when).first_day():
        r.problem("end-date", f"{data.shown_value(end)} is before the first day ({when}).",
                  f"{data.shown_value(end)} อยู่ก่อนวันแรก ({when})")
    period = None
    report = ctx.dataset.by_id("events").get(MOU_2018_REPORT, {}).get("date")
    if when and report and not dates.is_unknown(report):
        period = period_of(when, report)
        shown = data.shown_value(when)
        if period is None and answer is None:
            r.problem("date", f"{shown} cannot be placed before or after the 2018 MOU, whose signing was reported in {report} "
                      "(the day is not known). Answer \"Before or after the 2018 MOU\", or give a more precise date.",
                      f"บอกไม่ได้ว่า {shown} อยู่ก่อนหรือหลังบันทึกความเข้าใจ พ.ศ. 2561 ซึ่งมีรายงานการลงนามใน {report} "
                      "(ไม่ทราบวัน) ให้ตอบช่อง \"ก่อนหรือหลังบันทึกความเข้าใจ พ.ศ. 2561\" หรือใส่วันที่ให้ละเอียดขึ้น")
        elif period is not None and answer is not None and answer != period:
            r.problem("period", f'is "{answer}", but the date {shown} is {period} the 2018 MOU (its signing was reported in {report}). '
                      "Leave it empty: it is worked out from the date.",
                      f'ตอบว่า "{answer}" แต่วันที่ {shown} อยู่{"ก่อน" if period == "before" else "หลัง"}บันทึกความเข้าใจ พ.ศ. 2561 '
                      f"(มีรายงานการลงนามใน {report}) ให้เว้นว่างไว้ ระบบคิดจากวันที่เอง")
        period = period or answer
    elif when:
        raise NeedsPerson(person(f'events.yml has no dated record "{MOU_2018_REPORT}" to place the development before or after the 2018 MOU.',
                                 f'events.yml ไม่มีข้อมูล "{MOU_2018_REPORT}" ที่มีวันที่ จึงบอกไม่ได้ว่าอยู่ก่อนหรือหลังบันทึกความเข้าใจ พ.ศ. 2561'))
    r.done()
    cited = existing + ([new["id"]] if new else [])
    record = {"id": record_id, "date": when, **({"end_date": end} if end else {}), "period": period,
              "title": title, "description": description, "areas": areas,
              **({"organizations": organizations} if organizations else {}),
              **({"place": place} if place else {}), **({"note": note} if note else {}), "sources": cited}
    edit = TextEdit(ctx.read("related"), ctx.shown("related"))
    edit.append_record(record)
    change = Change({"related": edit.text()}, {"related": ctx.dataset.records["related"] + [record]},
                    f"Data: new related development {record_id} from issue #{ctx.issue.number}")
    area_titles = ctx.dataset.by_id("areas")
    for lang, out in (("th", change.th), ("en", change.en)):
        cal, words = ctx.calendar(lang), ctx.words[lang]["related_period"]
        head = ("**ความเคลื่อนไหวที่เกี่ยวข้องใหม่**", "วันที่", "ช่วงเวลา", "ด้านความร่วมมือ", "รายละเอียด", "แหล่งที่มา") \
            if lang == "th" else ("**New related development**", "Date", "Period", "Cooperation areas", "Description", "Sources")
        span = cal.range(when, end) if end else cal.date(when)
        out += [f"{head[0]} `{record_id}` {md(title[lang])}",
                f"- {head[1]}: {md(span)}",
                f"- {head[2]}: {md(words.get(period, period))}",
                f"- {head[3]}: {', '.join(md(area_titles[a]['title'][lang]) for a in areas)}",
                f"- {head[4]}: {md(description[lang])}",
                f"- {head[5]}: {', '.join(f'`{s}`' for s in cited)}"]
    if new:
        add_source(ctx, change, new)
    return change


def correction(r: Reader) -> Change:
    """Checked, then left for a person: what is wrong is for a maintainer to weigh."""
    ctx = r.ctx
    where = r.text("record", required=True, limit=2000)
    what = r.text("what", required=True, one_line=False, limit=LONG_TEXT)
    evidence = r.url("evidence", required=True)
    when = r.date("date", required=True, unknown_ok=True)
    r.ticked("no-personal-data")
    shown = None
    if where and where.lower().startswith(("http://", "https://")):
        shown = md(where)  # a page of the site: a person reads it
    elif where:
        head, _, tail = where.strip("`").partition("/")
        names = [head] if tail and head in data.FILES else list(data.FILES)
        record_id = id_in(where)
        owner = next((n for n in names if record_id in ctx.ids(n)), None)
        if owner is None:
            known = sorted({i for n in names for i in ctx.ids(n)})
            hint_en, hint_th = did_you_mean(record_id, known)
            r.problem("record", f'"{record_id}" is not an id of any record.{hint_en} Use the record\'s "Suggest a correction to this record" link, or give the link to the page.',
                      f'ไม่มีข้อมูลรหัส "{record_id}"{hint_th} ให้ใช้ลิงก์ "เสนอให้แก้ไขข้อมูลนี้" ของรายการนั้น หรือใส่ลิงก์ของหน้าแทน')
        else:
            line = ctx.dataset.lines[owner][record_id]
            shown = f"`{owner}/{record_id}` (`{ctx.shown(owner)}`, line {line} · บรรทัด {line})"
    r.done()
    raise NeedsPerson(person("A correction is made by a maintainer. The form is complete.",
                             "การแก้ไขข้อมูลผิดต้องให้ผู้ดูแลแก้เอง แบบฟอร์มครบถ้วน")
                      + f"\n- รายการ · Record: {shown}\n- หลักฐาน · Evidence: {md(evidence)} ({when})\n"
                      f"- อะไรผิด · What is wrong: {md(what)}\n")


def new_item(r: Reader) -> Change:
    """Checked, then left for a person: a new MOU item is rare and changes counts on every page."""
    ctx = r.ctx
    title = r.pair("title-th", "title-en", required=True)
    description = r.pair("description-th", "description-en", required=True, one_line=False, limit=LONG_TEXT)
    agreement = r.ids("agreement", "agreements", required=True, one=True)
    area = r.ids("area", "areas", required=True, one=True)
    kind = r.code("kind", ctx.enum("activities", "kind"), "item_kind", required=True)
    status = r.code("status", list(data.STATUSES), "item_status", required=True)
    evidence = r.url("evidence", required=True)
    when = r.date("date", required=True)
    r.ticked("no-personal-data")
    r.done()
    raise NeedsPerson(person("A new MOU item is added by a maintainer. The form is complete.",
                             "รายการใหม่ภายใต้บันทึกความเข้าใจต้องให้ผู้ดูแลเพิ่มเอง แบบฟอร์มครบถ้วน")
                      + f"\n- ชื่อ · Title: {md(title['th'])} · {md(title['en'])}\n"
                      f"- รายละเอียด · Description: {md(description['th'])} · {md(description['en'])}\n"
                      f"- `agreement: {agreement[0]}`, `area: {area[0]}`, `kind: {kind}`, `status: {status}`\n"
                      f"- หลักฐาน · Evidence: {md(evidence)} ({when})\n")


HANDLERS = {"status-update": status_update, "new-related": new_related, "new-source": new_source,
            "correction": correction, "new-item": new_item}


# ---------------------------------------------------------------- the whole intake

class Intake:
    """One run: the settings of mkdocs.yml, the data as it is, and the issue."""

    def __init__(self, config_file: Path, issue: Issue):
        settings = config.load(config_file)
        self.root = Path(config_file).resolve().parent
        self.data_dir, self.schemas_dir = Path(settings.data_dir), Path(settings.schemas_dir)
        self.words = labels.read_all(Path(settings.labels_dir))
        self.terms = data.load_terms(Path(settings.terms_file))
        self.today = dates.build_date()
        self.issue = issue

    def check(self, data_dir: Path):
        return data.check(data_dir, self.schemas_dir, self.today, self.words, self.terms)

    def context(self) -> Context:
        dataset, problems = self.check(self.data_dir)
        if problems:
            raise NeedsPerson(person("The data files already have problems, before any change from this form; "
                                     "a maintainer must fix them first:", "แฟ้มข้อมูลมีปัญหาอยู่ก่อนแล้ว "
                                     "ก่อนแก้ตามแบบฟอร์มนี้ ผู้ดูแลต้องแก้ก่อน:")
                              + fenced("\n".join(map(str, problems))))
        return Context(dataset, self.today, self.words, data.load_schemas(self.schemas_dir), self.issue, self.data_dir)

    def apply(self, change: Change) -> str:
        """Check the change in a copy of the data folder, then write it: the data check's summary line.
        Refused with the check's problems (named as in the real folder) when it does not pass."""
        with tempfile.TemporaryDirectory(prefix="thlao-intake-") as tmp:
            copy_dir = Path(tmp) / "data"
            shutil.copytree(self.data_dir, copy_dir)
            for name, text in change.texts.items():
                (copy_dir / f"{name}.yml").write_bytes(text.encode("utf-8"))
                tree, problems = data.read_yaml(copy_dir / f"{name}.yml")
                plain = data.to_plain(tree) if not problems else None
                data.coerce_years(name, plain)
                expected = copy.deepcopy(change.expected[name])
                data.coerce_years(name, expected)
                if plain != expected:
                    raise NeedsPerson(person(f"The edit of `{name}.yml` did not read back as the records it should hold; "
                                             "a person must make this change.",
                                             f"การแก้ `{name}.yml` อ่านกลับได้ไม่ตรงกับข้อมูลที่ควรเป็น ต้องให้ผู้ดูแลแก้"))
            dataset, problems = self.check(copy_dir)
            if problems:
                shown = {f"{name}.yml": data.display_path(self.data_dir / f"{name}.yml") for name in data.FILES}
                raise Refused([replace(p, path=shown.get(Path(p.path).name, p.path)) for p in problems],
                              "The data check refuses the edit this form makes. / ตัวตรวจข้อมูลไม่ยอมรับการแก้ไขจากแบบฟอร์มนี้")
        for name, text in change.texts.items():
            target = self.data_dir / f"{name}.yml"
            staged = target.with_name(f".{target.name}.intake")
            staged.write_bytes(text.encode("utf-8"))
            staged.replace(target)
        return data.summary_line(dataset)

    def summary(self, change: Change, checked: str) -> str:
        files = ", ".join(f"`{data.display_path(self.data_dir / f'{name}.yml')}`" for name in change.texts)
        author = f"@{self.issue.author}" if _LOGIN.match(self.issue.author) else ""
        return "\n".join([
            "## ข้อมูลที่แก้จากแบบฟอร์ม · Data edit from the form", "",
            f"Closes #{self.issue.number}", "",
            "### ภาษาไทย", "", *change.th, "",
            "### English", "", *change.en, "",
            f"แฟ้มที่แก้ · Files changed: {files}", "",
            f"ตรวจข้อมูล · Data check: {md(checked)}", "",
            f"จากแบบฟอร์มของ · From the form filed by {author} (#{self.issue.number})".rstrip()])

    def commit_message(self, change: Change) -> str:
        lines = [change.subject, "", f"Made by thlao/intake.py from the accepted issue #{self.issue.number}."]
        if _LOGIN.match(self.issue.author) and self.issue.author_id:
            lines += ["", f"Co-authored-by: {self.issue.author} "
                      f"<{self.issue.author_id}+{self.issue.author}@users.noreply.github.com>"]
        return "\n".join(lines) + "\n"


_LOGIN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$")


def run(event_path: Path, config_file: Path, out=sys.stdout, err=sys.stderr, commit_message: Path | None = None) -> int:
    """The intake of one issue event; the exit code."""
    try:
        try:
            event = json.loads(Path(event_path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise Refused([FormProblem(None, f"The event file cannot be read: {error}.", f"อ่านแฟ้มเหตุการณ์ไม่ได้: {error}")]) from error
        issue = Issue.of(event)
        intake = Intake(config_file, issue)
        form = which_form(read_forms(intake.root / FORMS_DIR), issue.labels)
        reader = Reader(form, read_answers(issue.body, form), intake.context())
        change = HANDLERS[form.name](reader)
        checked = intake.apply(change)
    except Refused as refused:
        if refused.intro:
            print(refused.intro, file=err)
        for problem in refused.problems:
            print(problem, file=err)
        n = len(refused.problems)
        print(f"{n} problem(s): nothing was changed. Correct the issue (edit it), and the intake runs again. / "
              f"พบปัญหา {n} เรื่อง ยังไม่ได้แก้ข้อมูลใด ให้แก้ issue (กดแก้ไข) แล้วระบบจะทำงานอีกครั้ง", file=err)
        return 1
    except NeedsPerson as needs:
        print(needs.summary, file=out)
        return 2
    except Exception as error:  # a bug or a broken setting: a person must look, and a clerk sees no traceback
        traceback.print_exc(file=err)
        said = md(repr(error)[:300])  # it may quote the issue: escaped, as everything shown on GitHub
        print(person(f"The intake itself failed ({said}). Please tell the site team.",
                     f"ระบบรับแบบฟอร์มทำงานผิดพลาด ({said}) โปรดแจ้งทีมเว็บไซต์"), file=out)
        return 2
    print(intake.summary(change, checked), file=out)
    if commit_message:
        Path(commit_message).write_text(intake.commit_message(change), encoding="utf-8")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Turn an accepted issue form into a data edit.")
    parser.add_argument("event", type=Path, help="the GitHub issues event (JSON), e.g. $GITHUB_EVENT_PATH")
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"),
                        help="the site's mkdocs.yml, whose thlao plugin settings say where the data is")
    parser.add_argument("--commit-message", type=Path, help="also write the commit message (with Co-authored-by) here")
    args = parser.parse_args(argv)
    return run(args.event, args.config_file, commit_message=args.commit_message)


if __name__ == "__main__":
    sys.exit(main())
