"""The recognition queue: registered models waiting for the level above to recognise or return them."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from danvan.initiatives import selectors
from danvan.initiatives.views.common import PER_PAGE
from danvan.org.access import Action, may_anywhere


@login_required
@require_safe
def model_queue(request: HttpRequest) -> HttpResponse:
    """Each model links to its page, where the recognise and return buttons are (the service checks again)."""
    user = request.user
    queue = selectors.recognition_queue(user=user).order_by("updated_at", "pk")
    page = Paginator(queue, PER_PAGE).get_page(request.GET.get("page"))
    context = {"page": page, "may_review": may_anywhere(user, Action.REVIEW)}
    return render(request, "initiatives/queue.html", context)
