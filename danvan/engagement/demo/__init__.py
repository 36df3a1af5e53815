"""Demo records for the engagement area (see `danvan.core.demo`)."""
