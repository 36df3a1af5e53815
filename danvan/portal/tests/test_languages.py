"""The portal speaks six languages by its URL; the back office keeps to Vietnamese and English."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_visitor_at_the_root_goes_to_the_portal_in_the_browser_language(client):
    assert client.get("/")["Location"] == "/vi/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="es-ES,es;q=0.9")["Location"] == "/es/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")["Location"] == "/vi/"


@pytest.mark.parametrize("code", ["vi", "en", "es", "ja", "de", "nb"])
def test_each_language_has_its_pages_and_links_to_the_others(client, code):
    html = client.get(f"/{code}/").content.decode()
    assert f'<html lang="{code}"' in html
    for other in ["vi", "en", "es", "ja", "de", "nb"]:
        assert f'hreflang="{other}" href="http://testserver/{other}/"' in html
    assert 'hreflang="x-default" href="http://testserver/vi/"' in html


def test_a_language_not_offered_is_not_found(client):
    assert client.get("/fr/").status_code == 404


def test_the_back_office_stays_in_its_own_languages(client):
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="es-ES,es;q=0.9")
    assert page.status_code == 200
    html = page.content.decode()
    assert '<html lang="vi"' in html
    assert 'value="es"' not in html  # the language menu offers only Vietnamese and English
    english = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="es-ES,es;q=0.9,en;q=0.8").content.decode()
    assert '<html lang="en"' in english


def test_the_petition_pages_speak_the_portals_languages_and_keep_their_first_addresses(client):
    spanish = client.get("/es/petition/")
    assert spanish.status_code == 200
    html = spanish.content.decode()
    assert '<html lang="es"' in html
    assert 'hx-get="/es/petition/places/"' in html  # the form stays in its language
    assert 'href="/es/track/"' in html
    first = client.get("/petition/").content.decode()  # the address already given out still answers
    assert '<html lang="vi"' in first
    assert 'hx-get="/petition/places/"' in first
    assert client.get("/es/track/?code=XXXX-XXXX").status_code == 404


def test_a_back_office_page_that_is_missing_stays_missing(client):
    # /models/<pk>/ exists in the back office and (for published models) under /vi/: a model that is
    # missing or out of scope must answer 404, not a redirect to the portal
    assert client.get("/track/AAAA-BBBB-CCCC/").status_code == 404
    assert client.get("/es/track/AAAA-BBBB-CCCC/").status_code == 404


def test_the_home_page_asks_for_a_province_before_one_is_chosen(client):
    html = client.get("/vi/").content.decode()
    assert '<option value="">Chọn tỉnh, thành phố</option>' in html
    assert client.get("/vi/", {"province": ""}).status_code == 200  # the choice left empty
    chosen = client.get("/vi/", {"province": "22"}).content.decode()
    assert '<option value="">Chọn tỉnh, thành phố</option>' not in chosen
    assert client.get("/vi/", {"province": "99"}).status_code == 400
