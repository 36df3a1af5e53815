"""POST /api/v1/auth/token/ and what a token opens; bad or missing tokens answer 401 in JSON."""

import pytest
from rest_framework.authtoken.models import Token

URL = "/api/v1/auth/token/"
UNITS = "/api/v1/units/"


def test_it_gives_a_token_that_opens_the_api(api, province_manager):
    response = api().post(URL, {"username": "quangninh", "password": "demo"}, format="json")
    assert response.status_code == 200
    key = response.json()["token"]
    assert key == Token.objects.get(user=province_manager).key
    listed = api().get(UNITS, HTTP_AUTHORIZATION=f"Token {key}")
    assert listed.status_code == 200
    assert listed.json()["count"] > 0


def test_it_returns_the_same_token_until_revoked(api, province_manager):
    first = api().post(URL, {"username": "quangninh", "password": "demo"}).json()["token"]
    second = api().post(URL, {"username": "quangninh", "password": "demo"}).json()["token"]
    assert first == second
    assert Token.objects.filter(user=province_manager).count() == 1


def test_it_rejects_a_wrong_password_in_vietnamese_by_default(api, province_manager):
    response = api().post(URL, {"username": "quangninh", "password": "wrong"}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Sai tên đăng nhập hoặc mật khẩu.",
        "code": "invalid",
        "errors": {"non_field_errors": ["Sai tên đăng nhập hoặc mật khẩu."]},
    }
    assert not Token.objects.filter(user=province_manager).exists()


def test_it_rejects_a_wrong_password_in_english_on_request(api, province_manager):
    response = api(language="en").post(URL, {"username": "quangninh", "password": "wrong"}, format="json")
    assert response.status_code == 400
    assert response.json()["detail"] == "Wrong username or password."


def test_an_unknown_user_and_a_disabled_account_look_like_a_wrong_password(api, province_manager):
    wrong_password = api().post(URL, {"username": "quangninh", "password": "wrong"}).json()
    unknown = api().post(URL, {"username": "nobody", "password": "demo"}).json()
    province_manager.is_active = False
    province_manager.save(update_fields=["is_active"])
    disabled = api().post(URL, {"username": "quangninh", "password": "demo"}).json()
    assert unknown == wrong_password
    assert disabled == wrong_password


def test_it_names_each_missing_field(api, db):
    response = api().post(URL, {"username": ""}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert set(body["errors"]) == {"username", "password"}
    assert body["detail"] == "username: trường này không được để trống. password: trường này là bắt buộc."


def test_a_nul_character_in_a_username_is_a_400_not_a_database_error(api, db):
    response = api().post(URL, {"username": "quang\x00ninh", "password": "demo"}, format="json")
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"username"}


def test_it_ignores_a_stale_token_header_when_logging_in(api, province_manager):
    response = api().post(
        URL, {"username": "quangninh", "password": "demo"}, HTTP_AUTHORIZATION="Token revoked-long-ago"
    )
    assert response.status_code == 200


def test_it_answers_a_malformed_body_in_json(api, db):
    response = api().post(URL, "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"
    assert response.json()["detail"].startswith("Không đọc được nội dung yêu cầu")


def test_it_refuses_get_with_405_in_json(api, db):
    response = api(language="en").get(URL)
    assert response.status_code == 405
    assert response.json() == {"detail": "Method GET is not allowed here.", "code": "method_not_allowed"}


@pytest.mark.parametrize(
    "header",
    ["Token not-a-real-token", "Token", "Token two parts", "Token \x00bad"],
    ids=["unknown", "no-key", "spaces", "control-character"],
)
def test_a_bad_token_gets_401_json_not_500(api, db, header):
    response = api().get(UNITS, HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response["WWW-Authenticate"] == "Token"
    assert response.json() == {
        "detail": "Token này không hợp lệ. Hãy lấy token mới tại /api/v1/auth/token/.",
        "code": "authentication_failed",
    }


def test_a_bad_token_is_explained_in_english_on_request(api, db):
    response = api(language="en").get(UNITS, HTTP_AUTHORIZATION="Token not-a-real-token")
    assert response.status_code == 401
    assert response.json()["detail"] == "This token is not valid. Get a new one from /api/v1/auth/token/."


def test_the_token_of_a_disabled_account_stops_working(api, province_manager):
    client = api(province_manager)
    assert client.get(UNITS).status_code == 200
    province_manager.is_active = False
    province_manager.save(update_fields=["is_active"])
    response = client.get(UNITS)
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"


def test_anonymous_gets_401_telling_how_to_sign_in(api, db):
    response = api().get(UNITS)
    assert response.status_code == 401
    assert response.json() == {
        "detail": "Hãy đăng nhập trước: gửi tiêu đề “Authorization: Token <token>”; lấy token tại /api/v1/auth/token/.",
        "code": "not_authenticated",
    }
