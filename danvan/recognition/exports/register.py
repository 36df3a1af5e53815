"""The awards register as XLSX: one row per certificate, text made safe and dates day/month/year by core.cells."""

from __future__ import annotations

import io
from collections.abc import Iterable

from django.utils.translation import gettext as _
from openpyxl import Workbook

from danvan.core.cells import xlsx_row
from danvan.recognition.models import Certificate, DecisionStatus

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def register_xlsx(rows: Iterable[Certificate]) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_("Awards register")[:31])
    headers = [
        _("Decision"),
        _("Signed on"),
        _("Issued by"),
        _("Form of commendation"),
        _("Recipient"),
        _("Collective or individual"),
        _("Position or unit line"),
        _("Unit"),
        _("Model"),
        _("Verification code"),
        _("Status"),
    ]
    ws.append(xlsx_row(ws, headers))
    for c in rows:
        d = c.decision
        ws.append(
            xlsx_row(
                ws,
                [
                    d.number_text,
                    d.signed_on,
                    d.issuer.name,
                    d.award.label,
                    c.name,
                    c.get_subject_display(),
                    c.position,
                    c.unit.name,
                    c.initiative.name if c.initiative else "",
                    c.code,
                    _("revoked") if d.status == DecisionStatus.REVOKED else _("issued"),
                ],
            )
        )
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
