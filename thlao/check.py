"""Check the data files without building the site: `python -m thlao.check [data_dir] [schema_dir]`.

Prints every problem as `path:line: English / Thai` and exits 1; prints nothing
and exits 0 when the data is good. Under GitHub Actions each problem is also
printed as an `::error` annotation so it shows on the pull request's lines.
"""
import os
import sys
from pathlib import Path

from thlao import data


def main(argv=None) -> int:
    args = sys.argv[1:] if argv is None else argv
    data_dir = Path(args[0]) if args else data.default_data_dir()
    schema_dir = Path(args[1]) if len(args) > 1 else data.ROOT / "schemas"
    try:
        _, problems = data.check(data_dir, schema_dir)
    except Exception as err:  # a clerk must never see a traceback; say what failed instead
        print(f"The data check itself failed: {err!r}. Please tell the site team. / "
              f"ตัวตรวจข้อมูลทำงานผิดพลาด: {err!r} โปรดแจ้งทีมเว็บไซต์", file=sys.stderr)
        return 2
    for line in data.report_lines(problems, os.environ.get("GITHUB_ACTIONS") == "true"):
        print(line)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
