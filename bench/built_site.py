"""What the benchmarks share: the real site built into a directory and served as its own origin."""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

# re-exported: the benchmarks import the browser helpers from here, after tests/ is on sys.path
from browser import CHROMIUM, CHROMIUM_ARGS, configured_site_url, launch, serve  # noqa: E402,F401

PYTHON = str(ROOT / ".venv" / "bin" / "python")


def build(dest: Path, config: Path = ROOT / "mkdocs.yml", cwd: Path = ROOT) -> None:
    """mkdocs build --strict into dest; exit with the log if it fails."""
    run = subprocess.run([PYTHON, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config),
                          "-d", str(dest)], cwd=cwd, capture_output=True, text=True,
                         env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    if run.returncode:
        sys.exit(f"build failed:\n{run.stdout}{run.stderr}")


def localize(site: Path, base_url: str) -> None:
    """Point the site's absolute links at base_url, as if it were published there.

    Material fetches sitemap.xml from each hreflang alternate; on 127.0.0.1 those would
    otherwise go to the real host and fail, which no visitor of the real site sees.
    """
    published = configured_site_url()
    for file in site.rglob("*"):
        if file.suffix in {".html", ".xml", ".json"}:
            text = file.read_text("utf-8")
            if published in text:
                file.write_text(text.replace(published, base_url), "utf-8")
