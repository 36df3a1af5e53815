"""Django's formats for the es portal pages: the separators and date patterns of danvan.core."""

from danvan.formats import formats_of

globals().update(formats_of("es"))
