"""The portal's texts translated per field (django-modeltranslation): title_vi, title_en, ... columns.

Vietnamese is the original; a field not yet translated reads as Vietnamese (the fallback in
settings), and the templates say so. Only the portal's own content is registered: the back
office's records keep one text each.
"""

from modeltranslation.translator import TranslationOptions, register

from danvan.portal.models import Publication, Story, StoryPhoto


@register(Publication)
class PublicationTranslation(TranslationOptions):
    fields = ("title", "summary", "story")


@register(Story)
class StoryTranslation(TranslationOptions):
    fields = ("title", "lead", "body")


@register(StoryPhoto)
class StoryPhotoTranslation(TranslationOptions):
    fields = ("caption", "alt")
