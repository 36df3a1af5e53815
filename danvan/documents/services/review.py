"""Writes of the review report: its header, its narrative drafts, and its generation in the background.

Only a manager of the report's unit writes; whoever does not even see the unit is told it does not
exist (as for programmes). A narrative is never overwritten: each save keeps a new draft, and
restoring an old one writes it again as the newest, so the history only grows.

The files are made by the worker (`review_run`): the figures are read from the roll-ups as the
requester may see them, the Word file is written, then LibreOffice makes the PDF. A PDF that
cannot be made (LibreOffice missing, too slow, failing) leaves the job succeeded with the Word file
and the reason kept for the page.
"""

from __future__ import annotations

import logging
import re
from datetime import date
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from danvan.core.audit import audit
from danvan.core.errors import DomainError, NotFound
from danvan.core.progress import Progress
from danvan.core.text import fold
from danvan.documents.models import NarrativePart, ReviewJob, ReviewNarrative, ReviewReport
from danvan.documents.office import OfficeError, docx_to_pdf
from danvan.geo.models import AdminUnit
from danvan.org.access import Action, can

logger = logging.getLogger(__name__)

MAX_NARRATIVE = 50_000  # characters in one narrative part: a long report's part is a few thousand
HEADER_FIELDS = (
    "layout",
    "issuer",
    "superior",
    "number",
    "place",
    "signed_on",
    "title",
    "signer_title",
    "signer_name",
    "recipients",
)
_SLUG = re.compile(r"[^a-z0-9]+")


def _may_manage(actor: Any, unit: AdminUnit) -> None:
    if can(actor, Action.MANAGE, unit):
        return
    if not can(actor, Action.VIEW, unit):
        raise NotFound(_("This unit does not exist or is not in your area."))
    raise DomainError(
        _("Only a manager of %(unit)s may write its review report.") % {"unit": unit.name},
        code="forbidden",
        status=403,
    )


def _check_header(values: dict[str, Any]) -> dict[str, Any]:
    cleaned = {k: v.strip() if isinstance(v, str) else v for k, v in values.items()}
    if not cleaned.get("issuer"):
        raise DomainError(_("Name the issuing body."), code="issuer_required")
    if not cleaned.get("title"):
        raise DomainError(_("Give the report a title."), code="title_required")
    if cleaned.get("layout") not in ReviewReport.Layout.values:
        raise DomainError(_("Choose the Party or the State layout."), code="bad_layout")
    signed_on = cleaned.get("signed_on")
    if signed_on is not None and not isinstance(signed_on, date):
        raise DomainError(_("Enter a valid date."), code="bad_date")
    return cleaned


@transaction.atomic
def review_report_create(*, actor: Any, unit: AdminUnit, period: Any, **header: Any) -> ReviewReport:
    """A new report of `unit` for `period`, with its header (see `HEADER_FIELDS`)."""
    _may_manage(actor, unit)
    unknown = set(header) - set(HEADER_FIELDS)
    if unknown:
        raise TypeError(f"unknown header fields: {sorted(unknown)}")
    values = _check_header({"layout": ReviewReport.Layout.PARTY, **header})
    report = ReviewReport.objects.create(unit=unit, period=period, created_by=actor, **values)
    audit(actor=actor, verb="review.create", target=report, unit=unit.path, period=str(period))
    return report


@transaction.atomic
def review_report_update(*, actor: Any, report: ReviewReport, **header: Any) -> ReviewReport:
    _may_manage(actor, report.unit)
    unknown = set(header) - set(HEADER_FIELDS)
    if unknown:
        raise TypeError(f"unknown header fields: {sorted(unknown)}")
    values = _check_header({**{f: getattr(report, f) for f in HEADER_FIELDS}, **header})
    changed = sorted(f for f, v in values.items() if getattr(report, f) != v)
    for name, value in values.items():
        setattr(report, name, value)
    report.save()
    audit(actor=actor, verb="review.update", target=report, changed=changed)
    return report


@transaction.atomic
def narrative_save(*, actor: Any, report: ReviewReport, part: str, text: str) -> ReviewNarrative:
    """Keep `text` as the newest draft of `part`; the same text as the newest draft adds nothing."""
    _may_manage(actor, report.unit)
    if part not in NarrativePart.values:
        raise DomainError(_("There is no such part of the report."), code="bad_part")
    text = text.replace("\r\n", "\n").strip()
    if len(text) > MAX_NARRATIVE:
        raise DomainError(
            _("The text is too long: at most %(max)s characters.") % {"max": f"{MAX_NARRATIVE:,}".replace(",", ".")},
            code="too_long",
        )
    latest = ReviewNarrative.objects.filter(report=report, part=part).order_by("-created_at", "-pk").first()
    if latest is not None and latest.text == text:
        return latest
    draft = ReviewNarrative.objects.create(report=report, part=part, text=text, author=actor)
    audit(actor=actor, verb="review.narrative_save", target=report, part=part, draft=draft.pk, length=len(text))
    return draft


