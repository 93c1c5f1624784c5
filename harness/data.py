"""Copies of data folders for a test to change, finding a line in them, and checking them as
`make check-data` does (the settings of mkdocs.yml: the schemas, labels and terms)."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

from harness.site import FIXTURE, FIXTURE_DAY, ROOT, site_config
from thlao import config, data, dates, labels

SETTINGS = config.load(ROOT / "mkdocs.yml")


def copy_of_data(tmp_path, source: Path = FIXTURE / "data") -> Path:
    """A copy of a data folder (the fixture site's, unless told) to change."""
    dest = tmp_path / "data"
    shutil.copytree(source, dest)
    return dest


def edit(path: Path, old: str, new: str):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture edit: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_containing(path: Path, text: str) -> int:
    """1-based number of the first line holding text (newlines kept as written, CRLF or LF)."""
    lines = path.read_bytes().decode("utf-8-sig").split("\n")
    return next(i for i, line in enumerate(lines, 1) if text in line)


def check(data_dir: Path, today: str = FIXTURE_DAY):
    """(Dataset, problems) of a data folder, checked with the site's schemas, labels and terms on a
    given day (the fixture site's, unless told)."""
    return data.check(Path(data_dir), Path(SETTINGS.schemas_dir), dates.parse(today).first_day(),
                      labels.read_all(Path(SETTINGS.labels_dir)), data.load_terms(Path(SETTINGS.terms_file)))


def problem_messages(data_dir, thai: bool = True, today: str = FIXTURE_DAY) -> list[str]:
    """The data check's problems as `file:line: message` (English, then ` / ` and Thai), the folder left out."""
    return [f"{Path(p.path).name}:{p.line}: {p.en}" + (f" / {p.th}" if thai else "")
            for p in check(data_dir, today)[1]]


def run_check(data_dir: Path | None = None, tmp_path: Path | None = None, env=None,
              timeout: float | None = None) -> subprocess.CompletedProcess:
    """`python -m thlao.check` as `make check-data` runs it: on the repository's mkdocs.yml, or on a
    config like it naming another data folder (written in tmp_path). A timeout only guards the suite."""
    args = []
    if data_dir is not None:
        args = ["-f", str(site_config(tmp_path, docs=ROOT / "docs", data=Path(data_dir).resolve()))]
    return subprocess.run([sys.executable, "-m", "thlao.check", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=timeout)
