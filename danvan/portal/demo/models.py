"""Demo: a handful of Tuyên Quang's recognised and typical models published on the portal.

Published through the services as the province's manager (`tuyenquang`), so each publication
is audited as a real one would be. Vietnamese texts for all, English too for the first, so the
portal is not empty and the "not translated yet" note can be seen in the other languages.
Idempotent: a model already published is left as it is.
"""

from __future__ import annotations

from django.db.models import Q

from danvan.geo.lineage import area_q
from danvan.geo.models import AdminUnit, Level
from danvan.initiatives.models import Field, Initiative, Status
from danvan.org.models import User
from danvan.portal.models import Publication
from danvan.portal.services.publications import publication_publish, publication_translate

WOMEN = "Phụ nữ giúp nhau phát triển kinh tế hộ gia đình"
STORY_WOMEN = (
    "Hội Liên hiệp Phụ nữ tỉnh Tuyên Quang tổ chức cho hội viên giúp nhau về vốn, giống, ngày công và "
    "kinh nghiệm sản xuất. Các tổ hội vận động chị em góp vốn xoay vòng, hướng dẫn nhau làm kinh tế "
    "vườn đồi và chăn nuôi, cùng chia sẻ cách tiếp cận nguồn vốn chính sách.\n\n"
    "Mô hình gắn với Đề án 02 của Tỉnh ủy về “Dân vận khéo” và được công nhận năm 2024; nhiều hộ "
    "phụ nữ khó khăn đã có thu nhập ổn định."
)
ENGLISH_WOMEN = {
    "title": "Women helping one another to develop household economies",
    "summary": "Members of the provincial Women's Union pool capital, seed and workdays so that poor "
    "households can start farming and raising livestock.",
    "story": "The Tuyen Quang Women's Union organises its members to help one another with capital, seed, "
    "labour and know-how. Groups run rotating savings, teach hillside gardening and animal husbandry, and "
    "share how to reach policy loans.\n\nThe model is tied to the Provincial Party Committee's Project 02 "
    "on Skillful Mass Mobilization and was recognised in 2024.",
}
# texts for the generated models, by field (their names say what and where)
BY_FIELD: dict[str, tuple[str, str]] = {
    Field.ECONOMIC: (
        "Cán bộ, hội viên cùng nhân dân chuyển đổi cây trồng, vật nuôi, giúp nhau vốn và ngày công.",
        "Mô hình vận động nhân dân thôn bản chuyển đổi cơ cấu cây trồng, vật nuôi; các đoàn thể giúp "
        "hộ nghèo vốn, giống và kỹ thuật. Kết quả được ghi nhận trong phong trào “Dân vận khéo” năm 2024.",
    ),
    Field.CULTURAL_SOCIAL: (
        "Nhân dân góp công, góp của xây dựng nếp sống văn minh, giúp hộ khó khăn sửa nhà.",
        "Trong đợt khắc phục hậu quả bão số 3 (Yagi), cán bộ, đảng viên cùng nhân dân giúp các hộ nghèo, "
        "cận nghèo sửa chữa, xây mới nhà ở; thôn bản giữ gìn vệ sinh môi trường và nếp sống văn minh.",
    ),
    Field.DEFENCE_SECURITY: (
        "Lực lượng công an xã bám dân, cùng người có uy tín giữ bình yên thôn bản.",
        "Công an xã phối hợp với người có uy tín trong đồng bào dân tộc thiểu số nắm tình hình, hòa giải "
        "mâu thuẫn ở cơ sở và tuyên truyền pháp luật, giữ vững an ninh trật tự thôn bản.",
    ),
}
HOW_MANY_GENERATED = 4


def _candidates() -> list[Initiative]:
    """Tuyên Quang's own named model, then a few of its typical and recognised ones, oldest first."""
    provinces = AdminUnit.objects.filter(level=Level.PROVINCE, name__contains="Tuyên Quang")
    area = Q(pk__in=[])
    for province in provinces:
        area |= area_q(province)
    found = Initiative.objects.filter(area, status__in=[Status.RECOGNISED, Status.TYPICAL, Status.COMMENDED])
    chosen = list(found.filter(name=WOMEN)[:1])
    for status in (Status.TYPICAL, Status.RECOGNISED):
        for field in BY_FIELD:
            if len(chosen) > HOW_MANY_GENERATED:
                break
            extra = found.filter(status=status, field=field).exclude(pk__in=[m.pk for m in chosen]).order_by("pk")
            chosen += list(extra[:1])
    return chosen


def load() -> dict[str, int]:
    manager = User.objects.filter(username="tuyenquang").first()
    if manager is None:
        return {"published models": 0}
    published = 0
    for model in _candidates():
        if Publication.objects.filter(initiative=model, published_at__isnull=False).exists():
            continue
        if model.name == WOMEN:
            summary, story = "Hội viên phụ nữ góp vốn, giống, ngày công giúp nhau thoát nghèo.", STORY_WOMEN
        else:
            summary, story = BY_FIELD.get(model.field, ("", ""))
        publication = publication_publish(
            actor=manager,
            initiative=model,
            title=model.name,
            summary=summary,
            story=story,
            featured=model.name == WOMEN or model.status == Status.TYPICAL,
        )
        if model.name == WOMEN:
            publication_translate(actor=manager, publication=publication, language="en", **ENGLISH_WOMEN)
        published += 1
    return {"published models": published}
