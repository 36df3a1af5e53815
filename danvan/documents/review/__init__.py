"""The annual (or any period's) review report: what it says (`contents`), and how it is written out."""
