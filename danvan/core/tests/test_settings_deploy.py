"""Production settings from the environment: no start on the public key, a clean `check --deploy`."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from danvan import DEVELOPMENT_SECRET_KEY

PRODUCTION = {
    "SECRET_KEY": "k7Qy2-vX9sLr8pWm4ZtB6nHc1jDf5gKa0eUo3iRb7TqYw2XsNv8MlPz",
    "DEBUG": "false",
    "ALLOWED_HOSTS": "danvan.example.gov.vn",
    "SECURE_COOKIES": "true",
    "SECURE_SSL_REDIRECT": "true",
    "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto=https",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
    "SECURE_HSTS_PRELOAD": "true",
}


def danvan(tmp_path, *args: str, **env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY", "DEBUG"}}
    base.update(DANVAN_HOME=str(tmp_path), DJANGO_SETTINGS_MODULE="danvan.settings", **env)
    return subprocess.run(  # noqa: S603 - our own interpreter and command
        [sys.executable, "-m", "danvan", *args], env=base, capture_output=True, text=True, timeout=120
    )


@pytest.mark.slow
def test_it_refuses_to_start_in_production_without_a_secret_key(tmp_path):
    result = danvan(tmp_path, "check", DEBUG="false")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY is not set" in result.stderr


@pytest.mark.slow
def test_it_starts_on_a_developers_machine_without_a_key(tmp_path):
    result = danvan(tmp_path, "check", DEBUG="true")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.slow
def test_check_deploy_is_clean_with_the_production_environment(tmp_path):
    result = danvan(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.slow
def test_check_deploy_names_what_is_missing_without_it(tmp_path):
    result = danvan(tmp_path, "check", "--deploy", SECRET_KEY=PRODUCTION["SECRET_KEY"])
    for check in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert check in result.stderr + result.stdout


@pytest.mark.slow
def test_check_deploy_warns_of_the_public_development_key(tmp_path):
    result = danvan(tmp_path, "check", "--deploy", **{**PRODUCTION, "SECRET_KEY": DEVELOPMENT_SECRET_KEY})
    assert "danvan.W001" in result.stderr + result.stdout


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "value", "says"),
    [
        ("SECURE_HSTS_SECONDS", "a year", "SECURE_HSTS_SECONDS must be a whole number"),
        ("SECURE_PROXY_SSL_HEADER", "https", "SECURE_PROXY_SSL_HEADER must look like X-Forwarded-Proto=https"),
        ("DANVAN_TRUSTED_PROXIES", "10.0.0.300", "DANVAN_TRUSTED_PROXIES must list addresses or networks"),
    ],
)
def test_a_bad_value_stops_the_start_with_its_name(tmp_path, name, value, says):
    result = danvan(tmp_path, "check", **{**PRODUCTION, name: value})
    assert result.returncode != 0
    assert says in result.stderr


def test_the_proxy_header_is_written_the_way_django_reads_it():
    """The header as people write it becomes the WSGI name Django compares."""
    from danvan.settings import env_header

    os.environ["SECURE_PROXY_SSL_HEADER_PROBE"] = "X-Forwarded-Proto=https"
    try:
        assert env_header("SECURE_PROXY_SSL_HEADER_PROBE") == ("HTTP_X_FORWARDED_PROTO", "https")
    finally:
        del os.environ["SECURE_PROXY_SSL_HEADER_PROBE"]
