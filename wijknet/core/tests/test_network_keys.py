"""Every table carries `network_id` so that a sharded PostgreSQL (Citus) can distribute by
network later — except the tables listed here, each for a reason given in docs/deploy.md
("Which tables are not keyed by network"). A new table without a network column fails this
test until it is added here and there."""

from wijknet.core.backup import tables

# Installation-wide: people, login and the framework.
IDENTITY = {
    "accounts_user",
    "accounts_user_groups",
    "accounts_user_user_permissions",
    "auth_group",
    "auth_group_permissions",
    "auth_permission",
    "otp_totp_totpdevice",
    "otp_email_emaildevice",  # residents' e-mailed login code (issue 15)
    "django_session",
    "axes_accessattempt",
    "axes_accessattemptexpiration",
    "axes_accessfailurelog",
    "axes_accesslog",
    "notifications_emailpreference",
}
# Content shared by every network (reference tables under Citus).
SHARED_CONTENT = {
    "roadmap_contentversion",
    "roadmap_phase",
    "roadmap_question",
    "roadmap_step",
    "scans_instrument",
    "scans_indicatorgroup",
    "scans_indicator",
    "scans_advice",
    # toolboxitem has a network column (a network's own items) but also rows of every network.
    "toolbox_itemlink",
    # Open figures per CBS area, imported once for every network (docs/wijkprofiel.md).
    "wijkprofiel_area",
    "wijkprofiel_figure",
    "wijkprofiel_areaimport",
}
# Machinery of the installation.
INFRASTRUCTURE = {
    "django_content_type",
    "django_migrations",
    "django_tasks_database_dbtaskresult",
    "core_scheduledrun",
    "core_heartbeat",
}
# Join tables of two network-owned models: keyed through their parents.
JOIN_TABLES = {
    "scans_scanround_instruments",
    "meetings_meeting_invited_partners",
    "casework_consent_organisations",
    "casework_caseconference_participants",
    "residents_consentproposal_organisations",
}
NOT_NETWORK_KEYED = (
    IDENTITY
    | SHARED_CONTENT
    | INFRASTRUCTURE
    | JOIN_TABLES
    | {
        "networks_network"  # the network itself: its id is the distribution key
    }
)


def network_keyed(table) -> bool:
    return "network_id" in table.columns


def test_only_the_listed_tables_lack_a_network_column():
    unkeyed = {table.name for table in tables() if not network_keyed(table)}
    assert unkeyed - NOT_NETWORK_KEYED == set(), "new table without network_id: see docs/deploy.md"
    assert NOT_NETWORK_KEYED - unkeyed == set(), "listed as unkeyed but has network_id now"


def test_most_tables_are_network_keyed():
    keyed = [table.name for table in tables() if network_keyed(table)]
    assert len(keyed) >= 45
    assert "accesslog_accesslogrecord" in keyed
    assert "casework_client" in keyed
