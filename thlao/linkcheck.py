"""Check every source's web address, weekly: `python -m thlao.linkcheck [--previous FILE]`.

Prints the Markdown body of the one "dead links" issue. A link counts as dead only when it
failed at two checks at least six days apart and at every check between: one bad day of a
news site is not a dead link, and re-running the workflow the same week adds no strike.

State between runs lives in the issue itself: a hidden line of the body,
`<!-- thlao-linkcheck-state: {...} -->`, holds the failing links and since when they fail. The
workflow saves the previous body to a file and passes it in (--previous). That body is
untrusted text: only our own marked line is read, as JSON, strictly; anything else in it, or
a block that is not exactly as we write it, is ignored (with a warning), and the count
starts again, which can only delay a report, never invent one.
"""
import argparse
import http
import http.client
import json
import re
import socket
import ssl
import sys
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import date as _date
from datetime import timedelta
from pathlib import Path

from mkdocs.utils.yaml import yaml_load

from thlao import check, config, dates, items, labels

USER_AGENT = "thlao-linkcheck/1 (weekly check of the sources cited by {site})"
TIMEOUT = 20  # seconds per connection attempt and per read
WORKERS = 8
# Two failed checks this far apart make a link dead (a weekly run; 6 so that a run a day early counts).
APART = timedelta(days=6)
STATE = "thlao-linkcheck-state"


# ---------------------------------------------------------------- checking one address

class _KeepMethod(urllib.request.HTTPRedirectHandler):
    """Follow redirects with the same method: urllib turns a redirected HEAD into a GET."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None:
            new.method = req.get_method()
        return new


_OPENER = urllib.request.build_opener(_KeepMethod)


def describe(error: BaseException, timeout: float) -> str:
    """A failure in a few plain words, saying which kind it is (HTTP, DNS, refused, timeout, TLS)."""
    reason = error.reason if isinstance(error, urllib.error.URLError) and not isinstance(
        error, urllib.error.HTTPError) else error
    if isinstance(error, urllib.error.HTTPError):
        try:
            phrase = http.HTTPStatus(error.code).phrase
        except ValueError:
            phrase = ""
        # some sites refuse programs but not people: say so, as the page may well be there
        refused = " (the site may refuse automated checks: open it in a browser)" if error.code in (401, 403, 429) else ""
        return f"HTTP {error.code} {phrase}".strip() + refused
    if isinstance(reason, socket.gaierror):
        return "DNS: the name could not be resolved"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, TimeoutError):
        return f"timed out after {timeout:g} s"
    if isinstance(reason, ssl.SSLError):
        return f"TLS: {type(reason).__name__}"
    if isinstance(reason, http.client.HTTPException):
        return f"bad HTTP response ({type(reason).__name__})"
    return f"network error ({type(reason).__name__})"


def _open(url: str, method: str, timeout: float, agent: str) -> None:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": agent, "Accept": "*/*"})
    with _OPENER.open(request, timeout=timeout) as response:
        if method == "GET":
            response.read(1)  # the status is enough; a page is never downloaded whole


def check_url(url: str, timeout: float = TIMEOUT, agent: str = USER_AGENT) -> str | None:
    """None when the address answers (after redirects) with a success, else what failed.

    HEAD first, as it fetches nothing; many servers answer HEAD wrongly (405, 403, 404) or
    hang up, so any answer but success is asked again with GET. A name that does not
    resolve, a refused connection or a timeout is final: GET would only fail again, slower.
    """
    failure = None
    for method in ("HEAD", "GET"):
        try:
            _open(url, method, timeout, agent)
            return None
        except (OSError, http.client.HTTPException, ValueError) as error:
            failure = describe(error, timeout) if not isinstance(error, ValueError) else "not a web address"
            if failure.startswith(("DNS", "connection refused", "timed out")):
                break
    return failure


def check_all(urls, timeout: float = TIMEOUT, agent: str = USER_AGENT, workers: int = WORKERS) -> dict:
    """{url: failure or None} for every address, a few at a time."""
    urls = sorted(set(urls))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return dict(zip(urls, pool.map(lambda url: check_url(url, timeout, agent), urls), strict=True))


# ---------------------------------------------------------------- state between weekly runs

class StateError(ValueError):
    """A state block that is not exactly as this module writes it."""


def state_line(name: str, value: dict) -> str:
    """A hidden, one-line block for an issue body: `<!-- name: {json} -->`.

    < > & are written as JSON escapes, so no text inside can close the comment.
    """
    text = json.dumps(value, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    return f"<!-- {name}: " + text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + " -->"


def _no_duplicates(pairs):
    keys = [key for key, _ in pairs]
    if len(keys) != len(set(keys)):
        raise StateError("a key appears twice")
    return dict(pairs)


def _refuse_constant(name):
    raise StateError(f"{name} is not allowed")


def read_state_line(name: str, body: str) -> dict | None:
    """The JSON object of the one `<!-- name: {...} -->` line of an issue body; None when there is
    none; StateError when there is more than one or it is not a JSON object."""
    found = re.findall(rf"^<!-- {re.escape(name)}: (\{{[^\n]*\}}) -->\r?$", body[:1_000_000], re.MULTILINE)
    if not found:
        return None
    if len(found) > 1:
        raise StateError(f"{len(found)} {name} blocks")
    try:
        value = json.loads(found[0], object_pairs_hook=_no_duplicates, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        raise StateError(f"not JSON: {error}") from error
    if not isinstance(value, dict):
        raise StateError("not a JSON object")
    return value


def iso_day(value, today: _date) -> _date:
    """A YYYY-MM-DD text no later than today, else StateError."""
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise StateError(f"{value!r} is not a YYYY-MM-DD date")
    day = _date.fromisoformat(value)
    if day > today:
        raise StateError(f"{value} is after today")
    return day


def read_state(body: str, today: _date) -> dict:
    """{url: {"since": date, "failure": text}} of the links failing at the last check; {} when the
    body has no state. StateError unless the block is exactly as `state` writes it."""
    value = read_state_line(STATE, body)
    if value is None:
        return {}
    if set(value) != {"version", "failing"} or value["version"] != 1 or not isinstance(value["failing"], dict):
        raise StateError("expected {version: 1, failing: {...}}")
    failing = {}
    for url, entry in value["failing"].items():
        if not re.fullmatch(r"https?://\S{1,2000}", url):
            raise StateError(f"{url[:80]!r} is not a web address")
        if not isinstance(entry, dict) or set(entry) != {"since", "failure"} \
                or not isinstance(entry["failure"], str) or len(entry["failure"]) > 200:
            raise StateError(f"the entry of {url[:80]!r} is not {{since, failure}}")
        failing[url] = {"since": iso_day(entry["since"], today), "failure": entry["failure"]}
    return failing


def state(failing: dict) -> str:
    """The hidden line that carries `failing` to next week's run."""
    return state_line(STATE, {"version": 1, "failing": {
        url: {"since": entry["since"].isoformat(), "failure": entry["failure"]} for url, entry in failing.items()}})


