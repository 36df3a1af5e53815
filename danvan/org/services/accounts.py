"""Writes for accounts: profile, sessions, invitations, deactivation and the second factor.

Each is atomic and audited; mail leaves only after the transaction commits.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sessions.models import Session
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex
from rest_framework.authtoken.models import Token

from danvan.core.audit import audit
from danvan.core.errors import DomainError, NotFound
from danvan.geo.models import AdminUnit
from danvan.org.access import (
    TOKEN_BEFORE_SECOND_FACTOR,
    Action,
    api_token_refusal,
    can,
    may_manage_user,
    requires_second_factor,
)
from danvan.org.models import Organization, Role, User, UserSession
from danvan.org.services.organizations import membership_grant

RECOVERY_CODES = 10


# --- profile --------------------------------------------------------------------------------------


@transaction.atomic
def profile_update(*, actor: User, full_name: str, phone: str, language: str) -> User:
    """The signed-in user's own name, phone and language (the interface after sign-in, and e-mails)."""
    if language and language not in dict(settings.BACKOFFICE_LANGUAGES):
        raise DomainError(_("Choose one of the offered languages."))
    actor.full_name = " ".join(full_name.split())
    actor.phone = phone.strip()
    actor.language = language
    actor.save(update_fields=["full_name", "phone", "language"])
    audit(actor=actor, verb="user.profile", target=actor)
    return actor


# --- sessions -------------------------------------------------------------------------------------


def session_record(*, user: User, session_key: str, user_agent: str, address: str) -> UserSession:
    """Called at sign-in: remember which browser holds the session, so its user can end it.

    The rows of the user's sessions that have ended since (signed out, expired and cleared) go.
    """
    live = Session.objects.filter(expire_date__gt=timezone.now()).values("session_key")
    UserSession.objects.filter(user=user).exclude(session_key__in=live).exclude(session_key=session_key).delete()
    row, _created = UserSession.objects.update_or_create(
        session_key=session_key,
        defaults={"user": user, "user_agent": user_agent[:300], "address": address[:64]},
    )
    return row


@transaction.atomic
def session_end(*, actor: User, session_pk: int) -> None:
    """End one of the actor's own sessions (another user's answers as missing)."""
    row = UserSession.objects.filter(pk=session_pk, user=actor).first()
    if row is None:
        raise NotFound(_("No such session."))
    Session.objects.filter(session_key=row.session_key).delete()
    row.delete()
    audit(actor=actor, verb="user.session_end", target=actor)


@transaction.atomic
def session_end_others(*, actor: User, keep_session_key: str | None) -> int:
    """Sign out everywhere else: every session of the actor but the current one."""
    rows = UserSession.objects.filter(user=actor).exclude(session_key=keep_session_key or "")
    keys = list(rows.values_list("session_key", flat=True))
    Session.objects.filter(session_key__in=keys).delete()
    rows.delete()
    audit(actor=actor, verb="user.session_end_others", target=actor, count=len(keys))
    return len(keys)


