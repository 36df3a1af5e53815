"""The titles and forms of commendation of Law 06/2022/QH15 as data: who decides what, before and after 1 July 2025."""

from datetime import date

import pytest

from danvan.recognition.models import Award, AwardAuthority
from danvan.recognition.selectors.awards import award_list, awarder_of_level, awards_decided_by, awards_to_propose

pytestmark = pytest.mark.django_db
BEFORE, AFTER = date(2025, 6, 30), date(2025, 7, 1)


def codes(awards) -> set[str]:
    return {a.code for a in awards}


def test_the_law_is_loaded_with_its_articles():
    names = set(Award.objects.values_list("name", flat=True))
    for name in (
        "Giấy khen",
        "Bằng khen cấp bộ, ban, ngành, tỉnh",
        "Tập thể lao động xuất sắc",
        "Chiến sĩ thi đua cơ sở",
    ):
        assert name in names, name
    state = Award.objects.exclude(code__endswith="-dang-mat-tran")  # the Party's and Front's own: their rules
    assert all(a.legal_basis.startswith("Luật Thi đua, khen thưởng 2022") for a in state)
    longest = AwardAuthority._meta.get_field("legal_basis").max_length  # SQLite would not refuse a longer one
    assert all(0 < len(x.legal_basis) <= longest for x in AwardAuthority.objects.all())
    assert AwardAuthority.objects.get(award="giay-khen", awarder="commune_chair").legal_basis.endswith(
        "Điều 80 khoản 3"
    )


def test_a_commune_chairman_awards_giay_khen_and_proposes_bang_khen(admin_user):
    mine = codes(awards_decided_by(user=admin_user, awarder="commune_chair", on=BEFORE))
    assert mine == {"giay-khen", "lao-dong-tien-tien", "gia-dinh-van-hoa"}
    upward = codes(awards_to_propose(user=admin_user, awarder="commune_chair", on=BEFORE))
    assert {"bang-khen-tinh", "tap-the-lao-dong-xuat-sac", "chien-si-thi-dua-co-so"} <= upward
    assert "giay-khen" not in upward


def test_a_province_chairman_awards_bang_khen(admin_user):
    mine = codes(awards_decided_by(user=admin_user, awarder="province_chair", on=AFTER))
    assert {"bang-khen-tinh", "tap-the-lao-dong-xuat-sac", "co-thi-dua-tinh", "chien-si-thi-dua-tinh"} == mine
    upward = codes(awards_to_propose(user=admin_user, awarder="province_chair", on=AFTER))
    assert {"bang-khen-thu-tuong", "chien-si-thi-dua-toan-quoc", "huan-chuong"} <= upward
    assert not {"giay-khen", "bang-khen-tinh"} & upward


def test_the_district_chairman_awards_only_while_there_were_districts(admin_user):
    assert "chien-si-thi-dua-co-so" in codes(awards_decided_by(user=admin_user, awarder="district_chair", on=BEFORE))
    assert awards_decided_by(user=admin_user, awarder="district_chair", on=AFTER) == []
    commune = codes(awards_decided_by(user=admin_user, awarder="commune_chair", on=AFTER))
    assert {"chien-si-thi-dua-co-so", "tap-the-lao-dong-tien-tien", "thon-to-dan-pho-van-hoa"} <= commune
    assert awarder_of_level("commune") == "commune_chair" and awarder_of_level("village") is None


def test_the_list_keeps_its_query_count(admin_user, django_assert_num_queries):
    with django_assert_num_queries(2):
        awards = list(award_list(user=admin_user, on=AFTER))
        assert sum(len(a.authorities.all()) for a in awards) > 20


def test_the_admin_lists_them_and_refuses_who_is_not_staff(login, admin_user, province_manager):
    page = login(admin_user).get("/admin/recognition/award/").content.decode()
    assert "Chiến sĩ thi đua cơ sở" in page and "Điều 80" in page
    detail = login(admin_user).get("/admin/recognition/award/giay-khen/change/").content.decode()
    assert "Điều 80 khoản 3" in detail
    assert login(province_manager).get("/admin/recognition/award/").status_code == 302
