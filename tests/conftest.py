"""Shared fixtures: the real site, built once per test session."""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from browser import chromium, site_url  # noqa: F401  (one server and one Chromium for all browser tests)

ROOT = Path(__file__).resolve().parent.parent


def build_site(dest: Path, *, command=(sys.executable, "-m", "mkdocs"), config=ROOT / "mkdocs.yml"):
    """Build the site with `mkdocs build --strict` into dest; fail the test with the log on error."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    run = subprocess.run([*command, "build", "--strict", "-f", str(config), "-d", str(dest)],
                         cwd=ROOT, env=env, capture_output=True, text=True)
    if run.returncode != 0:
        pytest.fail(f"build failed ({run.returncode}):\n{run.stdout}\n{run.stderr}", pytrace=False)
    return run


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built with --strict; Thai at the root, English under en/."""
    dest = tmp_path_factory.mktemp("site")
    build_site(dest)
    return dest
