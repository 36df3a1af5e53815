"""Reads of the documents app: a user's own imports, and what their Excel dropdowns offer."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from danvan.core.errors import NotFound
from danvan.core.text import fold
from danvan.documents import sheets
from danvan.documents.models import ImportJob, PolicyDocument
from danvan.geo.models import AdminUnit
from danvan.initiatives.models import TargetGroup
from danvan.org.access import Action, units_where
from danvan.org.selectors import organization_list


def import_job_list(*, user: Any) -> QuerySet[ImportJob]:
    """An import is its uploader's alone: the file may name people and places outside anyone else's scope."""
    if not getattr(user, "is_authenticated", False):
        return ImportJob.objects.none()
    return ImportJob.objects.filter(owner=user).defer("errors")


def import_job_get(*, user: Any, pk: int) -> ImportJob:
    job = (
        ImportJob.objects.filter(owner=user).filter(pk=pk).first() if getattr(user, "is_authenticated", False) else None
    )
    if job is None:
        raise NotFound(_("No such import."))
    return job


def report_unit_list(*, user: Any) -> QuerySet[AdminUnit]:
    """The units where `user` may register models (REPORT), in both eras, in map order."""
    return units_where(user, Action.REPORT).order_by("path")


def policy_document_list() -> list[PolicyDocument]:
    """Every policy document: they are national data, named in models anywhere."""
    return list(PolicyDocument.objects.order_by("number", "issuer"))


def sheet_lists(*, user: Any, documents: list[PolicyDocument] | None = None) -> sheets.Lists:
    """The dropdowns and reference lists of `user`'s template and exports."""
    units = report_unit_list(user=user).only("era_id", "code", "name")
    organizations = organization_list(user=user).values_list("name", flat=True)
    documents = policy_document_list() if documents is None else documents
    labels = sheets.document_labels(documents)
    return sheets.Lists(
        units=[sheets.unit_label(u) for u in units],
        organizations=sorted(set(organizations), key=fold),
        target_groups=sheets.target_group_names(TargetGroup.objects.all()),
        documents=[labels[d.pk] for d in documents],
    )
