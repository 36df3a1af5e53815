"""Account pages: sign-in with a second factor, password change and reset, profile, sessions,
sign-in security (one-time codes), and a manager's invitations and deactivations.
"""

from __future__ import annotations

import base64
import ipaddress
import time
from typing import Any

import qrcode
import qrcode.image.svg
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from danvan.core.clients import client_address
from danvan.core.errors import DomainError
from danvan.org.access import Action, may_anywhere, requires_second_factor
from danvan.org.forms.accounts import CodeForm, InviteForm, LocalisedPasswordResetForm, ProfileForm
from danvan.org.models import Role
from danvan.org.selectors import session_list, user_managed_get, user_managed_list
from danvan.org.services import accounts as services

PENDING = "danvan_pending_login"  # session key between the password and the one-time code
PENDING_SECONDS = 300


def client_ip(request: HttpRequest) -> str | None:
    """The address django-axes counts and logs: `core.clients.client_address` (behind a proxy too),
    or None for a request without one (a test's forced sign-in); PostgreSQL stores it as inet.
    """
    address = client_address(request)
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return None
    return address


def locked_out(request: HttpRequest, original_response: Any = None, credentials: Any = None) -> HttpResponse:
    """django-axes' answer to a throttled sign-in: the same for every account name, known or not."""
    minutes = settings.DANVAN_LOGIN_COOLOFF_MINUTES
    message = _("Too many sign-in attempts. Try again in %(minutes)d minutes.") % {"minutes": minutes}
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"detail": message, "code": "throttled"}, status=429, headers={"Retry-After": str(minutes * 60)}
        )
    context = {"form": AuthenticationForm(request), "locked_message": message}
    return render(request, "org/login.html", context, status=429)


# --- signing in -----------------------------------------------------------------------------------


class SignInView(auth_views.LoginView):
    """The password; then, for an account with a second factor, the one-time code (`login_code`)."""

    template_name = "org/login.html"

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        user = form.get_user()
        if services.second_factor_devices(user):
            self.request.session[PENDING] = {
                "user": user.pk,
                "backend": getattr(user, "backend", settings.AUTHENTICATION_BACKENDS[-1]),
                "at": time.time(),
                "next": self.get_redirect_url(),
            }
            return redirect("login_code")
        return super().form_valid(form)


def login_code(request: HttpRequest) -> HttpResponseBase:
    """The second step: a code from the app or a recovery code. Wrong codes count towards throttling."""
    pending = request.session.get(PENDING) or {}
    user: Any
    if request.user.is_authenticated:
        user = request.user
    elif pending and time.time() - pending.get("at", 0) < PENDING_SECONDS:
        user = get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
    else:
        user = None
    if user is None:
        request.session.pop(PENDING, None)
        messages.error(request, _("Sign in again: the time for typing the code has run out."))
        return redirect("login")
    if not services.second_factor_devices(user):
        return redirect("two_factor")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        credentials = {"username": user.get_username()}
        if AxesProxyHandler.is_locked(request, credentials):
            return locked_out(request, None, credentials)
        device = services.second_factor_verify(user=user, code=form.cleaned_data["code"])
        if device is None:
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
            form.add_error("code", _("This code is not right. Type the newest code from your app, or a recovery code."))
        else:
            if not request.user.is_authenticated:
                auth_login(request, user, backend=pending.get("backend"))
            otp_login(request, device)
            request.session.pop(PENDING, None)
            target = pending.get("next") or ""
            if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
                target = ""
            return redirect(target or settings.LOGIN_REDIRECT_URL)
    return render(request, "org/accounts/login_code.html", {"form": form})


# --- passwords (Django's views, our templates) -------------------------------------------------------

password_change = auth_views.PasswordChangeView.as_view(template_name="org/accounts/password_change.html")
password_change_done = auth_views.PasswordChangeDoneView.as_view(template_name="org/accounts/password_change_done.html")
password_reset = auth_views.PasswordResetView.as_view(
    template_name="org/accounts/password_reset.html",
    form_class=LocalisedPasswordResetForm,
    email_template_name="org/accounts/email/password_reset.txt",
    subject_template_name="org/accounts/email/password_reset_subject.txt",
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(template_name="org/accounts/password_reset_done.html")
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="org/accounts/password_reset_confirm.html"
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="org/accounts/password_reset_complete.html"
)


# --- profile and sessions -------------------------------------------------------------------------


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    initial = {"full_name": user.full_name, "phone": user.phone, "language": user.language}  # type: ignore[union-attr]
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.profile_update(actor=user, **form.cleaned_data)  # type: ignore[arg-type]
        messages.success(request, _("Your profile is saved."))
        response = redirect("profile")
        if form.cleaned_data["language"]:
            response.set_cookie(settings.LANGUAGE_COOKIE_NAME, form.cleaned_data["language"])
        return response
    context = {
        "form": form,
        "sessions": session_list(user=user),  # type: ignore[arg-type]
        "current_key": request.session.session_key,
        "has_second_factor": bool(services.second_factor_devices(user)),  # type: ignore[arg-type]
        "may_invite": may_anywhere(user, Action.MANAGE),
    }
    return render(request, "org/accounts/profile.html", context)


