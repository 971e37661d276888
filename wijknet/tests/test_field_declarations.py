"""One field declaration per entity (`<app>/fields.py`, `core.declarations`): its form, its
service, the files it is imported from and exported to, and the network file's documentation
all name the same fields. Each test names the entity; a field added to the model and the form
but not to the declaration (or documented but not read) fails here.
"""

import inspect
import re
from dataclasses import fields as dataclass_fields
from pathlib import Path

import pytest
import yaml
from django_scopes import scope

from wijknet.accesslog.fields import EXPORT_COLUMNS
from wijknet.accesslog.models import AccessLogRecord
from wijknet.actions import forms as action_forms
from wijknet.actions import services as action_services
from wijknet.actions.fields import ACTION_FIELDS, GOAL_FIELDS, SUCCESS_FIELDS
from wijknet.agreements import forms as agreement_forms
from wijknet.agreements import services as agreement_services
from wijknet.agreements.fields import (
    AGREEMENT_FIELDS,
    ENDORSEMENT_FIELDS,
    FUNDING_FIELDS,
    TERMS_FIELDS,
)
from wijknet.casework import forms as casework_forms
from wijknet.casework import services as casework_services
from wijknet.casework.fields import CLIENT_FIELDS, PLAN_ACTION_FIELDS, PLAN_FIELDS
from wijknet.core.declarations import from_file, keys, names, nested_keys, to_file
from wijknet.meetings import forms as meeting_forms
from wijknet.meetings import services as meeting_services
from wijknet.meetings.fields import DECISION_FIELDS, MEETING_FIELDS, REFLECTION_FIELDS
from wijknet.networkfile import exporter
from wijknet.networkfile.importer import import_network
from wijknet.networkfile.schema import KEYS
from wijknet.networks import forms as network_forms
from wijknet.networks import services as network_services
from wijknet.networks.fields import NETWORK_FIELDS, NETWORK_FIXED, PARTNER_FIELDS
from wijknet.networks.models import Network
from wijknet.offers import forms as offer_forms
from wijknet.offers.fields import OFFER_FIELDS
from wijknet.offers.imports import COLUMNS as OFFER_IMPORT_COLUMNS
from wijknet.roadmap import forms as roadmap_forms
from wijknet.roadmap import services as roadmap_services
from wijknet.roadmap.fields import STEP_PROGRESS_FIELDS
from wijknet.volunteering import forms as volunteering_forms
from wijknet.volunteering import services as volunteering_services
from wijknet.volunteering.exports import help_request_export
from wijknet.volunteering.fields import PROFILE_FIELDS, REQUEST_FIELDS

DOC = Path(__file__).resolve().parents[2] / "docs" / "network-file.md"
SMALL = Path(__file__).resolve().parents[1] / "networkfile" / "tests" / "small.yaml"

# Fields a form has that are not the entity's: the version the editor started from, and
# fields that pick what the form is about.
TECHNICAL = {"version", "based_on", "partner_uuid"}


def _form_fields(form_class) -> list[str]:
    return [name for name in form_class.base_fields if name not in TECHNICAL]


# --- the declarations themselves --------------------------------------------------------------


def test_nested_keys_round_trip_through_a_file():
    values = {name: f"v-{name}" for name in names(PARTNER_FIELDS)}
    item = to_file(values, PARTNER_FIELDS)
    assert item["contact"] == {
        "name": "v-contact_name",
        "email": "v-contact_email",
        "phone": "v-contact_phone",
    }
    assert from_file(item, PARTNER_FIELDS) == values
    assert keys(PARTNER_FIELDS)[3] == "commitment"
    assert nested_keys(PARTNER_FIELDS, "commitment") == ["strategic", "tactical", "operational"]


def test_a_field_the_file_gives_by_position_must_be_resolved():
    item = {key: 1 for key in keys(ACTION_FIELDS)}
    with pytest.raises(TypeError, match="goal"):
        from_file(item, ACTION_FIELDS)
    assert from_file(item, ACTION_FIELDS, goal=None)["goal"] is None


# --- form and service, per entity ------------------------------------------------------------

