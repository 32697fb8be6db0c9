"""The annual report benchmark.

    python bench/report.py [--database sqlite|postgres|both] [--years 20] [--per-year 50000] [--reuse]

Makes a dedicated bench database (var/bench/reports.sqlite3, or the PostgreSQL
database bench_reports), migrates it and fills it with bench/synthetic.py
(--reuse keeps one that already holds that many cases), and the same at a
tenth of the size (var/bench/reports-tenth.sqlite3, bench_reports_tenth). Then,
for the last complete reporting year, best of 3 after a warm-up:

- build(year): wall time and number of queries, at both sizes (the number of
  queries must not change with the size);
- one plain SQL scan of the year's cases (a count), and a scan reading the
  columns the report uses joined to each complaint's Stage 1, and the
  builder's time over each;
- rendering the report as DOCX and as PDF (full size only).

The targets (issue: the annual report at 1,000,000 cases): build under 0.5 s
with a query count independent of the size, no more than 3 times the plain
scan; DOCX under 3 s; PDF under 10 s. Prints a table and writes
var/bench/report-results.json (one entry per database, kept across runs).

Each database is measured in its own process (Django reads DATABASE_URL once).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
RESULTS = BENCH_DIR / "report-results.json"
POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
TARGETS = {"build_s": 0.5, "ratio": 3.0, "docx_s": 3.0, "pdf_s": 10.0}
REPEAT = 3

COUNT_SCAN = "SELECT count(*), sum(length(reference)) FROM casework_case WHERE received_on BETWEEN %s AND %s"
# The columns the report's case tables read, with each complaint's Stage 1.
JOIN_SCAN = """
SELECT c.kind, c.team_id, c.channel_id, c.advocacy_offered_on, c.advocacy_accepted, c.advocacy_provided,
       s.outcome, s.working_days_taken, s.extension_reason, s.responded_on, s.due_on
FROM casework_case c LEFT JOIN casework_stage s ON s.case_id = c.id AND s.number = 1
WHERE c.received_on BETWEEN %s AND %s
"""


# -- the parent: databases, sizes, the table ------------------------------------------


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="sqlite")
    parser.add_argument("--years", type=int, default=20)
    parser.add_argument("--per-year", type=int, default=50_000)
    parser.add_argument("--reuse", action="store_true", help="keep a bench database that already has the data")
    parser.add_argument("--skip-renders", action="store_true", help="time the builder and scans only")
    parser.add_argument("--worker", choices=["status", "generate", "measure"], help=argparse.SUPPRESS)
    parser.add_argument("--renders", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return _worker(args)

    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    databases = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    stored = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    for database in databases:
        sizes = {}
        for size, per_year in (("tenth", max(1, args.per_year // 10)), ("full", args.per_year)):
            url = _database_url(database, size)
            print(f"== {database}, {size}: {args.years} years x {per_year:,} cases", file=sys.stderr)
            setup = _ensure_data(url, database, size, args.years, per_year, reuse=args.reuse)
            measured = _run_worker(url, "measure", args, renders=(size == "full" and not args.skip_renders))
            sizes[size] = {"years": args.years, "per_year": per_year, **setup, **measured}
        stored[database] = {
            "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, Python "
                       f"{platform.python_version()}",
            "targets": TARGETS,
            **sizes,
            "verdict": _verdict(sizes),
        }
        RESULTS.write_text(json.dumps(stored, indent=2))
    _print_table({d: stored[d] for d in databases})
    print(f"\nResults written to {RESULTS.relative_to(ROOT)}")
    return 0


def _database_url(database: str, size: str) -> str:
    suffix = "" if size == "full" else f"_{size}"
    if database == "sqlite":
        return f"sqlite:///{BENCH_DIR / ('reports' + suffix.replace('_', '-') + '.sqlite3')}"
    return f"{POSTGRES_URL.rstrip('/')}/bench_reports{suffix}"


def _ensure_data(url, database, size, years, per_year, *, reuse) -> dict:
    """A migrated bench database with the data: reused when asked and it holds
    exactly that many cases, otherwise made afresh. Returns the setup times."""
    if reuse:
        status = _run_worker(url, "status") if _exists(url, database) else {}
        if status.get("cases") == years * per_year:
            print(f"   reusing {status['cases']:,} cases", file=sys.stderr)
            return {"reused": True, **status}
    _recreate(url, database)
    started = time.perf_counter()
    subprocess.run([sys.executable, "manage.py", "migrate", "--no-input", "-v0"], cwd=ROOT, env=_env(url),
                   check=True)
    migrate_s = time.perf_counter() - started
    generated = _run_worker(url, "generate", argparse.Namespace(years=years, per_year=per_year))
    return {"reused": False, "migrate_s": round(migrate_s, 1), **generated}


def _exists(url, database) -> bool:
    if database == "sqlite":
        return Path(url.removeprefix("sqlite:///")).exists()
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(f"{POSTGRES_URL.rstrip('/')}/postgres", autocommit=True) as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def _recreate(url, database) -> None:
    if database == "sqlite":
        path = Path(url.removeprefix("sqlite:///"))
        for extra in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{extra}").unlink(missing_ok=True)
        return
    import psycopg
    from psycopg import sql

    name = url.rsplit("/", 1)[1]
    if not name.startswith("bench_"):
        raise SystemExit(f"Refusing to recreate {name!r}: bench databases are named bench_*")
    with psycopg.connect(f"{POSTGRES_URL.rstrip('/')}/postgres", autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _env(url: str) -> dict:
    return {**os.environ, "DJANGO_SETTINGS_MODULE": "complaints.settings", "DEBUG": "1", "SECRET_KEY": "bench",
            "DATABASE_URL": url}


def _run_worker(url, worker, args=None, *, renders=False) -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", worker]
    if args is not None:
        command += ["--years", str(args.years), "--per-year", str(args.per_year)]
    if renders:
        command.append("--renders")
    done = subprocess.run(command, cwd=ROOT, env=_env(url), check=True, stdout=subprocess.PIPE, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _verdict(sizes: dict) -> dict:
    full, tenth = sizes["full"], sizes["tenth"]
    verdict = {
        "build_under_target": full["build_s"] < TARGETS["build_s"],
        "queries_independent_of_size": full["queries"] == tenth["queries"],
        "build_within_3x_count_scan": full["build_s"] <= TARGETS["ratio"] * full["count_scan_s"],
        "build_within_3x_join_scan": full["build_s"] <= TARGETS["ratio"] * full["join_scan_s"],
    }
    if "docx_s" in full:
        verdict["docx_under_target"] = full["docx_s"] < TARGETS["docx_s"]
    if "pdf_s" in full:
        verdict["pdf_under_target"] = full["pdf_s"] < TARGETS["pdf_s"]
    return verdict


def _print_table(results: dict) -> None:
    header = (f"{'database':<9} {'size':<6} {'cases':>10} {'generate':>9} {'year':>8} {'in year':>8} "
              f"{'build':>8} {'queries':>7} {'count scan':>10} {'ratio':>6} {'join scan':>9} {'ratio':>6} "
              f"{'docx':>6} {'pdf':>6}")
    print("\n" + header + "\n" + "-" * len(header))
    for database, result in results.items():
        for size in ("tenth", "full"):
            r = result[size]
            generated = "reused" if r.get("reused") else f"{r['generate_s']:.0f} s"
            docx = f"{r['docx_s']:.2f}" if "docx_s" in r else "-"
            pdf = f"{r['pdf_s']:.2f}" if "pdf_s" in r else "-"
            print(f"{database:<9} {size:<6} {r['cases']:>10,} {generated:>9} {r['year']:>8} {r['cases_in_year']:>8,} "
                  f"{r['build_s']:>7.3f}s {r['queries']:>7} {r['count_scan_s'] * 1000:>8.1f}ms "
                  f"{r['build_s'] / r['count_scan_s']:>5.1f}x {r['join_scan_s'] * 1000:>7.1f}ms "
                  f"{r['build_s'] / r['join_scan_s']:>5.1f}x {docx:>6} {pdf:>6}")
        failed = [name for name, ok in result["verdict"].items() if not ok]
        print(f"{database}: " + ("every target met" if not failed else "missed: " + ", ".join(failed)))


# -- the workers: one database each, Django set up from the environment -------------------


def _worker(args) -> int:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection

    from bench.synthetic import generate, last_complete_year
    from complaints.casework.models import Case

    if args.worker == "status":
        out = {"cases": Case.objects.count()}
    elif args.worker == "generate":
        started = time.perf_counter()
        rows = generate(args.years, args.per_year, progress=lambda line: print("   " + line, file=sys.stderr))
        out = {"generate_s": round(time.perf_counter() - started, 1), "rows": sum(rows.values()),
               "rows_by_table": rows}
    else:
        out = _measure(connection, last_complete_year(), renders=args.renders)
        out["cases"] = Case.objects.count()
    print(json.dumps(out))
    return 0


def _best(fn, repeat=REPEAT) -> tuple[float, object]:
    """Best wall time of ``repeat`` calls after one warm-up, and the warm-up's result."""
    result = fn()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times), result


