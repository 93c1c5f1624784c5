"""Loading and checking the data files: YAML with line numbers, JSON Schema, cross-references, dates.

Every problem is a `Problem` (file, line, English, Thai), all collected before
anything is reported, so a clerk sees every mistake in one run.
"""
import functools
import json
import os
import re
from dataclasses import dataclass, field
from datetime import date as _date
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.constructor import DuplicateKeyError, RoundTripConstructor, SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent, NodeEvent

from thlao import dates

ROOT = Path(__file__).resolve().parent.parent
# The data files in the order the open data and the data dictionary show them (load order changes
# no output: problems are sorted).
FILES = ("agreements", "areas", "activities", "events", "trainings", "organizations", "sources", "glossary",
         "related", "remarks", "questions")
NOT_REPORTED = "not-reported"
STATUSES = ("pipeline", "implementation", "finalisation", "closed", "cancelled", "suspended", NOT_REPORTED)
# What a record of activities.yml can be reported as; every kind is an MOU item, counted on the dashboard.
KINDS = ("area", "aim", "plan", "matter", "discussed")

# Fields holding dates, per file ("*" = every item of a list).
DATE_FIELDS = {
    "agreements": ("signed", "confirmed"),
    "activities": ("confirmed", "history.*.date"),
    "events": ("date", "end_date", "other_reports.*.date"),
    "trainings": ("date",),
    "sources": ("published",),
    "related": ("date", "end_date"),
    "remarks": ("date",),
}
# Dates of what has already happened: one after today is a typo, most often a Buddhist-Era
# year (2569) where the files use the Common Era (2026). Dates computed from a term may lie ahead,
# but they are never stored.
PAST_FIELDS = {
    "agreements": ("signed", "confirmed"),
    "activities": ("confirmed", "history.*.date"),
    "trainings": ("date",),
    "sources": ("published",),
    "related": ("date", "end_date"),
    "remarks": ("date",),
}
# Fields holding ids of records in another file.
REFERENCES = {
    "agreements": (("parties.*", "organizations"), ("signatories.*.organization", "organizations"),
                   ("follows", "agreements"), ("sources.*", "sources")),
    "areas": (("agreements.*", "agreements"), ("sources.*", "sources")),
    "activities": (("agreement", "agreements"), ("area", "areas"), ("leads.*.organization", "organizations"),
                   ("leads.*.sources.*", "sources"), ("sources.*", "sources"), ("history.*.sources.*", "sources")),
    "events": (("agreement", "agreements"), ("sources.*", "sources"), ("other_reports.*.sources.*", "sources")),
    "trainings": (("organizers.*", "organizations"), ("sources.*", "sources")),
    "organizations": (("renamed_from", "organizations"), ("sources.*", "sources")),
    "glossary": (("sources.*", "sources"),),
    "related": (("areas.*", "areas"), ("organizations.*", "organizations"), ("sources.*", "sources")),
    "remarks": (("agreement", "agreements"), ("areas.*", "areas"), ("sources.*", "sources")),
    "questions": (("about.agreements.*", "agreements"), ("about.areas.*", "areas"),
                  ("about.activities.*", "activities"), ("about.events.*", "events"),
                  ("about.trainings.*", "trainings"), ("about.related.*", "related"), ("sources.*", "sources")),
}
_TYPE_WORDS = {
    "string": ("text", "ข้อความ"), "array": ("a list", "รายการ (list)"),
    "object": ("a group of fields", "กลุ่มของฟิลด์"), "integer": ("a whole number", "จำนวนเต็ม"),
    "null": ("nothing", "ค่าว่าง"), "boolean": ("yes/no", "ใช่/ไม่ใช่"), "number": ("a number", "ตัวเลข"),
}
_DATE_HELP = ("Write a day (2016-12-26), a month (2018-02) or a year (2016)",
              "ให้เขียนเป็นวัน (2016-12-26) เดือน (2018-02) หรือปี (2016) แบบคริสต์ศักราช")


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one data file, in English and Thai."""

    path: str
    line: int
    en: str
    th: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.en} / {self.th}"

    def annotation(self) -> str:
        """The same problem as a GitHub Actions error annotation (workflow-command escaping)."""
        message = f"{self.en} / {self.th}".replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        path = self.path.replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
        return f"::error file={path},line={self.line}::{message}"


class DataError(Exception):
    """The data files have problems; str() lists them one per line."""

    def __init__(self, problems):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(map(str, self.problems)))


@dataclass
class Dataset:
    """Checked data: plain records per file, and the line where each record starts."""

    records: dict = field(default_factory=dict)
    lines: dict = field(default_factory=dict)
    _by_id: dict = field(default_factory=dict, repr=False, compare=False)  # made on first use

    def by_id(self, name: str) -> dict:
        """{id: record} of one file (the renderers look records up for every table row)."""
        if name not in self._by_id:
            self._by_id[name] = {r["id"]: r for r in self.records[name]}
        return self._by_id[name]

    def get(self, name: str, record_id: str) -> dict:
        """The record, or KeyError naming the file and the unknown id."""
        found = self.by_id(name).get(record_id)
        if found is None:
            known = ", ".join(r["id"] for r in self.records[name])
            raise KeyError(f'no record with id "{record_id}" in data/{name}.yml (known ids: {known})')
        return found


# ---------------------------------------------------------------- reading

class _Constructor(RoundTripConstructor):
    """Round-trip loading, but dates stay text exactly as written (2016-12-26)."""


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_str)


class _FastConstructor(SafeConstructor):
    """Plain data from the C parser, dates kept as text like _Constructor."""


_FastConstructor.add_constructor("tag:yaml.org,2002:timestamp", _FastConstructor.construct_yaml_str)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    return yaml


def read_fast(path: Path):
    """(plain data, line of each top-level item, None, []) by the C parser, or None on anything odd.

    About 8 times faster than round-trip loading; a file it cannot read is read by read_yaml.
    """
    yaml = YAML(typ="safe", pure=False)
    yaml.Constructor = _FastConstructor
    try:
        text = path.read_bytes().decode("utf-8-sig")
        if refusal(text, display_path(path)):
            return None
        loader, _ = yaml.get_constructor_parser(text)
        node = loader.get_single_node()
        tree = loader.construct_document(node) if node is not None else None  # an empty file
    except (OSError, UnicodeDecodeError, YAMLError):
        return None
    items = node.value if node is not None and node.id == "sequence" else []
    return to_plain(tree), [item.start_mark.line + 1 for item in items], None, []


def display_path(path: Path) -> str:
    """The path as the user typed it: relative to the working directory when inside it."""
    try:
        return os.path.relpath(path).replace(os.sep, "/")
    except ValueError:  # another drive on Windows
        return str(path)


def read_yaml(path: Path):
    """(tree with line info, problems). UTF-8 with or without BOM; CRLF is fine."""
    shown = display_path(path)
    if not path.exists():
        return None, [Problem(shown, 1, "This data file is missing.", "ไม่พบแฟ้มข้อมูลนี้")]
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return None, [Problem(shown, line, "This line is not UTF-8 text. Save the file as UTF-8.",
                              "บรรทัดนี้ไม่ใช่ข้อความ UTF-8 ให้บันทึกแฟ้มเป็น UTF-8")]
    refused = refusal(text, shown)
    if refused:
        return None, [refused]
    try:
        return _yaml().load(text), []
    except DuplicateKeyError as err:
        return None, [_duplicate_key_problem(shown, err)]
    except MarkedYAMLError as err:
        return None, [_syntax_problem(shown, err)]
    except YAMLError as err:  # errors without a position
        return None, [Problem(shown, 1, f"The file cannot be read as YAML: {err}.",
                              f"อ่านแฟ้มนี้เป็น YAML ไม่ได้: {err}")]


# Nesting the data needs (a record, its history, an entry's sources) is a handful of levels,
# and its longest lines a few hundred characters.
MAX_DEPTH = 50
MAX_LINE = 10_000
# Where an anchor (&name) or an alias (*name) could start: after white space, a flow bracket, a
# comma or a colon. Text such as "R&D" or "*note*" inside a sentence can match too; then
# every event of the file is looked at to be sure.
_MAYBE_ANCHOR = re.compile(r"(?:^|[\s\[{,:?-])[&*][^\s,\[\]{}]", re.MULTILINE)
_BLOCK_INDICATOR = re.compile(r"(?:^|\s)[-?:](?=\s|$)|:(?=\s|$)")


def refusal(text: str, shown: str) -> Problem | None:
    """Why this YAML text is refused before anything is built from it, or None.

    Anchors and aliases are refused: the data has no use for them, and ten lines of aliases
    to aliases (an "alias bomb") expand to billions of values. Nesting deeper than MAX_DEPTH
    is refused too: the C parser's reader recurses once a level and would crash the process.
    So are lines longer than MAX_LINE, which the round-trip reader (for line numbers) would
    take minutes over. All are found in time linear in the text; the full look at every event
    is made only when a quick look at the text cannot rule them out.
    """
    longest = max(map(len, text.splitlines()), default=0)
    if longest > MAX_LINE:
        line = next(i for i, row in enumerate(text.splitlines(), 1) if len(row) == longest)
        return Problem(shown, line, f"This line is {longest:,} characters long; lines of a data file may have "
                       f"{MAX_LINE:,} at most. Shorten the text, or continue it on the next lines (indented).",
                       f"บรรทัดนี้ยาว {longest:,} ตัวอักษร บรรทัดในแฟ้มข้อมูลยาวได้ไม่เกิน {MAX_LINE:,} ตัวอักษร "
                       "ให้ย่อข้อความ หรือเขียนต่อในบรรทัดถัดไป (ย่อหน้าเข้าไป)")
    if not _MAYBE_ANCHOR.search(text) and _nesting_bound(text) <= MAX_DEPTH:
        return None
    yaml = YAML(typ="safe", pure=False)
    depth = 0
    try:
        loader, _ = yaml.get_constructor_parser(text)
        while loader.check_event():
            event = loader.get_event()
            line = event.start_mark.line + 1
            if isinstance(event, AliasEvent) or isinstance(event, NodeEvent) and event.anchor:
                return Problem(shown, line, "YAML anchors (&name) and aliases (*name) are not allowed in "
                               "data files; write the value out in full.",
                               "แฟ้มข้อมูลใช้ anchor (&ชื่อ) และ alias (*ชื่อ) ของ YAML ไม่ได้ "
                               "ให้เขียนค่านั้นให้ครบทุกที่ที่ใช้")
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return Problem(shown, line, f"Lists and groups of fields are nested more than {MAX_DEPTH} "
                                   "deep here; records need only a few levels. Check the brackets [ ] { } "
                                   "and the indentation.",
                                   f"รายการและกลุ่มของฟิลด์ซ้อนกันเกิน {MAX_DEPTH} ชั้นตรงนี้ ข้อมูลต้องการเพียงไม่กี่ชั้น "
                                   "ให้ตรวจวงเล็บ [ ] { } และการย่อหน้า")
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
    except YAMLError:
        return None  # a syntax error: the reader reports it, with its line
    return None


def _nesting_bound(text: str) -> int:
    """A number no smaller than how deeply the text's lists and groups can nest.

    Block nesting: on the line of the deepest value, the levels opened on earlier lines each
    sit at a column left of its indentation, and those opened on the line itself each need an
    indicator ("- ", "key: ", "? "). Flow nesting: brackets opened and closed in order on one
    line, with no quote or comment that could hide one, add their own depth only; any other
    line's "[" and "{" are all counted.
    """
    block, flow_clean, flow_rest = 0, 0, 0
    for line in text.splitlines():
        stripped = line.lstrip(" ")
        block = max(block, len(line) - len(stripped) + len(_BLOCK_INDICATOR.findall(stripped)) + 1)
        opens = stripped.count("[") + stripped.count("{")
        if not opens:
            continue
        depth, deepest, clean = 0, 0, not any(mark in stripped for mark in "\"'#")
        for char in stripped if clean else ():
            if char in "[{":
                depth += 1
                deepest = max(deepest, depth)
            elif char in "]}":
                depth -= 1
                clean = clean and depth >= 0
        if clean and depth == 0:
            flow_clean = max(flow_clean, deepest)
        else:
            flow_rest += opens
    return block + flow_clean + flow_rest


def _duplicate_key_problem(shown, err) -> Problem:
    key = (err.problem or "").split('"')[1] if '"' in (err.problem or "") else "?"
    return Problem(shown, err.problem_mark.line + 1,
                   f'The field "{key}" appears twice in the same record. Keep only one.',
                   f'ฟิลด์ "{key}" ซ้ำกันในรายการเดียวกัน ให้เหลือเพียงหนึ่ง')


# ruamel's wording for the usual slips, said in plain words (anything else is shown as ruamel says it).
_SYNTAX_HINTS = (
    ("quoted scalar", ("a quotation mark is opened but never closed", "มีเครื่องหมายคำพูดเปิดแต่ไม่ได้ปิด")),
    ("mapping values are not allowed", ("a colon (:) is where it does not belong; put text containing \": \" in quotes",
                                        "มีเครื่องหมาย : ในที่ที่ไม่ควรมี ถ้าข้อความมี \": \" ให้ใส่เครื่องหมายคำพูดครอบ")),
    ("expected ',' or '}'", ("a { ... } group is not closed properly", "กลุ่ม { ... } ปิดไม่ถูกต้อง")),
    ("expected ',' or ']'", ("a [ ... ] list is not closed properly", "รายการ [ ... ] ปิดไม่ถูกต้อง")),
    ("'\\t'", ("a tab character is used; indent with spaces only", "มีอักขระแท็บ ให้ย่อหน้าด้วยช่องว่างเท่านั้น")),
    ("could not find expected ':'", ("a line is missing its colon (:) after the field name", "บรรทัดหนึ่งไม่มีเครื่องหมาย : หลังชื่อฟิลด์")),
)


def _syntax_problem(shown, err) -> Problem:
    detail = "; ".join(filter(None, (err.context, err.problem))) or "unreadable text"
    en, th = next((hint for key, hint in _SYNTAX_HINTS if key in detail), (detail, detail))
    # a token the scanner could not finish (unclosed quote, key without colon) is reported
    # where it ends; the line where it began is the one to fix
    began = (err.context or "").startswith("while scanning")
    mark = (err.context_mark if began else None) or err.problem_mark or err.context_mark
    return Problem(shown, mark.line + 1 if mark else 1,
                   f"YAML syntax error: {en}. Check the indentation, the colons and the quotes on this line.",
                   f"รูปแบบ YAML ผิด: {th} ให้ตรวจการย่อหน้า เครื่องหมาย : และเครื่องหมายคำพูดในบรรทัดนี้")


def to_plain(node):
    """Plain dicts, lists, str and int (for JSON and the schema), dropping ruamel's wrappers."""
    if isinstance(node, dict):
        return {str(k): to_plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [to_plain(v) for v in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    return str(node)


def line_of(tree, path) -> int:
    """1-based line of the value at `path` in the ruamel tree, or of its nearest existing parent."""
    line, node = 0, tree
    for step in path:
        try:
            line = (node.lc.key(step) if isinstance(node, dict) else node.lc.item(step))[0]
            node = node[step]
        except (AttributeError, KeyError, IndexError, TypeError):
            break
    return line + 1


def walk(obj, pattern: str, path=()):
    """Yield (path, value) for each value matching a dotted pattern such as `history.*.sources.*`."""
    if not pattern:
        yield path, obj
        return
    head, _, rest = pattern.partition(".")
    if head == "*" and isinstance(obj, list):
        for i, item in enumerate(obj):
            yield from walk(item, rest, path + (i,))
    elif head != "*" and isinstance(obj, dict) and head in obj:
        yield from walk(obj[head], rest, path + (head,))


def coerce_years(name: str, records) -> None:
    """A year written without quotes (2016) reads as a number; keep it as date text."""
    for pattern in DATE_FIELDS.get(name, ()):
        for record in records if isinstance(records, list) else ():
            for path, value in walk(record, pattern):
                if isinstance(value, int) and not isinstance(value, bool):
                    _set(record, path, str(value))


def _set(obj, path, value):
    for step in path[:-1]:
        obj = obj[step]
    obj[path[-1]] = value


# ---------------------------------------------------------------- schema

def load_schemas(schema_dir: Path) -> dict:
    """Every `*.schema.json` in schema_dir, by file stem (`activities`, `common`, ...)."""
    return {p.name.removesuffix(".schema.json"): json.loads(p.read_text(encoding="utf-8"))
            for p in sorted(schema_dir.glob("*.schema.json"))}


def schema_for(name: str, schemas: dict) -> dict:
    """The schema of one data file with every $ref written out: nothing to look up or fetch
    while validating (jsonschema looked each reference up again for every field of every record)."""
    return inline_refs(schemas[name], schemas, name)


ANNOTATIONS = {"description", "description_th", "title", "$comment"}


def inline_refs(node, schemas: dict, base: str):
    """node with each {"$ref": ...} replaced by the schema it points to (the schemas have no cycles).

    base is the stem of the file node comes from, for a reference within the file ("#/$defs/id").
    Words beside a reference (description) are kept; a rule beside one is kept under allOf.
    """
    if isinstance(node, list):
        return [inline_refs(item, schemas, base) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" not in node:
        return {key: inline_refs(value, schemas, base) for key, value in node.items()}
    address, _, pointer = node["$ref"].partition("#")
    target_base = address.removesuffix(".schema.json") if address else base
    target = schemas[target_base]
    for step in filter(None, pointer.split("/")):
        target = target[step]
    inner = inline_refs(target, schemas, target_base)
    beside = {key: inline_refs(value, schemas, base) for key, value in node.items() if key != "$ref"}
    if (beside.keys() & inner.keys()) - ANNOTATIONS:
        return {"allOf": [inner], **beside}
    return {**beside, **inner}


def field_name(path) -> str:
    """`history[2].status` from ('history', 1, 'status'): list entries counted from 1."""
    text = ""
    for step in path:
        text += f"[{step + 1}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text or "(record)"


def shown_value(value) -> str:
    if isinstance(value, dict):
        return "a group of fields"
    if isinstance(value, list):
        return "a list"
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + '…"'


def _where(records, path):
    """('record "id", field "x"', 'รายการ "id" ฟิลด์ "x"') for a path inside the file's list."""
    if not path or not isinstance(path[0], int):
        return "The file", "แฟ้มนี้"
    record = records[path[0]] if isinstance(records, list) and path[0] < len(records) else {}
    rid = record.get("id") if isinstance(record, dict) else None
    who_en = f'Record "{rid}"' if isinstance(rid, str) else f"Record {path[0] + 1}"
    who_th = f'รายการ "{rid}"' if isinstance(rid, str) else f"รายการที่ {path[0] + 1}"
    if len(path) == 1:
        return who_en, who_th
    name = field_name(path[1:])
    return f'{who_en}, field "{name}"', f'{who_th} ฟิลด์ "{name}"'


def schema_problems(shown, tree, records, schema: dict) -> list:
    """Every way records break schema, in plain words."""
    from jsonschema import Draft202012Validator  # imported here: only a check loads it
    problems = []
    for error in Draft202012Validator(schema).iter_errors(records):
        path = tuple(error.absolute_path)
        for sub_path, en, th in _explain(error, path):
            where_en, where_th = _where(records, sub_path)
            problems.append(Problem(shown, line_of(tree, sub_path), f"{where_en}: {en}", f"{where_th}: {th}"))
    return problems


def _explain(error, path):
    """[(path, English, Thai)] in plain words for one schema error."""
    kind, value, schema = error.validator, error.instance, error.schema
    if kind == "required":
        missing = [f for f in error.validator_value if isinstance(value, dict) and f not in value]
        return [_missing(path, f) for f in missing]
    if kind == "additionalProperties":
        allowed = ", ".join(schema.get("properties", {}))
        extra = [k for k in value if k not in schema.get("properties", {})]
        return [(path + (k,), f'"{k}" is not a known field. Allowed fields: {allowed}.',
                 f'"{k}" ไม่ใช่ฟิลด์ที่รู้จัก ฟิลด์ที่ใช้ได้: {allowed}') for k in extra]
    if kind == "type":
        want_en, want_th = _type_words(error.validator_value)
        if value is None:
            return [(path, f"is empty; it should be {want_en}.", f"ว่างอยู่ ต้องเป็น{want_th}")]
        got_en, got_th = _type_words(_json_type(value))
        shown = "" if isinstance(value, (dict, list)) else f" {shown_value(value)}"
        return [(path, f"should be {want_en}, but found {got_en}{shown}.", f"ต้องเป็น{want_th} แต่พบ{got_th}{shown}")]
    if kind == "enum":
        allowed = ", ".join(map(str, error.validator_value))
        return [(path, f"{shown_value(value)} is not allowed. Allowed values: {allowed}.",
                 f"ใช้ค่า {shown_value(value)} ไม่ได้ ค่าที่ใช้ได้: {allowed}")]
    if kind == "pattern":
        return [_pattern(path, value, error.validator_value)]
    if kind == "minLength":
        return [(path, "is empty. Write the text.", "ว่างอยู่ ให้ใส่ข้อความ")]
    if kind == "minItems":
        n = error.validator_value
        return [(path, f"needs at least {n} item(s), found {len(value)}.",
                 f"ต้องมีอย่างน้อย {n} รายการ แต่พบ {len(value)}")]
    if kind == "minimum":
        return [(path, f"{shown_value(value)} is too small; the lowest allowed is {error.validator_value}.",
                 f"ค่า {shown_value(value)} น้อยเกินไป ค่าต่ำสุดที่ใช้ได้คือ {error.validator_value}")]
    allowed_en = schema.get("description", "a different value")
    allowed_th = schema.get("description_th", "ค่าอื่น")
    return [(path, f"{shown_value(value)} is not allowed here. Allowed: {allowed_en}",
             f"ใช้ค่า {shown_value(value)} ตรงนี้ไม่ได้ ที่ใช้ได้คือ {allowed_th}")]


def _missing(path, name):
    if name in ("th", "en"):
        lang_en, lang_th = ("Thai", "ภาษาไทย") if name == "th" else ("English", "ภาษาอังกฤษ")
        return (path, f'has no {lang_en} text ("{name}"). Every text needs both "th" and "en".',
                f'ไม่มีข้อความ{lang_th} ("{name}") ข้อความทุกช่องต้องมีทั้ง "th" และ "en"')
    return (path, f'the field "{name}" is missing. Add it.', f'ไม่มีฟิลด์ "{name}" ให้เพิ่มฟิลด์นี้')


def _pattern(path, value, pattern):
    if "[0-9]{4}" in pattern:
        unknown = "unknown" in pattern
        help_en = _DATE_HELP[0] + (", or unknown" if unknown else "")
        help_th = _DATE_HELP[1] + (" หรือ unknown" if unknown else "")
        return (path, f"{shown_value(value)} is not a date. {help_en}.", f"{shown_value(value)} ไม่ใช่วันที่ {help_th}")
    if pattern.startswith("^https?"):
        return (path, f"{shown_value(value)} is not a web address. It must start with http:// or https://.",
                f"{shown_value(value)} ไม่ใช่ที่อยู่เว็บ ต้องขึ้นต้นด้วย http:// หรือ https://")
    return (path, f"{shown_value(value)} is not a valid id. Use only lower-case letters a-z, digits and hyphens (like mou-2018).",
            f"{shown_value(value)} ไม่ใช่รหัสที่ถูกต้อง ใช้ได้เฉพาะอักษรอังกฤษตัวเล็ก a-z ตัวเลข และขีด (เช่น mou-2018)")


def _json_type(value) -> str:
    for name, kinds in (("null", type(None)), ("boolean", bool), ("integer", int), ("number", float),
                        ("string", str), ("array", list), ("object", dict)):
        if isinstance(value, kinds):
            return name
    return "string"


def _type_words(kind) -> tuple:
    kinds = kind if isinstance(kind, list) else [kind]
    words = [_TYPE_WORDS.get(k, (k, k)) for k in kinds]
    return " or ".join(w[0] for w in words), " หรือ ".join(w[1] for w in words)


# ---------------------------------------------------------------- rules beyond the schema

def _records(records):
    return [r for _, r in _indexed(records)]


def _indexed(records):
    """(position, record) for each record that is a mapping; anything else the schema reports."""
    return [(i, r) for i, r in enumerate(records) if isinstance(r, dict)] if isinstance(records, list) else []


def duplicate_problems(shown, tree, records) -> list:
    problems, seen = [], {}
    for i, record in enumerate(records if isinstance(records, list) else []):
        rid = record.get("id") if isinstance(record, dict) else None
        if not isinstance(rid, str):
            continue
        line = line_of(tree, (i, "id"))
        if rid in seen:
            problems.append(Problem(shown, line, f'The id "{rid}" is used twice (first on line {seen[rid]}). Every id must be different.',
                                    f'รหัส "{rid}" ซ้ำกัน (ใช้ครั้งแรกที่บรรทัด {seen[rid]}) รหัสทุกตัวต้องไม่ซ้ำ'))
        else:
            seen[rid] = line
    return problems


def date_problems(name, shown, tree, records, today: _date) -> list:
    """Dates that look right but do not exist (2023-02-30, month 13), or past events dated after today."""
    problems = []
    for i, record in enumerate(records if isinstance(records, list) else []):
        for pattern in DATE_FIELDS.get(name, ()):
            for path, value in walk(record, pattern):
                if not isinstance(value, str):
                    continue
                where_en, where_th = _where(records, (i,) + path)
                if dates.date_problem(value) == "calendar":
                    problems.append(Problem(shown, line_of(tree, (i,) + path),
                                            f"{where_en}: {shown_value(value)} is not a real date (no such day or month in the calendar).",
                                            f"{where_th}: {shown_value(value)} ไม่มีอยู่จริงในปฏิทิน (ไม่มีวันหรือเดือนนี้)"))
                elif pattern in PAST_FIELDS.get(name, ()) and not dates.date_problem(value) \
                        and dates.parse(value).first_day() > today:
                    year = dates.parse(value).year
                    problems.append(Problem(shown, line_of(tree, (i,) + path),
                                            f"{where_en}: {shown_value(value)} is after today. Write years in the Common Era "
                                            f"(Buddhist Era {year} is {year - 543}).",
                                            f"{where_th}: {shown_value(value)} เป็นวันที่หลังวันนี้ ให้เขียนปีเป็น ค.ศ. "
                                            f"(พ.ศ. {year} คือ ค.ศ. {year - 543})"))
    return problems


def reference_problems(name, shown, tree, records, known_ids) -> list:
    problems = []
    for i, record in enumerate(records if isinstance(records, list) else []):
        for pattern, target in REFERENCES.get(name, ()):
            for path, value in walk(record, pattern):
                if isinstance(value, str) and target in known_ids and value not in known_ids[target]:
                    where_en, where_th = _where(records, (i,) + path)
                    problems.append(Problem(shown, line_of(tree, (i,) + path),
                                            f'{where_en}: "{value}" is not an id in {target}.yml. Check the spelling or add that record first.',
                                            f'{where_th}: ไม่มีรหัส "{value}" ใน {target}.yml ให้ตรวจการสะกด หรือเพิ่มรายการนั้นก่อน'))
    return problems


def status_problems(name, shown, tree, records) -> list:
    """A status other than not-reported needs a date; the last history entry is the current status."""
    if name not in ("activities", "trainings"):
        return _state_problems(shown, tree, records) if name == "agreements" else []
    problems = []
    for i, record in _indexed(records):
        status, history = record.get("status"), record.get("history")
        if status in STATUSES and status != NOT_REPORTED and dates.is_unknown(record.get("confirmed", "unknown")):
            problems.append(_rule(shown, tree, records, (i, "confirmed"),
                                  f'status "{status}" needs the date it was confirmed, not "unknown". Use not-reported if no source gives a status.',
                                  f'สถานะ "{status}" ต้องมีวันที่ยืนยัน ใช้ "unknown" ไม่ได้ ถ้าไม่มีแหล่งใดรายงานสถานะให้ใช้ not-reported'))
        for j, entry in enumerate(history if isinstance(history, list) else []):
            if isinstance(entry, dict) and entry.get("status") in STATUSES and entry["status"] != NOT_REPORTED \
                    and dates.is_unknown(entry.get("date", "unknown")):
                problems.append(_rule(shown, tree, records, (i, "history", j, "date"),
                                      f'status "{entry["status"]}" needs a date, not "unknown".',
                                      f'สถานะ "{entry["status"]}" ต้องมีวันที่ ใช้ "unknown" ไม่ได้'))
        last = history[-1] if isinstance(history, list) and history and isinstance(history[-1], dict) else None
        if last and status in STATUSES and last.get("status") in STATUSES and last["status"] != status:
            problems.append(_rule(shown, tree, records, (i, "status"),
                                  f'"{status}" differs from the last history entry ("{last["status"]}"). Add a history entry for the change.',
                                  f'"{status}" ไม่ตรงกับประวัติรายการล่าสุด ("{last["status"]}") ให้เพิ่มประวัติการเปลี่ยนสถานะ'))
    return problems


def _state_problems(shown, tree, records) -> list:
    return [_rule(shown, tree, records, (i, "confirmed"),
                  f'state "{r["state"]}" needs the date of the source that reports it, not "unknown".',
                  f'สถานะ "{r["state"]}" ต้องมีวันที่ของแหล่งที่รายงาน ใช้ "unknown" ไม่ได้')
            for i, r in _indexed(records)
            if r.get("state") not in (None, "unknown", NOT_REPORTED) and dates.is_unknown(r.get("confirmed", "unknown"))]


def area_agreement_problems(shown, tree, records, data) -> list:
    """An activity's area must be one its agreement names."""
    areas = {a.get("id"): a for a in _records(data.get("areas"))}
    problems = []
    for i, record in _indexed(records):
        area = areas.get(record.get("area"))
        agreements = area.get("agreements") if area else None
        if isinstance(agreements, list) and record.get("agreement") not in agreements:
            problems.append(_rule(shown, tree, records, (i, "area"),
                                  f'the area "{record.get("area")}" is not an area of "{record.get("agreement")}" (see areas.yml).',
                                  f'ด้าน "{record.get("area")}" ไม่ใช่ด้านความร่วมมือของ "{record.get("agreement")}" (ดู areas.yml)'))
    return problems


def area_grid_problems(shown, tree, records, data) -> list:
    """An area's agreements are exactly those of its records of kind "area" in activities.yml, so the
    areas-by-agreements grid follows from what the sources report for each MOU."""
    reported = {}
    for activity in _records(data.get("activities")):
        if activity.get("kind") == "area":
            reported.setdefault(activity.get("area"), set()).add(activity.get("agreement"))
    problems = []
    for i, record in _indexed(records):
        listed, found = record.get("agreements"), reported.get(record.get("id"), set())
        if isinstance(listed, list) and set(listed) != found:
            want = ", ".join(sorted(found)) or "none"
            problems.append(_rule(shown, tree, records, (i, "agreements"),
                                  f'lists {", ".join(map(str, listed))} but activities.yml reports this area for: {want}. '
                                  'An area belongs to the agreements of its records of kind "area".',
                                  f'ระบุ {", ".join(map(str, listed))} แต่ activities.yml รายงานด้านนี้สำหรับ: {want} '
                                  'ด้านหนึ่งเป็นของบันทึกความเข้าใจตามรายการชนิด "area" ของด้านนั้น'))
    return problems


def lead_side_problems(shown, tree, records, data) -> list:
    """A lead's side (TH or LA) is its organisation's country."""
    countries = {o.get("id"): o.get("country") for o in _records(data.get("organizations"))}
    problems = []
    for i, record in _indexed(records):
        for j, lead in enumerate(record.get("leads") or []):
            if not isinstance(lead, dict):
                continue
            country = countries.get(lead.get("organization"))
            if country in ("TH", "LA") and lead.get("side") in ("TH", "LA") and lead["side"] != country:
                problems.append(_rule(shown, tree, records, (i, "leads", j, "side"),
                                      f'"{lead["side"]}" is not the country of "{lead["organization"]}" ({country}).',
                                      f'"{lead["side"]}" ไม่ใช่ประเทศของ "{lead["organization"]}" ({country})'))
    return problems


def _rule(shown, tree, records, path, en, th) -> Problem:
    where_en, where_th = _where(records, path)
    return Problem(shown, line_of(tree, path), f"{where_en}: {en}", f"{where_th}: {th}")


# ---------------------------------------------------------------- the whole check

def default_data_dir() -> Path:
    """data/ of the repository, or THLAO_DATA_DIR (how the tests build the site from bad data)."""
    return Path(os.environ.get("THLAO_DATA_DIR") or ROOT / "data")


def check(data_dir: Path | None = None, schema_dir: Path = ROOT / "schemas", today: _date | None = None):
    """(Dataset, sorted problems): every file read, every rule applied, nothing raised."""
    data_dir, today = data_dir or default_data_dir(), today or _date.today()
    fast = _check(data_dir, schema_dir, today, read_fast)
    if fast and not fast[1]:
        return fast
    # the fast reader keeps no line numbers: the files with problems (every file, when it could
    # not read one) are read again in full, the others as fast as before
    again = None if fast is None else {problem.path for problem in fast[1]}

    def reader(path: Path):
        return _read_slow(path) if again is None or display_path(path) in again else read_fast(path)
    return _check(data_dir, schema_dir, today, reader)


def _read_slow(path: Path):
    """Like read_fast, by round-trip loading: the tree keeps every line, and problems are reported."""
    tree, problems = read_yaml(path)
    if problems:
        return None, [], None, problems
    items = len(tree) if isinstance(tree, list) else 0
    return to_plain(tree), [line_of(tree, (i,)) for i in range(items)], tree, []


def _check(data_dir: Path, schema_dir: Path, today: _date, reader):
    """check() with a reader: read_fast (None when it cannot read a file) or _read_slow."""
    schemas = load_schemas(schema_dir)
    trees, data, item_lines, problems = {}, {}, {}, []
    for name in FILES:
        read = reader(data_dir / f"{name}.yml")
        if read is None:
            return None
        plain, lines, tree, found = read
        problems += found
        if not found:
            trees[name], data[name], item_lines[name] = tree, plain, lines
            coerce_years(name, data[name])
    # a file that is not a list says nothing about its ids: references into it are not reported again
    known_ids = {n: {r.get("id") for r in _records(recs)} for n, recs in data.items() if isinstance(recs, list)}
    for name, records in data.items():
        shown, tree = display_path(data_dir / f"{name}.yml"), trees[name]
        problems += schema_problems(shown, tree, records, schema_for(name, schemas))
        problems += duplicate_problems(shown, tree, records)
        problems += date_problems(name, shown, tree, records, today)
        problems += reference_problems(name, shown, tree, records, known_ids)
        problems += status_problems(name, shown, tree, records)
        if name == "activities":
            problems += area_agreement_problems(shown, tree, records, data)
            problems += lead_side_problems(shown, tree, records, data)
        if name == "areas":
            problems += area_grid_problems(shown, tree, records, data)
    lines = {n: {r.get("id"): item_lines[n][i] for i, r in _indexed(recs)} for n, recs in data.items()}
    return Dataset(records=data, lines=lines), sorted(set(problems))


def load(data_dir: Path | None = None, schema_dir: Path = ROOT / "schemas") -> Dataset:
    """The checked data, or DataError listing every problem."""
    dataset, problems = check(data_dir, schema_dir)
    if problems:
        raise DataError(problems)
    return dataset


def report_lines(problems, github: bool) -> list:
    """The lines to print for these problems, annotations included under GitHub Actions."""
    lines = [str(p) for p in problems]
    if github:
        lines += [p.annotation() for p in problems]
    if problems:
        n = len(problems)
        lines.append(f"{n} problem(s) found in the data files. / พบปัญหา {n} รายการในแฟ้มข้อมูล")
    return lines


@functools.cache  # every table row asks; the answers are a handful of dates
def months_unconfirmed(confirmed, today: _date) -> int | None:
    """Whole months since the end of the confirmed period; None when never confirmed."""
    if dates.is_unknown(confirmed):
        return None
    return dates.months_between(dates.parse(confirmed).last_day(), today)


def due_for_review(confirmed, today: _date, after_months: int) -> bool:
    """True when the status was never confirmed or not within `after_months` months."""
    months = months_unconfirmed(confirmed, today)
    return months is None or months >= after_months
