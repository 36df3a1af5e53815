"""Certificates (Bằng khen, Giấy khen) as PDF: one page per recipient, A4 landscape, Noto Serif embedded.

The layout follows the printed forms: the national name and motto, the issuer and "tặng", the form
of commendation, the recipient, the reason, then the decision's number and date beside the place,
date and signature block; a QR code and a short code let anyone check it on the public page. The
fonts are registered once per process; reportlab embeds the subset each file uses.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from reportlab.graphics.barcode import qrencoder
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from danvan.core.text import fold
from danvan.recognition.models import AwardDecision, Certificate

FONTS = Path(__file__).resolve().parent.parent / "fonts"
PAGE = landscape(A4)
RED = (0.72, 0.07, 0.07)


@cache
def fonts() -> tuple[str, str, str]:
    for name, file in (
        ("DanVanSerif", "NotoSerif_400Regular.ttf"),
        ("DanVanSerif-Bold", "NotoSerif_700Bold.ttf"),
        ("DanVanSerif-Italic", "NotoSerif_400Regular_Italic.ttf"),
    ):
        pdfmetrics.registerFont(TTFont(name, str(FONTS / file)))
    return "DanVanSerif", "DanVanSerif-Bold", "DanVanSerif-Italic"


def verify_url(code: str) -> str:
    base = getattr(settings, "DANVAN_SITE_URL", "").rstrip("/")
    return f"{base}{reverse('portal:verify', args=[code])}"


def spaced(code: str) -> str:
    return f"{code[:5]}-{code[5:]}"


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    lines: list[str] = []
    for para in text.splitlines() or [""]:
        line = ""
        for word in para.split():
            trial = f"{line} {word}".strip()
            if pdfmetrics.stringWidth(trial, font, size) <= width or not line:
                line = trial
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines


def _date_words(d: object) -> str:
    return f"ngày {d:%d} tháng {d:%m} năm {d:%Y}"  # type: ignore[str-format]


def _qr(c: Canvas, data: str, x: float, y: float, size: float) -> None:
    """The QR code as filled squares on the page itself (no font, unlike reportlab's drawing widget)."""
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(data)
    code.make()
    n = code.getModuleCount()
    cell = size / n
    path = c.beginPath()
    for row in range(n):
        for col in range(n):
            if code.isDark(row, col):
                path.rect(x + col * cell, y + (n - 1 - row) * cell, cell, cell)
    c.drawPath(path, stroke=0, fill=1)


def draw(c: Canvas, decision: AwardDecision, cert: Certificate) -> None:
    """One certificate on the current page; the caller shows the page."""
    regular, bold, italic = fonts()
    w, h = PAGE
    cx = w / 2
    c.setStrokeColorRGB(*RED)
    c.setLineWidth(3)
    c.rect(12 * mm, 12 * mm, w - 24 * mm, h - 24 * mm)
    c.setLineWidth(0.8)
    c.rect(15 * mm, 15 * mm, w - 30 * mm, h - 30 * mm)
    c.setFillColorRGB(0, 0, 0)
    c.setStrokeColorRGB(0, 0, 0)
    y = h - 30 * mm
    c.setFont(bold, 13)
    c.drawCentredString(cx, y, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    y -= 6 * mm
    c.setFont(bold, 12)
    motto = "Độc lập - Tự do - Hạnh phúc"
    c.drawCentredString(cx, y, motto)
    half = pdfmetrics.stringWidth(motto, bold, 12) / 2
    c.line(cx - half, y - 1.8 * mm, cx + half, y - 1.8 * mm)
    y -= 14 * mm
    c.setFont(bold, 14)
    for line in _wrap(decision.issuer.name.upper(), bold, 14, w - 80 * mm):
        c.drawCentredString(cx, y, line)
        y -= 6.5 * mm
    c.setFont(regular, 13)
    c.drawCentredString(cx, y, "TẶNG")
    y -= 17 * mm
    c.setFillColorRGB(*RED)
    c.setFont(bold, 34)
    c.drawCentredString(cx, y, decision.award.name.upper())
    y -= 16 * mm
    c.setFillColorRGB(0, 0, 0)
    c.setFont(bold, 20)
    for line in _wrap(cert.name, bold, 20, w - 70 * mm):
        c.drawCentredString(cx, y, line)
        y -= 9 * mm
    if cert.position:
        c.setFont(regular, 13)
        for line in _wrap(cert.position, regular, 13, w - 80 * mm):
            c.drawCentredString(cx, y, line)
            y -= 6 * mm
    y -= 3 * mm
    c.setFont(italic, 13)
    for line in _wrap(cert.reason or decision.reason, italic, 13, w - 90 * mm)[:4]:
        c.drawCentredString(cx, y, line)
        y -= 6 * mm
    # the signature block, right
    rx, base = w * 0.72, 58 * mm
    c.setFont(italic, 12)
    when = decision.signed_on
    c.drawCentredString(rx, base + 22 * mm, f"{decision.place or decision.issuer.unit.name}, {_date_words(when)}")
    c.setFont(bold, 12)
    c.drawCentredString(rx, base + 15 * mm, decision.signer_title.upper())
    c.drawCentredString(rx, base - 20 * mm, decision.signer_name)
    # the decision and the check, left
    lx = 30 * mm
    c.setFont(regular, 11)
    c.drawString(lx, base + 22 * mm, f"Quyết định số {decision.number_text}")
    c.drawString(lx, base + 16 * mm, _date_words(when))
    _qr(c, verify_url(cert.code), lx, base - 20 * mm, 26 * mm)
    c.setFont(regular, 10)
    c.drawString(lx + 30 * mm, base - 4 * mm, "Mã xác thực")
    c.setFont(bold, 12)
    c.drawString(lx + 30 * mm, base - 10 * mm, spaced(cert.code))


def _canvas(buf: io.BytesIO, title: str) -> Canvas:
    regular = fonts()[0]
    c = Canvas(buf, pagesize=PAGE, pageCompression=1, initialFontName=regular)
    c.setTitle(title)
    c.setAuthor("DanVan")
    return c


def certificate_pdf(decision: AwardDecision, cert: Certificate) -> bytes:
    buf = io.BytesIO()
    c = _canvas(buf, f"{decision.award.name} — {cert.name}")
    draw(c, decision, cert)
    c.showPage()
    c.save()
    return buf.getvalue()


def decision_pdf(decision: AwardDecision, certs: Iterable[Certificate]) -> bytes:
    """Every recipient's certificate, one page each, ready to print."""
    buf = io.BytesIO()
    c = _canvas(buf, f"{decision.award.name} — {decision.number_text}")
    for cert in certs:
        draw(c, decision, cert)
        c.showPage()
    c.save()
    return buf.getvalue()


def _file_part(name: str) -> str:
    return "-".join("".join(ch if ch.isalnum() else " " for ch in fold(name)).split())[:60] or "chung-nhan"


def decision_zip(decision: AwardDecision, certs: Iterable[Certificate]) -> bytes:
    """One PDF per recipient, named by order and name, in one ZIP."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for cert in certs:
            z.writestr(f"{cert.order:05d}-{_file_part(cert.name)}.pdf", certificate_pdf(decision, cert))
    return buf.getvalue()
