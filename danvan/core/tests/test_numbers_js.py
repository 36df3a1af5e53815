"""core/numbers.js against the shared table: the charts and the grid read and write numbers as Python does.

Runs the static file under Node when Node is installed (skipped otherwise), with the separators
the page's <html> carries for each language.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from danvan.core.numbers import CONVENTIONS
from danvan.core.tests.formats_table import REFUSED, SHOWN, TYPED

SCRIPT = Path(__file__).resolve().parents[1] / "static" / "core" / "numbers.js"
NODE = shutil.which("node")

HARNESS = """
const fs = require("fs");
const [file, group, decimal, jobs] = process.argv.slice(1);
global.window = {};
global.document = { documentElement: { getAttribute: (n) => (n === "data-group" ? group : decimal) } };
eval(fs.readFileSync(file, "utf8"));
const out = JSON.parse(jobs).map(([kind, arg]) => {
  if (kind === "parse") { const n = window.DanVanNumbers.parse(arg); return Number.isNaN(n) ? "NaN" : n; }
  return window.DanVanNumbers.format(Number(arg));
});
process.stdout.write(JSON.stringify(out));
"""


def run(lang, jobs):
    c = CONVENTIONS[lang]
    args = [NODE, "-e", HARNESS, str(SCRIPT), c.group, c.decimal, json.dumps(jobs)]
    done = subprocess.run(args, capture_output=True, text=True, check=True, timeout=30)  # noqa: S603
    return json.loads(done.stdout)


@pytest.mark.skipif(NODE is None, reason="Node is not installed")
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_chart_script_reads_and_writes_the_table_like_the_server(lang):
    typed = [(text, value) for row_lang, text, value in TYPED if row_lang == lang]
    shown = [(value, text) for row_lang, value, text in SHOWN if row_lang == lang]
    got = run(lang, [["parse", t] for t, _v in typed] + [["format", str(v)] for v, _t in shown])
    expected = ["NaN" if v is REFUSED else (None if v is None else float(v)) for _t, v in typed] + [
        t for _v, t in shown
    ]
    assert got == expected
