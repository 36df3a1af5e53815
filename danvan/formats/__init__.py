"""Django's format modules (`FORMAT_MODULE_PATH`), built from `danvan.core.numbers` and `danvan.core.dates`
so that `{{ value }}`, `|date`, form widgets and our own formatting print the same thing."""
