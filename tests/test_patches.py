"""The registry of what the site changes in other packages (thlao/patches.py): every change's hook
point is still there in the installed versions, every forked template still matches the upstream
file it was forked from, and when either is no longer so, the build says so in a warning (which
stops `mkdocs build --strict`), a negative control for each."""
import dataclasses
import logging
from types import SimpleNamespace

import pytest
from mkdocs.theme import Theme

from harness.site import ROOT
from thlao import patches

LOG = "mkdocs.plugins.thlao"


def test_the_installed_versions_are_those_the_changes_were_written_for(caplog):
    with caplog.at_level(logging.WARNING, LOG):
        assert patches.check_versions() == []
    assert patches.installed_versions() == patches.PACKAGES


def test_a_different_version_is_named_with_what_was_expected(monkeypatch, caplog):
    monkeypatch.setitem(patches.PACKAGES, "mkdocs-material", "9.7.0")
    with caplog.at_level(logging.WARNING, LOG):
        found = patches.check_versions()
    assert len(found) == 1 and "mkdocs-material" in found[0] and "9.7.0" in found[0]
    assert patches.installed_versions()["mkdocs-material"] in found[0]
    assert [r.levelname for r in caplog.records] == ["WARNING"]


def test_every_file_of_overrides_is_in_the_registry():
    forked = {fork.ours for fork in patches.FORKS}
    present = {p.relative_to(ROOT).as_posix() for p in (ROOT / "overrides").rglob("*") if p.is_file()}
    assert present == forked


@pytest.mark.parametrize("fork", patches.FORKS, ids=lambda f: f.ours)
def test_each_fork_s_upstream_file_is_the_one_it_was_forked_from(fork):
    assert patches.upstream_sha256(fork) == fork.sha256, (
        f"{fork.package}'s {fork.upstream} changed: re-sync {fork.ours}, then record its new SHA-256")


def test_a_changed_upstream_file_is_reported(monkeypatch, caplog):
    stale = dataclasses.replace(patches.FORKS[0], sha256="0" * 64)
    monkeypatch.setattr(patches, "FORKS", (stale, *patches.FORKS[1:]))
    with caplog.at_level(logging.WARNING, LOG):
        found = patches.check_forks()
    assert len(found) == 1 and stale.ours in found[0] and "Re-sync" in found[0]


def test_a_gone_upstream_file_is_reported(monkeypatch, caplog):
    gone = dataclasses.replace(patches.FORKS[0], upstream="templates/no-such.html")
    monkeypatch.setattr(patches, "FORKS", (gone,))
    with caplog.at_level(logging.WARNING, LOG):
        assert "is gone" in patches.check_forks()[0]


def material_search_plugin():
    """Material's search plugin as a build has it after on_config (where it makes its index)."""
    from material.plugins.search.plugin import SearchPlugin
    plugin = SearchPlugin()
    errors, _ = plugin.load_config({"lang": ["th"], "separator": "[\\s]+", "pipeline": []})
    assert not errors, errors
    plugin.on_config({"theme": {"language": "th"}})
    return plugin


def test_material_search_index_still_takes_entries_page_by_page(caplog):
    plugin = material_search_plugin()
    with caplog.at_level(logging.WARNING, LOG):
        patches.skip_material_index(SimpleNamespace(plugins={"material/search": plugin}))
    assert plugin.search_index.add_entry_from_context(object()) is None  # no parse: a page is not read
    assert plugin.search_index.entries == [] and not caplog.records


def test_a_search_index_without_the_hook_point_is_reported_and_left_alone(caplog):
    plugin = SimpleNamespace(search_index=SimpleNamespace(entries=[]))  # as if Material renamed it
    with caplog.at_level(logging.WARNING, LOG):
        patches.skip_material_index(SimpleNamespace(plugins={"material/search": plugin}))
    assert [r.levelname for r in caplog.records] == ["WARNING"] and patches.MATERIAL in caplog.text
    assert vars(plugin.search_index) == {"entries": []}


def _config(search=True, reconfigure_search=False):
    plugins = {"i18n": SimpleNamespace(config={"reconfigure_search": reconfigure_search})}
    if search:
        plugins["material/search"] = material_search_plugin()
    return SimpleNamespace(plugins=plugins, theme=Theme(name="material"))


def test_the_site_s_search_index_is_written_after_material_s(caplog):
    with caplog.at_level(logging.WARNING, LOG):
        assert patches.write_order_ok(_config())
    assert not caplog.records


def test_an_i18n_plugin_that_rewrites_the_search_is_reported(caplog):
    with caplog.at_level(logging.WARNING, LOG):
        assert not patches.write_order_ok(_config(reconfigure_search=True))
    assert "reconfigure_search" in caplog.text


