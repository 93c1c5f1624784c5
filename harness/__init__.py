"""What the tests (tests/) and the benchmarks (bench/) share: building the site, serving it as
GitHub Pages does, driving Debian's Chromium, typing into the search box, editing copies of the data.

Both import from here and never from each other: a benchmark keeps working when a test file is
renamed, pytest never collects a benchmark, and neither reaches into the other's folder.
"""