MODEL_FORMS = [
    ("network", network_forms.NetworkForm, NETWORK_FIELDS, []),
    ("partner", network_forms.PartnerForm, PARTNER_FIELDS, []),
    ("funding", agreement_forms.FundingForm, FUNDING_FIELDS, []),
    ("meeting", meeting_forms.MeetingForm, MEETING_FIELDS, []),
    ("goal", action_forms.GoalForm, GOAL_FIELDS, []),
    ("action", action_forms.ActionForm, ACTION_FIELDS, []),
    ("success", action_forms.SuccessForm, SUCCESS_FIELDS, []),
    ("offer", offer_forms.OfferForm, OFFER_FIELDS, []),
    ("volunteer profile", volunteering_forms.VolunteerProfileForm, PROFILE_FIELDS, []),
    ("client", casework_forms.ClientForm, CLIENT_FIELDS, []),
    ("plan action", casework_forms.ActionForm, PLAN_ACTION_FIELDS, []),
    ("help request", volunteering_forms.HelpRequestForm, REQUEST_FIELDS, ["for_self"]),
]


@pytest.mark.parametrize(
    "form_class, declaration, extra",
    [case[1:] for case in MODEL_FORMS],
    ids=[case[0] for case in MODEL_FORMS],
)
def test_model_form_edits_the_declared_fields(form_class, declaration, extra):
    assert list(form_class._meta.fields) == [*extra, *names(declaration)]


PLAIN_FORMS = [
    ("agreement", agreement_forms.AgreementForm, names(AGREEMENT_FIELDS)),
    # The partner of a terms row is fixed by the row (TermsForm(partner=…)).
    ("terms", agreement_forms.TermsForm, [n for n in names(TERMS_FIELDS) if n != "partner"]),
    ("endorsement", agreement_forms.EndorsementForm, names(ENDORSEMENT_FIELDS)),
    ("reflection", meeting_forms.ReflectionForm, names(REFLECTION_FIELDS)),
    ("step progress", roadmap_forms.StepProgressForm, names(STEP_PROGRESS_FIELDS)),
    ("plan", casework_forms.PlanForm, names(PLAN_FIELDS)),
    # A decision is written down (DecisionForm), later marked communicated (CommunicatedForm).
    (
        "decision",
        type("DecisionForms", (meeting_forms.DecisionForm, meeting_forms.CommunicatedForm), {}),
        [n for n in names(DECISION_FIELDS) if n != "communicated"],
    ),
]


@pytest.mark.parametrize(
    "form_class, expected",
    [case[1:] for case in PLAIN_FORMS],
    ids=[case[0] for case in PLAIN_FORMS],
)
def test_plain_form_has_the_declared_fields(form_class, expected):
    assert sorted(_form_fields(form_class)) == sorted(expected)


def _parameters(function) -> set[str]:
    return set(inspect.signature(function).parameters)


def test_services_take_the_declared_fields():
    editable = [n for n in names(NETWORK_FIELDS) if n not in NETWORK_FIXED]
    assert editable == network_services.NETWORK_FIELDS
    assert set(network_services.PARTNER_FIELDS) == set(names(PARTNER_FIELDS))
    assert set(agreement_services.FUNDING_FIELDS) == set(names(FUNDING_FIELDS))
    assert set(meeting_services.MEETING_FIELDS) | {"invited_partners"} == set(names(MEETING_FIELDS))
    assert _parameters(meeting_services.meeting_create) >= {"invited_partners"}
    assert set(action_services.GOAL_FIELDS) == set(names(GOAL_FIELDS))
    assert set(action_services.ACTION_FIELDS) == set(names(ACTION_FIELDS))
    assert set(action_services.SUCCESS_FIELDS) == set(names(SUCCESS_FIELDS))
    assert set(volunteering_services.PROFILE_FIELDS) == set(names(PROFILE_FIELDS))
    assert set(volunteering_services.REQUEST_FIELDS) == set(names(REQUEST_FIELDS))
    assert set(casework_services.CLIENT_FIELDS) == set(names(CLIENT_FIELDS))
    assert set(casework_services.PLAN_FIELDS) == set(names(PLAN_FIELDS))
    assert set(casework_services.ACTION_FIELDS) == set(names(PLAN_ACTION_FIELDS))
    # Services with the fields as parameters of their own.
    assert _parameters(agreement_services.agreement_new_version) >= set(names(AGREEMENT_FIELDS))
    assert {f.name for f in dataclass_fields(agreement_services.Terms)} == set(names(TERMS_FIELDS))
    assert _parameters(agreement_services.endorsement_add) >= set(names(ENDORSEMENT_FIELDS))
    assert _parameters(meeting_services.reflection_save) >= set(names(REFLECTION_FIELDS))
    assert _parameters(roadmap_services.step_progress_update) >= set(names(STEP_PROGRESS_FIELDS))
    # The history the health monitor reads (network file only, no form yet).
    from wijknet.health import fields as health_fields
    from wijknet.health import services as health_services

    assert names(health_fields.DECLINED_FIELDS) == health_services.DECLINED_FIELDS
    assert names(health_fields.WORKING_GROUP_FIELDS) == health_services.WORKING_GROUP_FIELDS
    assert (
        names(health_fields.WORKING_GROUP_MEMBER_FIELDS)
        == health_services.WORKING_GROUP_MEMBER_FIELDS
    )


