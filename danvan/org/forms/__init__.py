"""org's forms, one module per area."""
