from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_scopes import scope

from tests.factories import PartnerFactory
from wijknet.agreements import services
from wijknet.agreements.models import Agreement, Endorsement, FundingSource, PartnerTerms
from wijknet.core.locking import ConcurrentEditError
from wijknet.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def partners(network):
    return [
        PartnerFactory(network=network, organisation__name="Gemeente Oosterstad"),
        PartnerFactory(network=network, organisation__name="Huisartsenpraktijk Oost"),
    ]


def new_version(network, user, terms, **kwargs):
    with scope(network=network):
        return services.agreement_new_version(
            acting_user=user,
            network=network,
            purpose=kwargs.pop("purpose", "Samen gezonder"),
            out_of_scope=kwargs.pop("out_of_scope", "Individuele zorg"),
            terms=terms,
            **kwargs,
        )


class TestAgreementVersions:
    def test_each_save_makes_a_new_version_and_keeps_the_old_one(
        self, network, coordinator, partners
    ):
        gemeente, huisarts = partners
        v1 = new_version(
            network,
            coordinator,
            [(gemeente, "Financier", "Subsidie verlenen", 4, Decimal("5000"))],
            notes="Eerste opzet",
        )
        v2 = new_version(
            network,
            coordinator,
            [
                (gemeente, "Financier en regie", "Subsidie", 8, Decimal("6000")),
                services.Terms(huisarts, "Verwijzer", "Doorverwijzen", 2),
            ],
            purpose="Gezondste wijk",
        )
        assert (v1.version, v2.version) == (1, 2)
        with scope(network=network):
            old = PartnerTerms.objects.get(agreement=v1)
            assert (old.roles, old.hours_per_month, old.money) == (
                "Financier",
                4,
                Decimal("5000"),
            )
            assert PartnerTerms.objects.filter(agreement=v2).count() == 2
            assert Agreement.objects.get(pk=v1.pk).purpose == "Samen gezonder"
            assert AuditEvent.objects.filter(action="agreement.version_created").count() == 2

    def test_an_unchanged_copy_is_refused(self, network, coordinator, partners):
        terms = [(partners[0], "Financier", "Geld", 4, Decimal("5000"))]
        new_version(network, coordinator, terms)
        same = [(partners[0], " Financier ", "Geld", 4, Decimal("5000.00"))]
        with pytest.raises(ValidationError, match="gelijk aan versie 1"):
            new_version(network, coordinator, same, notes="alleen een notitie")
        with scope(network=network):
            assert Agreement.objects.filter(network=network).count() == 1
        assert new_version(network, coordinator, same, purpose="Nieuw doel").version == 2

    def test_nothing_is_copied_implicitly(self, network, coordinator, partners):
        new_version(network, coordinator, [(partners[0], "Financier", "Geld", 1, 0)])
        v2 = new_version(network, coordinator, [])
        with scope(network=network):
            assert not PartnerTerms.objects.filter(agreement=v2).exists()

    def test_version_numbers_are_per_network(self, network, other_network, coordinator):
        new_version(network, coordinator, [])
        assert new_version(other_network, coordinator, []).version == 1

    def test_a_version_saved_meanwhile_is_not_silently_replaced(self, network, coordinator):
        new_version(network, coordinator, [], expected_version=0)
        with pytest.raises(ConcurrentEditError):
            new_version(network, coordinator, [], expected_version=0)
        assert (
            new_version(network, coordinator, [], expected_version=1, purpose="Anders").version == 2
        )

    def test_partner_of_another_network_or_ended_is_refused(
        self, network, other_network, coordinator, partners
    ):
        foreign = PartnerFactory(network=other_network)
        with pytest.raises(ValidationError, match="hoort niet bij dit netwerk"):
            new_version(network, coordinator, [(foreign, "x", "y", 1, 0)])
        partners[1].left_on = date(2026, 1, 1)
        partners[1].save()
        with pytest.raises(ValidationError, match="geen actieve partner meer"):
            new_version(network, coordinator, [(partners[1], "x", "y", 1, 0)])
        with scope(network=network):
            assert not Agreement.objects.exists()

    def test_duplicate_partner_and_negative_values_are_refused(
        self, network, coordinator, partners
    ):
        with pytest.raises(ValidationError, match="twee keer"):
            new_version(network, coordinator, [(partners[0], "", "", 1, 0)] * 2)
        with pytest.raises(ValidationError, match="niet negatief"):
            new_version(network, coordinator, [(partners[0], "", "", -1, 0)])


