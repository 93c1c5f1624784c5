"""Check the data files without building the site: `python -m thlao.check [-f mkdocs.yml]`.

Reads where the data, schemas, labels and terms are from the site plugin's settings in
mkdocs.yml, as the build does, and checks the data against the build's date
(dates.build_date). Prints every problem as `path:line: English / Thai` and exits 1; when the
data is good, prints one line saying what it checked and exits 0. Under GitHub Actions each
problem is also printed as an `::error` annotation so it shows on the pull request's lines.
"""
import argparse
import os
import sys
from pathlib import Path

from thlao import config, data, dates, labels


def run(config_file: Path) -> tuple:
    """(Dataset, problems) of the data that config_file's settings name, checked as a build checks it."""
    settings = config.load(config_file)
    return data.check(Path(settings.data_dir), Path(settings.schemas_dir), dates.build_date(),
                      labels.read_all(Path(settings.labels_dir)), data.load_terms(Path(settings.terms_file)))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Check the data files against their schemas and the site's rules.")
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"),
                        help="the site's mkdocs.yml, whose thlao plugin settings say where the data is")
    args = parser.parse_args(argv)
    try:
        dataset, problems = run(args.config_file)
    except Exception as err:  # a clerk must never see a traceback; say what failed instead
        print(f"The data check itself failed: {err!r}. Please tell the site team. / "
              f"ตัวตรวจข้อมูลทำงานผิดพลาด: {err!r} โปรดแจ้งทีมเว็บไซต์", file=sys.stderr)
        return 2
    for line in data.report_lines(problems, os.environ.get("GITHUB_ACTIONS") == "true"):
        print(line)
    if not problems:
        print(data.summary_line(dataset))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
