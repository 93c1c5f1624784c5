"""The macros entry point: registers functions, computes nothing itself."""


def define_env(env):
    """Register the site's macros with mkdocs-macros."""

    @env.macro
    def page_lang():
        return env.conf["theme"]["language"]
