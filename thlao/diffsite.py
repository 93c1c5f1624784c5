"""What a change does to the site, in plain words: `python -m thlao.diffsite BASE [-f mkdocs.yml]`.

Builds BASE (a git ref) in a git worktree of its own, with its own code (`python -m mkdocs` run in
that worktree imports its `thlao`), and the working tree as it is, both with the same
SOURCE_DATE_EPOCH (the one set, else now), so nothing differs that only the day would change.
Then reads the text of each page's article under its headings, in each language, and prints
Markdown on standard output: the pages added, removed and changed, with the changed text.
Prints nothing when no page's text changed.

How a change is said:
- a value beside its label (a definition list's term, a table's column heading) is said as
  "<what it is about> — <label>: old → new", where what it is about is the page's title (a
  record page), the row's heading (a table) or the words before the value (a list item);
- the same change on several pages is one line, listing the pages: a status change is one line
  per language, whether the item's page, a table row or a list shows it;
- any other changed text (a sentence, a count worked out from the data) is said whole, old →
  new, one line per distinct change, so a summary sentence that a change alters is said once
  with the pages it is on;
- rows, list items, terms and sections that appear or disappear are said as added or removed.
Text from the pages is escaped, so nothing in it is read as Markdown.
"""
import argparse
import difflib
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

