"""Copies of the data files for a test to break, finding a line in them, and checking them."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

from harness.site import ROOT
from thlao import data


def copy_of_data(tmp_path) -> Path:
    dest = tmp_path / "data"
    shutil.copytree(ROOT / "data", dest)
    return dest


def edit(path: Path, old: str, new: str):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture edit: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_containing(path: Path, text: str) -> int:
    """1-based number of the first line holding text (newlines kept as written, CRLF or LF)."""
    lines = path.read_bytes().decode("utf-8-sig").split("\n")
    return next(i for i, line in enumerate(lines, 1) if text in line)


def run_check(*args, env=None, timeout=None) -> subprocess.CompletedProcess:
    """`python -m thlao.check [data folder]` from the repository root, as `make check-data` runs it
    (a timeout, where given, only guards the suite)."""
    return subprocess.run([sys.executable, "-m", "thlao.check", *map(str, args)], cwd=ROOT,
                          env=dict(os.environ, **(env or {})), capture_output=True, text=True, timeout=timeout)


def problem_messages(data_dir, thai: bool = True) -> list[str]:
    """The data check's problems as `file:line: message` (English, then ` / ` and Thai), the folder left out."""
    return [f"{Path(p.path).name}:{p.line}: {p.en}" + (f" / {p.th}" if thai else "")
            for p in data.check(Path(data_dir))[1]]
