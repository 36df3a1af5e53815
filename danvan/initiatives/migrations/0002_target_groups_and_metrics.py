"""Starting lists: target groups named in the field notes and the quantities results are counted in."""

from django.db import migrations

TARGET_GROUPS = [
    ("dan-toc-thieu-so", "Đồng bào dân tộc thiểu số", "Ethnic minorities"),
    ("ton-giao", "Đồng bào có đạo, chức sắc tôn giáo", "Religious followers"),
    ("cong-nhan", "Công nhân, người lao động", "Workers"),
    ("thanh-nien", "Thanh niên", "Youth"),
    ("phu-nu", "Phụ nữ", "Women"),
    ("nong-dan", "Nông dân", "Farmers"),
    ("cuu-chien-binh", "Cựu chiến binh", "Veterans"),
    ("nguoi-cao-tuoi", "Người cao tuổi", "The elderly"),
    ("hoc-sinh", "Học sinh, sinh viên", "Pupils and students"),
    ("ho-ngheo", "Hộ nghèo, cận nghèo, hoàn cảnh khó khăn", "Poor, near-poor and disadvantaged households"),
    ("doanh-nghiep", "Doanh nghiệp", "Enterprises"),
    ("khu-dan-cu", "Cộng đồng dân cư", "Residential communities"),
]

METRICS = [
    ("ho-gia-dinh", "Hộ gia đình tham gia", "Households taking part", "hộ", True),
    ("nguoi-tham-gia", "Người tham gia", "Participants", "người", True),
    ("tien-huy-dong", "Tiền huy động", "Money mobilised", "VND", True),
    ("ngay-cong", "Ngày công", "Workdays", "ngày công", True),
    ("km-duong", "Đường giao thông", "Roads", "km", False),
    ("bo-den", "Bộ đèn chiếu sáng", "Light sets", "bộ", True),
    ("camera", "Camera an ninh", "Security cameras", "chiếc", True),
    ("nha-xay-sua", "Nhà được xây, sửa", "Houses built or repaired", "căn", True),
    ("dien-tich", "Diện tích", "Area", "m²", False),
    ("doan-vien-moi", "Đoàn viên, hội viên mới", "New union members", "người", True),
]


def seed(apps, schema_editor):
    target_group = apps.get_model("initiatives", "TargetGroup")
    metric = apps.get_model("initiatives", "ResultMetric")
    for code, name, name_en in TARGET_GROUPS:
        target_group.objects.update_or_create(code=code, defaults={"name": name, "name_en": name_en})
    for code, name, name_en, unit_label, integer in METRICS:
        metric.objects.update_or_create(
            code=code, defaults={"name": name, "name_en": name_en, "unit_label": unit_label, "integer": integer}
        )


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
