def test_the_admin_lists_the_map_and_organisations(login, admin_user):
    client = login(admin_user)
    for url in ("/admin/geo/adminunit/?q=nam+khe", "/admin/org/organization/", "/admin/org/auditevent/"):
        response = client.get(url)
        assert response.status_code == 200, url
    assert "Phường Nam Khê" in client.get("/admin/geo/adminunit/?q=nam+khe").content.decode()


def test_it_rejects_non_staff(login, province_manager):
    response = login(province_manager).get("/admin/geo/adminunit/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
