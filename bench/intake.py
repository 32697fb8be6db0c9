"""How many complaints a second the public complaint form accepts.

Starts the service under gunicorn on loopback against a fresh database (SQLite
in a temporary folder unless --database-url is given), with the rate limit
raised out of the way (every client is 127.0.0.1), and measures two things
with a fixed number of concurrent clients:

1. Submissions a second. People fill in the form over minutes; what must keep
   up is the moment they press "Send complaint". One client goes through the
   whole form over HTTP to "Check your answers"; its session (the answers as
   the form kept them) is copied, with a new form token each, into enough
   sessions for the run, as if that many people had filled it in. Each client
   then presses Send for one session after another: the POST that records
   the case (with its Stage 1 due dates, the receipt email in the outbox and
   the timeline) and the confirmation page it redirects to, which must show
   a reference.
2. Whole forms a second: each client goes through the form from the start
   page to the confirmation as a browser without JavaScript does, 22
   requests with its own session and CSRF token.

Every reference a client was shown must exist afterwards, and the cases
counted before and after must differ by the number sent: "lost" is any
shortfall. Errors are any unexpected status, page or network failure. Exit
status 1 on any error or loss.

    .venv/bin/python bench/intake.py [--database sqlite|sqlite-wal|postgres|all]
                                     [--clients 8] [--seconds 20] [--workers 5]

``sqlite`` is SQLite as the project configures it (a rollback journal);
``sqlite-wal`` the same file in write-ahead-log mode (still durable: every
commit is synced), set with DATABASE_URL alone; ``postgres`` a fresh database
``bench_intake`` at BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432).
Each is measured in a process of its own; the results are also written to
var/bench/intake-results.json.
"""

import argparse
import http.client
import json
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "var" / "bench" / "intake-results.json"
POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
DATABASES = {
    "sqlite": "sqlite:///{folder}/bench.sqlite3",
    "sqlite-wal": "sqlite:///{folder}/bench.sqlite3?init_command=PRAGMA journal_mode=WAL"
                  "&transaction_mode=IMMEDIATE",
    "postgres": f"{POSTGRES_URL.rstrip('/')}/bench_intake",
}
PYTHON = Path(sys.executable)
GUNICORN = PYTHON.parent / "gunicorn"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
REFERENCE = re.compile(r"<strong>(COM-\d{4}-\d{4,})</strong>")
TEAM = re.compile(r'name="team" value="(\d+)"')


def answers(team: str) -> list[tuple[str, dict]]:
    """The adult complaint form, page by page, as a browser posts it."""
    return [
        ("about-you", {"name": "Sam Taylor", "relationship": "parent"}),
        ("children", {"child_1_name": "Alex Taylor", "child_1_date_of_birth_day": "31",
                      "child_1_date_of_birth_month": "3", "child_1_date_of_birth_year": "2012"}),
        ("what-happened", {"summary": "Nobody returned my calls about the child in need plan "
                                      "for six weeks, although I rang every Monday. " * 4}),
        ("what-you-want", {"desired_outcome": "A meeting with the team manager."}),
        ("team", {"team": team}),
        ("contact", {"email": "sam@example.com", "phone": "", "address": ""}),
        ("help", {}),
        ("documents", {}),
        ("equality", {"child_1_gender": "prefer_not"}),
    ]


class Failure(Exception):
    pass


