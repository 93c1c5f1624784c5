"""The site's own code: data checks, dates, rendering, search, open data, and the site plugin.

MkDocs finds the plugin (thlao/plugin.py) by its entry point in pyproject.toml; the plugin hands
the pages' macros (thlao/macros.py) to the macros plugin itself.
"""
