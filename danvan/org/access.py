"""The one place that decides who may see and change what.

A user's memberships each give a role over a subtree of the administrative map (optionally
narrowed to one organisation). A subtree counts in every era: the scope root's equivalents in
the other eras (see `geo.lineage.unit_equivalents`) are part of it, so years recorded under the
old map stay visible to whoever is responsible for that area now. Superusers see the whole map.

Nothing outside this module reads memberships, grant paths or role ranks (a test walks the code
to keep it so). Lists, queues, forms and pages ask one of the named questions below:

- `can`: may the user do an action on one thing placed at a unit (and owned by an organisation)?
- `scope_filter` / `review_filter`: the same question for a whole queryset, with the same answer
  for every row as `can` (the review queue is exactly what `can(REVIEW, …, above=True)` allows);
- `scope_q`: `scope_filter`'s condition itself, to combine several queues in one query;
- `is_national`, `may_anywhere`: may the user do an action on the whole map / somewhere at all?
- `visible_units`, `units_where`, `scope_roots`, `home_unit`: the places a picker offers, the
  highest units of the user's scope on one map, and where a page opens by default;
- `organizations_usable`, `users_who_may`: the organisations a form may offer and the accounts
  that may handle something (a petition's or an issue's handler);
- `memberships_shown`: the user's own roles for their home page.

Forbidden and missing answer alike (404) wherever the user cannot see the thing; see the
README's "Access" section for the one place 403 is kept.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model, Q, QuerySet, prefetch_related_objects

from danvan.geo.models import AdminUnit, Level
from danvan.org.models import Membership, Organization, Role, User

# how much each role may do: a role allows every action of a rank up to its own (the policy's alone)
ROLE_RANK = {Role.VIEWER: 1, Role.REPORTER: 2, Role.REVIEWER: 3, Role.MANAGER: 4}


class Action(enum.Enum):
    VIEW = Role.VIEWER
    REPORT = Role.REPORTER  # create and edit records in the scope
    REVIEW = Role.REVIEWER  # approve, return, recognise
    MANAGE = Role.MANAGER  # configure: villages, typical models, reopen


@dataclass(frozen=True)
class Grant:
    role: Role
    paths: tuple[str, ...]  # the scope root's path and its equivalents' in the other eras
    organization_id: int | None
    unit_id: int

    def allows(self, action: Action) -> bool:
        return ROLE_RANK[self.role] >= ROLE_RANK[action.value]


@dataclass(frozen=True)
class Scope:
    national: bool
    grants: tuple[Grant, ...]
    # the memberships read for the grants, with their units' equivalents: the home page shows them
    memberships: tuple[tuple[Membership, tuple[AdminUnit, ...]], ...] = field(default=(), compare=False)

    def paths(self, action: Action = Action.VIEW, *, era: str | None = None) -> list[str]:
        found = {p for g in self.grants if g.allows(action) for p in g.paths}
        return sorted(p for p in found if era is None or p.startswith(f"{era}/"))


_EMPTY = Scope(national=False, grants=())


def scope_of(user: Any) -> Scope:
    """Computed once per request and kept on the user object. Only for this module and its tests."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return _EMPTY
    cached = getattr(user, "_danvan_scope", None)
    if cached is not None:
        return cached
    from danvan.geo.lineage import unit_equivalents

    if user.is_superuser:
        scope = Scope(national=True, grants=())
    else:
        grants, shown = [], []
        rows = Membership.objects.filter(user=user).select_related("unit__era", "organization").order_by("pk")
        for m in rows:
            others = tuple(unit_equivalents(m.unit))
            grants.append(Grant(Role(m.role), (m.unit.path, *(u.path for u in others)), m.organization_id, m.unit_id))
            shown.append((m, others))
        scope = Scope(national=False, grants=tuple(grants), memberships=tuple(shown))
    user._danvan_scope = scope
    return scope


def forget_scope(user: Any) -> None:
    if hasattr(user, "_danvan_scope"):
        del user._danvan_scope


def _paths_q(field: str, paths: list[str] | tuple[str, ...]) -> Q:
    q = Q(pk__in=[])
    for p in paths:
        q |= Q(**{f"{field}__prefix": p})  # geo.lookups: an index range on both engines
    return q


def _highest(paths: list[str]) -> list[str]:
    """Drop the paths that lie inside another one of the list (a province and its districts: the province)."""
    return [p for p in paths if not any(p != other and p.startswith(other) for other in paths)]


# --- the whole map, or somewhere ------------------------------------------------------------------


def is_national(user: Any) -> bool:
    """Whole-country figures and lists are for national users (superusers) only."""
    return scope_of(user).national


def may_anywhere(user: Any, action: Action) -> bool:
    """May the user do `action` somewhere (on at least one organisation)? Shows a menu entry or a page."""
    scope = scope_of(user)
    return scope.national or any(g.allows(action) for g in scope.grants)


