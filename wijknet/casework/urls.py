"""Casework URLs. Every view is wrapped in never_cache: client pages must not be stored by the
browser or a proxy (Cache-Control: no-store)."""

from django.urls import include, path
from django.views.decorators.cache import never_cache

from . import views

app_name = "casework"

BASE = "n/<slug:network_slug>/clienten/"
CLIENT = "<uuid:client_uuid>/"


def _v(view_class):
    return never_cache(view_class.as_view())


pages = [
    path("", _v(views.ClientListView), name="list"),
    path("nieuw/", _v(views.ClientCreateView), name="create"),
    path(CLIENT, _v(views.ClientDetailView), name="detail"),
    path(CLIENT + "corrigeren/", _v(views.ClientEditView), name="edit"),
    path(CLIENT + "wissen/", _v(views.EraseView), name="erase"),
    path(CLIENT + "bewaren/", _v(views.RetentionExtendView), name="retention_extend"),
    path(CLIENT + "toestemming/nieuw/", _v(views.ConsentCreateView), name="consent_create"),
    path(
        CLIENT + "toestemming/<uuid:consent_uuid>/vervangen/",
        _v(views.ConsentSupersedeView),
        name="consent_supersede",
    ),
    path(
        CLIENT + "toestemming/<uuid:consent_uuid>/intrekken/",
        _v(views.ConsentWithdrawView),
        name="consent_withdraw",
    ),
    path(CLIENT + "team/toevoegen/", _v(views.TeamAddView), name="team_add"),
    path(
        CLIENT + "team/<uuid:member_uuid>/verwijderen/",
        _v(views.TeamRemoveView),
        name="team_remove",
    ),
    path(
        CLIENT + "team/<uuid:member_uuid>/aanspreekpunt/",
        _v(views.TeamCoordinatingView),
        name="team_coordinating",
    ),
    path(CLIENT + "plan/", _v(views.PlanView), name="plan"),
    path(CLIENT + "plan/bewerken/", _v(views.PlanEditView), name="plan_edit"),
    path(CLIENT + "plan/doel/", _v(views.GoalAddView), name="goal_add"),
    path(CLIENT + "plan/actie/", _v(views.ActionAddView), name="action_add"),
    path(
        CLIENT + "plan/actie/<uuid:plan_action_uuid>/",
        _v(views.ActionEditView),
        name="action_edit",
    ),
    path(CLIENT + "positieve-gezondheid/", _v(views.HealthView), name="health"),
    path(
        CLIENT + "positieve-gezondheid/nieuw/",
        _v(views.MeasurementCreateView),
        name="measurement_create",
    ),
    path(
        CLIENT + "positieve-gezondheid/vragenlijst/",
        _v(views.SelfCheckCreateView),
        name="selfcheck_create",
    ),
    path(CLIENT + "mdo/", _v(views.ConferenceListView), name="mdo_list"),
    path(CLIENT + "mdo/nieuw/", _v(views.ConferenceCreateView), name="mdo_create"),
    path(CLIENT + "mdo/<uuid:mdo_uuid>/", _v(views.ConferenceDetailView), name="mdo_detail"),
    path(CLIENT + "inzage/", _v(views.AccessOverviewView), name="access_overview"),
    path(CLIENT + "export.json", _v(views.ExportJsonView), name="export_json"),
    path(CLIENT + "export/", _v(views.ExportHtmlView), name="export_html"),
    path(CLIENT + "fhir.json", _v(views.FhirExportView), name="fhir"),
]

# Mounted under one prefix: the resolver tries it once instead of every pattern in turn.
urlpatterns = [path(BASE, include(pages))]
