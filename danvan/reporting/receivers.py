"""When the map changes, history is re-mapped in the background so every roll-up follows the new map."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from danvan.geo.models import Succession
from danvan.geo.signals import map_changed


@receiver(map_changed)
def _map_changed(sender: Any, reason: str = "", **kwargs: Any) -> None:
    from danvan.reporting.services import rollup_rebuild_queue

    rollup_rebuild_queue(reason=reason or "map")


@receiver([post_save, post_delete], sender=Succession)
def _succession_changed(sender: Any, instance: Succession, **kwargs: Any) -> None:
    """A weight or a default edited by hand (the admin): the split values go elsewhere now."""
    from danvan.reporting.services import rollup_rebuild_queue

    rollup_rebuild_queue(reason=f"succession {instance.predecessor_id}→{instance.successor_id}")