def _end_all_sessions(user: User) -> None:
    keys = list(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    Session.objects.filter(session_key__in=keys).delete()
    UserSession.objects.filter(user=user).delete()


# --- invitations and deactivation -----------------------------------------------------------------


def _set_password_link(user: User, site_url: str) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    return site_url.rstrip("/") + path


def _send(user: User, template: str, context: dict[str, Any]) -> None:
    """One plain-text message in the user's language (their profile's, else the site's)."""
    with translation.override(user.language or settings.LANGUAGE_CODE):
        context = {**context, "user": user}
        subject = " ".join(render_to_string(f"org/accounts/email/{template}_subject.txt", context).split())
        body = render_to_string(f"org/accounts/email/{template}.txt", context)
    send_mail(subject, body, None, [user.email])


@transaction.atomic
def user_invite(
    *,
    actor: User,
    email: str,
    full_name: str,
    role: Role,
    unit: AdminUnit,
    organization: Organization | None = None,
    language: str = "",
    site_url: str,
) -> User:
    """Create an account with a role in the actor's scope and e-mail it a link to set its password.

    All or nothing: a unit outside the actor's scope refuses before anything is written. An address
    that already has an account gets the role and a message telling its owner so (no new account,
    no password link); the actor sees exactly the same answer, so inviting tells nobody whether an
    account exists.
    """
    if not can(actor, Action.MANAGE, unit, organization):
        raise DomainError(
            _("You may not invite anyone to %(unit)s: it is outside the area you manage.") % {"unit": unit},
            code="forbidden",
            status=403,
        )
    if organization is not None and organization.unit_id != unit.pk:
        raise DomainError(_("The organisation must belong to the chosen unit."))
    email = email.strip()
    existing = User.objects.filter(email__iexact=email).first() or User.objects.filter(username__iexact=email).first()
    if existing is not None:
        membership_grant(actor=actor, user=existing, role=role, unit=unit, organization=organization)
        audit(actor=actor, verb="user.invite", target=existing, existing=True, unit=unit.path, role=role)
        if existing.is_active and existing.email:
            context = {"inviter": actor, "unit": unit, "role": Role(role).label, "organization": organization}
            context["login_url"] = site_url.rstrip("/") + reverse("login")
            transaction.on_commit(lambda: _send(existing, "invite_existing", context))
        return existing
    user = User(username=email.lower(), email=email, full_name=" ".join(full_name.split()), language=language)
    user.set_unusable_password()
    user.save()
    membership_grant(actor=actor, user=user, role=role, unit=unit, organization=organization)
    audit(actor=actor, verb="user.invite", target=user, existing=False, unit=unit.path, role=role)

    def mail() -> None:
        context = {"inviter": actor, "unit": unit, "role": Role(role).label, "organization": organization}
        context["link"] = _set_password_link(user, site_url)
        _send(user, "invite", context)

    transaction.on_commit(mail)
    return user


@transaction.atomic
def user_deactivate(*, actor: User, user: User) -> User:
    """Switch an account off: it can no longer sign in, its sessions end and its API token is revoked.

    Only an account whose every role lies where the actor manages; any other answers as missing.
    """
    if not may_manage_user(actor, user):
        raise NotFound(_("No such user."))
    user.is_active = False
    user.save(update_fields=["is_active"])
    _end_all_sessions(user)
    Token.objects.filter(user=user).delete()
    audit(actor=actor, verb="user.deactivate", target=user)
    return user


# --- the second factor ----------------------------------------------------------------------------


def second_factor_devices(user: User) -> list[Device]:
    """The user's confirmed devices: the app (TOTP) first, then the recovery codes."""
    return [
        *TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk"),
        *StaticDevice.objects.filter(user=user, confirmed=True).order_by("pk"),
    ]


def second_factor_verify(*, user: User, code: str) -> Device | None:
    """The device that accepts `code` (a recovery code is used up), or None."""
    code = "".join(code.split())
    if not code:
        return None
    with transaction.atomic():
        for device in second_factor_devices(user):
            if device.verify_token(code):
                return device
    return None


@transaction.atomic
def api_token_issue(*, actor: User) -> Token:
    """The actor's API token, once the token path has checked the password (and the code, if any).

    The same token is returned until it is revoked; one issued before the account's one-time codes
    were set up no longer works (access.api_token_refusal), so it is replaced here by a new one.
    """
    old = Token.objects.filter(user=actor).first()
    if old is not None and api_token_refusal(actor, old.created) == TOKEN_BEFORE_SECOND_FACTOR:
        Token.objects.filter(pk=old.pk).delete()
        audit(actor=actor, verb="user.api_token_replace", target=actor)
    token, _created = Token.objects.get_or_create(user=actor)
    return token


def second_factor_new_key() -> str:
    """A fresh authenticator key (hex), kept in the session until a code confirms it: nothing is stored."""
    return str(random_hex(20))


@transaction.atomic
def second_factor_enrol_confirm(*, actor: User, key: str, code: str) -> tuple[TOTPDevice, list[str]]:
    """Confirm a new key with a code from the app: it replaces any earlier app, and the recovery codes
    (returned, shown once) are new. A wrong code stores nothing.
    """
    device = TOTPDevice(user=actor, name=_("Authenticator app"), key=key, confirmed=False)
    device.save()
    if not device.verify_token("".join(code.split())):
        transaction.set_rollback(True)
        raise DomainError(_("This code is not right. Check the time on your phone and type the newest code."))
    TOTPDevice.objects.filter(user=actor).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _new_recovery_codes(actor)
    # API tokens issued before now stop working (access.api_token_refusal): a new one needs a code
    actor.second_factor_since = timezone.now()
    actor.save(update_fields=["second_factor_since"])
    audit(actor=actor, verb="user.second_factor_enrol", target=actor)
    return device, codes


def _new_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name=_("Recovery codes"), confirmed=True)
    codes = [secrets.token_hex(5) for _i in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=static, token=c) for c in codes])
    return codes


@transaction.atomic
def recovery_codes_renew(*, actor: User) -> list[str]:
    """New recovery codes (the old ones stop working); only with an app enrolled."""
    if not TOTPDevice.objects.filter(user=actor, confirmed=True).exists():
        raise DomainError(_("Set up an authenticator app first."))
    codes = _new_recovery_codes(actor)
    audit(actor=actor, verb="user.recovery_codes", target=actor)
    return codes


@transaction.atomic
def second_factor_since_sync(*, actor: Any, user: User) -> None:
    """After an administrator adds, confirms or deletes a device of `user` in the Django admin: the
    account's codes date from its oldest confirmed device (None without one), as enrolment would set
    it, so API tokens got before an administrator's device stop working too."""
    dates = [
        d.created_at or timezone.now()
        for model in (TOTPDevice, StaticDevice)
        for d in model.objects.filter(user=user, confirmed=True).only("created_at")
    ]
    since = min(dates) if dates else None
    if since != user.second_factor_since:
        user.second_factor_since = since
        user.save(update_fields=["second_factor_since"])
        audit(actor=actor, verb="user.second_factor_admin", target=user, since=since.isoformat() if since else None)


@transaction.atomic
def second_factor_remove(*, actor: User) -> None:
    """Turn the second factor off, for an account that does not need it."""
    if requires_second_factor(actor):
        raise DomainError(_("Your role needs a second factor: it cannot be turned off."), code="forbidden", status=403)
    TOTPDevice.objects.filter(user=actor).delete()
    StaticDevice.objects.filter(user=actor).delete()
    actor.second_factor_since = None
    actor.save(update_fields=["second_factor_since"])
    audit(actor=actor, verb="user.second_factor_remove", target=actor)
