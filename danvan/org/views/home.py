"""The signed-in user's own page: "my work" (Việc của tôi) first, then the scope their memberships give them."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from danvan.org import inbox
from danvan.org.access import is_national
from danvan.org.selectors import membership_list

ITEMS_PER_SECTION = 5


@require_safe
@never_cache
def home(request: HttpRequest) -> HttpResponse:
    """Each kind of work waiting for the user (`org.inbox`) with its count and first items; then their scope.

    A visitor who is not signed in is sent to the public portal, in the language their browser asks
    for among the portal's six (Vietnamese when it asks for none of them).
    """
    if not request.user.is_authenticated:
        with translation.override(translation.get_language_from_request(request)):
            return redirect(reverse("public:home"))
    return _my_work(request)


@login_required
def _my_work(request: HttpRequest) -> HttpResponse:
    user = request.user
    sections = inbox.sections(user, limit=ITEMS_PER_SECTION)
    context = {
        "sections": sections,
        "inbox_total": sum(s.count for s in sections),
        "rows": membership_list(user=user),
        "national": is_national(user),
    }
    return render(request, "core/home.html", context)


@login_required
@require_safe
@never_cache
def inbox_badge(request: HttpRequest) -> HttpResponse:
    """The menu's count of work waiting, loaded after each page and again when an action changes the work."""
    return render(request, "core/_inbox_badge.html", {"inbox_total": inbox.total(request.user)})
