"""Behind a reverse proxy: Debian's nginx, set up as the README says, in front of
gunicorn serving the service with DEBUG off. Each client keeps its own address for
the public forms' rate limit, the sign-in lock-out and the audit log; an address a
client writes into X-Forwarded-For itself counts for nothing.

The clients connect from different loopback addresses (127.0.0.2, 127.0.0.3), so
nginx sees two machines and appends each one's address, as it would on the internet.
Without nginx the tests are skipped, except in CI (CI=true), where they fail:
`make install-test` installs it.
"""

import http.client
import http.cookies
import os
import re
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.test import RequestFactory, override_settings

from complaints.audit.client import client_address

ROOT = Path(__file__).resolve().parent.parent.parent
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
PASSWORD = "proxy-test-password-1"
CLIENT_A, CLIENT_B = "127.0.0.2", "127.0.0.3"

# The README's proxy settings, on a free port, with every file nginx writes in one folder.
NGINX_CONF = """
daemon off;
pid {folder}/nginx.pid;
{user}
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {folder}/client_body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://127.0.0.1:{upstream};
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
        }}
    }}
}}
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(port: int, process: subprocess.Popen, log: Path):
    for _ in range(200):
        if process.poll() is not None:
            pytest.fail(f"{process.args[0]} stopped: {log.read_text()[-3000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"nothing answered on port {port}: {log.read_text()[-3000:]}")


def _stop(process: subprocess.Popen):
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=20)


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    """A migrated SQLite database in a temporary folder, a staff account and a team,
    and the environment a production service would have."""
    if not Path(NGINX).exists():
        if os.environ.get("CI") == "true":
            pytest.fail("nginx is not installed and CI=true: the proxy tests may not be skipped")
        pytest.skip("nginx is not installed (make install-test installs it)")
    folder = tmp_path_factory.mktemp("behind-a-proxy")
    env = {
        "PATH": os.environ["PATH"], "ENV_FILE": "", "DJANGO_SETTINGS_MODULE": "complaints.settings",
        "DEBUG": "false", "SECRET_KEY": secrets.token_urlsafe(50), "AUDIT_HMAC_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"sqlite:///{folder}/complaints.sqlite3", "VAR_DIR": str(folder),
        "ALLOWED_HOSTS": "127.0.0.1", "SECURE_SSL_REDIRECT": "false", "SECURE_COOKIES": "false",
        "SECURE_HSTS_SECONDS": "0", "REQUIRE_TWO_FACTOR": "false",
        "INTAKE_RATE_LIMIT": "1", "AXES_FAILURE_LIMIT": "2", "BEHIND_PROXY": "true",
    }
    for command in (["migrate", "--no-input"], ["shell", "-c", (
            "from complaints.accounts.models import Team, User; Team.objects.get_or_create(name='Fostering'); "
            f"User.objects.create_user('officer', password='{PASSWORD}', role='officer')")]):
        done = subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env,
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stderr[-3000:]
    return env, folder


@contextmanager
def _service(production, trusted_proxies: int):
    """gunicorn on one free port, nginx in front of it on another; yields nginx's port."""
    env, folder = production
    run = folder / f"proxies-{trusted_proxies}"
    run.mkdir()
    upstream, port = _free_port(), _free_port()
    log = run / "gunicorn.log"
    with open(log, "w") as output:
        gunicorn = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "complaints.wsgi", "--bind", f"127.0.0.1:{upstream}",
             "--workers", "1", "--threads", "4"],
            cwd=ROOT, env={**env, "TRUSTED_PROXY_COUNT": str(trusted_proxies)},
            stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait_for(upstream, gunicorn, log)
        conf = run / "nginx.conf"
        # As root, nginx's workers would otherwise become nobody, who cannot use this folder.
        conf.write_text(NGINX_CONF.format(folder=run, port=port, upstream=upstream,
                                          user="user root;" if os.geteuid() == 0 else ""))
        nginx = subprocess.Popen([NGINX, "-p", str(run), "-c", str(conf), "-e", str(run / "error.log")],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            _wait_for(port, nginx, run / "error.log")
            yield port
        finally:
            _stop(nginx)
    finally:
        _stop(gunicorn)


@pytest.fixture(scope="module")
def proxy(production):
    """The README's set-up: one proxy, TRUSTED_PROXY_COUNT=1."""
    with _service(production, trusted_proxies=1) as port:
        yield port


class Visitor:
    """One person at one network address, talking HTTP to the proxy as a browser
    without JavaScript would: cookies kept, each form posted with its CSRF token."""

    def __init__(self, port, address, forwarded_for=None):
        self.port, self.address, self.forwarded_for = port, address, forwarded_for
        self.cookies, self.token = {}, ""

    def request(self, method, path, data=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30,
                                                source_address=(self.address, 0))
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if self.forwarded_for:
            headers["X-Forwarded-For"] = self.forwarded_for
        body = None
        if data is not None:
            body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self.token})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        html = response.read().decode()
        for header in response.msg.get_all("Set-Cookie") or []:
            for name, morsel in http.cookies.SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        if token := re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html):
            self.token = token.group(1)
        connection.close()
        return response.status, response.getheader("Location", ""), html

    def page(self, path, data):
        """GET a page, then post it."""
        assert self.request("GET", path)[0] == 200, path
        return self.request("POST", path, data)

    def send_a_compliment(self, team_id):
        for step, data in [("team", {"team": team_id}), ("who-you-are", {"given_by": "carer"}),
                           ("your-words", {"words": "Teju listened.", "staff_named": "Teju"}),
                           ("sharing", {"consent": "yes"})]:
            status, _, html = self.page(f"/compliment/{step}/", data)
            assert status == 302, (step, html[:2000])
        return self.page("/compliment/check-your-answers/", {})

    def sign_in(self, password):
        return self.page("/sign-in/", {"username": "officer", "password": password})


