"""Certificates: a decision with 10,000 recipients printed, and a code verified on the public page.

Runs on SQLite in a temporary file (or on `DATABASE_URL` when set), after `migrate`, the map and the
demo accounts. A draft decision of the Quảng Ninh commission with `--recipients` recipients
(default 10,000) is issued, then:

* **print**: `decision_pdf` (every certificate, one page each, read from the database) against the
  same page drawn 10,000 times with bare reportlab in the same run: the same fonts, frames, texts
  and QR code, from rows already in memory (target: at most 1.5×);
* **verify**: `--requests` GETs (default 2,000) of the public page `/verify/<code>/` through the
  whole Django stack, for random codes of the decision, against a minimal view at the same depth
  that reads the certificate by code with one query and answers a few lines of HTML (target: 2×).

    .venv/bin/python bench/certificates.py
    .venv/bin/python bench/certificates.py --recipients 2000 --requests 500
"""

from __future__ import annotations

import argparse
import io
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--recipients", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=2_000)
    parser.add_argument("--only", choices=["print", "verify"], help="run one of the two figures")
    args = parser.parse_args()
    if "DATABASE_URL" not in os.environ:
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='danvan-bench-cert-')}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    os.environ.setdefault("DEBUG", "false")  # as served: production settings, cached templates
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret-bench-only-not-secret")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", interactive=False, verbosity=0)
    from danvan.geo.services import map_load
    from danvan.org import demo as org_demo

    map_load()
    org_demo.load()
    print(f"== {connection.vendor}, {args.recipients} recipients, {args.requests} verifications")
    decision = issue(args.recipients)
    if args.only != "verify":
        bench_print(decision)
    if args.only != "print":
        bench_verify(decision, args.requests)
    return 0


def issue(n: int):
    from datetime import date

    from danvan.geo.models import AdminUnit
    from danvan.org.models import Organization, User
    from danvan.recognition.models import Award
    from danvan.recognition.services.decisions import RecipientSpec, decision_create, decision_issue

    actor = User.objects.get(username="quangninh")
    ward = AdminUnit.objects.get(era_id="2024", code="06823")
    recipients = [
        RecipientSpec(
            unit=ward, name=f"Nguyễn Thị Hồng Nhung {i}", position="Chi hội trưởng Phụ nữ khu 3, phường Nam Khê"
        )
        if i % 2
        else RecipientSpec(unit=ward, name=f"Ban công tác Mặt trận khu dân cư số {i}, phường Nam Khê")
        for i in range(n)
    ]
    start = time.perf_counter()
    d = decision_create(
        actor=actor,
        issuer=Organization.objects.get(name="Ban Dân vận Tỉnh ủy Quảng Ninh"),
        award=Award.objects.get(code="bang-khen-dang-mat-tran"),
        year=2024,
        title="Về việc tặng Bằng khen cho các tập thể, cá nhân có thành tích xuất sắc năm 2024",
        reason="Đã có thành tích xuất sắc trong thực hiện phong trào thi đua “Dân vận khéo” năm 2024",
        signer_name="Nguyễn Thị Hạnh",
        signer_title="Trưởng Ban",
        suffix="BDVTU",
        place="Quảng Ninh",
        recipients=recipients,
        on=date(2024, 12, 20),
    )
    d = decision_issue(actor=actor, decision=d, signed_on=date(2024, 12, 20))
    print(f"draft and issue               {time.perf_counter() - start:8.2f} s")
    return d


