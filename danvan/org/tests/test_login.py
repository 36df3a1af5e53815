"""Signing in: the form, its errors in the user's language, and where it leads."""

from __future__ import annotations

from django.conf import settings

from danvan.core.demo import DEMO_PASSWORD


def test_the_login_page_is_in_vietnamese_by_default(client, db):
    response = client.get("/accounts/login/")
    content = response.content.decode()
    assert response.status_code == 200
    assert '<h1 id="login-heading">Đăng nhập</h1>' in content
    assert 'name="username"' in content
    assert 'type="password"' in content
    assert 'name="csrfmiddlewaretoken"' in content
    assert 'href="/map/"' not in content  # no navigation before signing in


def test_the_login_page_is_in_english_on_request(client, db):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    content = client.get("/accounts/login/").content.decode()
    assert "Use the account your province or commune gave you." in content
    assert "Đăng nhập" not in content.split("<main")[1]


def test_it_signs_in_and_goes_home(client, province_manager):
    response = client.post("/accounts/login/", {"username": "quangninh", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/").context["user"] == province_manager


def test_it_goes_back_to_the_page_asked_for(client, province_manager):
    page = client.get("/accounts/login/?next=/map/2024/22/")
    assert 'name="next" value="/map/2024/22/"' in page.content.decode()
    response = client.post(
        "/accounts/login/", {"username": "quangninh", "password": DEMO_PASSWORD, "next": "/map/2024/22/"}
    )
    assert response["Location"] == "/map/2024/22/"


def test_it_does_not_follow_a_next_to_another_site(client, province_manager):
    response = client.post(
        "/accounts/login/", {"username": "quangninh", "password": DEMO_PASSWORD, "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_a_wrong_password_is_explained_in_vietnamese(client, province_manager):
    response = client.post("/accounts/login/", {"username": "quangninh", "password": "wrong"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Vui lòng điền vào tên đăng nhập và mật khẩu chính xác." in content
    assert 'role="alert"' in content
    assert 'value="quangninh"' in content  # the username is kept
    assert "_auth_user_id" not in client.session


def test_a_wrong_password_is_explained_in_english_on_request(client, province_manager):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post("/accounts/login/", {"username": "quangninh", "password": "wrong"})
    assert "Please enter a correct username and password." in response.content.decode()


def test_empty_fields_are_marked(client, db):
    response = client.post("/accounts/login/", {"username": "", "password": ""})
    form = response.context["form"]
    assert set(form.errors) == {"username", "password"}
    assert "Trường này là bắt buộc." in response.content.decode()
