"""The records that fell due for review since the last run: `python -m thlao.digest [--since DAY | --previous FILE]`.

Prints the Markdown body of the one "due for review" issue, in Thai then English. A record
(an agreement or an MOU item) falls due on the first day its status has not been confirmed
for review_after_months (data.due_for_review, against dates.build_date(): the build's today);
the digest lists those that fell due after the last run and by today. A record never
confirmed is always due: it is on the site's review page, not in a weekly digest.

The last run's day is --since, else the one the previous digest's body recorded in its hidden
line `<!-- thlao-digest-state: {...} -->` (read as linkcheck reads its own: only that line,
strictly), else 7 days ago. A second run on the same day repeats the same period, so a re-run
never empties the issue.
"""
import argparse
import sys
from datetime import date as _date
from datetime import timedelta
from pathlib import Path

from thlao import config, data, dates, items, labels
from thlao.linkcheck import (
    StateError,
    calendar,
    iso_day,
    load_data,
    previous_state,
    read_state_line,
    say_date,
    site_settings,
    state_line,
    text,
)

STATE = "thlao-digest-state"
REVIEWED = ("agreements", "activities")  # the records with a status (or a state) and a `confirmed` day
DEFAULT_PERIOD = timedelta(days=7)


def fell_due(confirmed, since: _date, today: _date, months: int) -> _date | None:
    """The day after `since` and by `today` on which a record confirmed on `confirmed` fell due, or None."""
    if dates.is_unknown(confirmed) or data.due_for_review(confirmed, since, months) \
            or not data.due_for_review(confirmed, today, months):
        return None
    day = since + timedelta(days=1)
    while not data.due_for_review(confirmed, day, months):  # due stays due: the first such day
        day += timedelta(days=1)
    return day


def newly_due(dataset: data.Dataset, since: _date, today: _date, months: int) -> list:
    """[(day it fell due, file name, record)] of the records that fell due in the period, in order."""
    found = [(day, name, r) for name in REVIEWED for r in dataset.records[name]
             if (day := fell_due(r["confirmed"], since, today, months))]
    return sorted(found, key=lambda due: (due[0], REVIEWED.index(due[1]), due[2]["id"]))


def page(site_url: str, lang: str, path: str) -> str:
    """A page's address in one language: Thai at the site's root, English under en/."""
    return f"{site_url}{'' if lang == 'th' else lang + '/'}{path}"


def record_path(name: str, record_id: str) -> str:
    """A reviewed record's page, from its language's root: an agreement's, or the MOU item's."""
    return f"agreements/{record_id}/" if name == "agreements" else items.url(name, record_id)


# The digest's own sentences; the names of things (data sets, statuses, "last confirmed") are
# the site's, from labels/<lang>.yml.
SAY = {
    "th": {
        "heading": "ถึงกำหนดทบทวน ระหว่าง {since} ถึง {today}",
        "intro": "ข้อมูลต่อไปนี้ถึงกำหนดทบทวนหลังวันที่ {since} จนถึงวันที่ {today} "
                 "{period} ให้ตรวจว่ามีแหล่งที่มาใหม่หรือไม่ แล้วปรับ status (หรือ state) และ confirmed ในแฟ้มข้อมูล "
                 "ข้อมูลทั้งหมดที่ถึงกำหนดอยู่ที่หน้า[รายการที่ถึงกำหนดทบทวน]({review})",
        "none": "ไม่มีข้อมูลใดถึงกำหนดทบทวนในช่วงนี้",
        "due": "ถึงกำหนดเมื่อ", "page": "หน้าเว็บ", "fix": "แก้ที่", "line": "บรรทัด",
    },
    "en": {
        "heading": "Due for review, {since} to {today}",
        "intro": "These records fell due for review after {since} and by {today}. {period} "
                 "Check for newer sources, then update status (or state) and confirmed in the data file. "
                 "Every record due is on the page [Records due for review]({review}).",
        "none": "No record fell due for review in this period.",
        "due": "due since", "page": "Page", "fix": "Fix at", "line": "line",
    },
}