class Browser:
    """One client: its own cookies, one keep-alive connection."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}
        self.connection = None
        self.requests = 0

    def _connect(self):
        if self.connection is None:
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        return self.connection

    def request(self, method, path, body=None, content_type=None) -> tuple[int, dict, str]:
        headers = {"Host": "127.0.0.1", "Referer": f"http://127.0.0.1:{self.port}{path}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if content_type:
            headers["Content-Type"] = content_type
        for attempt in (1, 2):
            connection = self._connect()
            try:
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                text = response.read().decode()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                # The server closed an idle keep-alive connection: open another.
                self.close()
                if attempt == 2:
                    raise
        self.requests += 1
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        if response.headers.get("Connection", "").lower() == "close":
            self.close()
        return response.status, dict(response.headers), text

    def get(self, path, expect=200) -> str:
        status, _, text = self.request("GET", path)
        if status != expect:
            raise Failure(f"GET {path}: {status}")
        return text

    def post(self, path, data, token, multipart=False) -> str:
        """POST a form and return where it redirects to."""
        fields = {**data, "csrfmiddlewaretoken": token}
        if multipart:
            body, content_type = _multipart(fields)
        else:
            body, content_type = urlencode(fields, doseq=True), "application/x-www-form-urlencoded"
        status, headers, text = self.request("POST", path, body, content_type)
        if status != 302:
            raise Failure(f"POST {path}: {status} {text[:200]!r}")
        return headers["Location"]

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def _multipart(fields: dict) -> tuple[bytes, str]:
    boundary = secrets.token_hex(12)
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        for name, value in fields.items()
    ]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename=""\r\n'
                 f"Content-Type: application/octet-stream\r\n\r\n\r\n")
    parts.append(f"--{boundary}--\r\n")
    return "".join(parts).encode(), f"multipart/form-data; boundary={boundary}"


def fill_in(browser: Browser, team: str) -> str:
    """Go through the complaint form to "Check your answers"; return the CSRF token."""
    browser.get("/complaint/")
    token = TOKEN.search(browser.get("/complaint/about-you/")).group(1)
    page = ""
    for step, data in answers(team):
        location = browser.post(f"/complaint/{step}/", data, token, multipart=step == "documents")
        page = browser.get(location)
    if "Check your answers before sending" not in page:
        raise Failure("did not reach Check your answers")
    return token


def press_send(browser: Browser, token: str) -> str:
    """Send the answers in the browser's session; return the reference shown."""
    location = browser.post("/complaint/check-your-answers/", {}, token)
    found = REFERENCE.search(browser.get(location))
    if not found:
        raise Failure("no reference on the confirmation page")
    return found.group(1)


def complain(browser: Browser, team: str) -> str:
    """The whole form, start page to confirmation."""
    return press_send(browser, fill_in(browser, team))


@dataclass
class Results:
    references: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    requests: int = 0
    elapsed: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, began, browser, reference=None, error=None):
        with self.lock:
            self.requests += browser.requests
            if error is not None:
                self.errors.append(f"{type(error).__name__}: {error}")
            else:
                self.references.append(reference)
                self.seconds.append(time.monotonic() - began)


ERRORS = (Failure, OSError, http.client.HTTPException, AttributeError, KeyError)


