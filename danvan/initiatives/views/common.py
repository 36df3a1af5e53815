"""What the models' pages share: constants, the model looked up within the user's scope, a refusal page."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.core.errors import DomainError, NotFound
from danvan.initiatives import selectors
from danvan.initiatives.models import Initiative, Status

PER_PAGE = 50
FILTER_SELECTS = ("field", "status", "kind", "year", "organization_kind", "target_group")  # laid out in a grid
_MAX_ID = 2**63 - 1  # a bigger id names nothing, and the databases refuse to compare with it

# the button that moves a model to each status
TRANSITION_LABELS = {
    Status.REGISTERED: gettext_lazy("Register"),
    Status.RECOGNISED: gettext_lazy("Recognise"),
    Status.RETURNED: gettext_lazy("Return for changes"),
    Status.TYPICAL: gettext_lazy("Name as typical"),
    Status.COMMENDED: gettext_lazy("Commend"),
    Status.DISCONTINUED: gettext_lazy("Discontinue"),
}
TRANSITION_DONE = {
    Status.REGISTERED: gettext_lazy("The model was registered."),
    Status.RECOGNISED: gettext_lazy("The model was recognised."),
    Status.RETURNED: gettext_lazy("The model was returned for changes."),
    Status.TYPICAL: gettext_lazy("The model was named typical."),
    Status.COMMENDED: gettext_lazy("The model was commended."),
    Status.DISCONTINUED: gettext_lazy("The model was discontinued."),
}

# the Excel pages of models (initiatives.sheets) and the import page (documents), by URL name, with fallbacks
_DOCUMENT_LINKS = {
    "export": (("initiatives:sheet_export",), "/models/export.xlsx"),
    "template": (("initiatives:sheet_template",), "/models/template.xlsx"),
    "import": (("documents:initiative_import", "documents:imports"), "/documents/initiatives/import/"),
}


def _document_url(which: str) -> str:
    names, fallback = _DOCUMENT_LINKS[which]
    for name in names:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return fallback


def _model_or_404(request: HttpRequest, pk: int) -> Initiative:
    try:
        if pk > _MAX_ID:
            raise NotFound(_("No such model."))
        return selectors.initiative_get(user=request.user, pk=pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _refused(request: HttpRequest, exc: DomainError, initiative: Initiative | None = None) -> HttpResponse:
    context = {"message": exc.message, "initiative": initiative}
    return render(request, "initiatives/refused.html", context, status=exc.status)
