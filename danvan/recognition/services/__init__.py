"""Every write of recognition, one module per area (campaigns, evaluations)."""
