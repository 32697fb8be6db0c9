"""Run every benchmark in bench/, one after another, and exit 1 if any of them
failed. `make bench` calls this.

A benchmark is a file here that runs as a script (it has an
``if __name__ == "__main__":`` block); the others are modules the benchmarks
share. Each runs with its own defaults; name some to run only those:

    .venv/bin/python bench/run.py [intake report ...]
"""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def benchmarks(names: list[str]) -> list[Path]:
    found = sorted(
        path for path in HERE.glob("*.py")
        if path.name != "run.py" and 'if __name__ == "__main__":' in path.read_text()
    )
    return [path for path in found if not names or path.stem in names]


def main(names: list[str]) -> int:
    failed = []
    for path in benchmarks(names):
        print(f"== {path.stem} ==", flush=True)
        if subprocess.run([sys.executable, str(path)], cwd=HERE.parent).returncode != 0:
            failed.append(path.stem)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
