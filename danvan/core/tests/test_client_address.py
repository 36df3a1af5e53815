"""The client's address, believed from X-Forwarded-For only when a trusted proxy sends it; 429 says when to retry."""

from __future__ import annotations

import ipaddress
import json

import pytest
from django.test import Client, RequestFactory

from danvan.core.clients import client_address

PROXIES = [ipaddress.ip_network("127.0.0.1/32"), ipaddress.ip_network("10.0.0.0/8"), ipaddress.ip_network("::1")]


def address(remote: str, forwarded: str | None = None) -> str:
    request = RequestFactory().get("/", REMOTE_ADDR=remote)
    if forwarded is not None:
        request.META["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(request)


@pytest.mark.parametrize(
    ("remote", "forwarded", "client"),
    [
        ("127.0.0.1", "203.0.113.7", "203.0.113.7"),  # nginx in front: the citizen it saw
        ("127.0.0.1", "198.51.100.1, 203.0.113.7", "203.0.113.7"),  # the citizen's own header is never reached
        ("127.0.0.1", "203.0.113.7, 10.1.2.3", "203.0.113.7"),  # two trusted proxies in a row
        ("127.0.0.1", "10.9.9.9, 10.1.2.3", "10.9.9.9"),  # all trusted: the first of them
        ("127.0.0.1", "", "127.0.0.1"),  # a trusted proxy that forwards nobody
        ("127.0.0.1", None, "127.0.0.1"),
        ("127.0.0.1", "bogus, 10.1.2.3", "10.1.2.3"),  # the chain breaks at something that is no address
        ("127.0.0.1", "[2001:db8::7]:4711", "2001:db8::7"),
        ("127.0.0.1", "203.0.113.7:4711", "203.0.113.7"),
        ("::1", "2001:db8::7", "2001:db8::7"),
        ("203.0.113.50", "198.51.100.1", "203.0.113.50"),  # not from a proxy: the header is anyone's to write
        ("", None, "unknown"),
    ],
)
def test_it_believes_the_header_only_from_a_trusted_proxy(settings, remote, forwarded, client):
    settings.DANVAN_TRUSTED_PROXIES = PROXIES
    assert address(remote, forwarded) == client


def test_without_trusted_proxies_the_peer_is_the_client(settings):
    settings.DANVAN_TRUSTED_PROXIES = []
    assert address("127.0.0.1", "203.0.113.7") == "127.0.0.1"


BODY = {
    "kind": "complaint",
    "unit": "2025/06820",
    "topic": "land",
    "subject": "Lấn chiếm đất công",
    "sender": {"full_name": "Đỗ Minh Tuấn", "address": "Tổ 2, khu 4", "consent": True},
}


def post(client: Client, n: int, forwarded: str):
    body = {**BODY, "text": f"Hộ gia đình số {n} ở tổ {n + 2} xây tường rào lấn ra đường đi chung số {n * 7}."}
    return client.post(
        "/api/v1/petitions/", json.dumps(body), content_type="application/json", HTTP_X_FORWARDED_FOR=forwarded
    )


def test_two_citizens_behind_one_proxy_have_their_own_buckets(db, settings):
    settings.DANVAN_TRUSTED_PROXIES = PROXIES
    settings.DANVAN_PETITION_RATE = "2/600"
    proxy = Client(REMOTE_ADDR="127.0.0.1", HTTP_ACCEPT_LANGUAGE="vi")
    assert [post(proxy, n, "203.0.113.7").status_code for n in range(2)] == [201, 201]
    refused = post(proxy, 2, "203.0.113.7")
    assert refused.status_code == 429 and refused.json()["code"] == "rate_limited"
    assert 590 <= int(refused["Retry-After"]) <= 600
    assert "quá nhiều đơn thư" in refused.json()["detail"]
    assert post(proxy, 3, "203.0.113.8").status_code == 201  # the neighbour is not blocked


def test_the_public_form_answers_429_with_retry_after(db, settings):
    from danvan.engagement.tests.test_petitions_public import FORM

    settings.DANVAN_PETITION_RATE = "1/600"
    client = Client(REMOTE_ADDR="192.0.2.44")
    assert client.post("/petition/", FORM).status_code == 302
    response = client.post("/petition/", {**FORM, "text": FORM["text"] + " Lần thứ hai, ở ngõ khác hẳn."})
    assert response.status_code == 429
    assert 590 <= int(response["Retry-After"]) <= 600
    assert "quá nhiều đơn thư" in response.content.decode()