def test_material_still_names_the_search_worker_main_html_swaps(caplog, tmp_path):
    with caplog.at_level(logging.WARNING, LOG):
        assert patches.worker_swap_ok(Theme(name="material"))
        # negative control: a base.html without it
        (tmp_path / "base.html").write_text('<script id="__config">{"base": "."}</script>', "utf-8")
        assert not patches.worker_swap_ok(SimpleNamespace(dirs=[str(tmp_path)]))
    assert [r.levelname for r in caplog.records] == ["WARNING"]


def test_material_still_needs_both_html_fixes(caplog, tmp_path):
    with caplog.at_level(logging.WARNING, LOG):
        assert patches.html_fixes_needed(Theme(name="material")) == {"toggles": True, "toc_label": True}
    assert not caplog.records
    # negative control: templates where Material fixed both: each fix is reported as no longer needed
    (tmp_path / "base.html").write_text('<input type="checkbox" id="__drawer">', "utf-8")
    (tmp_path / "partials").mkdir()
    (tmp_path / "partials" / "toc.html").write_text('<label class="md-nav__title">', "utf-8")
    with caplog.at_level(logging.WARNING, LOG):
        assert patches.html_fixes_needed(SimpleNamespace(dirs=[str(tmp_path)])) == {"toggles": False,
                                                                                      "toc_label": False}
    assert [r.levelname for r in caplog.records] == ["WARNING", "WARNING"]


def test_the_html_fixes_change_only_what_they_fix():
    page = ('<body><input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off">'
            '<input type="text" autocomplete="off"><header></header>'
            '<label class="md-nav__title" for="__toc">x</label></body>')
    fixed = patches.fix_html(page, {"toggles": True, "toc_label": True}, in_nav=False)
    assert fixed == page.replace(' autocomplete="off">', ">", 1).replace(' for="__toc"', "")
    assert patches.fix_html(page, {"toggles": True, "toc_label": True}, in_nav=True).count('for="__toc"') == 1
    assert patches.fix_html(page, {"toggles": False, "toc_label": False}, in_nav=False) == page


def test_place_404_keeps_each_language_in_its_folder(tmp_path, caplog):
    (tmp_path / "404.html").write_text("thai", "utf-8")  # the default language's, written first
    with caplog.at_level(logging.WARNING, LOG):
        assert patches.place_404("english", "404.html", "en", "en/", tmp_path) == "thai"
    assert (tmp_path / "en" / "404.html").read_text("utf-8") == "english" and not caplog.records
    assert patches.place_404("page", "index.html", "en", "en/", tmp_path) == "page"  # other templates: untouched


def test_place_404_reports_when_i18n_places_them_itself(tmp_path, caplog):
    (tmp_path / "404.html").write_text("thai", "utf-8")
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "404.html").write_text("already", "utf-8")
    with caplog.at_level(logging.WARNING, LOG):
        assert patches.place_404("english", "404.html", "en", "en/", tmp_path) == "english"
    assert [r.levelname for r in caplog.records] == ["WARNING"]
    assert (tmp_path / "en" / "404.html").read_text("utf-8") == "already"


def test_i18n_still_writes_every_language_404_over_the_root_one(real_site):
    # what place_404 exists for: without it the root 404 would be the last language's
    assert 'lang="th"' in (real_site / "404.html").read_text("utf-8")
    assert 'lang="en"' in (real_site / "en" / "404.html").read_text("utf-8")[:400]


def _i18n_extra(alternates):
    """config.extra as mkdocs-static-i18n leaves it after a page: its item, and its own attribute."""
    from mkdocs.config.base import LegacyConfig
    extra = LegacyConfig(())
    extra["alternate"] = alternates
    return extra


def test_switcher_for_404_leads_each_language_home_in_the_item_and_i18n_s_attribute(caplog):
    homes = [{"name": "ไทย", "link": "/", "lang": "th"}, {"name": "English", "link": "/en/", "lang": "en"}]
    extra = _i18n_extra(homes)
    extra.alternate = [{**h, "link": h["link"] + "related/x/"} for h in homes]  # the last page's, as i18n sets it
    config = SimpleNamespace(extra=extra)
    with caplog.at_level(logging.WARNING, LOG):
        patches.switcher_for_404(config, lambda lang: "" if lang == "th" else f"{lang}/")
    assert [a["link"] for a in extra["alternate"]] == [a["link"] for a in extra.alternate] == ["/", "/en/"]
    assert not caplog.records


def test_switcher_for_404_without_i18n_s_switcher_is_reported_and_left_alone(caplog):
    config = SimpleNamespace(extra=_i18n_extra(None))
    with caplog.at_level(logging.WARNING, LOG):
        patches.switcher_for_404(config, lambda lang: "")
    assert config.extra["alternate"] is None and len(caplog.records) == 1
    assert "extra.alternate" in caplog.records[0].getMessage()
