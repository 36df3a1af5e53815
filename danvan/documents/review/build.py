"""What the generation job hands the Word writer: the contents from the roll-ups, the header, the narratives.

`contents_for` is the one place the job asks `documents.selectors.review.review_contents` for the
figures (imported when called: the figures are read in the worker, never when a page loads), so a
test gives the job contents it built itself by replacing this function.
"""

from __future__ import annotations

from typing import Any

from danvan.documents.models import ReviewReport
from danvan.documents.review.contents import Header, ReviewContents


def contents_for(*, user: Any, unit: Any, period: Any) -> ReviewContents:
    """The report's contents as `user` may see them; raises NotFound when the unit is out of their scope."""
    from danvan.documents.selectors.review import review_contents

    contents: ReviewContents = review_contents(user=user, unit=unit, period=period)
    return contents


def header_of(report: ReviewReport) -> Header:
    return Header(
        issuer=report.issuer,
        superior=report.superior,
        number=report.number,
        place=report.place,
        signed_on=report.signed_on,
        title=report.title,
        signer_title=report.signer_title,
        signer_name=report.signer_name,
        recipients=report.recipient_list,
    )
