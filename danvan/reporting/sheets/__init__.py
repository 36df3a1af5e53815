"""Periodic reports in Excel: a template per form, unit and period, and its import in the background.

The template has one row per unit that reports on the form inside the chosen unit and that the
user may report for, prefilled with what those reports already hold. Row 4 holds the headers in
the downloader's language; row 5, hidden, the machine keys (indicator code, or code.category), so
a header reworded in Excel still imports; a hidden sheet names the form, era and period.

The import is all or nothing. Every row is first tried through `services.values_upsert` inside a
savepoint that is always rolled back, so every rule the services apply (numbers, whole numbers,
cross-field rules, locks, scope) is checked by the services themselves and each problem is tied to
its row and column; only when every row passed are all rows written again in one transaction.
Rows of locked reports (submitted or approved) are skipped when their figures are unchanged, and
refused cell by cell when they were changed.

`layout` says what a sheet is for (form, era, period, columns) and where things sit in it;
`template` writes the template; `reader` opens an uploaded file and reads its rows and units;
`runner` checks and saves them in the background (kind "reports", registered with documents).
"""