def body(due: list, since: _date, today: _date, words: dict, months: int, site_url: str, repo_url: str,
         lines: dict, data_path: str = "data") -> str:
    """The issue's Markdown: one section per language, then the hidden state line.

    due: newly_due(...); words: {lang: labels tree}; lines: Dataset.lines ({file: {id: line}}).
    """
    parts = ["<!-- Written by the weekly workflow (.github/workflows/weekly.yml, thlao/digest.py); "
             "edits are overwritten. -->\n"]
    for lang in ("th", "en"):
        w, say = words[lang], SAY[lang]
        when = {"since": say_date(since, words, lang), "today": say_date(today, words, lang)}
        parts.append(f"## {say['heading'].format(**when)}\n")
        parts.append(say["intro"].format(**when, review=page(site_url, lang, "about/review/"),
                                         period=w["review"]["period"].format(months=months)) + "\n")
        if not due:
            parts.append(say["none"] + "\n")
        for number, (day, name, r) in enumerate(due, 1):
            status = w["agreement_state"][r["state"]] if name == "agreements" else w["item_status"][r["status"]]
            line, indent = lines[name][r["id"]], " " * len(f"{number}. ")  # continuation lines under the text
            parts.append(
                f"{number}. **{text(r['title'][lang])}** ({text(w['data_file'][name])}: {text(status)})  \n"
                f"{indent}{text(w['review']['col_confirmed'])}: {calendar(w).date(r['confirmed'])}"
                f" · {say['due']} {say_date(day, words, lang)}  \n"
                f"{indent}{say['page']}: <{page(site_url, lang, record_path(name, r['id']))}>  \n"
                f"{indent}{say['fix']}: [{data_path}/{name}.yml {say['line']} {line}]"
                f"({repo_url}/blob/main/{data_path}/{name}.yml#L{line})\n")
    parts.append(state_line(STATE, {"version": 1, "since": since.isoformat(), "ran": today.isoformat()}) + "\n")
    return "\n".join(parts)


def read_state(body_text: str, today: _date) -> tuple | None:
    """(since, ran) of the previous digest's hidden line, or None; StateError unless it is exactly ours."""
    value = read_state_line(STATE, body_text)
    if value is None:
        return None
    if set(value) != {"version", "since", "ran"} or value["version"] != 1:
        raise StateError("expected {version: 1, since, ran}")
    since, ran = iso_day(value["since"], today), iso_day(value["ran"], today)
    if since > ran:
        raise StateError("since is after ran")
    return since, ran


def period_start(since: _date | None, previous: tuple | None, today: _date) -> _date:
    """The day after which records count as newly due: --since, else the last run's day (or, when
    the last run was today, the start of its period), else 7 days ago."""
    if since:
        return since
    if previous:
        last_since, ran = previous
        return last_since if ran == today else ran
    return today - DEFAULT_PERIOD


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Print the issue listing the records that fell due for review.")
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--since", type=_date.fromisoformat, help="the last run's day, YYYY-MM-DD")
    parser.add_argument("--previous", type=Path, help="the previous digest's body (its hidden state line is read)")
    parser.add_argument("--count", type=Path, help="write the number of records listed to this file")
    args = parser.parse_args(argv)
    today = dates.build_date()
    if args.since and args.since > today:
        parser.error(f"--since {args.since} is after today ({today})")
    dataset, data_path = load_data(args.config_file)
    settings, site = config.load(args.config_file), site_settings(args.config_file)
    words = labels.read_all(Path(settings.labels_dir))
    since = period_start(args.since, previous_state(args.previous, read_state, today), today)
    due = newly_due(dataset, since, today, settings.review_after_months)
    print(body(due, since, today, words, settings.review_after_months, site["site_url"],
               site["repo_url"].rstrip("/"), dataset.lines, data_path), end="")
    if args.count:
        args.count.write_text(f"{len(due)}\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
