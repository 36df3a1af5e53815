from django.db import migrations


def install(apps, schema_editor):
    from danvan.recognition.defaults import install as run

    run(apps.get_model("recognition", "Award"), apps.get_model("recognition", "AwardAuthority"))
    # the commended collectives and individuals are read from the issued decisions, plus a typed part
    indicator = apps.get_model("reporting", "Indicator")
    for code in ("awards_collective", "awards_individual"):
        indicator.objects.filter(code=code, source="entered").update(source="both", record_key=f"recognition.{code}")


class Migration(migrations.Migration):
    dependencies = [("recognition", "0004_decisions"), ("reporting", "0004_village_values")]
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
