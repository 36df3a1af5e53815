"""DanVan's production settings, with the benchmark's URLs (`_portal_urls`) in front."""

from danvan.settings import *  # noqa: F403

ROOT_URLCONF = "_portal_urls"
