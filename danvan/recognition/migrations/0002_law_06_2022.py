from django.db import migrations


def install(apps, schema_editor):
    from danvan.recognition.defaults import install as run

    run(apps.get_model("recognition", "Award"), apps.get_model("recognition", "AwardAuthority"))


class Migration(migrations.Migration):
    dependencies = [("recognition", "0001_initial")]
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