def reference_pdf(rows: list[tuple[str, str, str]], header: dict[str, str]) -> bytes:
    """The same page with bare reportlab, from plain strings already in memory."""
    from reportlab.graphics.barcode import qrencoder
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    from danvan.recognition.exports.certificates import PAGE, fonts

    regular, bold, italic = fonts()
    w, h = PAGE
    cx = w / 2
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=PAGE, pageCompression=1, initialFontName=regular)
    for name, position, code in rows:
        c.setStrokeColorRGB(0.72, 0.07, 0.07)
        c.setLineWidth(3)
        c.rect(12 * mm, 12 * mm, w - 24 * mm, h - 24 * mm)
        c.setLineWidth(0.8)
        c.rect(15 * mm, 15 * mm, w - 30 * mm, h - 30 * mm)
        c.setFillColorRGB(0, 0, 0)
        c.setFont(bold, 13)
        c.drawCentredString(cx, h - 30 * mm, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        c.setFont(bold, 12)
        c.drawCentredString(cx, h - 36 * mm, "Độc lập - Tự do - Hạnh phúc")
        c.line(cx - 80, h - 38 * mm, cx + 80, h - 38 * mm)
        c.setFont(bold, 14)
        c.drawCentredString(cx, h - 50 * mm, header["issuer"])
        c.setFont(regular, 13)
        c.drawCentredString(cx, h - 57 * mm, "TẶNG")
        c.setFillColorRGB(0.72, 0.07, 0.07)
        c.setFont(bold, 34)
        c.drawCentredString(cx, h - 74 * mm, header["award"])
        c.setFillColorRGB(0, 0, 0)
        c.setFont(bold, 20)
        c.drawCentredString(cx, h - 90 * mm, name)
        c.setFont(regular, 13)
        c.drawCentredString(cx, h - 99 * mm, position)
        c.setFont(italic, 13)
        c.drawCentredString(cx, h - 108 * mm, header["reason"])
        c.setFont(italic, 12)
        c.drawCentredString(w * 0.72, 80 * mm, header["when"])
        c.setFont(bold, 12)
        c.drawCentredString(w * 0.72, 73 * mm, header["signer_title"])
        c.drawCentredString(w * 0.72, 38 * mm, header["signer"])
        c.setFont(regular, 11)
        c.drawString(30 * mm, 80 * mm, header["number"])
        qr = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
        qr.addData(f"/verify/{code}/")
        qr.make()
        n = qr.getModuleCount()
        cell = 26 * mm / n
        path = c.beginPath()
        for row in range(n):
            for col in range(n):
                if qr.isDark(row, col):
                    path.rect(30 * mm + col * cell, 38 * mm + (n - 1 - row) * cell, cell, cell)
        c.drawPath(path, stroke=0, fill=1)
        c.setFont(bold, 12)
        c.drawString(60 * mm, 48 * mm, f"{code[:5]}-{code[5:]}")
        c.showPage()
    c.save()
    return buf.getvalue()


def bench_print(decision) -> None:
    from danvan.recognition.exports.certificates import decision_pdf, fonts
    from danvan.recognition.selectors.certificates import certificate_list

    certs = certificate_list(decision=decision)
    fonts()  # registered once per process, as in a server
    start = time.perf_counter()
    ours = decision_pdf(decision, certs)
    t_ours = time.perf_counter() - start
    rows = [(c.name, c.position, c.code) for c in certs]  # read before timing: the reference has its rows
    header = {
        "issuer": decision.issuer.name.upper(),
        "award": decision.award.name.upper(),
        "reason": decision.reason[:90],
        "when": "Quảng Ninh, ngày 20 tháng 12 năm 2024",
        "signer_title": decision.signer_title.upper(),
        "signer": decision.signer_name,
        "number": f"Quyết định số {decision.number_text}",
    }
    start = time.perf_counter()
    ref = reference_pdf(rows, header)
    t_ref = time.perf_counter() - start
    n = len(rows)
    print(f"decision_pdf ({n} pages)      {t_ours:8.2f} s   {len(ours) / 1e6:6.1f} MB")
    print(f"bare reportlab ({n} pages)    {t_ref:8.2f} s   {len(ref) / 1e6:6.1f} MB")
    print(f"print ratio                   {t_ours / t_ref:8.2f}×   (target ≤ 1.5×)")


def bench_verify(decision, requests: int) -> None:
    import gc

    from django.db import connection
    from django.http import HttpResponse
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import path

    import danvan.urls

    def minimal(request, code: str) -> HttpResponse:
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM recognition_certificate WHERE code = %s", [code])
            row = cursor.fetchone()
        if row is None:
            return HttpResponse(status=404)
        return HttpResponse(f"<!doctype html><title>{code}</title><p>{row[0]}</p>")

    module = type(sys)("bench_certificate_urls")
    module.urlpatterns = [path("bench-minimal/<str:code>/", minimal), *danvan.urls.urlpatterns]
    sys.modules["bench_certificate_urls"] = module
    codes = list(decision.certificates.values_list("code", flat=True))
    gc.collect()  # nothing of the printing left for the collector to walk, as in a fresh worker
    rng = random.Random(7)
    picks = [rng.choice(codes) for _i in range(requests)]
    with override_settings(ROOT_URLCONF="bench_certificate_urls", ALLOWED_HOSTS=["testserver"]):
        client = Client()
        assert client.get(f"/verify/{picks[0]}/").status_code == 200
        assert client.get(f"/bench-minimal/{picks[0]}/").status_code == 200
        start = time.perf_counter()
        for code in picks:
            client.get(f"/verify/{code}/")
        t_ours = time.perf_counter() - start
        start = time.perf_counter()
        for code in picks:
            client.get(f"/bench-minimal/{code}/")
        t_ref = time.perf_counter() - start
    print(f"/verify/<code>/ × {requests}      {t_ours:8.2f} s   {t_ours / requests * 1000:6.2f} ms each")
    print(f"minimal view × {requests}         {t_ref:8.2f} s   {t_ref / requests * 1000:6.2f} ms each")
    print(f"verify ratio                  {t_ours / t_ref:8.2f}×   (target ≤ 2×)")


if __name__ == "__main__":
    raise SystemExit(main())
