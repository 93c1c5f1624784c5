"""What the benchmarks share beyond harness/: the Python that builds, and a built site served as its own origin."""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # harness/, which the tests import too (never tests/ itself)

from harness.browser import CHROMIUM, CHROMIUM_ARGS, launch, serve  # noqa: E402,F401
from harness.site import build as _build  # noqa: E402
from harness.site import configured_site_url  # noqa: E402

PYTHON = str(ROOT / ".venv" / "bin" / "python")


def build(dest: Path, config: Path = ROOT / "mkdocs.yml", cwd: Path = ROOT) -> None:
    """mkdocs build --strict into dest with the repository's .venv; exit with the log if it fails."""
    try:
        _build(dest, command=(PYTHON, "-m", "mkdocs"), config=config, cwd=cwd, quiet=True)
    except Exception as failed:  # noqa: BLE001 - a benchmark stops with the build's own log
        sys.exit(str(failed))


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
