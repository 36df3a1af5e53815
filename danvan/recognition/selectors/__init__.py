"""Every read of recognition, one module per area (awards, campaigns, evaluations)."""
