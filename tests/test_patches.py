"""Each patch in thlao/patches.py: its hook point is still there in the installed version, and
when it is gone the patch says so in the log (a negative control for each) instead of failing silently."""
import logging
from types import SimpleNamespace

import pytest
from mkdocs.theme import Theme

from harness.site import build
from thlao import patches


def material_search_plugin():
    """Material's search plugin as a build has it after on_config (where it makes its index)."""
    from material.plugins.search.plugin import SearchPlugin
    plugin = SearchPlugin()
    errors, warnings = plugin.load_config({"lang": ["th"], "separator": "[\\s]+", "pipeline": []})
    assert not errors, errors
    plugin.on_config({"theme": {"language": "th"}})
    return plugin


def test_material_search_index_still_takes_entries_page_by_page(caplog):
    plugin = material_search_plugin()
    assert callable(plugin.search_index.add_entry_from_context)  # the hook point, in this version
    with caplog.at_level(logging.WARNING, "mkdocs.plugins.thlao"):
        patches.skip_material_index(SimpleNamespace(plugins={"material/search": plugin}))
    assert plugin.search_index.add_entry_from_context(object()) is None  # no parse: a page is not read
    assert plugin.search_index.entries == [] and not caplog.records


def test_a_search_index_without_the_hook_point_is_reported_and_left_alone(caplog):
    plugin = SimpleNamespace(search_index=SimpleNamespace(entries=[]))  # as if Material renamed it
    with caplog.at_level(logging.WARNING, "mkdocs.plugins.thlao"):
        patches.skip_material_index(SimpleNamespace(plugins={"material/search": plugin}))
    assert [r.levelname for r in caplog.records] == ["WARNING"]
    assert "add_entry_from_context" in caplog.text and patches.MATERIAL in caplog.text
    assert vars(plugin.search_index) == {"entries": []}


def test_material_base_html_still_puts_autocomplete_on_its_checkboxes(caplog):
    # what valid_toggles fixes; when a Material release fixes it, this fails and the patch can go
    with caplog.at_level(logging.WARNING, "mkdocs.plugins.thlao"):
        assert patches.toggles_need_fixing(Theme(name="material"))
    assert not caplog.records


def test_a_base_html_without_the_bug_is_reported(tmp_path, caplog):
    (tmp_path / "base.html").write_text('<input type="checkbox" id="__drawer">', "utf-8")
    with caplog.at_level(logging.WARNING, "mkdocs.plugins.thlao"):
        assert not patches.toggles_need_fixing(SimpleNamespace(dirs=[str(tmp_path)]))
    assert [r.levelname for r in caplog.records] == ["WARNING"] and patches.MATERIAL in caplog.text


def test_material_toc_html_still_labels_the_toc_checkbox(caplog):
    # what label_without_toggle fixes on a page in no nav; when Material changes it, this fails
    with caplog.at_level(logging.WARNING, "mkdocs.plugins.thlao"):
        assert patches.toc_label_needs_fixing(Theme(name="material"))
    assert not caplog.records


def test_a_toc_html_without_the_label_is_reported(tmp_path, caplog):
    (tmp_path / "partials").mkdir()
    (tmp_path / "partials" / "toc.html").write_text('<label class="md-nav__title">', "utf-8")
    with caplog.at_level(logging.WARNING, "mkdocs.plugins.thlao"):
        assert not patches.toc_label_needs_fixing(SimpleNamespace(dirs=[str(tmp_path)]))
    assert [r.levelname for r in caplog.records] == ["WARNING"] and patches.MATERIAL in caplog.text


def test_the_toc_label_loses_its_for_only_where_no_checkbox_has_that_id():
    page = f'<nav>{patches.TOC_LABEL}x</label></nav>'
    assert patches.label_without_toggle(page) == '<nav><label class="md-nav__title">x</label></nav>'
    # negative control: a page in the nav has the checkbox, and keeps its label as it is
    in_nav = f'<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">{page}'
    assert patches.label_without_toggle(in_nav) == in_nav


I18N_SITE = """
site_name: x
site_url: https://example.org/
theme: {name: material}
plugins:
  - i18n:
      docs_structure: folder
      languages:
        - {locale: th, name: ไทย, default: true, build: true}
        - {locale: en, name: English, build: true}
"""


@pytest.fixture(scope="module")
def i18n_alone(tmp_path_factory):
    """A two-language site built by mkdocs-static-i18n without the site plugin."""
    root = tmp_path_factory.mktemp("i18n")
    (root / "mkdocs.yml").write_text(I18N_SITE, "utf-8")
    for lang in ("th", "en"):
        (root / "docs" / lang).mkdir(parents=True)
        (root / "docs" / lang / "index.md").write_text(f"# {lang}\n", "utf-8")
    build(root / "site", config=root / "mkdocs.yml", cwd=root)
    return root / "site"


def test_i18n_still_writes_every_language_404_over_the_root_one(i18n_alone):
    # what place_404 fixes: the default language's 404 is lost, and none is under en/
    assert '<html lang="en"' in (i18n_alone / "404.html").read_text("utf-8")
    assert not (i18n_alone / "en" / "404.html").exists()


def test_place_404_keeps_each_language_in_its_own_folder(tmp_path):
    (tmp_path / "404.html").write_text("th page", "utf-8")
    kept = patches.place_404("en page", "404.html", "en", "en/", tmp_path)
    assert kept == "th page" and (tmp_path / "en" / "404.html").read_text("utf-8") == "en page"
    # negative controls: the default language's 404 and other templates pass unchanged
    assert patches.place_404("th page 2", "404.html", "th", "", tmp_path) == "th page 2"
    assert patches.place_404("<urlset/>", "sitemap.xml", "en", "en/", tmp_path) == "<urlset/>"
