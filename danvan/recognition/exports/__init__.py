"""What leaves the system: certificates as PDF, the awards register as XLSX."""
