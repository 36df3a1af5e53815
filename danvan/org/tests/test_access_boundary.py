"""Nothing but `org/access.py` reads grants: the membership model, role ranks, a scope's grants or paths.

A second copy of the policy is how the review queue drifted from `can()`. This test reads every
module of the project (not tests or migrations) and fails on any use of what only the policy
may use; a module that needs a scope asks one of `org.access`'s named questions instead.
"""

from __future__ import annotations

import ast
from pathlib import Path

import danvan

ROOT = Path(danvan.__file__).parent

# names only the policy reads
FORBIDDEN_NAMES = {"Membership", "ROLE_RANK", "scope_of", "Scope", "Grant", "user_scope", "_danvan_scope"}
# attributes of a scope or a user that hold grants
FORBIDDEN_ATTRIBUTES = {"grants", "memberships", "_danvan_scope", "is_superuser"}  # national: `is_national`
# lookups that walk from a record or a user to memberships (e.g. "memberships__unit__path__startswith")
FORBIDDEN_LOOKUPS = ("memberships__", "membership__")

# the few modules that may name the membership model, each for a reason other than deciding access
ALLOWED = {
    "org/access.py": "the policy itself",
    "org/models/organizations.py": "defines the membership model (the role ranks live in the policy)",
    "org/models/__init__.py": "re-exports org's models",
    "org/services/organizations.py": "membership_grant writes a membership (after asking `can`)",
    "org/admin.py": "the admin edits a user's memberships",
    "org/demo.py": "the demo loader writes the demo personas' memberships",
}


def offences(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Name) and node.id in FORBIDDEN_NAMES:
            found.append(f"line {node.lineno}: {node.id}")
        elif isinstance(node, ast.alias) and node.name.split(".")[-1] in FORBIDDEN_NAMES:
            found.append(f"import of {node.name}")
        elif isinstance(node, ast.Attribute) and node.attr in FORBIDDEN_ATTRIBUTES:
            found.append(f"line {node.lineno}: .{node.attr}")
        elif isinstance(node, ast.Constant) and node.value == "is_superuser":  # getattr(user, "is_superuser")
            found.append(f"line {node.lineno}: 'is_superuser'")
        elif isinstance(node, ast.Constant) and str(node.value).startswith(FORBIDDEN_LOOKUPS):
            found.append(f"line {node.lineno}: lookup {node.value!r}")
        elif isinstance(node, ast.keyword) and node.arg and node.arg.startswith(FORBIDDEN_LOOKUPS):
            found.append(f"line {node.lineno}: lookup {node.arg}=")
    return found


def _modules() -> list[Path]:
    return [
        p
        for p in sorted(ROOT.rglob("*.py"))
        if not {"tests", "tests_browser", "migrations"} & set(p.relative_to(ROOT).parts)
    ]


def test_no_module_but_the_policy_touches_grants():
    bad = {}
    for path in _modules():
        name = path.relative_to(ROOT).as_posix()
        if name in ALLOWED:
            continue
        found = offences(path.read_text(encoding="utf-8"))
        if found:
            bad[name] = found
    assert bad == {}, "ask org.access (is_national, may_anywhere, scope_roots, home_unit, …) instead"


def test_it_walks_every_app():
    names = {p.relative_to(ROOT).parts[0] for p in _modules()}
    assert {"org", "reporting", "engagement", "initiatives", "documents", "api", "geo", "core"} <= names


def test_it_catches_each_kind_of_offence():
    assert offences("from danvan.org.access import ROLE_RANK")
    assert offences("from danvan.org.access import scope_of")
    assert offences("x = Membership.objects.filter(user=u)")
    assert offences("paths = [p for g in scope.grants for p in g.paths]")
    assert offences("u.memberships.all()")
    assert offences("if request.user.is_superuser: pass")
    assert offences('getattr(actor, "is_superuser", False)')
    assert offences('User.objects.filter(memberships__unit__path__startswith="2024/22/")')
    assert offences('Q(**{"memberships__role": "manager"})')
    assert not offences("from danvan.org.access import Action, can, scope_roots\nqs.filter(path__startswith=p)")