def run_clients(clients: int, seconds: float, work) -> Results:
    """``clients`` threads each calling ``work(results)`` until ``seconds`` pass
    (or it returns False); the run's length includes the last ones to finish."""
    results = Results()
    began = time.monotonic()
    until = began + seconds

    def loop():
        while time.monotonic() < until and work(results) is not False:
            pass

    threads = [threading.Thread(target=loop) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results.elapsed = time.monotonic() - began
    return results


def attempt(results: Results, browser: Browser, send) -> None:
    """One complaint by ``browser``: ``send(browser)`` returns its reference."""
    began = time.monotonic()
    try:
        results.record(began, browser, reference=send(browser))
    except ERRORS as error:
        results.record(began, browser, error=error)
    finally:
        browser.close()


def whole_forms(port, team):
    def work(results):
        attempt(results, Browser(port), lambda browser: complain(browser, team))
    return work


def submissions(port, ready: list[str], csrf: tuple[str, str]):
    """Press Send in each ready session, one after another."""
    cookie, token = csrf
    lock = threading.Lock()

    def work(results):
        with lock:
            if not ready:
                return False
            session = ready.pop()
        browser = Browser(port)
        browser.cookies.update({"sessionid": session, "csrftoken": cookie})
        attempt(results, browser, lambda browser: press_send(browser, token))
    return work


def server_cpu_seconds(server: subprocess.Popen) -> float:
    """CPU time used so far by gunicorn and its workers (Linux /proc), so that
    a run on a busy machine still says what each submission costs."""
    try:
        children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
        ticks = 0
        for pid in [str(server.pid), *children]:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
        return ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return float("nan")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int, server: subprocess.Popen, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with {server.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


def environment(folder: Path, database_url: str | None) -> dict:
    return {
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "AUDIT_HMAC_KEY": secrets.token_urlsafe(40),
        "DATABASE_URL": (database_url or "sqlite:///{folder}/bench.sqlite3").format(folder=folder),
        "VAR_DIR": str(folder),
        "ATTACHMENTS_DIR": str(folder / "attachments"),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
        # As a deployment would: keep database connections open between requests.
        "DATABASE_CONN_MAX_AGE": "60",
        # Every client is 127.0.0.1: raise the limit out of the way.
        "INTAKE_RATE_LIMIT": "100000000",
    }


class Database:
    """The benchmark's own view of the service's database, through Django,
    used only between the timed runs."""

    def __init__(self, env: dict):
        os.environ.update(env)
        os.environ["DJANGO_SETTINGS_MODULE"] = "complaints.settings"
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()

    def cases(self) -> int:
        from complaints.casework.models import Case

        return Case.objects.count()

    def missing(self, references: list[str]) -> set[str]:
        from complaints.casework.models import Case

        found = set(Case.objects.filter(reference__in=references).values_list("reference", flat=True))
        return set(references) - found

    def copy_session(self, key: str, copies: int) -> list[str]:
        """``copies`` new sessions holding the answers of session ``key``,
        each with a form token of its own (as each person's form has)."""
        import uuid

        from django.contrib.sessions.backends.db import SessionStore
        from django.contrib.sessions.models import Session

        data = SessionStore(session_key=key).load()
        store = SessionStore()
        sessions = []
        for _ in range(copies):
            state = {**data["intake:complaint"], "token": uuid.uuid4().hex}
            sessions.append(Session(
                session_key=store._get_new_session_key(),
                session_data=store.encode({**data, "intake:complaint": state}),
                expire_date=store.get_expiry_date()))
        Session.objects.bulk_create(sessions, batch_size=500)
        return [s.session_key for s in sessions]

    def close(self):
        from django.db import connections

        connections.close_all()


def team_id(port: int) -> str:
    browser = Browser(port)
    token = TOKEN.search(browser.get("/complaint/about-you/")).group(1)
    for step, data in answers("0")[:4]:
        browser.get(browser.post(f"/complaint/{step}/", data, token))
    team = TEAM.search(browser.get("/complaint/team/")).group(1)
    browser.close()
    return team


def report(name: str, unit: str, results: Results, lost: int, target: float | None) -> str:
    sent = len(results.references)
    rate = _rate(results)
    lines = [f"{name}: {rate:.1f} {unit}/s ({sent} in {results.elapsed:.1f} s, "
             f"{results.requests / results.elapsed:.0f} requests/s); errors {len(results.errors)}, "
             f"lost {lost}"]
    if results.seconds:
        lines.append(f"    each took {statistics.median(results.seconds) * 1000:.0f} ms median, "
                     f"{max(results.seconds) * 1000:.0f} ms at most")
    lines += [f"      {error}" for error in sorted(set(results.errors))[:10]]
    if target is not None and rate < target:
        lines.append(f"    below the target of {target:g} {unit}/s")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=[*DATABASES, "all"], default="all",
                        help="which database to measure on (default all)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (default 8)")
    parser.add_argument("--seconds", type=float, default=20,
                        help="how long to press Send for (default 20)")
    parser.add_argument("--form-seconds", type=float, default=15,
                        help="how long to go through whole forms for (default 15; 0 to skip)")
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1,
                        help="gunicorn worker processes (default 2 × CPUs + 1)")
    parser.add_argument("--worker-class", choices=["sync", "gthread"], default="gthread",
                        help="gunicorn worker class (default gthread)")
    parser.add_argument("--threads", type=int, default=2, help="threads per gthread worker")
    parser.add_argument("--target", type=float, default=50, help="submissions/s to reach (50)")
    parser.add_argument("--database-url", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.database_url:
        return measure(args)

    failed = False
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    for name in DATABASES if args.database == "all" else [args.database]:
        if name == "postgres" and not _fresh_postgres(DATABASES[name]):
            print(f"intake benchmark: PostgreSQL at {POSTGRES_URL} cannot be reached: skipped")
            continue
        own = [f"--{option.replace('_', '-')}={getattr(args, option)}"
               for option in ("clients", "seconds", "form_seconds", "workers", "worker_class",
                              "threads", "target")]
        child = subprocess.run([str(PYTHON), __file__, *own, "--database-url", DATABASES[name]],
                               cwd=ROOT, capture_output=True, text=True)
        sys.stdout.write(child.stdout)
        lines = [line for line in child.stdout.splitlines() if line.startswith("{")]
        if lines:
            results[name] = json.loads(lines[-1])
        if child.returncode:
            failed = True
            sys.stderr.write(child.stderr[-3000:])
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2))
    return 1 if failed else 0


