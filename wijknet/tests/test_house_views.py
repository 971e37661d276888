"""House rules for view modules, checked on the source with `ast`:

1. No module of one app imports another app's view module (`views.py`, `views_*.py`,
   `*_views.py`): what pages share lives in core (core/mixins.py) or in the app's own
   non-view modules. Only the root URLconf (wijknet/urls.py) imports views.
2. No view module catches ValidationError itself: a service's refusal goes through
   `core.mixins.ServiceFormMixin` / `ServiceActionMixin` / `CsvImportMixin`.

Each rule is also run on a small snippet, so the test is seen to fail when it should.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]  # the wijknet package
ALLOWED_TO_IMPORT_VIEWS = {"wijknet.urls"}
CAUGHT_NAMES = {"ValidationError", "ConcurrentEditError"}


def is_view_module(module: str) -> bool:
    last = module.rsplit(".", 1)[-1]
    return last == "views" or last.startswith("views_") or last.endswith("_views")


def app_of(module: str) -> str | None:
    """`wijknet.scans.views` -> "scans"; a module of the wijknet package itself -> None."""
    parts = module.split(".")
    return parts[1] if len(parts) > 2 and parts[0] == "wijknet" else None


def module_name(path: Path) -> str:
    relative = path.relative_to(ROOT.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(source: str, module: str, *, is_package: bool = False) -> list[str]:
    """Every module an import statement of `source` may bring in (for `from x import y`: x and
    x.y, since y may be a module)."""
    package = module if is_package else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.append(target)
            found += [f"{target}.{alias.name}" for alias in node.names]
    return found


def foreign_view_imports(source: str, module: str, *, is_package: bool = False) -> list[str]:
    if module in ALLOWED_TO_IMPORT_VIEWS:
        return []
    own_app = app_of(module)
    return [
        target
        for target in imported_modules(source, module, is_package=is_package)
        if target.startswith("wijknet.") and is_view_module(target) and app_of(target) != own_app
    ]


def _caught(node) -> list[str]:
    if node is None:
        return []
    if isinstance(node, ast.Tuple):
        return [name for element in node.elts for name in _caught(element)]
    if isinstance(node, ast.Name):
        return [node.id]
    if isinstance(node, ast.Attribute):
        return [node.attr]
    return []


def validation_error_handlers(source: str) -> list[int]:
    """Line numbers of `except ...ValidationError` clauses (also in a tuple, or dotted)."""
    return [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.ExceptHandler)
        and any(name in CAUGHT_NAMES for name in _caught(node.type))
    ]


def product_modules():
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if "tests" in parts or "migrations" in parts:
            continue
        yield path


# The rules on the whole product ------------------------------------------------------------


def test_no_app_imports_another_apps_views():
    problems = []
    for path in product_modules():
        module = module_name(path)
        for target in foreign_view_imports(
            path.read_text(), module, is_package=path.name == "__init__.py"
        ):
            problems.append(f"{path.relative_to(ROOT.parent)} imports {target}")
    assert problems == [], (
        "A view module is for its own app's URLs. Put what pages share in core/mixins.py (or a "
        "non-view module of the app):\n" + "\n".join(problems)
    )


def test_no_view_catches_validation_error_itself():
    problems = []
    for path in product_modules():
        if not is_view_module(module_name(path)):
            continue
        for line in validation_error_handlers(path.read_text()):
            problems.append(f"{path.relative_to(ROOT.parent)}:{line}")
    assert problems == [], (
        "Hand a service call to core.mixins (ServiceFormMixin.perform(form), "
        "ServiceActionMixin.perform(), CsvImportMixin) instead of catching ValidationError:\n"
        + "\n".join(problems)
    )


def test_the_scan_sees_the_apps_and_their_views():
    modules = {module_name(path) for path in product_modules()}
    assert {"wijknet.networks.views", "wijknet.scans.views_exchange", "wijknet.urls"} <= modules
    assert "wijknet.core.mixins" in modules
    assert not any(".tests." in m or m.endswith(".tests") for m in modules)


# The rules can fail -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        "from wijknet.networks.views import apply_validation_error\n",
        "from wijknet.networks import views\n",
        "from wijknet.networks import views as network_views\n",
        "import wijknet.networks.views\n",
        "from wijknet.scans.views_exchange import ImportView\n",
        "from wijknet.accounts.twofactor_views import TwoFactorSetupView\n",
        "def later():\n    from wijknet.core.views import healthz\n",
    ],
)
def test_a_foreign_view_import_is_found(source):
    assert foreign_view_imports(source, "wijknet.offers.views") != []


@pytest.mark.parametrize(
    ("source", "module"),
    [
        ("from .views import get_round\n", "wijknet.scans.views_exchange"),
        ("from . import views\n", "wijknet.scans.urls"),
        ("from wijknet.scans import views\n", "wijknet.scans.urls"),
        ("from wijknet.core.mixins import ServiceFormMixin\n", "wijknet.offers.views"),
        ("from wijknet.networks import services, queries\n", "wijknet.offers.views"),
        ("from wijknet.networks.views import home\n", "wijknet.urls"),
    ],
)
def test_allowed_imports_pass(source, module):
    assert foreign_view_imports(source, module) == []


def test_a_relative_import_of_another_apps_views_is_found():
    source = "from ..networks import views\n"
    assert foreign_view_imports(source, "wijknet.offers.views") == ["wijknet.networks.views"]


SNIPPET = """
from django.core import exceptions

def form_valid(self, form):
    try:
        services.thing_save()
    except ValidationError as error:
        apply_validation_error(form, error)
    try:
        services.other()
    except (KeyError, exceptions.ValidationError):
        pass
    try:
        services.third()
    except ConcurrentEditError:
        pass
    try:
        services.fine()
    except PermissionError:
        pass
"""


def test_a_hand_written_validation_error_handler_is_found():
    assert validation_error_handlers(SNIPPET) == [7, 11, 15]
