"""The benchmarks' own PostgreSQL databases: (re)created before a run, dropped after it."""

from __future__ import annotations

from typing import Any


def recreate_pg(url: str, *, create: bool = True, drop: bool = True) -> None:
    """Drop the database named in `url` (unless `drop=False` and it exists) and create it (unless `create=False`)."""
    import dj_database_url
    import psycopg
    from psycopg import sql

    cfg = dj_database_url.parse(url)
    params = {"host": cfg["HOST"], "port": cfg["PORT"], "user": cfg["USER"], "password": cfg["PASSWORD"]}
    params = {k: v for k, v in params.items() if v}
    with psycopg.connect(dbname="postgres", autocommit=True, connect_timeout=5, **params) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (cfg["NAME"],)).fetchone()
        if exists and drop:
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(cfg["NAME"])))
            exists = None
        if create and not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(cfg["NAME"])))


def run_engines(
    *,
    script: str,
    engines: list[str],
    reuse: bool,
    forward: list[tuple[str, object]],
    sqlite_file: Any,
    pg_url: str,
    prefix: str,
) -> int:
    """Run `script --child generate`, then `--child measure`, once per engine, each in its own process.

    Django reads DATABASE_URL once, so each engine gets a child process of its own; the parent makes
    (and, unless `reuse`, drops) the database. `forward` holds the (option, value) pairs the child
    needs. Without a PostgreSQL server that engine is skipped with a message.
    """
    import os
    import subprocess
    import sys
    import tempfile
    from pathlib import Path

    sqlite = Path(sqlite_file)
    sqlite.parent.mkdir(parents=True, exist_ok=True)

    def remove_sqlite() -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{sqlite}{suffix}").unlink(missing_ok=True)

    status = 0
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        for engine in engines:
            env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
            env.update({"DANVAN_HOME": str(Path(tmp) / engine), "DJANGO_SETTINGS_MODULE": "danvan.settings"})
            env.update({"PYTHONUNBUFFERED": "1"})
            env.setdefault("SECRET_KEY", "bench-only-not-secret")  # a production-like start needs a key
            if engine == "sqlite":
                if not reuse:
                    remove_sqlite()
                env["DATABASE_URL"] = f"sqlite:///{sqlite}"
            else:
                env["DATABASE_URL"] = os.environ.get("BENCH_POSTGRES_URL", pg_url)
                try:
                    recreate_pg(env["DATABASE_URL"], drop=not reuse)
                except Exception as exc:  # no PostgreSQL here: say so and go on
                    print(f"\n== postgresql: skipped, cannot create the bench database: {exc}")
                    continue
            Path(env["DANVAN_HOME"]).mkdir(parents=True, exist_ok=True)
            try:
                for phase in ("generate", "measure"):
                    cmd = [sys.executable, script, "--child", phase]
                    for name, value in forward:
                        cmd += [f"--{name}", str(value)]
                    code = subprocess.run(cmd, env=env, cwd=Path(script).parent.parent, check=False).returncode  # noqa: S603
                    status |= code
                    if code:
                        break
            finally:
                if not reuse:
                    if engine == "postgresql":
                        recreate_pg(env["DATABASE_URL"], create=False)
                    else:
                        remove_sqlite()
    return status