# --- places -----------------------------------------------------------------------------------------


def visible_units(user: Any) -> QuerySet[AdminUnit]:
    """Units in the user's subtrees, plus their ancestors so a place can always be named in full."""
    scope = scope_of(user)
    qs = AdminUnit.objects.all()
    if scope.national:
        return qs
    paths = scope.paths()
    if not paths:
        return qs.none()
    from danvan.geo.lineage import ancestor_paths

    above = {a for p in paths for a in ancestor_paths(p)}
    return qs.filter(_paths_q("path", paths) | Q(path__in=above))


def units_where(user: Any, action: Action, *, with_organization: bool = True) -> QuerySet[AdminUnit]:
    """The units where `user` may do `action` (no ancestors added): e.g. where they may register models.

    With `with_organization` (the default) a grant narrowed to one organisation counts: the unit
    is usable with that organisation. Without it only unnarrowed grants count: the unit's own
    reports, which belong to no organisation.
    """
    scope = scope_of(user)
    if scope.national:
        return AdminUnit.objects.all()
    grants = [g for g in scope.grants if g.allows(action) and (with_organization or g.organization_id is None)]
    paths = sorted({p for g in grants for p in g.paths})
    return AdminUnit.objects.filter(_paths_q("path", paths)) if paths else AdminUnit.objects.none()


def scope_roots(user: Any, action: Action = Action.VIEW, *, era: str | None = None) -> QuerySet[AdminUnit]:
    """The highest units where the user may do `action`, on `era`'s map (or every map), in path order.

    For a national user: the provinces. A picker lists these first; a page for "my area" adds
    their figures up.
    """
    if is_national(user):
        qs = AdminUnit.objects.filter(level=Level.PROVINCE)
        return (qs.filter(era_id=era) if era else qs).select_related("era", "parent").order_by("path")
    paths = _highest(scope_of(user).paths(action, era=era))
    return AdminUnit.objects.filter(path__in=paths).select_related("era", "parent").order_by("path")


def home_unit(user: Any, *, era: str | None = None, action: Action = Action.VIEW) -> AdminUnit | None:
    """Where a page opens for a user without national scope: their first membership's unit (among
    those that allow `action`), or — on another era's map — the highest unit of that membership's
    area there, else of any membership's area there. None for national users and the scopeless.
    """
    scope = scope_of(user)
    grants = [g for g in scope.grants if g.allows(action)]
    if scope.national or not grants:
        return None
    first = grants[0]
    if era is None:
        return AdminUnit.objects.filter(pk=first.unit_id).select_related("era", "parent").first()
    own = [p for p in first.paths if p.startswith(f"{era}/")]
    paths = own or [p for g in grants for p in g.paths if p.startswith(f"{era}/")]
    if not paths:
        return None
    best = min(paths, key=lambda p: (p.count("/"), p))
    return AdminUnit.objects.filter(path=best).select_related("era", "parent").first()


def home_organization(user: Any, unit: AdminUnit) -> Organization | None:
    """The organisation the user's membership at exactly `unit` is narrowed to, if any: a form's default."""
    ids = [g.organization_id for g in scope_of(user).grants if g.unit_id == unit.pk and g.organization_id]
    return Organization.objects.filter(pk=ids[0]).select_related("unit").first() if ids else None


# --- records --------------------------------------------------------------------------------------


def scope_filter(
    qs: QuerySet[Any],
    user: Any,
    *,
    unit_field: str = "unit",
    org_field: str | None,
    action: Action = Action.VIEW,
    above: bool = False,
) -> QuerySet[Any]:
    """Narrow any queryset of records placed on the map to what `user` may do `action` on.

    `org_field` is required: the records' owning organisation, or None for records that belong
    to no organisation (a grant narrowed to one organisation then gives nothing, as in `can`).
    `above=True` keeps only records strictly below a grant's unit (the level above reviews).
    """
    if scope_of(user).national:
        return qs
    return qs.filter(scope_q(user, unit_field=unit_field, org_field=org_field, action=action, above=above))


def review_filter(qs: QuerySet[Any], user: Any, *, unit_field: str = "unit", org_field: str | None) -> QuerySet[Any]:
    """The records the user may approve, return or reopen: below a reviewer's grant, never its own unit.

    The same answer, row by row, as `can(user, Action.REVIEW, unit, organization, above=True)`:
    a reviewer who also reports in a unit below still reviews that unit's reports.
    """
    return scope_filter(qs, user, unit_field=unit_field, org_field=org_field, action=Action.REVIEW, above=True)


