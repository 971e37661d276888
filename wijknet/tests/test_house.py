"""House rules that grep could check, written as tests so they hold.

Who-may-do-what lives in `<app>/access.py` (and the role table in `networks/roles.py`): no
function named `can_*`, `is_*` or `may_*` and no comparison against a membership role anywhere
else in the product code, apart from the short allow-list below (each entry with its reason).
"""

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from wijknet.networks.roles import Role

PACKAGE = Path(__file__).resolve().parents[1]  # wijknet/

POLICY_PREFIXES = ("can_", "is_", "may_")
ROLE_VALUES = frozenset(Role.values)

# Not product code: tests and migrations. (The test scaffolding — factories, the
# authorization-matrix world — lives outside the package, in the top-level tests/.)
SKIPPED_PARTS = {"tests", "migrations", "locale", "static", "templates"}
SKIPPED_NAMES = {"conftest.py"}


def _is_policy_module(rel: str) -> bool:
    return rel.endswith("/access.py") or rel == "networks/roles.py"


# (module, function) -> why it is not a permission decision. Keep this list short.
ALLOWED = {
    # State of an object, not a decision about a user.
    ("networks/models.py", "is_active"): "a membership's partner is still active (dates)",
    ("networks/models.py", "is_pending"): "an invitation not yet accepted, revoked or expired",
    ("networks/models.py", "is_expired"): "an invitation past its expiry date",
    ("referrals/models.py", "is_closed"): "a referral in a final status",
    ("casework/models.py", "is_active_on"): "a consent in force on a day",
    ("scans/models.py", "is_open"): "a scan round open for answers on a day",
    ("accesslog/models.py", "is_open"): "an officer appointment awaiting confirmation",
    ("core/content.py", "is_text"): "a content value with a Dutch text (YAML shape)",
    ("actions/queries.py", "is_overdue"): "an action past its due date",
    ("actions/queries.py", "is_empty"): "a report without rows",
    ("agreements/forms.py", "is_empty"): "a formset row left blank",
    ("offers/queries.py", "is_stale"): "an offer not confirmed for a long time",
    ("offers/queries.py", "is_active"): "an offer within its active dates",
    ("scans/stats.py", "is_weak"): "an indicator under the threshold",
    ("volunteering/matching.py", "is_full"): "a volunteer at capacity",
    ("core/analysis.py", "is_ignored"): "an audit action that does not make analyses stale",
    # Plumbing.
    ("core/pagination.py", "is_paginated"): "a list with more than one page (Django's name)",
    ("core/htmx.py", "is_htmx"): "whether a request came from htmx",
    ("accounts/middleware.py", "is_expired"): "a session past its idle timeout",
    ("accesslog/db.py", "is_test_database"): "a safety check on the database name",
    # Role values that are data, not access.
    (
        "networks/services.py",
        "membership_change_role",
    ): "validates a role change (no-op, last coordinator); who may change roles is the view's "
    "manage_members permission",
    (
        "scans/services.py",
        "round_create",
    ): "invites the members of the roles the coordinator picked: picks recipients",
    ("scans/imports.py", "responses_import"): "validates an imported respondent's role value",
    (
        "networkfile/importer.py",
        "creator_of",
    ): "picks the file's member the import acts as (data of the imported history)",
    (
        "networkfile/importer.py",
        "_creator_as_in_file",
    ): "restores the acting member's role from the file (no current coordinator recorded)",
    ("health/snapshot.py", "_load"): "collects the coordinators for the kartrekker signals",
    ("volunteering/queries.py", "coordinators"): "who hears about follow-ups: recipients",
}


def _role_operand(node) -> bool:
    """`x.role`, `Role.X` / `roles.Role.X`, a role value as a literal, or a tuple/list/set of
    those."""
    if isinstance(node, ast.Attribute):
        if node.attr == "role":
            return True
        base = node.value
        base_name = base.id if isinstance(base, ast.Name) else getattr(base, "attr", None)
        if base_name == "Role" and node.attr.isupper():
            return True
    if isinstance(node, ast.Constant) and node.value in ROLE_VALUES:
        return True
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return any(_role_operand(elt) for elt in node.elts)
    return False


