"""Every read of the engagement area, one module per area, each starting from `danvan.org.access`."""
