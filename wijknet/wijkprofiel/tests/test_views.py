"""The wijkprofiel pages: what each shows and what a refusal says."""

import pytest
from django_scopes import scope

from tests.factories import MembershipFactory
from wijknet.actions.models import Goal
from wijknet.roadmap.content import load_roadmap
from wijknet.wijkprofiel import services
from wijknet.wijkprofiel.models import AreaImport, GoalIndicator, NetworkArea, ProfileChoice

from .helpers import CBS, GGD_2020, GGD_2022, load, load_samples

pytestmark = pytest.mark.django_db

INDEX = "/n/gezond-oost/wijkprofiel/"


def link(network, user, code="WK990101"):
    with scope(network=network):
        return services.area_link(acting_user=user, network=network, code=code)


def test_index_shows_the_area_beside_municipality_and_country(client, network, coordinator):
    load_samples()
    link(network, coordinator)
    client.force_login(coordinator)
    html = client.get(INDEX).content.decode()
    assert "Oosterstad-Oost" in html
    assert '<svg class="chart"' in html
    # beweegrichtlijn 2022: wijk 38%, gemeente 43,9%, Nederland 47%
    assert "<td>38%</td><td>2022</td>" in html
    assert "<td>43,9%</td><td>2022</td>" in html
    assert "<td>47%</td><td>2022</td>" in html
    assert "GGD&#x27;en, CBS en RIVM, Gezondheidsmonitor Volwassenen en Ouderen" in html
    assert "voorbeeldcijfers, geen echte cijfers" in html


def test_index_without_area_asks_for_one(client, network, coordinator):
    client.force_login(coordinator)
    html = client.get(INDEX).content.decode()
    assert "Nog geen gebied gekoppeld" in html


def test_chosen_indicators_only(client, network, coordinator):
    load_samples()
    link(network, coordinator)
    with scope(network=network):
        services.indicators_choose(
            acting_user=coordinator,
            network=network,
            indicators=["eenzaam", "beweegrichtlijn"],
            expected_version=0,
        )
    client.force_login(coordinator)
    html = client.get(INDEX).content.decode()
    assert html.index("Eenzaam") < html.index("Voldoet aan de beweegrichtlijn")
    assert "Overgewicht" not in html


def test_link_area_refuses_a_bad_code_in_dutch(client, network, coordinator):
    client.force_login(coordinator)
    response = client.post("/n/gezond-oost/wijkprofiel/gebieden/", {"code": "WK12"})
    assert response.status_code == 200
    assert "&#x27;WK12&#x27; is geen CBS-gebiedscode" in response.content.decode()
    response = client.post("/n/gezond-oost/wijkprofiel/gebieden/", {"code": " wk 990101 "})
    assert response.status_code == 302
    with scope(network=network):
        assert list(NetworkArea.objects.values_list("code", "level")) == [("WK990101", "wijk")]
    response = client.post("/n/gezond-oost/wijkprofiel/gebieden/", {"code": "WK990101"})
    assert "Dit gebied is al aan het netwerk gekoppeld." in response.content.decode()


def test_unlink_area_removes_its_goal_links(client, network, coordinator):
    area = link(network, coordinator)
    with scope(network=network):
        goal = Goal.objects.create(network=network, title="Bewegen")
        services.goal_indicator_link(
            acting_user=coordinator,
            network=network,
            goal=goal,
            indicator="beweegrichtlijn",
            area_code="WK990101",
        )
    client.force_login(coordinator)
    response = client.post(f"/n/gezond-oost/wijkprofiel/gebieden/{area.uuid}/ontkoppelen/")
    assert response.status_code == 302
    with scope(network=network):
        assert not NetworkArea.objects.exists()
        assert not GoalIndicator.objects.exists()


def test_indicator_choice_is_versioned(client, network, coordinator):
    client.force_login(coordinator)
    url = "/n/gezond-oost/wijkprofiel/indicatoren/"
    first = client.post(url, {"indicators": ["eenzaam"], "version": "0"})
    assert first.status_code == 302
    stale = client.post(url, {"indicators": ["overgewicht"], "version": "0"})
    assert stale.status_code == 200
    assert "Iemand anders heeft dit intussen gewijzigd" in stale.content.decode()
    with scope(network=network):
        row = ProfileChoice.objects.get()
    assert (row.indicators, row.version) == (["eenzaam"], 1)


