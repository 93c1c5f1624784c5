"""Serving a built site as GitHub Pages does, and launching Debian's Chromium on this closed network."""
import contextlib
import functools
import gzip
import http.server
import os
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Debian's Chromium; CHROMIUM names another build (GitHub's runners ship Google Chrome).
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# The network is closed: without these, Chromium's own background requests fail noisily.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
# What GitHub Pages compresses; fonts and images are already compressed.
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files, quietly; gzip-compressed like GitHub Pages when `compress` is set."""

    compress = False

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"  # (a folder without its slash gets the parent's redirect)
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.compress and wants_gzip and path.suffix in COMPRESSIBLE and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=9)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _BytesFile(body)


class _BytesFile:
    """A body already in memory, with the read/close that SimpleHTTPRequestHandler expects."""

    def __init__(self, data: bytes):
        self.data = data

    def read(self, *args):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


@contextlib.contextmanager
def serve(directory: Path, *, compress: bool = False, port: int = 0):
    """Serve directory on 127.0.0.1 in a thread; yield its base URL (ending in /)."""
    handler = type("Handler", (_Handler,), {"compress": compress})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", port), functools.partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def launch(playwright, **kwargs):
    """Headless Debian Chromium with the flags this closed network needs."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                      headless=True, **kwargs)


# Transitions would let axe sample colours halfway through a fade, and content left
# unrendered below the fold (content-visibility) would escape its colour checks.
NO_MOTION = ("*,*::before,*::after{transition:none!important;animation:none!important;"
             "content-visibility:visible!important}")


def still_context(chromium, **options):
    """A browser context without motion, where axe samples settled colours."""
    context = chromium.new_context(reduced_motion="reduce", viewport={"width": 1280, "height": 800}, **options)
    context.add_init_script(f"addEventListener('DOMContentLoaded', () => document.head"
                            f".insertAdjacentHTML('beforeend', '<style>{NO_MOTION}</style>'))")
    return context
