"""Input shapes of the engagement pages, one module per area; `common` holds the fields they share."""
