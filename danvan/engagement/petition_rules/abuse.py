"""What keeps the public form usable under abuse: rate limits, a honeypot, size caps, duplicates.

The rate limit counts `SubmissionThrottle` rows (one per stored public petition, keyed by a keyed
hash of the client address, never the address itself), so it holds across server processes. The
limits come from the setting (or environment variable) `DANVAN_PETITION_RATE`, "count/seconds"
pairs separated by commas; the default "5/600,20/86400" allows 5 in 10 minutes and 20 a day.
"""

from __future__ import annotations

import difflib
import hashlib
import hmac
import math
import os
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from danvan.core.errors import DomainError
from danvan.core.text import fold
from danvan.core.uploads import PHOTOS, FileType, upload_check
from danvan.engagement.models.petitions import Petition, PetitionStatus, SubmissionThrottle
from danvan.geo.models import AdminUnit
from danvan.geo.selectors import ancestor_paths

HONEYPOT_FIELD = "website"  # hidden from people; bots fill every field
MAX_FILES = 5
MAX_FILE_BYTES = getattr(settings, "DANVAN_MAX_PETITION_FILE_BYTES", 10 * 1024 * 1024)
MAX_TEXT = 10_000
DUPLICATE_DAYS = 30
DUPLICATE_RATIO = 0.85
_COMPARED_CHARS = 2_000  # difflib is quadratic: the start of a text is enough to tell a copy
_CANDIDATES = 200
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def rate_limits() -> list[tuple[int, int]]:
    raw = getattr(settings, "DANVAN_PETITION_RATE", None) or os.environ.get("DANVAN_PETITION_RATE", "5/600,20/86400")
    try:
        limits = [(int(n), int(s)) for n, s in (part.split("/") for part in raw.split(",") if part.strip())]
    except ValueError as exc:
        raise ImproperlyConfigured(f"DANVAN_PETITION_RATE must look like 5/600,20/86400, not {raw!r}") from exc
    return limits


def client_key(address: str) -> str:
    """A keyed hash: the table never holds an address, and it cannot be reversed without the secret."""
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()


def throttle_check(key: str, now: datetime, *, lock: bool = False) -> None:
    """Refuse when the address is over a limit. Called twice in a submission's transaction: first
    without a lock, so that a flood is turned away before any work; then, with `lock=True`, just
    before the throttle row is written and the transaction commits: PostgreSQL then serialises one
    address's submissions with an advisory lock held only for that short end, so concurrent ones
    cannot all pass the count. SQLite writers are serial anyway."""
    if lock and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [key])
    for count, seconds in rate_limits():
        recent = SubmissionThrottle.objects.filter(key=key, at__gte=now - timedelta(seconds=seconds))
        if recent.count() >= count:
            minutes = max(1, seconds // 60)
            # when the oldest one in the window leaves it, one more fits: the client may try again then
            oldest = recent.order_by("at").values_list("at", flat=True).first() or now
            retry = max(1, math.ceil((oldest + timedelta(seconds=seconds) - now).total_seconds()))
            raise DomainError(
                ngettext(
                    "Too many petitions from your connection: at most %(count)s in %(minutes)s minute. "
                    "Please try again later.",
                    "Too many petitions from your connection: at most %(count)s in %(minutes)s minutes. "
                    "Please try again later.",
                    minutes,
                )
                % {"count": count, "minutes": minutes},
                code="rate_limited",
                status=429,
                headers={"Retry-After": str(retry)},
            )


def throttle_record(key: str) -> None:
    SubmissionThrottle.objects.create(key=key)


def throttle_prune(now: datetime) -> int:
    longest = max((seconds for _n, seconds in rate_limits()), default=86400)
    return SubmissionThrottle.objects.filter(at__lt=now - timedelta(seconds=longest)).delete()[0]


def check_honeypot(value: str) -> None:
    if value:
        raise DomainError(_("Your petition could not be accepted."), code="rejected")


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content_type: str
    ext: str
    data: bytes


def check_file(upload: Any) -> CheckedFile:
    """Size and type, from the bytes (`core.uploads`, as for every upload); a message naming the file otherwise."""
    name = Path(upload.name or "file").name[:200] or "file"
    checked = upload_check(
        upload,
        accept=(*PHOTOS, FileType.PDF),
        max_bytes=MAX_FILE_BYTES,
        named=True,
        wrong_type=_("The file “%(name)s” is not accepted: only photos (JPEG, PNG, WebP) and PDF files are.")
        % {"name": name},
    )
    return CheckedFile(name=name, content_type=checked.content_type, ext=checked.ext, data=upload.read())


def check_files(uploads: list[Any]) -> list[CheckedFile]:
    if len(uploads) > MAX_FILES:
        raise DomainError(
            ngettext("Attach at most %(n)s file.", "Attach at most %(n)s files.", MAX_FILES) % {"n": MAX_FILES},
            code="too_many_files",
        )
    return [check_file(upload) for upload in uploads]


def fold_text(text: str) -> str:
    return _NOT_WORD.sub(" ", fold(text)).strip()


def commune_path(unit: AdminUnit) -> str:
    """The commune (or the unit itself above that level) whose area counts as "the same place"."""
    if unit.level == "village":
        return ancestor_paths(unit.path)[-1]
    return unit.path


def find_duplicate(*, unit: AdminUnit, folded: str, now: datetime) -> Petition | None:
    """The earliest recent petition from the same commune with a near-identical text, if any."""
    candidates = (
        Petition.objects.filter(
            unit__path__prefix=commune_path(unit),
            received_at__gte=now - timedelta(days=DUPLICATE_DAYS),
            duplicate_of__isnull=True,
        )
        .exclude(status=PetitionStatus.REJECTED)
        .order_by("-received_at")
        .values_list("pk", "text_folded")[:_CANDIDATES]
    )
    mine = folded[:_COMPARED_CHARS]
    best = None
    for pk, other in candidates:
        matcher = difflib.SequenceMatcher(None, mine, other[:_COMPARED_CHARS], autojunk=False)
        cheap = matcher.real_quick_ratio() >= DUPLICATE_RATIO and matcher.quick_ratio() >= DUPLICATE_RATIO
        if cheap and matcher.ratio() >= DUPLICATE_RATIO:
            best = pk  # keep going: the oldest match is the original
    return Petition.objects.get(pk=best) if best is not None else None
