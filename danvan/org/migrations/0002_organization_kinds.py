"""The organisation kinds every level uses; an administrator can add or retire kinds later."""

from django.db import migrations

KINDS = [
    ("dang-uy", "Cấp ủy Đảng", "Party committee"),
    ("chi-bo", "Chi bộ, đảng bộ cơ sở", "Party cell"),
    ("ban-dan-van", "Ban Dân vận", "Mass Mobilization Commission"),
    ("ban-tuyen-giao-dan-van", "Ban Tuyên giáo và Dân vận", "Propaganda and Mass Mobilization Commission"),
    ("mttq", "Ủy ban Mặt trận Tổ quốc Việt Nam", "Vietnam Fatherland Front Committee"),
    ("hoi-cuu-chien-binh", "Hội Cựu chiến binh", "Veterans' Association"),
    ("hoi-lhpn", "Hội Liên hiệp Phụ nữ", "Women's Union"),
    ("doan-thanh-nien", "Đoàn Thanh niên Cộng sản Hồ Chí Minh", "Ho Chi Minh Communist Youth Union"),
    ("hoi-nong-dan", "Hội Nông dân", "Farmers' Association"),
    ("cong-doan", "Công đoàn", "Trade union"),
    ("chinh-quyen", "Ủy ban nhân dân, cơ quan nhà nước", "People's Committee or state agency"),
    ("cong-an", "Công an", "Police"),
    ("quan-su", "Quân sự, biên phòng", "Military and border guard"),
    ("truong-hoc", "Trường học", "School"),
    ("doanh-nghiep", "Doanh nghiệp", "Enterprise"),
    ("khu-dan-cu", "Khu dân cư, thôn, tổ dân phố", "Residential area"),
]


def add_kinds(apps, schema_editor):
    kind = apps.get_model("org", "OrganizationKind")
    for code, name, name_en in KINDS:
        kind.objects.update_or_create(code=code, defaults={"name": name, "name_en": name_en})


class Migration(migrations.Migration):
    dependencies = [("org", "0001_initial")]
    operations = [migrations.RunPython(add_kinds, migrations.RunPython.noop)]
