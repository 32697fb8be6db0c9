"""The spreadsheet import benchmark.

    python bench/import_records.py [--database sqlite|postgres|both] [--sizes 10000,50000,100000]

For each size, a synthetic workbook (bench/records_workbook.py: that many case
rows with about 1.5 points and 1.5 children each; made once and kept in
var/bench/) is imported with --commit into a fresh, migrated database
(var/bench/import.sqlite3, or the PostgreSQL database bench_import), in a
process of its own, so that its peak memory (the process's maximum resident
set) is the import's alone. Reported: the seconds, the case rows a second, all
rows a second, the peak memory and how much of it the import added to the
process as it started. The seconds are wall-clock time; the CPU seconds are
this process's own, and on PostgreSQL the database server's process's too
(read from /proc): together they say how much of the time was the import's
work rather than waiting for other processes on a shared machine.

The target (issue 6): 100,000 case rows with their points and children in
under 60 seconds on each database, with memory that stays flat as the file
grows. Prints a table and writes var/bench/import-results.json.

Each database and size is measured in its own process (Django reads
DATABASE_URL once, and a process's peak memory never goes down).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

# Benchmarks only: long enough for the production settings' key rule, never a secret.
BENCH_KEY = "bench-only-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz"

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
RESULTS = BENCH_DIR / "import-results.json"
POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
TARGET_S, TARGET_CASES = 60.0, 100_000


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--sizes", default="10000,50000,100000",
                        help="case rows in each file, comma-separated")
    parser.add_argument("--worker", choices=["generate", "import"], help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    parser.add_argument("--cases", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return _worker(args)
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    databases = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    if "postgres" in databases and not _postgres_up():
        print(f"-- PostgreSQL is not reachable at {POSTGRES_URL}: measuring SQLite only", file=sys.stderr)
        databases.remove("postgres")
    sizes = [int(size) for size in args.sizes.split(",")]
    results = {}
    for database in databases:
        url = _database_url(database)
        results[database] = {}
        for cases in sizes:
            path = _workbook(cases, url, database)
            print(f"-- {database}: importing {cases:,} cases", file=sys.stderr)
            _recreate(url, database)
            results[database][cases] = _run_worker(url, "import", path, cases)
    _print_table(results)
    _save(results)
    met = all(r[TARGET_CASES]["seconds"] < TARGET_S for r in results.values() if TARGET_CASES in r)
    return 0 if met else 1


def _postgres_up() -> bool:
    import psycopg

    try:
        psycopg.connect(f"{POSTGRES_URL.rstrip('/')}/postgres", connect_timeout=5).close()
    except psycopg.OperationalError:
        return False
    return True


def _database_url(database: str) -> str:
    if database == "sqlite":
        return f"sqlite:///{BENCH_DIR / 'import.sqlite3'}"
    return f"{POSTGRES_URL.rstrip('/')}/bench_import"


def _workbook(cases: int, url: str, database: str) -> Path:
    path = BENCH_DIR / f"import-{cases}.xlsx"
    if not path.exists():
        print(f"-- writing {path.name}", file=sys.stderr)
        _recreate(url, database)
        _run_worker(url, "generate", path, cases)
    return path


def _recreate(url: str, database: str) -> None:
    """A fresh, migrated database."""
    if database == "sqlite":
        path = Path(url.removeprefix("sqlite:///"))
        for extra in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{extra}").unlink(missing_ok=True)
    else:
        import psycopg
        from psycopg import sql

        name = url.rsplit("/", 1)[1]
        with psycopg.connect(f"{POSTGRES_URL.rstrip('/')}/postgres", autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    subprocess.run([sys.executable, "manage.py", "migrate", "--no-input", "-v0"], cwd=ROOT, env=_env(url),
                   check=True)


def _env(url: str) -> dict:
    # DEBUG off: with it on, Django keeps the text of every query it runs.
    return {**os.environ, "DJANGO_SETTINGS_MODULE": "complaints.settings", "DEBUG": "0", "SECRET_KEY": BENCH_KEY, "AUDIT_HMAC_KEY": BENCH_KEY,
            "DATABASE_URL": url}


def _run_worker(url: str, worker: str, path: Path, cases: int) -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", worker, "--file", str(path),
               "--cases", str(cases)]
    done = subprocess.run(command, cwd=ROOT, env=_env(url), check=True, stdout=subprocess.PIPE, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _print_table(results: dict) -> None:
    header = (f"{'database':<9} {'cases':>8} {'all rows':>9} {'seconds':>8} {'CPU s':>6} {'DB CPU s':>8} "
              f"{'cases/s':>8} {'rows/s':>8} {'peak MB':>8} {'added MB':>9}")
    print("\n" + header + "\n" + "-" * len(header))
    for database, sizes in results.items():
        for cases, r in sizes.items():
            server = f"{r['server_cpu_seconds']:.1f}" if r.get("server_cpu_seconds") is not None else "-"
            print(f"{database:<9} {cases:>8,} {r['rows']:>9,} {r['seconds']:>8.1f} {r['cpu_seconds']:>6.1f} "
                  f"{server:>8} {r['cases_per_s']:>8,.0f} "
                  f"{r['rows_per_s']:>8,.0f} {r['peak_mb']:>8.0f} {r['added_mb']:>9.0f}")


def _save(results: dict) -> None:
    saved = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    for database, sizes in results.items():
        saved[database] = {"measured_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                           "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, "
                                      f"Python {platform.python_version()}",
                           "sizes": sizes}
    RESULTS.write_text(json.dumps(saved, indent=2) + "\n")


# -- the workers: one database each, Django set up from the environment -----------------


def _server_process() -> int | None:
    """PostgreSQL: the process serving this connection (on this machine), whose
    CPU time is the database's share of the work; None for SQLite."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    return pid if Path(f"/proc/{pid}/stat").exists() else None


def _cpu_of(pid: int | None) -> float:
    if pid is None:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def _worker(args) -> int:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    if args.worker == "generate":
        from bench.records_workbook import write_workbook

        print(json.dumps(write_workbook(args.file, cases=args.cases)))
        return 0
    from complaints.transfer.importer import import_file

    server = _server_process()
    started_mb, started_server = _peak_mb(), _cpu_of(server)
    started, started_cpu = time.perf_counter(), time.process_time()
    with open(args.file, "rb") as file:
        report = import_file(file, Path(args.file).name, commit=True)
    seconds, cpu = time.perf_counter() - started, time.process_time() - started_cpu
    server_cpu = _cpu_of(server) - started_server if server else None
    if not report.committed:
        print(report.describe()[:3000], file=sys.stderr)
        return 1
    rows = sum(counts["created"] for counts in report.counts.values())
    print(json.dumps({
        "seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2),
        "server_cpu_seconds": round(server_cpu, 2) if server_cpu is not None else None, "rows": rows,
        "rows_by_sheet": {sheet: counts["created"] for sheet, counts in report.counts.items()},
        "cases_per_s": round(args.cases / seconds), "rows_per_s": round(rows / seconds),
        "peak_mb": round(_peak_mb(), 1), "added_mb": round(_peak_mb() - started_mb, 1),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
