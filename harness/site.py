"""The site as built: building it into a folder, its pages, and where it is published."""
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class BuildFailed(Exception):
    """`mkdocs build` exited non-zero; str() is its log."""


def build(dest: Path, *, command=(sys.executable, "-m", "mkdocs"), config: Path = ROOT / "mkdocs.yml",
          cwd: Path = ROOT, quiet: bool = False) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` (or command) of config into dest; BuildFailed with the log on error."""
    run = subprocess.run([*command, "build", "--strict", *(["-q"] if quiet else []), "-f", str(config),
                          "-d", str(dest)], cwd=cwd, capture_output=True, text=True,
                         env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    if run.returncode != 0:
        raise BuildFailed(f"build failed ({run.returncode}):\n{run.stdout}\n{run.stderr}")
    return run


def configured_site_url() -> str:
    """site_url from mkdocs.yml: the address the site is published at."""
    return re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text("utf-8"), re.M)[1]


def page_paths(site: Path) -> list[str]:
    """Every HTML page of a built site, as URL paths from its root ('', 'en/status/', '404.html')."""
    paths = (str(p.relative_to(site)) for p in site.rglob("*.html"))
    return sorted(p.removesuffix("index.html") for p in paths)


def page_file(site: Path, path: str) -> Path:
    """The file behind a URL path from page_paths()."""
    return site / (path if path.endswith(".html") else path + "index.html")