def test_goal_shows_start_and_latest_figure(client, network, coordinator):
    load(CBS, year=2024)
    load(GGD_2020)
    link(network, coordinator)
    with scope(network=network):
        goal = Goal.objects.create(network=network, title="bewegen")
    client.force_login(coordinator)
    response = client.post(
        "/n/gezond-oost/wijkprofiel/doelen/",
        {"goal": goal.pk, "indicator": "beweegrichtlijn", "area_code": "WK990101"},
    )
    assert response.status_code == 302
    with scope(network=network):
        stored = GoalIndicator.objects.get()
    assert (stored.start_value, stored.start_year) == (35.1, 2020)
    load(GGD_2022)
    goals_page = client.get("/n/gezond-oost/doelen/").content.decode()
    assert "bij de start 35,1% (2020)" in goals_page
    assert "laatste import 38% (2022)" in goals_page
    html = client.get(INDEX).content.decode()
    assert (
        "Wij werken aan bewegen: 38% voldoet aan de beweegrichtlijn in Oosterstad-Oost, "
        "landelijk 47%." in html
    )


def test_import_page_reports_skipped_columns_and_problems(client, network, coordinator):
    client.force_login(coordinator)
    content = CBS.read_bytes() + b"99;Fout;X;Wijk;WK1;1;10\n"
    from .helpers import upload

    response = client.post(
        "/n/gezond-oost/wijkprofiel/importeren/",
        {"file": upload(content, "kwb-2024.csv"), "year": "2024"},
    )
    assert response.status_code == 302
    record = AreaImport.objects.get()
    assert (record.rows, record.problem_total, record.filename) == (8, 1, "kwb-2024.csv")
    html = client.get("/n/gezond-oost/wijkprofiel/importeren/").content.decode()
    assert (
        "Overgeslagen kolommen (onbekend): Mannen_6, Vrouwen_7, MeestVoorkomendePostcode_103"
        in html
    )
    assert "&#x27;WK1&#x27; is geen CBS-gebiedscode" in html


def test_import_page_refuses_a_file_without_year(client, network, coordinator):
    client.force_login(coordinator)
    from .helpers import upload

    response = client.post(
        "/n/gezond-oost/wijkprofiel/importeren/", {"file": upload(CBS.read_bytes())}
    )
    assert response.status_code == 200
    assert "geef het jaar van de cijfers op" in response.content.decode()
    assert not AreaImport.objects.exists()


def test_an_administrator_may_import_with_any_role(client, network):
    staff = MembershipFactory(network=network, role="partner", user__is_staff=True).user
    plain = MembershipFactory(network=network, role="partner").user
    client.force_login(plain)
    assert client.get("/n/gezond-oost/wijkprofiel/importeren/").status_code == 403
    client.force_login(staff)
    assert client.get("/n/gezond-oost/wijkprofiel/importeren/").status_code == 200


def test_phase_one_step_links_to_the_profile(client, network, coordinator):
    load_roadmap()
    client.force_login(coordinator)
    html = client.get("/n/gezond-oost/stappenplan/verkennen-bewoners-bevragen/").content.decode()
    assert 'href="/n/gezond-oost/wijkprofiel/"' in html
    other = client.get("/n/gezond-oost/stappenplan/verkennen-klein-beginnen/").content.decode()
    assert 'href="/n/gezond-oost/wijkprofiel/"' not in other.split("<main")[-1]


def test_forms_and_services_follow_the_field_declarations():
    import inspect

    from wijknet.core.declarations import names
    from wijknet.wijkprofiel import fields, forms

    pairs = [
        (forms.AreaLinkForm, services.area_link, fields.AREA_LINK_FIELDS),
        (forms.IndicatorChoiceForm, services.indicators_choose, fields.PROFILE_CHOICE_FIELDS),
        (forms.GoalLinkForm, services.goal_indicator_link, fields.GOAL_LINK_FIELDS),
    ]
    for form, service, declaration in pairs:
        assert set(form.base_fields) - {"version"} == set(names(declaration)), form
        assert set(names(declaration)) <= set(inspect.signature(service).parameters), service
