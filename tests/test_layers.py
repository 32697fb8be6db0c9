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


def test_every_import_points_down_the_layers():
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "Contracts: 2 kept, 0 broken." in result.stdout


def test_a_lower_layer_importing_a_higher_one_breaks_the_contract(tmp_path):
    """A copy of the code in which casework imports the reports: the check fails and
    names the import."""
    shutil.copytree(ROOT / "complaints", tmp_path / "complaints",
                    ignore=shutil.ignore_patterns("__pycache__", "static", "templates", "*.sqlite3"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    rules = tmp_path / "complaints" / "casework" / "rules.py"
    rules.write_text(rules.read_text() + "\nfrom complaints.reports import annual  # noqa\n")
    result = _lint_imports(tmp_path)
    assert result.returncode != 0
    assert "complaints.casework is not allowed to import complaints.reports" in result.stdout
    assert "complaints.casework.rules -> complaints.reports.annual" in " ".join(result.stdout.split())


def test_the_working_day_engine_never_imports_django(tmp_path):
    shutil.copytree(ROOT / "complaints", tmp_path / "complaints",
                    ignore=shutil.ignore_patterns("__pycache__", "static", "templates", "*.sqlite3"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    engine = tmp_path / "complaints" / "workdays" / "calendars.py"
    engine.write_text(engine.read_text() + "\nfrom django.conf import settings  # noqa\n")
    result = _lint_imports(tmp_path)
    assert result.returncode != 0
    assert "complaints.workdays is not allowed to import django" in result.stdout
    assert "complaints.workdays.calendars -> django" in result.stdout