def can(user: Any, action: Action, unit: AdminUnit, organization: Model | None = None, *, above: bool = False) -> bool:
    """May `user` do `action` on something placed at `unit` (and owned by `organization`)?

    `above=True` asks for a grant strictly above `unit`: the level above reviews, not the unit itself.
    """
    scope = scope_of(user)
    if scope.national:
        return True
    for g in scope.grants:
        inside = [p for p in g.paths if unit.path.startswith(p) and not (above and p == unit.path)]
        if not g.allows(action) or not inside:
            continue
        if g.organization_id is None or (organization is not None and organization.pk == g.organization_id):
            return True
    return False


def can_see_unit(user: Any, unit: AdminUnit) -> bool:
    return can(user, Action.VIEW, unit)


# --- organisations and people ---------------------------------------------------------------------


def organizations_usable(user: Any, action: Action = Action.VIEW) -> QuerySet[Organization]:
    """Organisations placed where the user may do `action` on them: `can(user, action, org.unit, org)`."""
    return scope_filter(Organization.objects.all(), user, unit_field="unit", org_field="pk", action=action)


def users_who_may(action: Action, unit: AdminUnit, organization: Organization | None = None) -> list[User]:
    """Active accounts that may do `action` at `unit` for `organization`, by full name.

    Only memberships at the unit or above it on its map, or on another map (whose area may cover
    it), can; `can` decides for each account. National users are among them.
    """
    from danvan.geo.lineage import ancestor_paths

    roles = [r for r in Role if ROLE_RANK[r] >= ROLE_RANK[action.value]]
    rows = Membership.objects.filter(role__in=roles).filter(
        Q(unit__path__in=[unit.path, *ancestor_paths(unit.path)]) | ~Q(unit__era_id=unit.era_id)
    )
    if organization is None:
        rows = rows.filter(organization__isnull=True)
    else:
        rows = rows.filter(Q(organization__isnull=True) | Q(organization=organization))
    users = User.objects.filter(Q(pk__in=rows.values("user_id")) | Q(is_superuser=True), is_active=True)
    return [u for u in users.order_by("full_name", "username") if can(u, action, unit, organization)]


def memberships_shown(user: Any) -> list[tuple[Membership, list[AdminUnit]]]:
    """The user's roles, each with the units of the other map versions it also covers (the home page)."""
    scope = scope_of(user)
    if scope.national:  # a superuser's scope reads no memberships: any he has are shown as they are
        found = Membership.objects.filter(user=user).select_related("unit__era", "organization").order_by("pk")
        return [(m, []) for m in found]
    rows = [(m, list(others)) for m, others in scope.memberships]  # read with the scope
    prefetch_related_objects([u for _m, others in rows for u in others], "era")  # their map versions: one query
    return rows


# --- emulation and commendation -------------------------------------------------------------------


def scope_or_above_filter(qs: QuerySet[Any], user: Any, *, unit_field: str = "unit") -> QuerySet[Any]:
    """Records placed inside the user's scope or at a unit above it: a campaign launched above is one to join.

    Any role counts: a viewer of a commune sees the province's campaigns its commune may register for.
    """
    from danvan.geo.lineage import ancestor_paths

    scope = scope_of(user)
    if scope.national:
        return qs
    q = Q(pk__in=[])
    for g in scope.grants:
        q |= _paths_q(f"{unit_field}__path", g.paths)
        above = [a for p in g.paths for a in ancestor_paths(p)]
        if above:
            q |= Q(**{f"{unit_field}__path__in": above})
    return qs.filter(q)


def belongs_to(user: Any, unit: AdminUnit, organization: Model | None = None) -> bool:
    """Is `unit` (on either map) or `organization` the user's own: a membership placed exactly there?

    A council member never scores their own unit or organisation (conflict of interest).
    """
    for g in scope_of(user).grants:
        if organization is not None and g.organization_id == organization.pk:
            return True
        if unit.path in g.paths and (g.organization_id is None or organization is None):
            return True
    return False


# --- conditions to combine ------------------------------------------------------------------------


def scope_q(
    user: Any,
    *,
    unit_field: str = "unit",
    org_field: str | None,
    action: Action = Action.VIEW,
    above: bool = False,
    path_field: str | None = None,
) -> Q:
    """`scope_filter`'s condition itself, to combine in one query (counts of several queues in one pass).

    The same answer, row by row, as `scope_filter` (which applies it) and so as `can`. Never empty:
    for a national user it matches every row, so its negation (`~scope_q(...)`) matches none.
    `path_field` names the row's own copy of its unit's path (`geo.unit_paths`): the same rule read
    from an index on the row's table instead of through a join to every unit of the scope.
    """
    path = path_field or f"{unit_field}__path"
    scope = scope_of(user)
    if scope.national:
        return Q(pk__isnull=False)
    q = Q(pk__in=[])
    for g in scope.grants:
        if not g.allows(action):
            continue
        part = _paths_q(path, g.paths)
        if above:
            part &= ~Q(**{f"{path}__in": list(g.paths)})
        if g.organization_id is not None:
            if org_field is None:
                continue
            part &= Q(**{org_field: g.organization_id})
        q |= part
    return q


