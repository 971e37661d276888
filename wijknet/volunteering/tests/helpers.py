from django_scopes import scopes_disabled

from wijknet.volunteering.models import HelpRequest, Match, VolunteerProfile


def make_volunteer(network, name="Vrijwilliger", user=None, **fields):
    values = {"kinds": ["boodschappen"], "place": "Zuiderveen", **fields}
    with scopes_disabled():
        return VolunteerProfile.objects.create(network=network, name=name, user=user, **values)


def make_request(network, submitted_by=None, **fields):
    values = {
        "seeker_name": "Mevrouw Jansen",
        "seeker_contact": "0512-111111",
        "kind": "boodschappen",
        "place": "Zuiderveen",
        "description": "Wekelijks boodschappen doen",
        **fields,
    }
    with scopes_disabled():
        return HelpRequest.objects.create(network=network, submitted_by=submitted_by, **values)


def make_match(help_request, volunteer, **fields):
    with scopes_disabled():
        return Match.objects.create(
            network=help_request.network, request=help_request, volunteer=volunteer, **fields
        )
