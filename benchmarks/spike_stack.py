"""The production shape for the spike drill, private to one run, and the faults it plays.

Two hub processes (`gunicorn -k gevent`, one worker each, the README's command) behind nginx
(the README's configuration: an `ip_hash` upstream, a Socket.IO location without buffering),
PostgreSQL (a database of its own), a private Redis on a free port, the PostgreSQL search
backend and a separate job worker (`flask --app wsgi worker`). nginx runs in the foreground
with its own pid, log and temp paths; the machine's nginx, Redis and other databases are
never touched: the Redis restart restarts our redis-server, and `pg_terminate_backend` ends
only our database's connections.
"""

import os
import pwd
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks import servers
from tests import services

ROOT = Path(__file__).resolve().parent.parent
SECRET = "spike-drill-only-secret-key"
# The README's command: gevent, one worker, room for every connection of a busy process.
GEVENT = {
    "workers": 1,
    "worker_class": "gevent",
    "options": ("--worker-connections", "2000"),
}

NGINX_CONF = """\
worker_processes 1;
{user}
pid {run}/nginx.pid;
error_log {run}/error.log warn;
events {{ worker_connections 8192; }}
http {{
    log_format drill '$msec $status $request_time "$upstream_addr" "$request"';
    access_log {run}/access.log drill;
    client_body_temp_path {run}/tmp/body;
    proxy_temp_path {run}/tmp/proxy;
    fastcgi_temp_path {run}/tmp/fastcgi;
    uwsgi_temp_path {run}/tmp/uwsgi;
    scgi_temp_path {run}/tmp/scgi;

    # From here on the README's configuration, on plain HTTP and a loopback port.
    map $http_upgrade $connection_upgrade {{ default upgrade; "" close; }}
    upstream nabe {{ ip_hash; {servers} }}
    server {{
        listen 127.0.0.1:{port};
        location / {{ {proxy} }}
        location /socket.io/ {{ {proxy} proxy_buffering off; proxy_read_timeout 120s; }}
    }}
}}
"""


# Both locations of the README's server block pass the same way.
PROXY = (
    "proxy_pass http://nabe; proxy_http_version 1.1; "
    "proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection $connection_upgrade; "
    "proxy_set_header Host $host; proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for; "
    "proxy_set_header X-Forwarded-Proto $scheme;"
)


class StackError(RuntimeError):
    """A part of the production shape is missing or would not start; the message says which."""


def missing_parts() -> list[str]:
    """What this machine lacks for the drill (empty: everything is there)."""
    lacking = [
        f"{tool} (apt-get install {package})"
        for tool, package in (("nginx", "nginx"), ("redis-server", "redis-server"))
        if not shutil.which(tool) and not Path(f"/usr/sbin/{tool}").exists()
    ]
    host, port = _postgres_address()
    if not services.port_open(host, port):
        lacking.append(f"PostgreSQL at {services.PG_ADMIN_URL}")
    return lacking


def _postgres_address() -> tuple[str, int]:
    from sqlalchemy.engine import make_url

    url = make_url(services.PG_ADMIN_URL)
    return url.host or "127.0.0.1", url.port or 5432


def _tool(name: str) -> str:
    return shutil.which(name) or f"/usr/sbin/{name}"