def next_failing(previous: dict, results: dict, today: _date) -> dict:
    """The links failing now, each since the first check of its current run of failures. A link
    that answered is forgotten; a link no longer in the data is dropped."""
    return {url: {"since": previous[url]["since"] if url in previous else today, "failure": failure}
            for url, failure in results.items() if failure is not None}


def is_dead(entry: dict, today: _date) -> bool:
    """Failed now, and at a check at least APART earlier (and, being in the state, at every one between)."""
    return today - entry["since"] >= APART


# ---------------------------------------------------------------- the body

def text(value) -> str:
    """Data or remote text as Markdown that shows it as written: no markup, no tags, and no
    @mention (a zero-width space after @), so it pings no one."""
    return items.markdown_text(value).replace("@", "@\u200b")


def both(words: dict) -> str:
    """A text of the data in Thai, then in English where it differs."""
    th, en = text(words.get("th", "")), text(words.get("en", ""))
    return " / ".join(dict.fromkeys(filter(None, (th, en))))


def link_target(url: str) -> str:
    """A URL safe inside Markdown's ( ): spaces, brackets, parentheses and quotes percent-encoded."""
    return urllib.parse.quote(url, safe=":/?#@!$&*+,;=%~-._'")


def wayback(url: str) -> str:
    """The Wayback Machine's list of archived copies of url."""
    return "https://web.archive.org/web/*/" + link_target(url)


def calendar(words: dict) -> dates.Calendar:
    """How one language's labels (labels/<lang>.yml, `locale`) write dates."""
    return dates.Calendar.of(words["locale"]["babel"], words["locale"]["year_offset"])


def say_date(day: _date, words: dict, lang: str | None = None) -> str:
    """A day in one language, or in both: `5 มกราคม 2569 / 5 January 2026`."""
    return " / ".join(calendar(words[k]).date(day.isoformat()) for k in ((lang,) if lang else ("th", "en")))


