import tempfile

import pytest
from django.conf import settings as django_settings
from django.test import override_settings
from django.utils import translation
from django_scopes import scope, scopes_disabled

from tests.factories import MembershipFactory, NetworkFactory, PartnerFactory
from wijknet.networks.roles import Role
from wijknet.roadmap.content import load_roadmap


@pytest.fixture(scope="session", autouse=True)
def _zeal_patched():
    """django-zeal (a dev dependency, so not in INSTALLED_APPS) patches the ORM for the tests."""
    from zeal.constants import initialize_app_registry
    from zeal.patch import patch

    initialize_app_registry()
    patch()


@pytest.fixture(autouse=True)
def _no_n_plus_one(settings):
    """Every request made in a test fails on an N+1 query pattern (django-zeal, per request)."""
    settings.MIDDLEWARE = ["zeal.middleware.zeal_middleware", *settings.MIDDLEWARE]


@pytest.fixture(autouse=True)
def _dutch_to_start():
    """Every test starts in Dutch: a request activates its visitor's language for the thread
    (core.middleware) and nothing deactivates it, so an English request would leak into the
    next test's direct calls."""
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fresh_analysis_cache():
    """The decoded stored analyses are kept per process under (network id, computed_at,
    generation); between tests ids repeat (rolled-back sequences) and clocks may be frozen."""
    from wijknet.core.analysis import clear_decoded

    clear_decoded()


TEST_SETTINGS = {
    # Tasks run at once in tests; one test checks the real database backend and worker.
    "TASKS": {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}},
    "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
    "STORAGES": {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        # Reports' PDFs go to a directory of their own per test session, not to var/.
        "reports": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tempfile.mkdtemp(prefix="wijknet-reports-")},
        },
    },
    # Django flushes the test database after every transactional test (TransactionTestCase,
    # `transactional_db`, `live_server`); our `flush` refuses to empty the access log unless this
    # is on AND the database is a test database (wijknet/accesslog/db.py). settings.py keeps it
    # off and does not read it from the environment.
    "ACCESS_LOG_ALLOW_TEST_FLUSH": True,
    # Factories write without audit events; the page cache has its own tests (core/tests).
    "PAGE_CACHE": False,
}


@pytest.fixture(scope="session", autouse=True)
def _test_settings():
    """For the whole session, so module-scoped worlds (tests/shared.py) get them too."""
    with override_settings(**TEST_SETTINGS):
        yield


@pytest.fixture
def roadmap(db):
    load_roadmap()


@pytest.fixture
def network(db):
    return NetworkFactory(slug="gezond-oost", name="Gezond Oost")


@pytest.fixture
def other_network(db):
    """A second network with data of its own: every tenancy test must fail to see it."""
    other = NetworkFactory(slug="elders", name="Elders")
    PartnerFactory(network=other, organisation__name="Geheime Partner BV")
    return other


@pytest.fixture
def members(network):
    """One user per role in `network` (personas, as in Healthchecks' alice/bob/charlie)."""
    return {
        role: MembershipFactory(
            network=network,
            role=role,
            user__email=f"{role}@example.org",
            user__full_name=f"{role.title()} Persoon",
        ).user
        for role in Role.values
    }


@pytest.fixture
def coordinator(members):
    return members[Role.COORDINATOR]


@pytest.fixture
def outsider(other_network):
    """Coordinator of another network, so a fully privileged user who is not ours."""
    return MembershipFactory(
        network=other_network, role=Role.COORDINATOR, user__email="outsider@example.org"
    ).user


@pytest.fixture
def in_scope():
    """Run queries on network-owned models inside a network's scope, like a request does."""

    def enter(network):
        return scope(network=network)

    return enter


@pytest.fixture
def unscoped():
    return scopes_disabled
