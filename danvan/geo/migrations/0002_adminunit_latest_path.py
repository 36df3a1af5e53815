from django.db import migrations, models
from django.db.models import F


def copy_path(apps, schema_editor):
    # the loader recomputes it from the successions; until then each unit stands for itself
    apps.get_model("geo", "AdminUnit").objects.update(latest_path=F("path"))


class Migration(migrations.Migration):
    dependencies = [("geo", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="adminunit",
            name="latest_path",
            field=models.CharField(
                db_index=True,
                default="",
                editable=False,
                help_text="Path of the unit that covers this one on the newest map (its own path if it is on it): "
                "figures recorded under an old unit are counted under the new one by this prefix.",
                max_length=255,
            ),
            preserve_default=False,
        ),
        migrations.RunPython(copy_path, migrations.RunPython.noop),
    ]
