"""The site as built: building it into a folder, the fixture site, its pages, and where it is published."""
import json
import os
import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import yaml

from thlao import dates

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "site"
# The fixture site is built for this day (SOURCE_DATE_EPOCH): its records are due for review, or
# not, and its computed dates lie ahead, or not, on either side of it by design.
FIXTURE_DAY = "2026-06-15"
FIXTURE_EPOCH = str(int(datetime.fromisoformat(f"{FIXTURE_DAY}T09:00:00").replace(tzinfo=dates.THAILAND).timestamp()))


class BuildFailed(Exception):
    """`mkdocs build` exited non-zero; str() is its log."""


def build(dest: Path, *, command=(sys.executable, "-m", "mkdocs"), config: Path = ROOT / "mkdocs.yml",
          cwd: Path = ROOT, quiet: bool = False, verbose: bool = False, env: dict | None = None
          ) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` (or command) of config into dest; BuildFailed with the log on error."""
    flags = ["-q"] if quiet else ["-v"] if verbose else []
    run = subprocess.run([*command, "build", "--strict", *flags, "-f", str(config), "-d", str(dest)],
                         cwd=cwd, capture_output=True, text=True,
                         env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})
    if run.returncode != 0:
        log = f"{run.stdout}\n{run.stderr}"
        if verbose:  # the macros plugin's debug lines run to megabytes: keep what went wrong
            log = "\n".join(line for line in log.splitlines() if not line.startswith(("DEBUG", "INFO", "{")))
        raise BuildFailed(f"build failed ({run.returncode}):\n{log}")
    return run


def site_config(dest: Path, *, docs: Path, data: Path, nav=None, **settings) -> Path:
    """A config file in dest: the repository's mkdocs.yml with its docs, data and nav replaced
    (the site plugin's other settings given as keywords), every path made absolute. The fixture
    site and the tests that change a copy of the data build with one."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(docs)
    config["theme"]["custom_dir"] = str(ROOT / config["theme"]["custom_dir"])
    config["watch"] = []
    if nav is not None:
        config["nav"] = nav
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "thlao" in plugin:
            options = plugin["thlao"]
            for key in ("schemas_dir", "labels_dir", "terms_file"):
                options[key] = str(ROOT / options[key])
            options.update(data_dir=str(data), **settings)
    path = Path(dest) / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def fixture_config(dest: Path, data: Path = FIXTURE / "data", **settings) -> Path:
    """The config of the fixture site (tests/fixtures/site: its own pages and data), the site
    plugin's other settings given as keywords."""
    nav = json.loads((FIXTURE / "nav.json").read_text(encoding="utf-8"))
    return site_config(dest, docs=FIXTURE / "docs", data=data, nav=nav, **settings)


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
