"""Result metrics get an English unit of measure, so the English interface shows "households", not "hộ"."""

from django.db import migrations, models

UNITS_EN = {
    "ho-gia-dinh": "households",
    "nguoi-tham-gia": "people",
    "tien-huy-dong": "VND",
    "ngay-cong": "workdays",
    "km-duong": "km",
    "bo-den": "sets",
    "camera": "cameras",
    "nha-xay-sua": "houses",
    "dien-tich": "m²",
    "doan-vien-moi": "people",
}


def seed(apps, schema_editor):
    metric = apps.get_model("initiatives", "ResultMetric")
    for code, unit_en in UNITS_EN.items():
        metric.objects.filter(code=code, unit_label_en="").update(unit_label_en=unit_en)


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0003_search_trigram_index_postgresql")]

    operations = [
        migrations.AddField(
            model_name="resultmetric",
            name="unit_label_en",
            field=models.CharField(blank=True, max_length=30, verbose_name="unit of measure (English)"),
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
