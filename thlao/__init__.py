"""The site's own code: data checks, dates, rendering, search, build hooks.

The macros plugin imports this package (`module_name: thlao`) and calls
`define_env`, which lives in `thlao.macros`.
"""
from thlao.macros import define_env

__all__ = ["define_env"]