class TestEndorsements:
    def test_endorse_current_version(self, network, coordinator, partners):
        agreement = new_version(network, coordinator, [])
        with scope(network=network):
            endorsement = services.endorsement_add(
                acting_user=coordinator,
                agreement=agreement,
                partner=partners[0],
                level="strategic",
                name="  Wethouder Jansen ",
                endorsed_on=date(2026, 3, 1),
            )
            assert endorsement.name == "Wethouder Jansen"
            assert Endorsement.objects.filter(agreement=agreement).count() == 1
            assert AuditEvent.objects.filter(action="agreement.endorsed").exists()

    def test_old_version_cannot_be_endorsed(self, network, coordinator, partners):
        v1 = new_version(network, coordinator, [])
        new_version(network, coordinator, [], purpose="Herzien doel")
        with scope(network=network), pytest.raises(ValidationError, match="huidige versie"):
            services.endorsement_add(
                acting_user=coordinator,
                agreement=v1,
                partner=partners[0],
                level="tactical",
                name="Manager",
                endorsed_on=date(2026, 3, 1),
            )

    @pytest.mark.parametrize(
        ("level", "name", "days", "message"),
        [
            ("boss", "A", 0, "Onbekend niveau"),
            ("operational", "  ", 0, "Vul de naam in"),
            ("operational", "A", 1, "in de toekomst"),
        ],
    )
    def test_invalid_endorsement(self, network, coordinator, partners, level, name, days, message):
        agreement = new_version(network, coordinator, [])
        with scope(network=network), pytest.raises(ValidationError, match=message):
            services.endorsement_add(
                acting_user=coordinator,
                agreement=agreement,
                partner=partners[0],
                level=level,
                name=name,
                endorsed_on=timezone.localdate() + timedelta(days=days),
            )

    def test_partner_of_another_network_cannot_endorse(self, network, other_network, coordinator):
        agreement = new_version(network, coordinator, [])
        foreign = PartnerFactory(network=other_network)
        with scope(network=network), pytest.raises(ValidationError, match="niet bij dit"):
            services.endorsement_add(
                acting_user=coordinator,
                agreement=agreement,
                partner=foreign,
                level="strategic",
                name="X",
                endorsed_on=date(2026, 1, 1),
            )


FUNDING = {
    "name": "Sportakkoord",
    "kind": "subsidie",
    "amount": Decimal("12000"),
    "structural": False,
    "starts_on": date(2026, 1, 1),
    "ends_on": date(2026, 12, 31),
    "notes": "",
}


class TestFunding:
    def test_create_update_delete_are_audited(self, network, coordinator):
        with scope(network=network):
            source = services.funding_create(acting_user=coordinator, network=network, **FUNDING)
            services.funding_update(
                acting_user=coordinator,
                source=source,
                expected_version=1,
                structural=True,
                ends_on=None,
            )
            source.refresh_from_db()
            assert source.structural and source.ends_on is None
            services.funding_delete(acting_user=coordinator, source=source)
            assert not FundingSource.objects.exists()
            actions = list(
                AuditEvent.objects.filter(network=network)
                .order_by("pk")
                .values_list("action", flat=True)
            )
        assert actions[-3:] == ["funding.created", "funding.updated", "funding.deleted"]

    def test_end_before_start_is_refused_in_dutch(self, network, coordinator):
        with scope(network=network), pytest.raises(ValidationError) as info:
            services.funding_create(
                acting_user=coordinator,
                network=network,
                **{**FUNDING, "ends_on": date(2025, 12, 31)},
            )
        assert info.value.message_dict == {"ends_on": ["De einddatum ligt vóór de startdatum."]}

    def test_temporary_without_end_date_is_refused(self, network, coordinator):
        with scope(network=network), pytest.raises(ValidationError) as info:
            services.funding_create(
                acting_user=coordinator, network=network, **{**FUNDING, "ends_on": None}
            )
        assert "einddatum" in info.value.message_dict["ends_on"][0]

    def test_structural_needs_no_end_date(self, network, coordinator):
        with scope(network=network):
            source = services.funding_create(
                acting_user=coordinator,
                network=network,
                **{**FUNDING, "structural": True, "ends_on": None, "kind": "gemeente"},
            )
        assert source.pk

    def test_update_is_validated_too_and_changes_nothing(self, network, coordinator):
        with scope(network=network):
            source = services.funding_create(acting_user=coordinator, network=network, **FUNDING)
            with pytest.raises(ValidationError):
                services.funding_update(
                    acting_user=coordinator, source=source, expected_version=1, amount=Decimal("-1")
                )
            source.refresh_from_db()
        assert source.amount == Decimal("12000")

    def test_unknown_field_is_a_programming_error(self, network, coordinator):
        with scope(network=network), pytest.raises(TypeError):
            services.funding_create(acting_user=coordinator, network=network, colour="red")
