"""On PostgreSQL only: a trigram index on the folded search text, so searching the whole country is fast.

Search asks `search_text LIKE '% word%'` for every word typed (see selectors.search_q). A B-tree
cannot serve a pattern that starts with %; pg_trgm's GIN index can. bench/initiatives.py on
500,000 models: a national search for "nha dai doan ket" took about 1.1 s without it, 0.45 s
with it. SQLite has no such index and does without (the search stays a scan there).

pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it. The index is
built in the migration's transaction, which holds writes to the table while it builds (about
20 s for 500,000 models on a 2-core machine).
"""

from django.db import migrations

INDEX = "initiatives_search_trgm"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON initiatives_initiative USING gin (search_text gin_trgm_ops)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")  # the extension stays: others may use it


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0002_target_groups_and_metrics")]
    operations = [migrations.RunPython(create, drop, elidable=False)]
