"""Told to whoever keeps something compiled from the map (the roll-ups) that the map changed.

Sent inside the changing transaction; receivers act on commit. geo knows nothing of its receivers.
"""

from django.dispatch import Signal

map_changed = Signal()  # kwargs: reason (str)