@login_required
@require_POST
def session_end(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        services.session_end(actor=request.user, session_pk=pk)  # type: ignore[arg-type]
    except DomainError as exc:
        raise Http404(exc.message) from exc
    messages.success(request, _("That session has ended."))
    return redirect("profile")


@login_required
@require_POST
def session_end_others(request: HttpRequest) -> HttpResponse:
    count = services.session_end_others(actor=request.user, keep_session_key=request.session.session_key)  # type: ignore[arg-type]
    messages.success(request, _("Signed out everywhere else (%(count)d sessions).") % {"count": count})
    return redirect("profile")


# --- sign-in security -----------------------------------------------------------------------------


def _qr_svg(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")


@login_required
def two_factor(request: HttpRequest) -> HttpResponse:
    """The account's second factor: its state, and the way to set it up, renew codes or remove it."""
    user = request.user
    context = {
        "enrolled": TOTPDevice.objects.filter(user=user, confirmed=True).exists(),  # type: ignore[misc]
        "required": requires_second_factor(user),
        "verified": user.is_verified(),  # type: ignore[union-attr]
    }
    return render(request, "org/accounts/two_factor.html", context)


ENROL_KEY = "danvan_totp_key"  # session key: the key being set up, until a code confirms it


@login_required
def two_factor_enrol(request: HttpRequest) -> HttpResponse:
    """GET: a new key as a QR code and as text (kept in the session, nothing stored); POST: the first
    code from the app confirms it.
    """
    user = request.user
    key_hex = request.session.get(ENROL_KEY) or ""
    if not key_hex:
        key_hex = request.session[ENROL_KEY] = services.second_factor_new_key()
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = services.second_factor_enrol_confirm(
                actor=user,  # type: ignore[arg-type]
                key=key_hex,
                code=form.cleaned_data["code"],
            )
        except DomainError as exc:
            form.add_error("code", exc.message)
        else:
            request.session.pop(ENROL_KEY, None)
            otp_login(request, device)
            return render(request, "org/accounts/recovery_codes.html", {"codes": codes, "enrolled_now": True})
    device = TOTPDevice(user=user, key=key_hex)  # not saved: only to draw the key
    key = base64.b32encode(device.bin_key).decode()
    context = {"form": form, "key": key, "key_groups": [key[i : i + 4] for i in range(0, len(key), 4)]}
    context["qr"] = _qr_svg(device.config_url)
    return render(request, "org/accounts/two_factor_enrol.html", context)


@login_required
@require_POST
def recovery_codes_renew(request: HttpRequest) -> HttpResponse:
    try:
        codes = services.recovery_codes_renew(actor=request.user)  # type: ignore[arg-type]
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("two_factor")
    return render(request, "org/accounts/recovery_codes.html", {"codes": codes, "enrolled_now": False})


@login_required
@require_POST
def two_factor_remove(request: HttpRequest) -> HttpResponse:
    try:
        services.second_factor_remove(actor=request.user)  # type: ignore[arg-type]
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The second factor is off: you sign in with your password alone."))
    return redirect("two_factor")


# --- a manager's accounts -------------------------------------------------------------------------


def _require_manager(request: HttpRequest) -> None:
    if not may_anywhere(request.user, Action.MANAGE):
        raise Http404


@login_required
def user_list(request: HttpRequest) -> HttpResponse:
    """The accounts whose every role lies where the signed-in manager manages."""
    _require_manager(request)
    users = list(user_managed_list(user=request.user))  # type: ignore[arg-type]
    return render(request, "org/accounts/user_list.html", {"users": users})


@login_required
def user_invite(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.user_invite(
                actor=request.user,  # type: ignore[arg-type]
                email=data["email"],
                full_name=data["full_name"],
                role=Role(data["role"]),
                unit=data["unit"],
                language=data["language"],
                site_url=request.build_absolute_uri("/"),
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                _("An invitation has been sent to %(email)s, with the role in %(unit)s.")
                % {"email": data["email"], "unit": data["unit"]},
            )
            return redirect("user_list")
    status = 400 if form.errors else 200
    return render(request, "org/accounts/user_invite.html", {"form": form}, status=status)


@login_required
@require_POST
def user_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    try:
        user = user_managed_get(user=request.user, pk=pk)  # type: ignore[arg-type]
        services.user_deactivate(actor=request.user, user=user)  # type: ignore[arg-type]
    except DomainError as exc:
        raise Http404(exc.message) from exc
    messages.success(request, _("%(user)s can no longer sign in.") % {"user": user})
    return redirect("user_list")
