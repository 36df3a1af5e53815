"""recognition's pages, one module per area: campaigns and evaluations; decisions, certificates, the register."""
