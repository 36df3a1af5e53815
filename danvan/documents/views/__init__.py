"""The documents app's pages, one module per area."""
