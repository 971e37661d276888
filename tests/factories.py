"""Test data factories (factory_boy). Creating rows needs no scope; reading them does."""

import factory
from django.contrib.auth import get_user_model

from wijknet.networks.models import Membership, Network, Organisation, Partner
from wijknet.networks.roles import Role

PASSWORD = "test-password-123"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Gebruiker {n}")
    password = factory.django.Password(PASSWORD)


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network

    slug = factory.Sequence(lambda n: f"netwerk-{n}")
    name = factory.Sequence(lambda n: f"Netwerk {n}")
    ambition = "Samen gezonder in de wijk"
    area_name = "Oost"
    municipality = "Oosterstad"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    network = factory.SubFactory(NetworkFactory)
    name = factory.Sequence(lambda n: f"Organisatie {n}")
    sector = "welzijn"


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    network = factory.SubFactory(NetworkFactory)
    organisation = factory.SubFactory(
        OrganisationFactory, network=factory.SelfAttribute("..network")
    )
    role = "partner"
    contributions = factory.LazyFunction(lambda: ["kennis"])
    hours_per_month = 4


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    network = factory.SubFactory(NetworkFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.PARTNER
