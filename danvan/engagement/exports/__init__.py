"""What leaves the system as XLSX or CSV from the engagement pages."""
