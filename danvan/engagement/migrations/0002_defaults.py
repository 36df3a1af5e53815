from django.db import migrations


def install(apps, schema_editor):
    from danvan.engagement.defaults import install as run

    run(*(apps.get_model("engagement", m) for m in ("DeadlineRule", "RetentionRule", "Topic", "EthnicGroup")))


class Migration(migrations.Migration):
    dependencies = [("engagement", "0001_initial")]
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