def _measure(connection, year, *, renders: bool) -> dict:
    from django.test.utils import CaptureQueriesContext

    from complaints.casework.models import Case
    from complaints.reports.annual import build

    span = (year.starts_on, year.ends_on)
    load = os.getloadavg()[0]
    if load > (os.cpu_count() or 1):
        print(f"   warning: load average {load:.1f} on {os.cpu_count()} CPUs; the times will be inflated",
              file=sys.stderr)

    def scan(sql, fetch):
        with connection.cursor() as cursor:
            cursor.execute(sql, span)
            return fetch(cursor)

    build_s, report = _best(lambda: build(year))
    with CaptureQueriesContext(connection) as captured:
        build(year)
    slowest = sorted(captured.captured_queries, key=lambda q: -float(q["time"]))[:5]
    count_scan_s, _ = _best(lambda: scan(COUNT_SCAN, lambda c: c.fetchone()))
    join_scan_s, rows = _best(lambda: scan(JOIN_SCAN, lambda c: c.fetchall()))
    out = {
        "year": str(year),
        "cases_in_year": Case.objects.filter(received_on__range=span).count(),
        "build_s": round(build_s, 4),
        "queries": len(captured),
        "queries_time_s": round(sum(float(q["time"]) for q in captured.captured_queries), 4),
        "slowest_queries": [{"time_s": float(q["time"]), "sql": q["sql"][:600]} for q in slowest],
        "count_scan_s": round(count_scan_s, 4),
        "join_scan_s": round(join_scan_s, 4),
        "join_scan_rows": len(rows),
        "load_average_before": round(load, 2),
    }
    if renders:
        from complaints.reports.render import render

        for fmt in ("docx", "pdf"):
            seconds, (content, _, _) = _best(lambda fmt=fmt: render(report, fmt))
            out[f"{fmt}_s"] = round(seconds, 3)
            out[f"{fmt}_bytes"] = len(content)
    return out


if __name__ == "__main__":
    sys.exit(main())