def _fresh_postgres(url: str) -> bool:
    """Drop and create the bench database; False if PostgreSQL is not there."""
    import psycopg
    from psycopg import sql

    name = url.rsplit("/", 1)[1]
    try:
        with psycopg.connect(f"{POSTGRES_URL.rstrip('/')}/postgres", autocommit=True,
                             connect_timeout=5) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except psycopg.OperationalError:
        return False
    return True


def measure(args) -> int:
    """One database: start the service, press Send, go through whole forms, count."""
    folder = Path(tempfile.mkdtemp(prefix="bench-intake-"))
    env = environment(folder, args.database_url)
    port = free_port()
    server = None
    try:
        # As a deployment does: with DEBUG off, pages need the collected static manifest.
        for command in (["migrate"], ["collectstatic"]):
            subprocess.run([str(PYTHON), "manage.py", *command, "--no-input", "-v", "0"],
                           cwd=ROOT, env={**os.environ, **env}, check=True)
        server = subprocess.Popen(
            [str(GUNICORN), "complaints.wsgi:application", "--bind", f"127.0.0.1:{port}",
             "--workers", str(args.workers), "--worker-class", args.worker_class,
             "--threads", str(args.threads), "--log-level", "warning"],
            cwd=ROOT, env={**os.environ, **env})
        wait_for(port, server)
        database = Database(env)
        team = team_id(port)

        # Warm every worker up (imports, templates), sending a few whole forms.
        run_clients(args.workers * args.threads, 0.1, whole_forms(port, team))

        # One person's answers, copied for as many people as the run can take.
        browser = Browser(port)
        token = fill_in(browser, team)
        ready = database.copy_session(browser.cookies["sessionid"], 200 * int(args.seconds) + 100)
        csrf = (browser.cookies["csrftoken"], token)
        browser.close()
        database.close()

        load = os.getloadavg()[0]
        before = database.cases()
        cpu = server_cpu_seconds(server)
        sent = run_clients(args.clients, args.seconds, submissions(port, ready, csrf))
        cpu_per_send = (server_cpu_seconds(server) - cpu) / max(len(sent.references), 1)
        middle = database.cases()
        database.close()
        forms = None
        if args.form_seconds:
            forms = run_clients(args.clients, args.form_seconds, whole_forms(port, team))
        after = database.cases()
        missing = database.missing(sent.references + (forms.references if forms else []))
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)

    lost_sent = len(sent.references) - (middle - before) + len(missing & set(sent.references))
    lost_forms = 0
    if forms is not None:
        lost_forms = len(forms.references) - (after - middle) + len(missing & set(forms.references))
    database_name = next((name for name, url in DATABASES.items() if url == args.database_url),
                         args.database_url.split(":", 1)[0])
    threads = f" × {args.threads} threads" if args.worker_class == "gthread" else ""
    print(f"intake benchmark on {database_name}: {args.clients} clients, gunicorn {args.workers} "
          f"{args.worker_class} workers{threads}, {os.cpu_count()} CPUs, load average {load:.1f} "
          f"before the run")
    print(report("  pressing Send", "submissions", sent, lost_sent, args.target))
    print(f"    the service used {cpu_per_send * 1000:.0f} ms of CPU a submission "
          f"(about {(os.cpu_count() or 1) / cpu_per_send:.0f} a second if it had every CPU to itself)")
    if forms is not None:
        print(report("  whole forms", "complaints", forms, lost_forms, None))
    print(json.dumps({
        "when": time.strftime("%Y-%m-%d %H:%M"), "clients": args.clients, "workers": args.workers,
        "worker_class": args.worker_class, "threads": args.threads, "cpus": os.cpu_count(), "load_average": round(load, 1),
        "submissions_per_second": _rate(sent), "errors": len(sent.errors), "lost": lost_sent,
        "server_cpu_ms_per_submission": round(cpu_per_send * 1000, 1),
        "whole_forms_per_second": _rate(forms) if forms else None,
        "whole_form_errors": len(forms.errors) if forms else None, "whole_forms_lost": lost_forms,
    }))
    failed = sent.errors or lost_sent or (forms and (forms.errors or lost_forms))
    return 1 if failed else 0


def _rate(results: Results) -> float:
    return round(len(results.references) / results.elapsed, 1) if results.elapsed else 0.0


if __name__ == "__main__":
    sys.exit(main())
