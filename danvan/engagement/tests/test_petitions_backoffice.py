"""Back-office pages: scope, the identity on request (audited), actions, overdue, dashboard, exports."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from danvan.engagement.models.petitions import Petition
from danvan.engagement.services import petitions as svc
from danvan.engagement.tests.petition_factories import SENDER_NAME, submit
from danvan.org.models import AuditEvent, Organization

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_are_sent_to_sign_in():
    p = submit()
    for url in ("/engagement/petitions/", f"/engagement/petitions/{p.pk}/", f"/engagement/petitions/{p.pk}/sender/"):
        assert Client().get(url).status_code == 302


def test_the_list_shows_the_scope_only(login, province_manager, other_manager, django_assert_num_queries):
    p = submit()
    for i in range(3):
        submit(text=f"Đề nghị số {i}: " + "sửa đường " * (i + 2))
    client = login(province_manager)
    client.get("/engagement/petitions/")  # warm the session and the scope
    with django_assert_num_queries(8):  # session, user, scope (5), count, topics, rows
        html = client.get("/engagement/petitions/").content.decode()
    assert p.tracking_code in html and SENDER_NAME not in html
    assert p.tracking_code not in login(other_manager).get("/engagement/petitions/").content.decode()
    assert login(other_manager).get(f"/engagement/petitions/{p.pk}/").status_code == 404
    assert login(other_manager).get(f"/engagement/petitions/{p.pk}/sender/").status_code == 404
    assert login(province_manager).get("/engagement/petitions/99999999999999999999/").status_code == 404


def test_the_identity_shows_on_request_and_is_audited(login, province_manager, district_reviewer):
    p = submit()
    detail = login(province_manager).get(f"/engagement/petitions/{p.pk}/").content.decode()
    assert SENDER_NAME not in detail and f"/engagement/petitions/{p.pk}/sender/" in detail
    sender = login(province_manager).get(f"/engagement/petitions/{p.pk}/sender/")
    assert SENDER_NAME in sender.content.decode() and sender["Cache-Control"] == "no-store"
    assert AuditEvent.objects.filter(verb="petition.identity.read", target_id=str(p.pk)).count() == 1
    # the city's reviewer sees and handles the petition, but not who sent it
    reviewer = login(district_reviewer)
    html = reviewer.get(f"/engagement/petitions/{p.pk}/").content.decode()
    assert SENDER_NAME not in html and f"/engagement/petitions/{p.pk}/sender/" not in html
    refused = reviewer.get(f"/engagement/petitions/{p.pk}/sender/")
    assert refused.status_code == 403 and SENDER_NAME not in refused.content.decode()


def test_actions_through_the_page(login, province_manager, commune_reporter, other_manager):
    p = submit()
    client = login(province_manager)
    assert client.post(f"/engagement/petitions/{p.pk}/act/", {"action": "reject"}).status_code == 400  # no reason
    assert client.post(f"/engagement/petitions/{p.pk}/act/", {"action": "accept"}).status_code == 302
    assert client.post(f"/engagement/petitions/{p.pk}/assign/", {"handler": commune_reporter.pk}).status_code == 302
    assert login(other_manager).post(f"/engagement/petitions/{p.pk}/act/", {"action": "start"}).status_code == 404
    reporter = login(commune_reporter)
    assert reporter.post(f"/engagement/petitions/{p.pk}/act/", {"action": "start"}).status_code == 302
    response = reporter.post(f"/engagement/petitions/{p.pk}/act/", {"action": "answer", "answer": "Đã xử lý xong."})
    assert response.status_code == 302
    p.refresh_from_db()
    assert (p.status, p.handler, p.public_answer) == ("answered", commune_reporter, "Đã xử lý xong.")


def test_overdue_and_dashboard_pages(login, province_manager, other_manager):
    late = submit()
    Petition.objects.filter(pk=late.pk).update(accept_due=timezone.localdate() - timedelta(days=1))
    done = svc.petition_accept(actor=province_manager, petition=submit(text="Khác hẳn: cầu tràn thôn 4."))
    svc.petition_answer(actor=province_manager, petition=done, answer="Đã sửa")
    html = login(province_manager).get("/engagement/petitions/overdue/").content.decode()
    assert late.tracking_code in html and done.tracking_code not in html
    assert late.tracking_code not in login(other_manager).get("/engagement/petitions/overdue/").content.decode()
    board = login(province_manager).get("/engagement/petitions/dashboard/", {"unit": "2025/22"})
    assert board.status_code == 200
    assert board.context["board"].total.received == 2 and board.context["board"].total.resolved == 1
    assert board.context["board"].total.on_time_pct == 100 and board.context["board"].overdue == 1
    this_month = timezone.localdate().strftime("%m/%Y")  # months as month/year, as dates are day/month/year
    assert [label for label, _tally in board.context["board"].by_month] == [this_month]
    assert f"<td>{this_month}</td>" in board.content.decode() or f">{this_month}<" in board.content.decode()
    assert login(other_manager).get("/engagement/petitions/dashboard/").context["board"].total.received == 0
    assert login(other_manager).get("/engagement/petitions/dashboard/", {"unit": "2025/22"}).status_code == 400


def test_exports_carry_no_identity(login, province_manager):
    p = submit()
    csv = login(province_manager).get("/engagement/petitions/export.csv", {"kind": "complaint"}).content.decode()
    assert p.tracking_code in csv and SENDER_NAME not in csv and "0912" not in csv
    xlsx = login(province_manager).get("/engagement/petitions/export.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert login(province_manager).get("/engagement/petitions/", {"status": "nonsense"}).status_code == 400


def test_the_detail_offers_handlers_and_transfers_and_refuses_bad_ones(login, province_manager, commune_reporter):
    p = submit()
    client = login(province_manager)
    response = client.get(f"/engagement/petitions/{p.pk}/")
    handlers = {u.username for u in response.context["handlers"]}
    assert {"quangninh", "namkhe", "uongbi"} <= handlers and "tuyenquang" not in handlers
    tuyen_quang = Organization.objects.get(name="Công an tỉnh Tuyên Quang")
    assert tuyen_quang not in response.context["targets"]  # outside the manager's scope and above the place
    refused = client.post(f"/engagement/petitions/{p.pk}/transfer/", {"organization": tuyen_quang.pk, "reason": "x"})
    assert refused.status_code == 400
    city = Organization.objects.get(name="Ban Dân vận Thành ủy Uông Bí")
    moved = client.post(f"/engagement/petitions/{p.pk}/transfer/", {"organization": city.pk, "reason": "Thẩm quyền"})
    assert moved.status_code == 302
    p.refresh_from_db()
    assert p.organization == city
    assert client.post(f"/engagement/petitions/{p.pk}/assign/", {"handler": 2**40}).status_code == 400


def test_the_dashboard_lists_each_province_once_on_todays_map(login, admin_user):
    submit()  # old Nam Khê (2024 map)
    submit(place=("2025", "06820"), kind="feedback", text="Đề nghị mở lớp học bơi cho trẻ em mùa hè.")
    response = login(admin_user).get("/engagement/petitions/dashboard/")
    rows = response.context["board"].by_unit
    assert [(name, t.received) for name, t in rows] == [("Tỉnh Quảng Ninh", 2)]
    html = response.content.decode()
    assert 'id="by-unit-map"' in html and "bản đồ hiện nay" in html


def test_the_dashboard_on_an_old_unit_says_which_map_each_row_is_on(login, province_manager):
    submit()  # old Nam Khê, in old Uông Bí
    submit(place=("2025", "06820"), kind="feedback", text="Đề nghị mở lớp học bơi cho trẻ em mùa hè.")
    response = login(province_manager).get("/engagement/petitions/dashboard/", {"unit": "2024/22"})
    names = sorted(name for name, _t in response.context["board"].by_unit)
    # today's Vàng Danh lies wholly inside old Quảng Ninh: it counts, under today's province, which says its map
    assert names == ["Thành phố Uông Bí (bản đồ 2024)", "Tỉnh Quảng Ninh (bản đồ 2025)"]
    assert 'id="by-unit-map"' not in response.content.decode()


def test_the_dashboard_opens_on_the_users_own_unit(login, district_reviewer):
    submit()  # old Nam Khê, in old Uông Bí
    response = login(district_reviewer).get("/engagement/petitions/dashboard/")
    assert (response.context["unit"].era_id, response.context["unit"].code) == ("2024", "196")
    assert [(name, t.received) for name, t in response.context["board"].by_unit] == [("Phường Nam Khê", 1)]
    html = response.content.decode()
    totals = html[html.index('id="totals"') :]
    assert "Tỉnh Quảng Ninh" not in totals[: totals.index("</section>")]


def test_a_dashboard_limited_by_the_scope_says_so(login, district_reviewer, province_manager):
    submit()
    html = login(district_reviewer).get("/engagement/petitions/dashboard/", {"unit": "2024/22"}).content.decode()
    totals = html[html.index('id="totals"') :]
    assert "Trong phạm vi của bạn: Tỉnh Quảng Ninh" in totals.split("</h2>")[0]
    html = login(province_manager).get("/engagement/petitions/dashboard/", {"unit": "2024/22"}).content.decode()
    assert "Trong phạm vi của bạn" not in html and "· Tỉnh Quảng Ninh</h2>" in html
