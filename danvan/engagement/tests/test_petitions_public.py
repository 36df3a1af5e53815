"""The public form and tracking page (no login): what is stored, what is shown, what is refused."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from danvan.core.text import fold
from danvan.engagement.models.petitions import Petition, PetitionSender
from danvan.engagement.services import petitions as svc
from danvan.engagement.tests.petition_factories import SENDER_NAME, png, submit

pytestmark = pytest.mark.django_db

FORM = {
    "kind": "complaint",
    "province": "2025/22",
    "commune": "2025/06820",
    "village": "",
    "topic": "environment",
    "subject": "Nước thải từ xưởng",
    "text": "Xưởng rửa xe đổ nước thải ra mương chung của tổ 3 từ tháng trước.",
    "full_name": "Lê Văn Bình",
    "phone": "0987 000 111",
    "consent": "on",
    "website": "",
}


def post(data=None, files=None, address="192.0.2.10"):
    return Client(REMOTE_ADDR=address).post("/petition/", {**FORM, **(data or {}), **(files or {})})


def test_a_citizen_files_a_petition_and_gets_a_code():
    response = post(files={"attachments": [png()]})
    assert response.status_code == 302
    petition = Petition.objects.get()
    assert response["Location"] == f"/petition/sent/{petition.tracking_code}/"
    assert (petition.unit.code, petition.source, petition.attachments.count()) == ("06820", "public_form", 1)
    assert PetitionSender.objects.get(petition=petition).consent_at is not None
    page = Client().get(response["Location"])
    assert petition.tracking_code in page.content.decode()


def test_the_form_offers_places_down_the_map():
    html = Client().get("/petition/places/", {"province": "2025/22"}).content.decode()
    assert 'value="2025/06820"' in html and "Phường Vàng Danh" in html and 'hx-swap-oob="innerHTML"' in html
    assert Client().get("/petition/places/", {"commune": "9999/1"}).content.decode().count("<option") == 1


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"full_name": "", "phone": ""}, "full_name"),  # a complaint needs identity
        ({"commune": "2025/99999"}, "commune"),  # a place that does not exist: the choice is refused
        ({"province": "", "commune": ""}, "province"),
        ({"consent": ""}, "consent"),  # contact details without consent
    ],
)
def test_bad_input_gets_a_message_and_stores_nothing(data, field):
    response = post(data)
    assert response.status_code == 400
    assert list(response.context["form"].errors) == [field]
    assert not Petition.objects.exists()
    assert 'role="alert"' in response.content.decode()


def test_a_wrong_file_type_is_refused_by_name():
    fake = SimpleUploadedFile("hop-dong.docx", b"PK\x03\x04 word", content_type="application/pdf")
    response = post(files={"attachments": [fake]})
    assert response.status_code == 400 and "hop-dong.docx" in response.content.decode()
    assert not Petition.objects.exists()


def test_the_honeypot_stores_nothing():
    assert post({"website": "http://spam"}).status_code == 400
    assert not Petition.objects.exists()


def test_a_flood_from_one_address_gets_429(settings):
    settings.DANVAN_PETITION_RATE = "2/600"
    for i in range(2):
        assert post({"text": f"Nội dung khác nhau số {i}: " + "abc " * (i * 9 + 1)}).status_code == 302
    response = post({"text": "Một nội dung thứ ba về đường điện."})
    assert response.status_code == 429
    assert "quá nhiều đơn thư" in response.content.decode()
    assert Petition.objects.count() == 2
    assert post({"text": "Từ địa chỉ khác."}, address="192.0.2.99").status_code == 302


def test_the_tracking_page_shows_status_and_answer_but_no_identity(province_manager):
    p = submit()
    svc.petition_assign(actor=province_manager, petition=p, handler=province_manager)
    svc.petition_accept(actor=province_manager, petition=p, note="NỘI BỘ: gọi cho người gửi")
    svc.petition_answer(actor=province_manager, petition=p, answer="Phường đã thu dọn bãi rác.")
    html = Client().get(f"/track/{p.tracking_code}/").content.decode()
    assert "Phường đã thu dọn bãi rác." in html and p.tracking_code in html
    for secret in (SENDER_NAME, "0912 345 678", "Tổ 5, khu Nam Sơn", "NỘI BỘ", province_manager.full_name, "quangninh"):
        assert secret not in html
    typed = Client().get("/track/", {"code": p.tracking_code.lower().replace("-", "")})
    assert typed.status_code == 302 and typed["Location"] == f"/track/{p.tracking_code}/"
    assert Client().get("/track/", {"code": "AAAA-BBBB-CCCC"}).status_code == 404
    assert Client().get("/track/AAAA-BBBB-CCCC/").status_code == 404


def test_the_sender_rates_once_after_closing(province_manager):
    p = svc.petition_accept(actor=province_manager, petition=submit())
    assert Client().post(f"/track/{p.tracking_code}/rate/", {"rating": "5"}).status_code == 409  # not closed yet
    svc.petition_answer(actor=province_manager, petition=p, answer="Đã xử lý")
    svc.petition_close(actor=province_manager, petition=p)
    assert Client().post(f"/track/{p.tracking_code}/rate/", {"rating": "4", "comment": "Tốt"}).status_code == 302
    again = Client().post(f"/track/{p.tracking_code}/rate/", {"rating": "1"})
    assert again.status_code == 409
    p.refresh_from_db()
    assert (p.rating, p.rating_comment) == (4, "Tốt")


def test_the_provinces_are_in_vietnamese_alphabetical_order_without_their_prefix():
    """Not every "Thành phố …" first: Hà Nội stands at H, Đà Nẵng after Cần Thơ and before Đắk Lắk."""
    html = Client().get("/petition/").content.decode()
    select = html[html.index('id="id_province"') : html.index("</select>", html.index('id="id_province"'))]
    names = re.findall(r'<option value="\d{4}/\d+"[^>]*>([^<]+)</option>', select)
    assert len(names) == 34
    assert names[0] == "Tỉnh An Giang" and names[-1] == "Tỉnh Vĩnh Long"
    order = [names.index(n) for n in ("Tỉnh Cà Mau", "Thành phố Cần Thơ", "Thành phố Đà Nẵng", "Tỉnh Đắk Lắk")]
    assert order == sorted(order)
    assert names.index("Thành phố Hà Nội") < names.index("Tỉnh Hà Tĩnh") < names.index("Thành phố Hải Phòng")
    assert names.index("Tỉnh Lai Châu") < names.index("Tỉnh Lạng Sơn") < names.index("Tỉnh Lào Cai")


def test_the_communes_are_in_alphabetical_order_of_their_names():
    html = Client().get("/petition/places/", {"province": "2025/22"}).content.decode()
    names = re.findall(r'<option value="2025/\d+">([^<]+)</option>', html)
    keys = [fold(n.split(" ", 1)[1]) if n.startswith(("Xã ", "Phường ")) else fold(n) for n in names]
    assert len(names) > 10
    assert keys[0] < keys[-1]
    assert names.index("Phường Vàng Danh") > names.index("Phường Bãi Cháy")


def test_required_fields_are_marked_before_any_submit():
    html = Client().get("/petition/").content.decode()
    assert 'id="required-note"' in html
    for name in ("subject", "text", "topic", "province"):
        tag = re.search(rf'<(?:input|textarea|select)[^>]*name="{name}"[^>]*>', html)
        assert tag and 'aria-required="true"' in tag[0], name
    for name in ("full_name", "place_detail", "commune"):
        tag = re.search(rf'<(?:input|textarea|select)[^>]*name="{name}"[^>]*>', html)
        assert tag and "aria-required" not in tag[0], name
    assert re.search(r'<label for="id_subject">[^<]+ <span class="required-mark" aria-hidden="true">\*</span>', html)
    assert 'role="radiogroup" aria-required="true"' in html
