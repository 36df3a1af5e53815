"""Django's formats for the vi interface: the separators and date patterns of danvan.core."""

from danvan.formats import formats_of

globals().update(formats_of("vi"))