def violations(source: str, rel: str) -> list[str]:
    """Permission decisions in one module that do not belong there: `can_/is_/may_` functions
    and comparisons against a role, as "module:line function: what"."""
    if _is_policy_module(rel):
        return []
    tree = ast.parse(source)
    found = []

    def visit(node, function: str):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                name = child.name
                if name.startswith(POLICY_PREFIXES) and (rel, name) not in ALLOWED:
                    found.append(f"{rel}:{child.lineno} {name}: policy function outside access.py")
                visit(child, name)
                continue
            if isinstance(child, ast.Compare) and (rel, function) not in ALLOWED:
                operands = [child.left, *child.comparators]
                if any(_role_operand(o) for o in operands):
                    found.append(
                        f"{rel}:{child.lineno} {function or '<module>'}: role comparison "
                        f"`{ast.unparse(child)}` outside access.py"
                    )
            visit(child, function)

    visit(tree, "")
    return found


def product_modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        parts = set(rel.split("/")[:-1])
        if parts & SKIPPED_PARTS or path.name in SKIPPED_NAMES:
            continue
        yield rel, path


def test_no_permission_decision_outside_the_access_modules():
    found = []
    for rel, path in product_modules():
        found += violations(path.read_text(encoding="utf-8"), rel)
    assert found == [], (
        "Who may do what belongs in <app>/access.py (see docs/architecture.md, 'Access "
        "policies'). Move these there, or add them to ALLOWED with a reason if they decide "
        "nothing about a user:\n" + "\n".join(found)
    )


def test_every_allowed_entry_still_exists():
    """A stale allow-list entry would silently allow a new function of the same name."""
    present = set()
    for rel, path in product_modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                present.add((rel, node.name))
    assert sorted(set(ALLOWED) - present) == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("def can_edit(m):\n    return True\n", ["x/services.py:1 can_edit"]),
        ("def may_go(m):\n    pass\n", ["x/services.py:1 may_go"]),
        ("class A:\n    def is_boss(self):\n        pass\n", ["x/services.py:2 is_boss"]),
        ("def f(m):\n    return m.role == 'coordinator'\n", ["x/services.py:2 f: role"]),
        ("def f(m):\n    return m.role != Role.PARTNER\n", ["x/services.py:2 f: role"]),
        ("def f(m):\n    return x is roles.Role.CORE\n", ["x/services.py:2 f: role"]),
        ("def f(r):\n    return r in ('core', 'viewer')\n", ["x/services.py:2 f: role"]),
        ("def f(m):\n    return m.can('edit_actions')\n", []),
        ("def f(m):\n    return m.status == 'open'\n", []),
        ("def has_x(m):\n    return Role.values\n", []),
    ],
)
def test_the_checker_finds_what_it_should(source, expected):
    found = violations(source, "x/services.py")
    assert len(found) == len(expected), found
    for line, want in zip(found, expected, strict=True):
        assert line.startswith(want), line


def test_the_checker_leaves_access_modules_alone():
    source = "def can_edit(m):\n    return m.role == 'coordinator'\n"
    assert violations(source, "x/access.py") == []
    assert len(violations(source, "x/queries.py")) == 2


# --- docs/roles.md is generated from the code ------------------------------------------------


def test_every_policy_has_a_docstring():
    from wijknet.networks.management.commands.roles_doc import missing_docstrings

    assert missing_docstrings() == []


def test_roles_doc_is_up_to_date():
    from wijknet.networks.management.commands import roles_doc

    assert roles_doc.OUTPUT.read_text(encoding="utf-8") == roles_doc.render(), (
        "docs/roles.md differs from the code: run `manage.py roles_doc`"
    )


