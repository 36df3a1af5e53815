from django.db import migrations


def install(apps, schema_editor):
    from danvan.reporting.catalogue import install as run

    run(
        apps.get_model("reporting", "Indicator"),
        apps.get_model("reporting", "ReportForm"),
        apps.get_model("reporting", "FormIndicator"),
        apps.get_model("reporting", "ValidationRule"),
    )


class Migration(migrations.Migration):
    dependencies = [("reporting", "0001_initial")]
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