@transaction.atomic
def narrative_restore(*, actor: Any, draft: ReviewNarrative) -> ReviewNarrative:
    """Bring an earlier draft back: it is written again as the newest, the drafts in between are kept."""
    report = draft.report
    _may_manage(actor, report.unit)
    restored = ReviewNarrative.objects.create(
        report=report, part=draft.part, text=draft.text, author=actor, restored_from=draft
    )
    audit(actor=actor, verb="review.narrative_restore", target=report, part=draft.part, draft=draft.pk)
    return restored


def review_generate(*, actor: Any, report: ReviewReport) -> ReviewJob:
    """Queue the making of the files; a generation already waiting or running is returned instead of a second."""
    from danvan.documents.tasks import run_review

    with transaction.atomic():
        _may_manage(actor, report.unit)
        pending = (
            ReviewJob.objects.select_for_update()
            .filter(report=report, status__in=(ReviewJob.Status.QUEUED, ReviewJob.Status.RUNNING))
            .first()
        )
        if pending is not None:
            return pending
        job = ReviewJob.objects.create(
            report=report,
            requested_by=actor,
            language=translation.get_language() or settings.LANGUAGE_CODE,
            step=_("Waiting for the background worker"),
        )
        audit(actor=actor, verb="review.generate", target=report, job=job.pk)
        transaction.on_commit(lambda: run_review.enqueue(job_id=job.pk))
    return job


def review_filename(report: ReviewReport, extension: str) -> str:
    """bao-cao-tong-ket-tinh-tuyen-quang-2024.docx: ASCII, so every browser and mail server keeps it."""
    slug = _SLUG.sub("-", fold(f"{report.unit.name} {report.period}"))[:80].strip("-") or str(report.pk)
    return f"bao-cao-tong-ket-{slug}.{extension}"


class _Steps:
    """The job's progress: counts through `core.progress.Progress`, and the step's name beside them."""

    def __init__(self, job: ReviewJob) -> None:
        self.job = job
        self.progress = Progress(job)
        self.done = 0

    def start(self, total: int) -> None:
        self.progress.start(total)

    def __call__(self, name: str) -> None:
        self.done += 1
        self.progress.tick(min(self.done, self.job.total), force=True)
        ReviewJob.objects.filter(pk=self.job.pk).update(step=name[:200])


def review_run(*, job_id: int) -> None:
    """The worker's side: claim the job once, read the figures, write the Word file, then try the PDF."""
    claimed = ReviewJob.objects.filter(pk=job_id, status=ReviewJob.Status.QUEUED).update(
        status=ReviewJob.Status.RUNNING, step=_("Reading the figures")
    )
    if not claimed:
        logger.warning("review job %s is not queued: not run again", job_id)
        return
    job = ReviewJob.objects.select_related("report__unit", "report__period", "requested_by").get(pk=job_id)
    with translation.override(job.language):
        try:
            _generate(job)
        except DomainError as exc:
            _fail(job, exc.message)
        except Exception:
            logger.exception("review job %s stopped on an unexpected error", job_id)
            _fail(job, _("The report could not be generated because of an unexpected error. Try again later."))


def _generate(job: ReviewJob) -> None:
    from danvan.documents.review import build
    from danvan.documents.review.word import step_count, write_review
    from danvan.documents.selectors.review_reports import narrative_latest

    report = job.report
    if job.requested_by is None or not can(job.requested_by, Action.VIEW, report.unit):
        raise NotFound(_("This unit does not exist or is not in your area."))
    contents = build.contents_for(user=job.requested_by, unit=report.unit, period=report.period)
    steps = _Steps(job)
    steps.start(step_count(contents) + 1)  # and the PDF
    names = {
        "header": _("Writing the header"),
        "narratives": _("Writing the narrative parts"),
        "signature": _("Writing the signature"),
    }

    def step(name: str) -> None:
        steps(names.get(name, _("Writing “%(section)s”") % {"section": name}))

    from io import BytesIO

    buffer = BytesIO()
    write_review(
        buffer,
        contents,
        build.header_of(report),
        layout=report.layout,
        narratives={part: draft.text for part, draft in narrative_latest(report=report).items()},
        step=step,
    )
    data = buffer.getvalue()
    job.docx.save(review_filename(report, "docx"), ContentFile(data), save=False)
    ReviewJob.objects.filter(pk=job.pk).update(docx=job.docx.name)
    steps(_("Making the PDF with LibreOffice"))
    try:
        pdf = docx_to_pdf(data)
    except OfficeError as exc:
        job.pdf_error = exc.message
    else:
        job.pdf.save(review_filename(report, "pdf"), ContentFile(pdf), save=False)
    job.status = ReviewJob.Status.SUCCEEDED
    job.step = _("Done")
    job.done = job.total
    job.save(update_fields=["docx", "pdf", "pdf_error", "status", "step", "done", "updated_at"])
    audit(actor=job.requested_by, verb="review.generated", target=report, job=job.pk, pdf=bool(job.pdf))


def _fail(job: ReviewJob, message: str) -> None:
    job.status = ReviewJob.Status.FAILED
    job.error = message
    job.step = ""
    job.save(update_fields=["status", "error", "step", "updated_at"])
    audit(actor=job.requested_by, verb="review.failed", target=job.report, job=job.pk)