# --- accounts -------------------------------------------------------------------------------------


def users_managed(actor: Any) -> QuerySet[User]:
    """The accounts `actor` may deactivate: every role they hold lies where `actor` may manage.

    An account with a role anywhere else (another province, an organisation the actor does not
    manage) is not theirs to switch off; nor is a superuser, an account with no role, or their own.
    """
    if not getattr(actor, "is_authenticated", False):
        return User.objects.none()
    inside = scope_filter(
        Membership.objects.all(), actor, unit_field="unit", org_field="organization", action=Action.MANAGE
    )
    outside = Membership.objects.exclude(pk__in=inside.values("pk")).values("user_id")
    return (
        User.objects.filter(pk__in=inside.values("user_id"), is_superuser=False)
        .exclude(pk__in=outside)
        .exclude(pk=actor.pk)
    )


def may_manage_user(actor: Any, user: User) -> bool:
    """May `actor` deactivate `user` (or end their sessions)? The same answer as `users_managed`."""
    return users_managed(actor).filter(pk=user.pk).exists()


def requires_second_factor(user: Any) -> bool:
    """Must `user` pass a one-time code after the password? Reviewers, managers and superusers must,
    while `DANVAN_REQUIRE_2FA` is on (the default; the demo turns it off).
    """
    from django.conf import settings

    if not getattr(settings, "DANVAN_REQUIRE_2FA", True):
        return False
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(scope_of(user).national or may_anywhere(user, Action.REVIEW))


def second_factor_pending(user: Any) -> bool:
    """Has the signed-in `user`'s session yet to pass a one-time code that the account has or needs?

    True for an account that must have a second factor (`requires_second_factor`), or has enrolled
    one of its own accord, when this session did not pass it (`is_verified`, from django-otp's
    middleware). Places that must never be a way around the code (the admin) refuse such a session.
    """
    if not getattr(user, "is_authenticated", False):
        return False
    verified = getattr(user, "is_verified", None)
    if verified is not None and verified():
        return False
    from django_otp import user_has_device

    return requires_second_factor(user) or user_has_device(user, confirmed=True)


TOKEN_BEFORE_SECOND_FACTOR = "token_before_second_factor"  # noqa: S105 - a refusal code, not a secret
SECOND_FACTOR_MISSING = "second_factor_missing"


def api_token_refusal(user: Any, issued: Any) -> str | None:
    """Why an API token issued at `issued` does not sign `user` in, or None if it does.

    The rule: a token works only if it was issued after the account's one-time codes were set up
    (`User.second_factor_since`: the token path asks for a code once they are, so such a token was
    got with one); and an account that must have codes (`requires_second_factor`) but has none has
    no working token. Costs no query for the user row the token brought along, except the scope's
    (kept for the request) when the requirement is on and the account has no codes.
    """
    since = getattr(user, "second_factor_since", None)
    if since is not None:
        return TOKEN_BEFORE_SECOND_FACTOR if issued < since else None
    if requires_second_factor(user):
        return SECOND_FACTOR_MISSING
    return None


# --- the public portal ----------------------------------------------------------------------------


class PublicViewer:
    """The portal's anonymous reader: sees the whole country's *aggregate* figures, approved values only.

    Passed as the `user` of the roll-up selectors by the public pages. It holds no membership, so
    every record-level question (`can`, `scope_filter`, `visible_units`...) answers "nothing"; only
    `may_read_figures` lets it through, and `approved_figures_only` keeps it to approved values.
    """

    is_authenticated = False
    is_anonymous = True
    is_active = False
    is_superuser = False
    pk = None

    def __str__(self) -> str:
        return "public"


PUBLIC = PublicViewer()


def may_read_figures(user: Any, unit: AdminUnit | None) -> bool:
    """May `user` read the roll-up of `unit`'s area (None: the nation)? National users everywhere,
    others where they may view; the public viewer everywhere, sums only (no records, no names)."""
    if isinstance(user, PublicViewer):
        return True
    if unit is None:
        return is_national(user)
    return can(user, Action.VIEW, unit)


def approved_figures_only(user: Any) -> bool:
    """Does `user` see only approved values (never figures still being keyed in or reviewed)?"""
    return isinstance(user, PublicViewer)


def may_publish(user: Any, unit: AdminUnit) -> bool:
    """May `user` publish a model placed at `unit` on the portal (or unpublish it, or translate it)?
    A manager of its place: the portal speaks for the place's committee."""
    return can(user, Action.MANAGE, unit)
