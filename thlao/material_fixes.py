"""Material markup outside any template block that fails the HTML checker, corrected after rendering."""
import re

# base.html puts autocomplete="off" on its drawer and search toggles; HTML allows it on text-like inputs only.
_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?)\s+autocomplete="off"')


def valid_toggles(html: str) -> str:
    """The page with autocomplete removed from checkbox inputs (the only change).

    The two toggles open <body>, before the <header>: only that part is searched, not the
    navigation and the article after it (which made this a tenth of a large build's hooks).
    """
    end = html.find("<header")
    top = html[:end] if end >= 0 else html
    fixed = _CHECKBOX_AUTOCOMPLETE.sub(r"\1", top)
    return html if fixed == top else html.replace(top, fixed, 1)  # one copy of the page
