"""DanVan: the platform of Vietnam's Skillful Mass Mobilization (Dân vận khéo) movement."""
