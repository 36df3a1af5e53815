"""`__unindexed__isnull`: the same rows as `__isnull`, the column kept out of SQLite's indexes."""

from __future__ import annotations

import pytest
from django.db import connection

from danvan.engagement.models import Petition


@pytest.mark.django_db
def test_it_keeps_a_nullable_relation_a_left_join_and_the_column_off_sqlites_indexes():
    qs = Petition.objects.select_related("dialogue").filter(dialogue_id__unindexed__isnull=True)
    sql = str(qs.query)
    # a relation tested for NULL stays a LEFT JOIN: petitions without a dialogue are still listed
    assert 'LEFT OUTER JOIN "engagement_dialogue"' in sql
    if connection.vendor == "sqlite":
        assert '+"engagement_petition"."dialogue_id" IS NULL' in sql
    else:
        assert '"engagement_petition"."dialogue_id" IS NULL' in sql
    assert list(qs) == list(Petition.objects.filter(dialogue__isnull=True))
