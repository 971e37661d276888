"""Load the demo networks once. Running it again changes nothing and prints the logins again."""

import os
from datetime import date, timedelta
from pathlib import Path

import yaml
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_scopes import scope

from demo import data
from demo.evaluation import load_evaluation
from demo.initiatives import load_demo_initiatives
from demo.scans import load_scans
from demo.twofactor import ensure_demo_device
from demo.work import load_work
from demo.zuiderveen import load_zuiderveen_extras
from wijknet.casework.demo import load_demo_casework
from wijknet.networkfile.importer import import_network
from wijknet.networks import services as network_services
from wijknet.networks.models import Membership, Network, Organisation
from wijknet.offers.models import SocialMapSettings
from wijknet.referrals.demo import load_demo_referrals
from wijknet.residents.demo import RESIDENT_EMAIL, load_demo_resident
from wijknet.roadmap import services as roadmap_services
from wijknet.roadmap.models import Step
from wijknet.volunteering.demo import load_demo_volunteering, load_demo_volunteering_oost
from wijknet.wijkprofiel.demo import load_demo_wijkprofiel

User = get_user_model()
ZUIDERVEEN_FILE = Path(data.__file__).with_name("zuiderveen.yaml")


def _slugify_email(name: str) -> str:
    return name.lower().replace(" ", ".").replace("ë", "e").replace("é", "e") + "@demo.wijknet.nl"


def _user(email, full_name):
    user = User.objects.filter(email=email).first()
    return user or User.objects.create_user(
        email=email, password=data.PASSWORD, full_name=full_name
    )


def _add_partners(coordinator, network, rows, start):
    for i, (name, sector, role, contributions, hours, commitment, contact) in enumerate(rows):
        network_services.partner_create(
            acting_user=coordinator,
            network=network,
            organisation_name=name,
            sector=sector,
            role=role,
            contributions=contributions,
            hours_per_month=hours,
            commitment_strategic=commitment[0],
            commitment_tactical=commitment[1],
            commitment_operational=commitment[2],
            contact_name=contact,
            joined_on=start + timedelta(days=14 * (i % 6)),
        )


class Command(BaseCommand):
    help = "Load the demo networks (Gezond Oost and Dorpsnetwerk Zuiderveen); idempotent."

    def handle(self, *args, **options):
        call_command("load_content", stdout=open(os.devnull, "w"))  # noqa: SIM115
        if Network.objects.filter(slug="gezond-oost").exists():
            self.stdout.write("Demo data already present; nothing changed.")
        else:
            self._load()
            self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        for email, _name, _role in data.KEY_USERS + data.ZUIDERVEEN_USERS:
            ensure_demo_device(User.objects.get(email=email))
        resident = User.objects.filter(email=RESIDENT_EMAIL).first()
        if resident is not None:  # the demo resident (issue 15) may use the demo code too
            ensure_demo_device(resident)
        self._print_logins()

    @transaction.atomic
    def _load(self):
        email, name, _role = data.KEY_USERS[0]
        coordinator = _user(email, name)
        network = network_services.network_create(
            acting_user=coordinator,
            slug="gezond-oost",
            name="Gezond Oost",
            ambition="Samen zorgen dat bewoners van Oosterstad-Oost gezonder en minder eenzaam "
            "leven: van de huisarts en de fysiotherapeut naar bewegen en ontmoeten in "
            "de eigen wijk.",
            vision="Zorg, welzijn, sport en bewoners werken als één netwerk rond de bewoner.",
            target_group="Volwassenen en ouderen met (een risico op) een chronische aandoening",
            themes="Bewegen, voeding, eenzaamheid, ontmoeting",
            area_kind="wijk",
            area_name="Oosterstad-Oost",
            municipality="Gemeente Oosterstad",
            phase="vormgeven",
            start_date=date(2025, 9, 1),
        )
        with scope(network=network):
            _add_partners(coordinator, network, data.GEZOND_OOST_PARTNERS, date(2025, 9, 1))
            orgs = {o.name: o for o in Organisation.objects.filter(network=network)}
            members = [(e, n, r) for e, n, r in data.KEY_USERS[1:]]
            members += [(_slugify_email(n), n, r) for n, r in data.OTHER_MEMBERS]
            Membership.objects.filter(network=network, user=coordinator).update(
                organisation=orgs[data.ORGANISATION_OF[name]]
            )
            for email, member_name, role in members:
                organisation = data.ORGANISATION_OF[member_name]
                Membership.objects.create(
                    network=network,
                    user=_user(email, member_name),
                    role=role,
                    organisation=orgs[organisation] if organisation else None,
                )
            steps = list(Step.objects.filter(retired=False).order_by("phase__order", "order"))
            verkennen = [s for s in steps if s.phase.key == "verkennen"]
            vormgeven = [s for s in steps if s.phase.key == "vormgeven"]
            for step, (status, note) in zip(verkennen, data.GEZOND_OOST_PROGRESS, strict=False):
                roadmap_services.step_progress_update(
                    acting_user=coordinator, network=network, step=step, status=status, note=note
                )
            for step in verkennen[len(data.GEZOND_OOST_PROGRESS) :]:
                roadmap_services.step_progress_update(
                    acting_user=coordinator, network=network, step=step, status="done"
                )
            for step, status in zip(
                vormgeven, ["done", "done", "in_progress", "in_progress"], strict=False
            ):
                roadmap_services.step_progress_update(
                    acting_user=coordinator, network=network, step=step, status=status
                )
            load_scans(coordinator, network)
            load_work(coordinator, network)
            load_demo_referrals(network, {})
            # Gezond Oost publishes its social map as an open HSDS API (/hsds/gezond-oost/).
            SocialMapSettings.objects.create(network=network, hsds_published=True)
            load_demo_casework(network, {u.email: u for u in User.objects.order_by("pk")})
            load_demo_resident(network, data.PASSWORD)
            load_demo_volunteering_oost(network, {u.email: u for u in User.objects.order_by("pk")})
            load_demo_initiatives(coordinator, network)
            load_demo_wijkprofiel(network, coordinator)
            load_evaluation(network)

        self._load_file(ZUIDERVEEN_FILE)
        zuiderveen = Network.objects.get(slug="zuiderveen")
        with scope(network=zuiderveen):
            users = {u.email: u for u in User.objects.order_by("pk")}
            load_demo_volunteering(zuiderveen, users)
            load_zuiderveen_extras(zuiderveen, users)

    def _load_file(self, path):
        """Import a demo network from its network file, then give its new users the password."""
        report = import_network(yaml.safe_load(path.read_text(encoding="utf-8")))
        if not report.ok:
            raise CommandError("\n".join([f"{path}:", *report.lines()]))
        for user in User.objects.filter(email__in=report.new_users):
            user.set_password(data.PASSWORD)
            user.save(update_fields=["password"])

    def _print_logins(self):
        self.stdout.write(f"\nDemo logins (password for all: {data.PASSWORD})")
        for email, _name, role in data.KEY_USERS + data.ZUIDERVEEN_USERS:
            self.stdout.write(f"  {role:<12} {email}")
        self.stdout.write(f"  {'bewoner':<12} {RESIDENT_EMAIL} (resident: /mijn/)")
        self.stdout.write(
            "Client pages ask for a two-factor code; for a demo login print it with\n"
            "  .venv/bin/python manage.py demo_code coordinator@demo.wijknet.nl"
        )
