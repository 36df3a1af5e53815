"""Demo stories: Tuyên Quang's 2024 models told as the provincial newspaper told them (field notes).

Written, linked and published through the services by `tuyenquang` (the manager of today's Tuyên
Quang, who also manages what was recorded under the old province); the first is translated into
English, the others show the Vietnamese with the portal's note. The stories link the demo models
they are about; the portal shows only those that are public (recognised and published), so the
youth union's model, still registered, is linked in the data and absent from the page.

Idempotent: a story whose Vietnamese title exists is left as it is. Authors are organisations, not
people: a demo names nobody.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from danvan.geo.models import AdminUnit
from danvan.initiatives.models import Initiative
from danvan.org.models import User
from danvan.portal.models import Story
from danvan.portal.services.stories import story_create, story_publish, story_translate

TZ = ZoneInfo("Asia/Ho_Chi_Minh")  # as the newspaper dated them
SOURCE = ("Báo Tuyên Quang", "https://baotuyenquang.com.vn/")

STORIES: list[dict[str, Any]] = [
    {
        "title": "Phụ nữ Tuyên Quang giúp nhau phát triển kinh tế hộ gia đình",
        "lead": (
            "Hội Liên hiệp Phụ nữ tỉnh đưa mô hình “Phụ nữ giúp nhau phát triển kinh tế hộ gia đình” vào "
            "phong trào thi đua “Dân vận khéo” năm 2024, gắn với Đề án 02 của Tỉnh ủy."
        ),
        "body": (
            "Năm 2024, toàn tỉnh Tuyên Quang có 7.604 mô hình, điển hình “Dân vận khéo”. Trong đó, Hội Liên "
            "hiệp Phụ nữ tỉnh đăng ký mô hình “Phụ nữ giúp nhau phát triển kinh tế hộ gia đình”: các chi hội "
            "góp vốn xoay vòng, giúp nhau ngày công, giống cây, con giống và chia sẻ kinh nghiệm làm ăn.\n\n"
            "Mô hình được triển khai theo Nghị quyết số 20-NQ/TU của Tỉnh ủy về phương hướng, nhiệm vụ năm 2024 "
            "và Đề án 02 về công tác dân vận khéo gắn với phong trào thi đua yêu nước, và được công nhận trong "
            "năm.\n\n"
            "Các chi hội ở cơ sở cho biết cách làm dễ nhân rộng: mỗi chi hội bầu tổ giúp nhau, công khai danh "
            "sách hộ được giúp và kết quả sau mỗi vụ."
        ),
        "topic": "economic",
        "unit": ("2024", "070"),
        "author": "Ban Dân vận Tỉnh ủy Tuyên Quang",
        "models": [("2024", "070", "Phụ nữ giúp nhau phát triển kinh tế hộ gia đình")],
        "published": datetime(2025, 1, 20, 8, 30, tzinfo=TZ),
        "en": {
            "title": "Tuyên Quang women help each other grow their household economy",
            "lead": (
                "The provincial Women's Union brought its model “Women help each other develop the household "
                "economy” into the 2024 Skillful Mass Mobilization movement, under the Provincial Party "
                "Committee's Project 02."
            ),
            "body": (
                "In 2024 Tuyên Quang province counted 7,604 “Effective Mass Mobilization” models and works. Among "
                "them, the provincial Women's Union registered “Women help each other develop the household "
                "economy”: branches pool revolving savings and help one another with workdays, seedlings, "
                "livestock and know-how.\n\n"
                "The model follows the Provincial Party Committee's Resolution No. 20-NQ/TU on directions and "
                "tasks in 2024 and Project 02 on skillful mass mobilization tied to patriotic emulation, and was "
                "recognised during the year.\n\n"
                "Grassroots branches say it is easy to copy: each branch elects a mutual-help group and makes the "
                "list of households helped, and the results after each season, public."
            ),
        },
    },
    {
        "title": "Tuổi trẻ Tuyên Quang giúp đồng bào vùng cao sửa nhà sau bão số 3",
        "lead": "Sau cơn bão số 3 (Yagi) tháng 9/2024, đoàn viên thanh niên lên bản giúp các hộ khó khăn dựng lại nhà.",
        "body": (
            "Cơn bão số 3 (Yagi) tháng 9/2024 gây thiệt hại nặng nề cho nhiều thôn bản vùng cao. Tỉnh đoàn "
            "Tuyên Quang đăng ký mô hình “Thanh niên giúp đồng bào vùng cao sửa nhà sau bão số 3”, huy động "
            "đoàn viên góp ngày công, vật liệu cùng chính quyền và Mặt trận cơ sở.\n\n"
            "Đến cuối năm, các đội hình thanh niên đã giúp sửa chữa 12 ngôi nhà cho hộ nghèo, hộ khó khăn. "
            "Cả tỉnh đã hỗ trợ 306 hộ nghèo, cận nghèo và hộ có hoàn cảnh khó khăn sửa chữa, làm mới nhà ở "
            "trong hoạt động “Ba cùng” năm 2024."
        ),
        "topic": "cultural_social",
        "unit": ("2024", "072"),
        "author": "Tỉnh đoàn Tuyên Quang",
        "models": [("2024", "072", "Thanh niên giúp đồng bào vùng cao sửa nhà sau bão số 3")],
        "published": datetime(2024, 12, 16, 9, 0, tzinfo=TZ),
    },
    {
        "title": "Tuyên Quang tổng kết công tác dân vận năm 2024: hơn 140.300 lượt người dân cùng tham gia",
        "lead": (
            "Hội nghị tổng kết công tác dân vận năm 2024 của tỉnh do Trưởng Ban Dân vận Tỉnh ủy, Chủ tịch "
            "Ủy ban MTTQ tỉnh chủ trì; 71 tập thể và 86 cá nhân được tặng Bằng khen."
        ),
        "body": (
            "Năm 2024, 1.008 chi bộ, đảng bộ với hơn 33.800 cán bộ, đảng viên cấp tỉnh, huyện, xã thực hiện "
            "“Ba cùng” với nhân dân ở cơ sở; hơn 140.300 lượt người dân tại 822 xã và 5.061 thôn bản cùng tham "
            "gia.\n\n"
            "Tại hội nghị, các đại biểu, trong đó có Phòng Tham mưu Công an tỉnh, đã thảo luận những hạn chế, "
            "nguyên nhân trong tham mưu, thực hiện Đề án 02 và đề xuất giải pháp cho các nhiệm vụ trọng tâm năm "
            "2025. Ban Dân vận Tỉnh ủy tặng Bằng khen cho 71 tập thể và 86 cá nhân có thành tích xuất sắc."
        ),
        "topic": "",
        "unit": ("2025", "08"),
        "author": "Ban Dân vận Tỉnh ủy Tuyên Quang",
        "models": [("2024", "075", "Công an xã bám dân, giữ bình yên thôn bản")],
        "published": datetime(2025, 1, 10, 15, 0, tzinfo=TZ),
    },
]


def load() -> dict[str, int]:
    actor = User.objects.filter(username="tuyenquang").first()
    if actor is None:
        return {"stories": 0}
    created = 0
    for spec in STORIES:
        if Story.objects.filter(title_vi=spec["title"]).exists():
            continue
        unit = AdminUnit.objects.get(era_id=spec["unit"][0], code=spec["unit"][1])
        models = [
            m
            for era, code, name in spec["models"]
            for m in Initiative.objects.filter(unit__era_id=era, unit__code=code, name=name)
        ]
        story = story_create(
            actor=actor,
            unit=unit,
            title=spec["title"],
            lead=spec["lead"],
            body=spec["body"],
            topic=spec["topic"],
            author=spec["author"],
            source_name=SOURCE[0],
            source_url=SOURCE[1],
            consent_confirmed=True,
            initiatives=models,
        )
        if "en" in spec:
            story_translate(actor=actor, story=story, language="en", **spec["en"])
        story_publish(actor=actor, story=story)
        Story.objects.filter(pk=story.pk).update(published_at=spec["published"])  # as the newspaper dated it
        created += 1
    return {"stories": created}
