"""The review report: a province's annual report written to Word (then to PDF) against bare python-docx.

The contents are synthetic (`danvan.documents.review.synthetic.province_contents`), sized like a
real province's report: 13 districts, `--communes` communes (default 100) in a table of their
own, the headline figures beside last year's, the models by field, Three Together, petitions,
awards, two charts; with the narrative parts. With `--national DATABASE_URL` the
contents are instead read live from the national dataset (`bench/inbox.py --reuse` leaves one):
today's Quảng Ninh's 2024 report as its manager, so "ours" is then gathering and writing, end to end.

* **word**: `write_review` (layout, vi numbers, text cleaning, charts drawn by Pillow)
  against python-docx writing a document with the same number of paragraphs, tables of the same
  sizes with the same cell texts, and the same number of pictures (PNG bytes made beforehand), in
  the same run. Target: at most 3×. Also shown without the charts, since drawing them is most of
  the difference.
* **pdf**: `docx_to_pdf` (LibreOffice headless, its own profile each time) of our file against
  `soffice --convert-to pdf` of the reference file with a fixed profile. Skipped without LibreOffice.

    .venv/bin/python bench/review.py
    .venv/bin/python bench/review.py --repeat 3 --communes 150 --no-pdf
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

NARRATIVES = {
    "summary": "Phong trào tiếp tục được các cấp ủy, chính quyền quan tâm lãnh đạo. " * 8,
    "limits": "\n".join(["Một số nơi còn hình thức, chạy theo số lượng; việc nhân rộng chưa thường xuyên."] * 6),
    "directions": "\n".join(["Tiếp tục đẩy mạnh phong trào thi đua “Dân vận khéo” gắn với nhiệm vụ chính trị."] * 6),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--communes", type=int, default=100)
    parser.add_argument("--no-pdf", action="store_true")
    parser.add_argument(
        "--national",
        metavar="DATABASE_URL",
        help="read the contents live from the national dataset (bench/inbox.py --reuse leaves one at "
        "sqlite:///var/bench/inbox.sqlite3): today's Quảng Ninh's 2024 report as its manager, gathering included",
    )
    args = parser.parse_args()
    if args.national:
        os.environ["DATABASE_URL"] = args.national
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    os.environ.setdefault("DEBUG", "true")
    import django

    django.setup()
    from _timing import fmt, timed
    from docx import Document

    from danvan.documents.review.charts import chart_png
    from danvan.documents.review.synthetic import province_contents, province_header
    from danvan.documents.review.word import review_docx, word_text

    header = province_header()
    header.signed_on = date(2024, 12, 20)

    def contents(charts: bool = True):
        if args.national:
            return national_contents(charts)
        return province_contents(districts=13, communes=args.communes, charts=charts)

    ours = review_docx(contents(), header, layout="party", narratives=NARRATIVES)
    shape = Document(io.BytesIO(ours))
    paragraphs = [p.text for p in shape.paragraphs]
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in shape.tables]
    charts = [chart for s in _walk(contents().sections) for chart in s.charts]
    pictures = [chart_png(c, clean=word_text) for c in charts]
    print(
        f"report: {len(paragraphs)} paragraphs, {len(tables)} tables "
        f"({sum(len(t) for t in tables)} rows), {len(pictures)} pictures, {len(ours) // 1024} KB"
    )

    def reference(with_pictures: bool = True) -> bytes:
        document = Document()
        for text in paragraphs:
            document.add_paragraph(text)
        for rows in tables:
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            for row, texts in zip(table.rows, rows, strict=True):
                for cell, text in zip(row.cells, texts, strict=True):
                    cell.text = text
        if with_pictures:
            for png in pictures:
                document.add_picture(io.BytesIO(png))
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()

    def ours_word(with_charts: bool = True) -> bytes:
        return review_docx(contents(with_charts), header, layout="party", narratives=NARRATIVES)

    rows = []
    for label, mine, theirs in (
        ("word, with charts", lambda: ours_word(True), lambda: reference(True)),
        ("word, without charts", lambda: ours_word(False), lambda: reference(False)),
    ):
        mine(), theirs()  # warm up
        a = [timed(mine) for _ in range(args.repeat)]
        b = [timed(theirs) for _ in range(args.repeat)]
        rows.append((label, a, b))

    if not args.no_pdf:
        from danvan.documents.office import docx_to_pdf, soffice_path

        binary = soffice_path()
        if binary is None:
            print("pdf: skipped, LibreOffice is missing")
        else:
            ref = reference(True)
            work = Path(tempfile.mkdtemp(prefix="danvan-bench-review-"))
            (work / "ref.docx").write_bytes(ref)

            def theirs_pdf() -> None:
                subprocess.run(  # noqa: S603
                    [
                        binary,
                        f"-env:UserInstallation={(work / 'profile').as_uri()}",
                        "--headless",
                        "--convert-to",
                        "pdf",
                        "--outdir",
                        str(work),
                        str(work / "ref.docx"),
                    ],
                    check=True,
                    capture_output=True,
                    timeout=300,
                )

            def mine_pdf() -> None:
                docx_to_pdf(ours_word(True), timeout=300)

            theirs_pdf()
            repeat = max(1, min(args.repeat, 3))
            a = [timed(mine_pdf) for _ in range(repeat)]
            b = [timed(theirs_pdf) for _ in range(repeat)]
            rows.append(("word then pdf", a, b))
            shutil.rmtree(work, ignore_errors=True)

    import statistics

    print(f"{'figure':24} {'ours (median  best)':>22} {'reference':>22}  ratio  target")
    for label, a, b in rows:
        ratio = statistics.median(a) / statistics.median(b)
        target = "≤3×" if label.startswith("word") else ""
        print(f"{label:24} {fmt(a):>22} {fmt(b):>22}  {ratio:4.2f}×  {target}")
    return 0


def national_contents(charts: bool):
    """Today's Quảng Ninh's 2024 report read live, as bench/inbox.py's province manager would."""
    from danvan.documents.selectors.review import review_contents
    from danvan.geo.models import AdminUnit
    from danvan.org.models import User
    from danvan.reporting.periods import period_get

    user = User.objects.get(username="bench-inbox-manager")
    found = review_contents(user=user, unit=AdminUnit.objects.get(path="2025/22/"), period=period_get("2024"))
    if not charts:
        for section in _walk(found.sections):
            section.charts = []
    return found


def _walk(sections):
    for section in sections:
        yield section
        yield from _walk(section.subsections)


if __name__ == "__main__":
    sys.exit(main())
