"""The site's own code: data checks, dates, rendering, search, open data, and the site plugin.

MkDocs finds the plugin (thlao/plugin.py) by its entry point in pyproject.toml; the macros
plugin imports this package (`module_name: thlao`) and calls `define_env`, from thlao/macros.py.
"""
from thlao.macros import define_env

__all__ = ["define_env"]
