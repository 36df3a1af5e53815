"""DanVan: the platform of Vietnam's Skillful Mass Mobilization (Dân vận khéo) movement."""

# Public by construction: signs the demo's and the tests' sessions only (settings refuses it in production).
DEVELOPMENT_SECRET_KEY = "danvan-insecure-development-key-set-SECRET_KEY-in-production"  # noqa: S105
