"""A second process for the build's work that pages need not wait for.

The build renders pages on one core; on another, the worker checks the data, compiles the
theme's templates, reads git history, writes the open data files, and reads the rendered
articles into the search index (cutting their Thai into words). It is forked, so it starts
at once with the modules already loaded. Forking is
safe only while the process has a single thread (`mkdocs serve` runs server threads), and
only Linux is counted on (macOS system libraries may not survive a fork); otherwise the
work is done at once, in this process, with the same results.
"""
import multiprocessing
import sys
import threading
from concurrent.futures import Future, ProcessPoolExecutor

_pool = []  # the worker of the build under way, if there is one


def submit(function, *args) -> Future:
    """function(*args) in the worker, or here and now; its result (or error) comes from the Future."""
    if not _pool and threading.active_count() == 1 and sys.platform.startswith("linux"):
        _pool.append(ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")))
    if _pool:
        return _pool[0].submit(function, *args)
    done = Future()
    try:
        done.set_result(function(*args))
    except Exception as error:  # noqa: BLE001 - handed on as the worker's would be, by result()
        done.set_exception(error)
    return done


def finish() -> None:
    """Stop the worker once its results are in (the end of a build)."""
    while _pool:
        _pool.pop().shutdown()
