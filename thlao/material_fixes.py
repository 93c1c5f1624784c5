"""Material markup outside any template block that fails the HTML checker, corrected after rendering."""
import re

# base.html puts autocomplete="off" on its drawer and search toggles; HTML allows it on text-like inputs only.
_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?)\s+autocomplete="off"')


def valid_toggles(html: str) -> str:
    """The page with autocomplete removed from checkbox inputs (the only change)."""
    return _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
