"""Imports point down the layers only (pyproject.toml, [tool.importlinter]): the
project at the top, then the apps that build on others, down to casework, accounts
and the plain-Python working-day engine."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint_imports(where: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=where, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(where)})


def _lint_imports_with(where: Path, module: str, line: str) -> subprocess.CompletedProcess:
    """The check over a copy of the code in which ``module`` also has ``line``."""
    shutil.copytree(ROOT / "complaints", where / "complaints",
                    ignore=shutil.ignore_patterns("__pycache__", "static", "templates", "*.sqlite3"))
    shutil.copy(ROOT / "pyproject.toml", where)
    changed = where / "complaints" / module
    changed.write_text(changed.read_text() + f"\n{line}  # noqa\n")
    return _lint_imports(where)


def test_every_import_points_down_the_layers():
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "Contracts: 2 kept, 0 broken." in result.stdout


def test_a_lower_layer_importing_a_higher_one_breaks_the_contract(tmp_path):
    """A copy of the code in which casework imports the reports: the check fails and
    names the import."""
    result = _lint_imports_with(tmp_path, "casework/rules.py", "from complaints.reports import annual")
    assert result.returncode != 0
    assert "complaints.casework is not allowed to import complaints.reports" in result.stdout
    assert "complaints.casework.rules -> complaints.reports.annual" in " ".join(result.stdout.split())


def test_the_working_day_engine_never_imports_django(tmp_path):
    result = _lint_imports_with(tmp_path, "workdays/calendars.py", "from django.conf import settings")
    assert result.returncode != 0
    assert "complaints.workdays is not allowed to import django" in result.stdout
    assert "complaints.workdays.calendars -> django" in result.stdout
