"""Fixtures for the FusionAuth Python client compatibility suite.

Every test runs twice: against a release `actioneer serve` on a fresh SQLite file, and against
one on a fresh PostgreSQL database. One server is started per database for the whole session.

Environment:
  ACTIONEER_BIN         the server binary (default: <repo>/target/release/actioneer)
  ACTIONEER_TEST_PG_URL PostgreSQL server to create the database on
                        (default postgres://postgres@127.0.0.1:5432/test)
  CI=true               an unreachable PostgreSQL fails instead of skipping
"""

import os
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from urllib.parse import urlsplit, urlunsplit

import pytest
import requests
from fusionauth.fusionauth_client import FusionAuthClient

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BINARY = os.environ.get("ACTIONEER_BIN", os.path.join(REPO, "target", "release", "actioneer"))
PG_URL = os.environ.get("ACTIONEER_TEST_PG_URL", "postgres://postgres@127.0.0.1:5432/test")
IN_CI = os.environ.get("CI") == "true"


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pg_database_url(name):
    parts = urlsplit(PG_URL)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


class PgDatabase:
    """A fresh PostgreSQL database, created and dropped with psycopg."""

    def __init__(self):
        import psycopg

        self.psycopg = psycopg
        self.name = "actioneer_compat_" + uuid.uuid4().hex
        with psycopg.connect(PG_URL, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'CREATE DATABASE "{self.name}"')
        self.url = pg_database_url(self.name)

    def drop(self):
        with self.psycopg.connect(PG_URL, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


class Server:
    def __init__(self, database_url, workdir):
        self.api_key = secrets.token_urlsafe(36)
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.log_path = os.path.join(workdir, "server.log")
        env = dict(os.environ)
        env.update(
            ACTIONEER_DATABASE_URL=database_url,
            ACTIONEER_BIND=f"127.0.0.1:{self.port}",
            ACTIONEER_API_KEY=self.api_key,
            ACTIONEER_LOG="warn",
        )
        self.log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            [BINARY, "serve"], env=env, cwd=workdir, stdout=self.log, stderr=subprocess.STDOUT
        )
        self._wait_ready()

    def log_text(self):
        self.log.flush()
        with open(self.log_path, "rb") as f:
            return f.read().decode("utf-8", "replace")[-8000:]

    def _wait_ready(self):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(
                    f"actioneer exited with {self.proc.returncode} before it was ready:\n{self.log_text()}"
                )
            try:
                r = requests.get(self.base_url + "/api/status", timeout=2)
                if r.status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"actioneer did not answer /api/status within 60 s:\n{self.log_text()}")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
def server(request):
    if not os.path.isfile(BINARY):
        pytest.fail(f"{BINARY} does not exist: run `cargo build --release` first")
    workdir = tempfile.mkdtemp(prefix=f"actioneer-compat-{request.param}-")
    pg = None
    if request.param == "sqlite":
        url = f"sqlite://{workdir}/actioneer.db"
    else:
        try:
            pg = PgDatabase()
        except Exception as e:  # noqa: BLE001 - any connection problem
            if IN_CI:
                pytest.fail(f"PostgreSQL at {PG_URL} is required in CI: {e}")
            pytest.skip(f"PostgreSQL at {PG_URL} not reachable: {e}")
        url = pg.url
    srv = None
    try:
        srv = Server(url, workdir)
        yield srv
    finally:
        if srv is not None:
            srv.stop()
        if pg is not None:
            pg.drop()
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def default_tenant_id(server):
    resp = FusionAuthClient(server.api_key, server.base_url).retrieve_tenants()
    assert resp.status == 200, resp.response.text
    ids = [t["id"] for t in resp.success_response["tenants"] if t["name"] == "Default"]
    assert len(ids) == 1, resp.success_response
    return ids[0]


@pytest.fixture
def bare_client(server):
    """A client with the global key and no tenant id."""
    return FusionAuthClient(server.api_key, server.base_url)


@pytest.fixture
def client(server, default_tenant_id):
    """A client with the global key, pinned to the Default tenant with set_tenant_id, so that
    tests that create more tenants do not make user creation and login ambiguous."""
    c = FusionAuthClient(server.api_key, server.base_url)
    c.set_tenant_id(default_tenant_id)
    return c