def body(sources: list, failing: dict, today: _date, words: dict, repo_url: str, data_path: str = "data") -> str:
    """The issue's Markdown: dead links first, then links that failed once, then the state line.

    sources: [(line, record)] of data/sources.yml, in file order; words: {lang: labels tree}, for dates.
    """
    def entry(line, source, url):
        where = f"{data_path}/sources.yml#L{line}"
        found = failing[url]
        return (f"- **{text(source['id'])}** ({both(source['publisher'])}): <{link_target(url)}>\n"
                f"  - {text(found['failure'])}, ตั้งแต่ / since {say_date(found['since'], words)}\n"
                f"  - แก้ที่ / fix at: [{where.replace('#L', ' บรรทัด / line ')}]({repo_url}/blob/main/{where})\n"
                f"  - สำเนาที่เก็บถาวร / archived copies: [Wayback Machine]({wayback(url)})\n")

    cited = [(line, s, s["url"]) for line, s in sources if s["url"] in failing]
    dead = [entry(*c) for c in cited if is_dead(failing[c[2]], today)]
    once = [entry(*c) for c in cited if not is_dead(failing[c[2]], today)]
    parts = [
        "<!-- Written by the weekly workflow (.github/workflows/weekly.yml, thlao/linkcheck.py); "
        "edits are overwritten. -->\n",
        f"ตรวจที่อยู่เว็บของแหล่งที่มาทุกรายการเมื่อ {say_date(today, words, 'th')} "
        "ลิงก์นับว่าเสียเมื่อตรวจไม่ผ่านสองสัปดาห์ติดต่อกัน\n\n"
        f"Every source's web address was checked on {say_date(today, words, 'en')}. A link counts as dead "
        "after failing two weekly checks in a row.\n",
        f"## ลิงก์ที่เสีย / Dead links ({len(dead)})\n",
        "".join(dead) or "ไม่มี / None.\n",
    ]
    if dead:
        parts.append("แก้ที่อยู่เว็บใน data/sources.yml หรือถ้าหน้านั้นถูกลบไปแล้ว ให้ใช้สำเนาที่เก็บถาวร / "
                     "Fix the address in data/sources.yml or, where the page is gone, use an archived copy.\n")
    if once:
        parts += ["## ตรวจไม่ผ่านครั้งแรก จะตรวจอีกครั้งสัปดาห์หน้า / Failed once, checked again next week "
                  f"({len(once)})\n", "".join(once)]
    return "\n".join(parts) + "\n" + state(failing) + "\n"


# ---------------------------------------------------------------- the command

def site_settings(config_file: Path) -> dict:
    """mkdocs.yml's own settings (site_url, repo_url), as MkDocs reads them."""
    with Path(config_file).open("rb") as fd:
        return yaml_load(fd)


def load_data(config_file: Path):
    """(Dataset, data folder relative to mkdocs.yml); SystemExit(2) with the problems when the data has any."""
    dataset, problems = check.run(config_file)
    if problems:
        sys.exit("The data has problems; run python -m thlao.check. / ข้อมูลมีปัญหา ให้รัน python -m thlao.check\n"
                 + "\n".join(map(str, problems)))
    data_dir = Path(config.load(config_file).data_dir).resolve()
    return dataset, data_dir.relative_to(Path(config_file).resolve().parent).as_posix()


def previous_state(path: Path | None, reader, today: _date):
    """The state in the previous issue body at path, or the empty one (with a warning if it was unreadable)."""
    if path is None or not path.is_file():
        return reader("", today)
    try:
        return reader(path.read_text(encoding="utf-8", errors="replace"), today)
    except StateError as error:
        print(f"warning: the previous issue's state is ignored ({error})", file=sys.stderr)
        return reader("", today)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Check every source's web address; print the dead-links issue.")
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--previous", type=Path, help="the previous issue's body (its hidden state line is read)")
    parser.add_argument("--count", type=Path, help="write the number of dead links to this file")
    parser.add_argument("--timeout", type=float, default=TIMEOUT, help="seconds per connection and per read")
    args = parser.parse_args(argv)
    today = dates.build_date()
    dataset, data_path = load_data(args.config_file)
    site = site_settings(args.config_file)
    sources = [(dataset.lines["sources"][s["id"]], s) for s in dataset.records["sources"]]
    previous = previous_state(args.previous, read_state, today)
    results = check_all([s["url"] for _, s in sources], args.timeout, USER_AGENT.format(site=site["site_url"]))
    if len(results) >= 3 and all(results.values()):
        # every link failed: the runner is offline, not the web; count no strike, change nothing
        print("No source link answered; the check itself could not reach the web. Nothing is changed. / "
              "ไม่มีลิงก์ใดตอบกลับเลย ตัวตรวจเชื่อมต่ออินเทอร์เน็ตไม่ได้ จึงไม่เปลี่ยนแปลงสิ่งใด", file=sys.stderr)
        return 3
    failing = next_failing(previous, results, today)
    words = labels.read_all(Path(config.load(args.config_file).labels_dir))
    print(body(sources, failing, today, words, site["repo_url"].rstrip("/"), data_path), end="")
    if args.count:
        args.count.write_text(f"{sum(is_dead(e, today) for e in failing.values())}\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
