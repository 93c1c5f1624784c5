"""Copies of the data files for a test to break, and finding a line in them."""
import shutil
from pathlib import Path

from harness.site import ROOT


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