@dataclass
class Nginx:
    run: Path
    upstreams: list[int]
    port: int = field(default_factory=servers.free_port)
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        (self.run / "tmp").mkdir(exist_ok=True)
        conf = self.run / "nginx.conf"
        conf.write_text(self.config())
        command = [_tool("nginx"), "-p", str(self.run), "-c", str(conf), "-g", "daemon off;"]
        with (self.run / "nginx.out").open("ab") as log:
            self.process = subprocess.Popen(
                command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        _wait_for_port(self.port, self.process, "nginx", self.run / "error.log")

    def config(self) -> str:
        # A root master would hand the workers to `nobody`, who may not enter our temp folder.
        user = f"user {pwd.getpwuid(os.geteuid()).pw_name};" if os.geteuid() == 0 else ""
        upstream = " ".join(f"server 127.0.0.1:{port};" for port in self.upstreams)
        return NGINX_CONF.format(
            user=user, run=self.run, servers=upstream, port=self.port, proxy=PROXY
        )

    def stop(self) -> None:
        servers.stop_process(self.process, signal.SIGQUIT)  # nginx's graceful stop

    def requests_per_upstream(self) -> dict[str, int]:
        """From the access log: how many requests went to each app process (`app0`, ...)."""
        names = {f"127.0.0.1:{port}": f"app{n}" for n, port in enumerate(self.upstreams)}
        counts: dict[str, int] = {}
        log = self.run / "access.log"
        for line in log.read_text(errors="replace").splitlines() if log.exists() else []:
            upstreams = line.split('"')[1] if line.count('"') >= 2 else ""
            for upstream in filter(None, upstreams.split(", ")):  # a retry names two
                name = names.get(upstream, upstream)
                counts[name] = counts.get(name, 0) + 1
        return counts


@dataclass
class Stack:
    """Everything the drill runs against; `start()` brings it up, `stop()` ends all of it."""

    run: Path
    extra_env: dict[str, str]
    processes: int = 2
    redis: services.RedisServer = field(init=False)
    database_url: str = ""
    drop_database: object = None
    apps: list[servers.Server] = field(default_factory=list)
    worker: subprocess.Popen | None = None
    nginx: Nginx | None = None
    ports: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.redis = services.RedisServer(self.run)
        self.ports = [servers.free_port() for _ in range(self.processes)]
        self.nginx = Nginx(self.run, self.ports)

    @property
    def url(self) -> str:
        return self.nginx.url

    @property
    def database_name(self) -> str:
        return self.database_url.rsplit("/", 1)[1]

    def env(self) -> dict[str, str]:
        """The environment of every hub process (and of the drill while it seeds)."""
        base = {k: v for k, v in os.environ.items() if not k.startswith("HUB_")}
        return {
            **base,
            "HUB_ENV": "production",
            "HUB_SECRET_KEY": SECRET,
            "HUB_INSTANCE_PATH": str(self.run / "instance"),
            "HUB_DATABASE_URL": self.database_url,
            "HUB_REDIS_URL": self.redis.url,
            "HUB_SEARCH_BACKEND": "postgres",
            "HUB_WORKER": "off",
            "HUB_BASE_URL": self.url,
            "HUB_PROXIES": "1",
            **self.extra_env,
        }

    def start_services(self, database: str) -> None:
        """Redis and the database: what seeding needs before any hub process runs."""
        lacking = missing_parts()
        if lacking:
            raise StackError("the spike drill needs " + ", ".join(lacking))
        self.redis.start()
        self.database_url, self.drop_database = services.postgres_database(database)

    def start_hub(self) -> None:
        """The app processes, the job worker and nginx in front, each answering."""
        for n in range(self.processes):
            self.apps.append(self._start_app(n))
        for app in self.apps:
            servers.wait_ready(app, "/healthz")
        self.worker = self._start_worker()
        self.nginx.start()

    def _start_app(self, n: int) -> servers.Server:
        return servers.start(
            f"app{n}", "wsgi:app", self.env(), self.run, port=self.ports[n], **GEVENT
        )

    def _start_worker(self) -> subprocess.Popen:
        flask = Path(sys.executable).parent / "flask"
        with (self.run / "worker.log").open("ab") as log:
            return subprocess.Popen(
                [str(flask), "--app", "wsgi", "worker"],
                cwd=ROOT,
                env=self.env(),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    # --- faults -----------------------------------------------------------------------------

    def kill_app(self, n: int) -> None:
        """kill -9 of one app process: the gunicorn master and its worker, no goodbye."""
        os.killpg(self.apps[n].process.pid, signal.SIGKILL)
        self.apps[n].process.wait()

    def restart_app(self, n: int) -> None:
        """Start it again on its port (as a supervisor would) and wait until it answers."""
        self.apps[n] = self._start_app(n)
        servers.wait_ready(self.apps[n], "/healthz")

    def terminate_database_connections(self) -> int:
        """pg_terminate_backend for every connection to our database; returns how many."""
        import psycopg

        with psycopg.connect(services.PG_ADMIN_URL, autocommit=True) as admin:
            row = admin.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                (self.database_name,),
            ).fetchone()
        return row[0]

    # --- measuring and stopping -------------------------------------------------------------

    def memory(self) -> dict[str, int]:
        """Resident memory in kB of each app's worker process and of the job worker."""
        sizes = {}
        for n, app in enumerate(self.apps):
            children = _children(app.process.pid)
            sizes[f"app{n}"] = sum(_rss_kb(pid) for pid in children) if children else 0
        if self.worker is not None:
            sizes["job worker"] = _rss_kb(self.worker.pid)
        return sizes

    def stop(self) -> None:
        if self.nginx is not None:
            self.nginx.stop()
        servers.stop_process(self.worker)
        for app in self.apps:
            servers.stop(app)
        self.redis.stop()
        if self.drop_database is not None:
            self.drop_database()
            self.drop_database = None


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _wait_for_port(port: int, process: subprocess.Popen, name: str, log: Path) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise StackError(f"{name} exited:\n{servers.tail(log)}")
        if services.port_open("127.0.0.1", port):
            return
        time.sleep(0.05)
    raise StackError(f"{name} did not listen on {port}:\n{servers.tail(log)}")