def test_roles_doc_follows_the_policies_through_their_calls():
    from wijknet.networks.management.commands.roles_doc import describe_checks
    from wijknet.referrals import access as referrals_access
    from wijknet.volunteering import access as volunteering_access

    # can_see calls is_receiver (make_referrals) and networks.is_coordinator (a role).
    assert describe_checks(referrals_access.can_see) == (
        "`make_referrals` (coordinator, core, partner); role `coordinator`"
    )
    assert describe_checks(volunteering_access.is_requester) == (
        "— (no role: the membership and the object decide)"
    )


# --- no two modules of an app import each other ------------------------------------------------


def _local_imports(source: str, rel: str) -> set[str]:
    """Modules of the same app that this module imports (also inside functions)."""
    app = rel.split("/")[0]
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1 and node.module:
                names.add(f"{app}/{node.module.split('.')[0]}")
            elif node.level == 1:
                names |= {f"{app}/{alias.name}" for alias in node.names}
            elif node.level == 0 and (node.module or "").startswith(f"wijknet.{app}."):
                names.add(f"{app}/{node.module.split('.')[2]}")
            elif node.level == 0 and node.module == f"wijknet.{app}":
                names |= {f"{app}/{alias.name}" for alias in node.names}
    return names


def import_cycles(graph: dict[str, set[str]]) -> list[tuple[str, str]]:
    """Pairs of modules that import each other, directly or through others of the same app."""

    def reaches(start, goal):
        seen, todo = set(), [start]
        while todo:
            node = todo.pop()
            if node == goal:
                return True
            if node not in seen:
                seen.add(node)
                todo += graph.get(node, ())
        return False

    return sorted(
        {tuple(sorted((a, b))) for a in graph for b in graph[a] if b in graph and reaches(b, a)}
    )


# Known pairs, each with its reason.
ALLOWED_CYCLES = {
    ("core/analysis", "core/tasks"): "a task and the code that enqueues it; both import the "
    "other lazily inside a function (Django tasks are looked up by import path)",
    ("reports/services", "reports/tasks"): "the same: report_request enqueues the task, the "
    "task runs report_generate (a write, so in services); both import lazily",
    ("health/monitor", "health/services"): "the monitor stores its signal history and as-of "
    "results through services (writes), which read the monitor; monitor imports lazily",
    ("health/monitor", "health/tasks"): "as for core/analysis: the monitor enqueues the as-of "
    "evaluation, the task runs the monitor; both import lazily",
}


def test_no_import_cycles_inside_an_app():
    graph = {}
    for rel, path in product_modules():
        if "/" not in rel or "/management/" in rel:
            continue
        module = rel.rsplit(".", 1)[0]
        if module.endswith("/__init__"):
            continue
        graph[module] = _local_imports(path.read_text(encoding="utf-8"), rel) - {module}
    assert [c for c in import_cycles(graph) if c not in ALLOWED_CYCLES] == []


def test_the_cycle_finder_finds_a_cycle():
    graph = {"a/queries": {"a/access"}, "a/access": {"a/services"}, "a/services": {"a/queries"}}
    assert import_cycles(graph) == [
        ("a/access", "a/queries"),
        ("a/access", "a/services"),
        ("a/queries", "a/services"),
    ]
    assert import_cycles({"a/services": {"a/queries"}, "a/queries": set()}) == []


def test_every_end_to_end_test_is_a_browser_test():
    """CI runs the browser tests once, on SQLite, and `-m "not browser"` on PostgreSQL; a test
    under e2e/ without the marker started a live server on PostgreSQL (e2e/conftest.py marks
    them all). Collected in a subprocess, as CI collects them."""
    root = PACKAGE.parent
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:xdist"]
        + ["-m", "not browser", "e2e"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    # Without Chromium most modules skip while collecting; the rest must still be deselected.
    assert re.search(r"no tests collected \(\d+ deselected\)", done.stdout), done.stdout[-2000:]