# --- import and export -----------------------------------------------------------------------


def test_offer_csv_import_reads_the_declared_columns():
    assert list(OFFER_IMPORT_COLUMNS.items()) == [(column, name) for name, column in OFFER_FIELDS]


def test_access_log_export_columns_are_record_fields():
    for name, _column in EXPORT_COLUMNS:
        assert hasattr(AccessLogRecord, name), name


@pytest.mark.django_db
def test_help_request_export_writes_the_declared_fields(network, coordinator):
    from wijknet.volunteering.tests.helpers import make_request

    with scope(network=network):
        exported = help_request_export(make_request(network, coordinator))["hulpvraag"]
    declared = [key for _name, key in REQUEST_FIELDS if key]
    assert list(exported) == ["id", *declared, "status", "ingediend_op", "gesloten_op"]


def _sections(data: dict) -> dict[str, dict]:
    """One item of every part of a network file, by its KEYS name."""
    version = data["agreement_versions"][-1]
    meeting = next(m for m in data["meetings"] if m.get("decisions") and m.get("reflection"))
    goal = next(g for g in data["goals"] if g.get("actions"))
    action = next(a for g in data["goals"] for a in g.get("actions", []) if a.get("meeting"))
    partner = next(p for p in data["partners"] if p.get("contact"))
    return {
        "network": data["network"],
        "partners": partner,
        "partners.commitment": partner["commitment"],
        "partners.contact": partner["contact"],
        "members": data["members"][0],
        "agreement_versions": version,
        "agreement_versions.terms": version["terms"][0],
        "agreement_versions.endorsements": version["endorsements"][0],
        "funding": data["funding"][0],
        "meetings": meeting,
        "meetings.decisions": meeting["decisions"][0],
        "meetings.reflection": meeting["reflection"],
        "goals": goal,
        "actions": action,
        "actions.meeting": action["meeting"],
        "successes": data["successes"][0],
        "step_progress": data["step_progress"][0],
        "declined_partners": data["declined_partners"][0],
        "working_groups": data["working_groups"][0],
        "working_groups.members": data["working_groups"][0]["members"][-1],
    }


def _documented_format() -> dict:
    text = DOC.read_text(encoding="utf-8")
    block = re.search(r"## The format.*?```yaml\n(.*?)```", text, re.S).group(1)
    return yaml.safe_load(block)


def test_the_documented_network_file_has_exactly_the_declared_keys():
    """docs/network-file.md's example lists every key of every part, and no other."""
    documented = _sections(_documented_format())
    assert set(documented) == set(KEYS)
    for section, item in documented.items():
        assert sorted(item) == sorted(KEYS[section]), section


@pytest.mark.django_db
def test_the_network_file_export_writes_only_declared_keys(roadmap):
    """The export writes no key the import would refuse; every declared key of the
    hand-written example survives the round trip (empty optional ones are left out)."""
    original = yaml.safe_load(SMALL.read_text(encoding="utf-8"))
    assert import_network(original).ok
    exported = exporter.export_network(Network.objects.get(slug=original["network"]["slug"]))
    for section, item in _sections(exported).items():
        assert set(item) <= set(KEYS[section]), section
    for section, item in _sections(original).items():
        assert set(item) <= set(KEYS[section]), section
