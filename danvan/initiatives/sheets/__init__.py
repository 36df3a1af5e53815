"""The models registry in Excel and Word: the workbook's columns and template, its import and its
export; the registration form in Word.

`workbook` writes the template and exports, `reader` reads a filled-in file row by row,
`runner` is the background import registered with documents (kind "initiatives"),
`registration_docx` the paper registration form (filled or blank), `views` the download pages.
"""