def _database(production, sql, *parameters):
    env, folder = production
    with sqlite3.connect(folder / "complaints.sqlite3") as connection:
        return connection.execute(sql, parameters).fetchall()


def _audited_addresses(production, action):
    return [address for (address,) in _database(
        production, "select ip_address from accounts_auditentry where action = ? order by id", action)]


def test_two_people_behind_the_proxy_each_have_their_own_rate_limit(production, proxy):
    [(team_id,)] = _database(production, "select id from accounts_team where name = 'Fostering'")
    first, second = Visitor(proxy, CLIENT_A), Visitor(proxy, CLIENT_B)

    assert first.send_a_compliment(team_id)[:2] == (302, "/compliment/sent/")
    assert first.send_a_compliment(team_id)[0] == 429  # INTAKE_RATE_LIMIT is 1 here
    assert second.send_a_compliment(team_id)[:2] == (302, "/compliment/sent/")

    submissions = _database(production, "select address from intake_publicsubmission")
    assert len(submissions) == 2 and len(set(submissions)) == 2


def test_a_lock_out_at_one_address_does_not_lock_the_account_at_another(production, proxy):
    attacker, officer = Visitor(proxy, CLIENT_A), Visitor(proxy, CLIENT_B)
    for _ in range(2):  # AXES_FAILURE_LIMIT is 2 here
        attacker.sign_in("wrong")
    assert attacker.sign_in(PASSWORD)[0] == 429

    status, location, _ = officer.sign_in(PASSWORD)

    assert (status, location) == (302, "/")
    assert _audited_addresses(production, "sign_in") == [CLIENT_B]
    assert set(_audited_addresses(production, "sign_in_failed")) == {CLIENT_A}


def test_an_address_a_client_forwards_itself_is_not_believed(production, proxy):
    """nginx appends the address it sees; what the client wrote before it is left alone."""
    spoofer = Visitor(proxy, CLIENT_A, forwarded_for=CLIENT_B)
    spoofer.sign_in("wrong again")
    assert _audited_addresses(production, "sign_in_failed")[-1] == CLIENT_A


def test_with_no_trusted_proxy_the_forwarded_header_is_ignored(production):
    with _service(production, trusted_proxies=0) as port:
        Visitor(port, CLIENT_A, forwarded_for="198.51.100.7").sign_in("wrong")
    # The connection the service saw: nginx's.
    assert _audited_addresses(production, "sign_in_failed")[-1] == "127.0.0.1"


def _request(forwarded_for=None, remote="10.0.0.1"):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


@override_settings(TRUSTED_PROXY_COUNT=2, TRUSTED_PROXY_HEADER="X-Forwarded-For")
def test_behind_two_proxies_the_client_is_second_from_the_right():
    assert client_address(_request("6.6.6.6, 203.0.113.9, 10.0.0.5")) == "203.0.113.9"
    # Fewer entries than proxies: the leftmost was still written by one of them.
    assert client_address(_request("10.0.0.5")) == "10.0.0.5"
    assert client_address(_request()) == "10.0.0.1"
    assert client_address(_request("not-an-address, 10.0.0.5")) is None


@override_settings(TRUSTED_PROXY_COUNT=1, TRUSTED_PROXY_HEADER="X-Real-IP")
def test_the_header_is_the_one_configured():
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP="203.0.113.4",
                                   HTTP_X_FORWARDED_FOR="6.6.6.6")
    assert client_address(request) == "203.0.113.4"
