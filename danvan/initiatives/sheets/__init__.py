"""The models registry in Excel: the workbook's columns and template, its import and its export.

`workbook` writes the template and exports, `reader` reads a filled-in file row by row,
`runner` is the background import registered with documents (kind "initiatives"), `views` the
download pages.
"""
