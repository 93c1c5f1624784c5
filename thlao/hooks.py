"""MkDocs hooks: what the plugins do not do right, fixed at the right event.

MkDocs loads this file by path, so the package is importable only once the
repository root is on sys.path.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from thlao import i18n_fixes  # noqa: E402


def on_post_template(output_content, template_name, config):
    # mkdocs-static-i18n writes every language's 404.html to the site root (last one wins)
    return i18n_fixes.place_404(output_content, template_name, config)
