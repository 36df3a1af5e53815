"""The admin may rename a unit and edit weights, never move it: paths (and so access) follow code and parent."""

from danvan.conftest import unit


def test_it_keeps_code_and_parent_out_of_reach(login, admin_user):
    nam_khe = unit("2024", "06823")
    path, parent_id = nam_khe.path, nam_khe.parent_id
    other = unit("2024", "193")  # Thành phố Hạ Long, another district of the province
    client = login(admin_user)
    url = f"/admin/geo/adminunit/{nam_khe.pk}/change/"
    page = client.get(url).content.decode()
    assert 'name="code"' not in page and 'name="parent"' not in page
    assert "Phường Nam Khê" in page
    client.post(
        url,
        {
            "name": "Phường Nam Khê",
            "code": "99999",
            "parent": other.pk,
            "official": "on",
            "successions_from-TOTAL_FORMS": "0",
            "successions_from-INITIAL_FORMS": "0",
        },
    )
    nam_khe.refresh_from_db()
    assert (nam_khe.code, nam_khe.parent_id, nam_khe.path) == ("06823", parent_id, path)


def test_it_offers_no_add_or_delete(login, admin_user):
    client = login(admin_user)
    assert client.get("/admin/geo/adminunit/add/").status_code == 403
    nam_khe = unit("2024", "06823")
    assert client.get(f"/admin/geo/adminunit/{nam_khe.pk}/delete/").status_code == 403
