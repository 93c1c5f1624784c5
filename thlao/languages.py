"""Where each language's pages live: the default language at the site root, the others under /<code>/."""


def root(language: str, default: str) -> str:
    """The URL path of a language's home from the site root: '' for the default, 'en/' for English."""
    return "" if language == default else f"{language}/"