# ---------------------------------------------------------------- reading a page

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
SKIP = {"script", "style", "svg", "template", "noscript", "button", "select", "textarea"}
# Parts of the article that are not its text: heading anchors, the edit button, and the page's
# facts (when its source last changed, which git history gives, not the change under review).
SKIP_CLASSES = {"headerlink", "md-content__button", "md-source-file"}
BLOCKS = {"address", "article", "aside", "blockquote", "caption", "dd", "details", "dialog", "div", "dl", "dt",
          "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
          "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot",
          "th", "thead", "tr", "ul"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Marks that only separate the parts of a line ("Title · Status", "Status — why").
SEPARATORS = " \t\n·—–,:;|"


@dataclass
class Node:
    tag: str
    attrs: dict
    children: list = field(default_factory=list)

    def classes(self) -> set:
        return set((self.attrs.get("class") or "").split())


class _TreeBuilder(HTMLParser):
    """A forgiving tree of the page: an end tag closes up to its start tag, a stray one is ignored."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, dict(attrs)))

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, text):
        self.stack[-1].children.append(text)


def parse(html: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def find(node: Node, tag: str) -> Node | None:
    for child in node.children:
        if isinstance(child, Node):
            if child.tag == tag:
                return child
            found = find(child, tag)
            if found:
                return found
    return None


def skipped(node: Node) -> bool:
    return node.tag in SKIP or bool(node.classes() & SKIP_CLASSES) or "hidden" in node.attrs


def raw_text(node) -> str:
    if isinstance(node, str):
        return node
    if skipped(node):
        return ""
    if node.tag == "br":
        return " "
    return "".join(raw_text(child) for child in node.children)


def words(text: str) -> str:
    return " ".join(text.split())


def atoms(node: Node) -> tuple:
    """The parts of a line: each element's text and each run of text between them, separators
    ("·", "—", ",") dropped: `<a>Title</a> · <span>Not reported</span>` -> ("Title", "Not reported")."""
    parts = []
    for child in node.children:
        text = words(raw_text(child)).strip(SEPARATORS)
        if text:
            parts.append(text)
    return tuple(parts)


@dataclass(frozen=True)
class Unit:
    """One piece of a page's text: a line of prose or a list item ("text"), a term and its value
    ("fact"), a table row ("row"), or a heading."""

    kind: str
    section: tuple  # the ids of the headings it is under
    key: tuple  # what it is, to pair it with the same piece on the other side
    text: str
    atoms: tuple = ()
    label: str = ""
    cells: tuple = ()  # a row's ((column heading, atoms), ...)
    tag: str = ""


@dataclass
class Page:
    path: str
    lang: str
    title: str
    units: list


class _Reader:
    """An article's text as Units, in reading order, each under its headings."""

    def __init__(self):
        self.units, self.headings, self.count = [], [], {}

    def section(self) -> tuple:
        return tuple(h[1] for h in self.headings)

    def add(self, kind, key, text, **more):
        key = (kind, self.section(), *key)
        n = self.count[key] = self.count.get(key, 0) + 1  # the same thing twice on a page: told apart by order
        self.units.append(Unit(kind, self.section(), (*key, n), text, **more))

    def block(self, node: Node) -> None:
        run = []
        for child in node.children:
            if isinstance(child, Node) and skipped(child):
                continue
            if isinstance(child, Node) and child.tag in BLOCKS:
                self.inline(run, node.tag)
                run = []
                self.element(child)
            else:
                run.append(child)
        self.inline(run, node.tag)

    def inline(self, run: list, tag: str) -> None:
        holder = Node(tag, {}, run)
        text = words(raw_text(holder))
        if text:
            self.add("text", (), text, atoms=atoms(holder), tag=tag)

    def element(self, node: Node) -> None:
        tag = node.tag
        if tag in HEADINGS:
            level = int(tag[1])
            self.headings = [h for h in self.headings if h[0] < level] + [(level, node.attrs.get("id") or words(raw_text(node)))]
            self.add("heading", (), words(raw_text(node)), tag=tag)
        elif tag == "dl":
            self.definitions(node)
        elif tag == "table":
            self.table(node)
        elif tag in ("p", "li", "dt", "dd", "pre", "summary", "caption", "figcaption", "td", "th") \
                and not any(isinstance(c, Node) and c.tag in BLOCKS for c in node.children):
            text = words(raw_text(node))
            if text:
                self.add("text", (), text, atoms=atoms(node), tag=tag)
        else:
            self.block(node)

    def definitions(self, node: Node) -> None:
        label = ""
        for child in node.children:
            if not isinstance(child, Node) or skipped(child):
                continue
            if child.tag == "dt":
                label = words(raw_text(child))
            elif child.tag == "dd":
                self.add("fact", (label,), words(raw_text(child)), atoms=atoms(child), label=label)
            elif child.tag == "div":  # <div><dt/><dd/></div>, as HTML allows
                self.definitions(child)

    def table(self, node: Node) -> None:
        caption = next((words(raw_text(c)) for c in node.children if isinstance(c, Node) and c.tag == "caption"), "")
        rows = list(_rows(node))
        head = next((r for r in rows if r[0] == "head"), None)
        columns = [words(raw_text(c)) for c in head[1].children if isinstance(c, Node) and c.tag in ("th", "td")] if head else []
        for part, row in rows:
            if part == "head":
                continue
            cells = [c for c in row.children if isinstance(c, Node) and c.tag in ("th", "td") and not skipped(c)]
            if not cells:
                continue
            first = next((i for i, c in enumerate(cells) if c.tag == "th" and c.attrs.get("scope") == "row"), 0)
            name = words(raw_text(cells[first]))
            ident = row.attrs.get("data-record") or row.attrs.get("id") or name
            described = tuple((columns[i] if i < len(columns) else str(i + 1), atoms(c))
                              for i, c in enumerate(cells) if i != first)
            text = " | ".join(words(raw_text(c)) for c in cells)
            self.add("row", (caption, ident), text, label=name, cells=described)


def _rows(table: Node):
    """("head" or "body", tr) of a table, in order."""
    for child in table.children:
        if not isinstance(child, Node):
            continue
        if child.tag == "tr":
            yield ("head" if all(isinstance(c, str) or c.tag == "th" for c in child.children) and
                   not any(isinstance(c, Node) and c.attrs.get("scope") == "row" for c in child.children) else "body"), child
        elif child.tag in ("thead", "tbody", "tfoot"):
            for row in child.children:
                if isinstance(row, Node) and row.tag == "tr":
                    yield ("head" if child.tag == "thead" else "body"), row


def read_page(path: str, html: str) -> Page | None:
    """The page's language, title and article text; None for a file without an article."""
    root = parse(html)
    article = find(root, "article")
    if article is None:
        return None
    html_node = find(root, "html")
    lang = (html_node.attrs.get("lang") if html_node else "") or "?"
    reader = _Reader()
    reader.block(article)
    title = next((u.text for u in reader.units if u.kind == "heading" and u.tag == "h1"), path)
    return Page(path, lang, title, reader.units)


def read_site(site: Path) -> dict:
    """{URL path: Page} of every page of a built site that has an article."""
    pages = {}
    for file in sorted(site.rglob("*.html")):
        path = "/" + file.relative_to(site).as_posix().removesuffix("index.html")
        page = read_page(path, file.read_text(encoding="utf-8", errors="replace"))
        if page is not None:
            pages[path] = page
    return pages


# ---------------------------------------------------------------- comparing two pages

@dataclass(frozen=True)
class Change:
    """One difference, as said on one page. kind: value (about, label, old, new), text (old,
    new), added / removed (about, label, new or old), heading (old, new)."""

    kind: str
    about: str = ""
    label: str = ""
    old: str = ""
    new: str = ""
    from_term: bool = False  # the label is a term of a definition list (the clearest name of a value)

    def key(self) -> tuple:
        if self.kind == "value":
            return ("value", self.about, self.old, self.new)
        return (self.kind, self.about, self.label, self.old, self.new)


def compare_atoms(about: str, label: str, old: tuple, new: tuple, term: bool) -> list:
    """The changes between two lines' parts: each part replaced one for one is a value change;
    the parts left over are added or removed."""
    out = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        # what the value is about: in a cell or a list item, the part just before it (an item's
        # title before its status); else the row's heading or, for a term, the page's title
        before = old[i1 - 1] if i1 > 0 else ""
        subject = before if before and not term else about
        pairs = min(i2 - i1, j2 - j1)
        for k in range(pairs):
            out.append(Change("value", subject, label, old[i1 + k], new[j1 + k], term))
        for k in range(i1 + pairs, i2):
            out.append(Change("removed", subject, label, old=old[k]))
        for k in range(j1 + pairs, j2):
            out.append(Change("added", subject, label, new=new[k]))
    return out


def compare_pages(old: Page, new: Page) -> list:
    """Every change from old to new, in the new page's order (removed pieces where they were)."""
    changes = []
    old_by_key = {u.key: u for u in old.units}
    new_keys = {u.key for u in new.units}
    # pieces told apart by what they are (terms, rows, headings): paired by key
    for unit in new.units:
        before = old_by_key.get(unit.key)
        if unit.kind == "text":
            continue
        if before is None:
            changes += _appeared(unit, new.title, "added")
        elif unit.kind == "fact" and before.atoms != unit.atoms:
            changes += compare_atoms(new.title, unit.label, before.atoms, unit.atoms, True)
        elif unit.kind == "row" and before.cells != unit.cells:
            changes += _compare_rows(before, unit)
        elif unit.kind == "heading" and before.text != unit.text:
            changes.append(Change("heading", old=before.text, new=unit.text))
    for unit in old.units:
        if unit.kind != "text" and unit.key not in new_keys:
            changes += _appeared(unit, old.title, "removed")
    # prose and list items: in order, section by section
    sections = list(dict.fromkeys([u.section for u in old.units] + [u.section for u in new.units]))
    for section in sections:
        a = [u for u in old.units if u.kind == "text" and u.section == section]
        b = [u for u in new.units if u.kind == "text" and u.section == section]
        matcher = difflib.SequenceMatcher(a=[u.text for u in a], b=[u.text for u in b], autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                continue
            pairs = min(i2 - i1, j2 - j1) if op == "replace" else 0
            for k in range(pairs):
                changes += _compare_texts(a[i1 + k], b[j1 + k])
            changes += [Change("removed", old=u.text) for u in a[i1 + pairs:i2]]
            changes += [Change("added", new=u.text) for u in b[j1 + pairs:j2]]
    return changes


def _appeared(unit: Unit, title: str, how: str) -> list:
    text = unit.text if unit.kind != "fact" else f"{unit.label}: {unit.text}"
    if unit.kind == "heading":
        return [Change("section " + how, **{"new" if how == "added" else "old": unit.text})]
    about = ""
    if unit.kind == "row" and unit.key[2]:
        about = unit.key[2]  # the table's caption
    return [Change(how, about, **{"new" if how == "added" else "old": text})]


def _compare_rows(old: Unit, new: Unit) -> list:
    changes = []
    before = dict(old.cells)
    for column, parts in new.cells:
        if column not in before:
            changes.append(Change("added", new.label, column, new=" ".join(parts)))
        elif before[column] != parts:
            changes += compare_atoms(new.label, column, before[column], parts, False)
    for column, parts in old.cells:
        if column not in dict(new.cells):
            changes.append(Change("removed", new.label, column, old=" ".join(parts)))
    return changes


def _compare_texts(old: Unit, new: Unit) -> list:
    """A list item whose parts changed one for one is said part by part; anything else whole."""
    if old.tag == "li" and new.tag == "li" and len(old.atoms) == len(new.atoms) > 1:
        changed = [i for i, (x, y) in enumerate(zip(old.atoms, new.atoms, strict=True)) if x != y]
        if len(changed) == 1 and changed[0] > 0:
            i = changed[0]
            return [Change("value", old.atoms[i - 1], "", old.atoms[i], new.atoms[i])]
    return [Change("text", old=old.text, new=new.text)]


# ---------------------------------------------------------------- saying it

WORDS = {
    "th": {"language": "ภาษาไทย", "added_pages": "หน้าใหม่", "removed_pages": "หน้าที่ไม่มีแล้ว",
           "changed": "ข้อความที่เปลี่ยน", "added": "เพิ่ม", "removed": "ลบ", "section added": "หัวข้อใหม่",
           "section removed": "หัวข้อที่ลบ", "heading": "หัวข้อ", "on": "ใน", "more": "และอีก {n} หน้า",
           "counts": "หน้าใหม่ {added} หน้า · หน้าที่ไม่มีแล้ว {removed} หน้า · หน้าที่ข้อความเปลี่ยน {changed} หน้า"},
    "en": {"language": "English", "added_pages": "Pages added", "removed_pages": "Pages removed",
           "changed": "Text changed", "added": "added", "removed": "removed", "section added": "new section",
           "section removed": "section removed", "heading": "heading", "on": "on", "more": "and {n} more",
           "counts": "{added} page(s) added · {removed} removed · {changed} with changed text"},
}
MAX_PAGES = 8  # pages listed on one line before "and N more"


def md(text: str) -> str:
    """Text safe to show in Markdown: on one line, every character that can start markup, a
    mention (@), a reference (#1), a formula ($) or an HTML tag backslash-escaped."""
    flat = " ".join(str(text).split())
    return re.sub(r"([\\`*_{}\[\]()<>#+\-!|~@&$^=])", r"\\\1", flat)


def say(change: Change, label: str, w: dict) -> str:
    """One change in words, without its pages."""
    about = f"{md(change.about)} — " if change.about else ""
    named = f"{about}{md(label)}: " if label else about
    if change.kind == "value":
        return f"{named}{md(change.old)} → {md(change.new)}"
    if change.kind == "text":
        return f"“{md(change.old)}” → “{md(change.new)}”"
    if change.kind == "heading":
        return f"{w['heading']}: “{md(change.old)}” → “{md(change.new)}”"
    if change.kind in ("added", "removed"):
        return f"{named}{w[change.kind]} “{md(change.new or change.old)}”"
    return f"{w[change.kind]}: “{md(change.new or change.old)}”"


def report(old: dict, new: dict) -> str:
    """The Markdown of every difference between two sites' pages ({path: Page}); "" when none."""
    langs = dict.fromkeys(p.lang for p in sorted([*new.values(), *old.values()], key=_lang_order))
    out = []
    for lang in langs:
        w = WORDS.get(lang, WORDS["en"])
        added = [p for path, p in new.items() if path not in old and p.lang == lang]
        removed = [p for path, p in old.items() if path not in new and p.lang == lang]
        grouped, changed_pages = {}, set()
        for path, page in sorted(new.items()):  # "/" first, then by address
            if page.lang != lang or path not in old:
                continue
            for change in compare_pages(old[path], page):
                grouped.setdefault(change.key(), []).append((change, path))
                changed_pages.add(path)
        if not (added or removed or grouped):
            continue
        out += [f"## {w['language'] if lang in WORDS else lang} ({lang})", "",
                w["counts"].format(added=len(added), removed=len(removed), changed=len(changed_pages)), ""]
        if added:
            out += [f"### {w['added_pages']}", ""] + [f"- `{p.path}` {md(p.title)}" for p in added] + [""]
        if removed:
            out += [f"### {w['removed_pages']}", ""] + [f"- `{p.path}` {md(p.title)}" for p in removed] + [""]
        if grouped:
            out += [f"### {w['changed']}", ""]
            for seen in grouped.values():
                pages = list(dict.fromkeys(path for _, path in seen))
                shown = ", ".join(f"`{p}`" for p in pages[:MAX_PAGES])
                if len(pages) > MAX_PAGES:
                    shown += " " + w["more"].format(n=len(pages) - MAX_PAGES)
                out.append(f"- {say(seen[0][0], _label(seen), w)} · {w['on']} {shown}")
            out.append("")
    return "\n".join(out)


def _lang_order(page: Page) -> tuple:
    return (page.path.count("/"), page.path)  # the site's root page first: its language first


def _label(seen: list) -> str:
    """The label of a change seen on several pages: a definition's term where one names it,
    else the one most pages give."""
    terms = [c.label for c, _ in seen if c.from_term and c.label]
    if terms:
        return terms[0]
    labels = [c.label for c, _ in seen if c.label]
    return max(dict.fromkeys(labels), key=labels.count) if labels else ""


# ---------------------------------------------------------------- building both sides

class BuildFailed(Exception):
    pass


def _git(*args, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout.strip()


def build_both(base: str, config_file: Path, epoch: str, work: Path) -> tuple:
    """(BASE's site, the working tree's site) built into work/, BASE from a worktree of its own."""
    config_file = config_file.resolve()
    top = Path(_git("rev-parse", "--show-toplevel", cwd=config_file.parent))
    commit = _git("rev-parse", "--verify", "--end-of-options", f"{base}^{{commit}}", cwd=top)
    tree = work / "base-tree"
    _git("worktree", "add", "--detach", "--quiet", str(tree), commit, cwd=top)
    try:
        relative = config_file.relative_to(top)
        jobs = [(tree / relative, work / "base-site"), (config_file, work / "head-site")]
        env = dict(os.environ, SOURCE_DATE_EPOCH=epoch, NO_MKDOCS_2_WARNING="1")
        running = [(subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(cfg), "-d", str(dest)],
                                     cwd=cfg.parent, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True),
                    cfg) for cfg, dest in jobs]
        for process, cfg in running:
            log, _ = process.communicate()
            if process.returncode:
                side = base if cfg != config_file else "the working tree"
                raise BuildFailed(f"The build of {side} failed:\n{log[-4000:]}")
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=top, capture_output=True)
        subprocess.run(["git", "worktree", "prune"], cwd=top, capture_output=True)
    return work / "base-site", work / "head-site"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Say in plain words how the working tree's site differs from BASE's.")
    parser.add_argument("base", help="the git ref to compare with, e.g. origin/main")
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    args = parser.parse_args(argv)
    if not args.base:
        print("Give the ref to compare with: make diff-site BASE=origin/main", file=sys.stderr)
        return 2
    epoch = os.environ.get("SOURCE_DATE_EPOCH") or str(int(time.time()))
    with tempfile.TemporaryDirectory(prefix="thlao-diffsite-") as tmp:
        try:
            base_site, head_site = build_both(args.base, args.config_file, epoch, Path(tmp))
        except subprocess.CalledProcessError as error:
            print(f"git failed: {' '.join(error.cmd)}\n{error.stderr}", file=sys.stderr)
            return 2
        except BuildFailed as error:
            print(error, file=sys.stderr)
            return 2
        text = report(read_site(base_site), read_site(head_site))
    if text:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
