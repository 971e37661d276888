"""The demo's wijkprofiel: the sample files with EXAMPLE figures (content/wijkprofiel/, marked
VOORBEELD, fictitious areas GM99..), Gezond Oost linked to its wijk with a few indicators chosen
and its exercise goal linked to "voldoet aan de beweegrichtlijn" (start 2020, latest 2022)."""

from pathlib import Path

from django.conf import settings
from django.core.files import File

from wijknet.actions.models import Goal

from . import imports, services

SAMPLES = Path(settings.BASE_DIR) / "content" / "wijkprofiel"
CBS_FILE = SAMPLES / "cbs-kerncijfers-voorbeeld.csv"
GGD_2020_FILE = SAMPLES / "ggd-gezondheidsmonitor-2020-voorbeeld.csv"
GGD_2022_FILE = SAMPLES / "ggd-gezondheidsmonitor-2022-voorbeeld.csv"

GEZOND_OOST_AREA = "WK990101"
ZUIDERVEEN_AREA = "WK990201"
GEZOND_OOST_INDICATORS = [
    "beweegrichtlijn",
    "overgewicht",
    "eenzaam",
    "ervaren_gezondheid",
    "aandeel_65_plus",
    "laag_inkomen",
]
EXERCISE_GOAL = "Meer ouderen bewegen wekelijks"


def import_sample(path: Path, year: int | None = None):
    with path.open("rb") as raw:
        parsed = imports.parse(File(raw), year=year)
    return services.area_data_import(
        acting_user=None, parsed=parsed, filename=path.name, example=True
    )


def load_demo_wijkprofiel(gezond_oost, coordinator):
    """Run inside the demo's transaction and Gezond Oost's scope. Zuiderveen stays unlinked, so
    its signals show the health monitor's "no_wijkprofiel" advice."""
    import_sample(CBS_FILE, year=2024)
    import_sample(GGD_2020_FILE)
    services.area_link(acting_user=coordinator, network=gezond_oost, code=GEZOND_OOST_AREA)
    services.indicators_choose(
        acting_user=coordinator,
        network=gezond_oost,
        indicators=GEZOND_OOST_INDICATORS,
        expected_version=0,
    )
    goal = Goal.objects.filter(network=gezond_oost, title=EXERCISE_GOAL).first()
    if goal is not None:
        # Linked when the 2020 figures were the latest: the start is 2020's figure.
        services.goal_indicator_link(
            acting_user=coordinator,
            network=gezond_oost,
            goal=goal,
            indicator="beweegrichtlijn",
            area_code=GEZOND_OOST_AREA,
        )
    import_sample(GGD_2022_FILE)
