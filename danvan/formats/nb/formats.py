"""Django's formats for the nb portal pages: the separators and date patterns of danvan.core."""

from danvan.formats import formats_of

globals().update(formats_of("nb"))
