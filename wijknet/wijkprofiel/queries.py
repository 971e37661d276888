"""Reads of the wijkprofiel, each in a fixed number of queries whatever the number of areas,
indicators or goals (at most MAX_AREAS_PER_NETWORK areas, each with its municipality, and the
Netherlands)."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from wijknet.core import charts, formatting

from . import indicators as ind
from .codes import NETHERLANDS, AreaLevel, municipality_of
from .models import Area, AreaImport, Figure, GoalIndicator, NetworkArea, ProfileChoice

# Steps of the step plan (content/roadmap.yaml) that link to the wijkprofiel: where the network
# looks at what the wijk needs (phase 1) and where it makes the profile (phase 2).
PROFILE_STEPS = frozenset({"verkennen-bewoners-bevragen", "vormgeven-wijkprofiel-sociale-kaart"})


@dataclass(frozen=True)
class Value:
    value: float
    year: int
    source: str
    example: bool

    @property
    def source_label(self):
        return ind.SOURCES.get(self.source, self.source)


def value_text(indicator: ind.Indicator, value: float | None) -> str:
    if value is None:
        return "—"
    if indicator.unit == ind.PERCENT:
        return f"{formatting.number(round(value, 1))}%"
    if indicator.unit == ind.COUNT:
        return formatting.number(round(value))
    return formatting.number(round(value, 2))


@dataclass
class IndicatorRow:
    indicator: ind.Indicator
    chosen: bool
    here: Value | None
    municipality: Value | None
    country: Value | None
    chart: dict | None = None
    chart_id: str = ""

    @property
    def here_text(self):
        return value_text(self.indicator, self.here.value if self.here else None)

    @property
    def municipality_text(self):
        return value_text(self.indicator, self.municipality.value if self.municipality else None)

    @property
    def country_text(self):
        return value_text(self.indicator, self.country.value if self.country else None)

    @property
    def example(self):
        return any(v and v.example for v in (self.here, self.municipality, self.country))


@dataclass
class AreaProfile:
    link: NetworkArea
    area: Area | None
    municipality: Area | None
    rows: list = field(default_factory=list)

    @property
    def name(self):
        return self.area.name if self.area and self.area.name else self.link.code


def _latest(figures) -> dict:
    """(area code, indicator) → the figure of the latest year."""
    latest = {}
    for code, key, year, value, source, example in figures:
        if (code, key) not in latest:
            latest[(code, key)] = Value(value, year, source, example)
    return latest


def _figures_for(codes, keys=None):
    qs = Figure.objects.filter(area__code__in=codes)
    if keys is not None:
        qs = qs.filter(indicator__in=keys)
    return _latest(
        qs.order_by("area__code", "indicator", "-year").values_list(
            "area__code", "indicator", "year", "value", "source", "example"
        )
    )


def network_areas(network):
    return list(NetworkArea.objects.filter(network=network).order_by("code"))


def chosen_indicators(network) -> tuple[list[str], int]:
    """The chosen indicator keys (known ones, in order) and the choice's version (0: none)."""
    row = ProfileChoice.objects.filter(network=network).values("indicators", "version").first()
    if row is None:
        return [], 0
    return [k for k in row["indicators"] if k in ind.BY_KEY], row["version"]


def profile(network) -> dict:
    """Everything the wijkprofiel page shows (6 queries)."""
    links = network_areas(network)
    chosen, version = chosen_indicators(network)
    codes = {link.code for link in links}
    municipalities = {m for m in (municipality_of(c) for c in codes) if m}
    wanted = codes | municipalities | {NETHERLANDS}
    areas = {a.code: a for a in Area.objects.filter(code__in=wanted).order_by("code")}
    latest = _figures_for(wanted)
    profiles = []
    for link in links:
        muni_code = municipality_of(link.code)
        available = [i for i in ind.INDICATORS if (link.code, i.key) in latest]
        shown = [ind.BY_KEY[k] for k in chosen] if chosen else available
        profile = AreaProfile(link, areas.get(link.code), areas.get(muni_code))
        for indicator in shown:
            here = latest.get((link.code, indicator.key))
            muni = (
                latest.get((muni_code, indicator.key))
                if muni_code and muni_code != link.code
                else None
            )
            row = IndicatorRow(
                indicator,
                indicator.key in chosen,
                here,
                muni,
                latest.get((NETHERLANDS, indicator.key)),
                chart_id=f"chart-{link.code}-{indicator.key}",
            )
            row.chart = _chart(profile, row)
            profile.rows.append(row)
        profiles.append(profile)
    goal_links = list(
        GoalIndicator.objects.filter(network=network)
        .select_related("goal")
        .order_by("goal__title", "indicator", "area_code")
    )
    return {
        "profiles": profiles,
        "chosen": chosen,
        "choice_version": version,
        "goal_links": [_goal_link(link, latest, areas) for link in goal_links],
        "last_import": AreaImport.objects.order_by("-imported_at", "-pk").first(),
    }


def _chart(profile: AreaProfile, row: IndicatorRow) -> dict | None:
    bars = []
    if row.here:
        bars.append((profile.name, row.here.value))
    if row.municipality:
        name = profile.municipality.name if profile.municipality else _("gemeente")
        bars.append((_("Gemeente %(name)s") % {"name": name}, row.municipality.value))
    if row.country:
        bars.append((_("Nederland"), row.country.value))
    if not bars:
        return None
    return charts.horizontal_bars(
        bars,
        title=str(row.indicator.label),
        width=480,
        value_format=lambda v: value_text(row.indicator, v),
    )


@dataclass
class GoalFigure:
    link: GoalIndicator
    indicator: ind.Indicator | None
    area_name: str
    start: Value | None
    latest: Value | None
    country: Value | None

    @property
    def label(self):
        return self.indicator.label if self.indicator else self.link.indicator

    def text(self, value):
        if value is None or self.indicator is None:
            return "—"
        return value_text(self.indicator, value.value)

    @property
    def start_text(self):
        return self.text(self.start)

    @property
    def latest_text(self):
        return self.text(self.latest)

    @property
    def example(self):
        return any(v and v.example for v in (self.start, self.latest, self.country))

    @property
    def sentence(self) -> str:
        """'Wij werken aan bewegen: 38% voldoet aan de beweegrichtlijn in Centrum, landelijk
        47%.'"""
        if self.indicator is None or self.latest is None:
            return ""
        if self.indicator.unit == ind.PERCENT and self.indicator.phrase:
            what = f"{self.latest_text} {self.indicator.phrase}"
        else:
            what = f"{self.indicator.label}: {self.latest_text}"
        if self.country:
            return _("Wij werken aan %(goal)s: %(what)s in %(area)s, landelijk %(country)s.") % {
                "goal": self.link.goal.title,
                "what": what,
                "area": self.area_name,
                "country": self.text(self.country),
            }
        return _("Wij werken aan %(goal)s: %(what)s in %(area)s.") % {
            "goal": self.link.goal.title,
            "what": what,
            "area": self.area_name,
        }


def _goal_link(link: GoalIndicator, latest: dict, areas: dict) -> GoalFigure:
    start = (
        Value(link.start_value, link.start_year, link.start_source, link.start_example)
        if link.start_value is not None
        else None
    )
    area = areas.get(link.area_code)
    return GoalFigure(
        link=link,
        indicator=ind.get(link.indicator),
        area_name=area.name if area and area.name else link.area_code,
        start=start,
        latest=latest.get((link.area_code, link.indicator)),
        country=latest.get((NETHERLANDS, link.indicator)),
    )


def goal_figures(network, goals) -> dict[int, list[GoalFigure]]:
    """Per goal id, its linked indicators with the start and latest figures (3 queries for any
    number of goals; none when no goal is given)."""
    ids = [goal.pk for goal in goals]
    if not ids:
        return {}
    links = list(
        GoalIndicator.objects.filter(network=network, goal_id__in=ids)
        .select_related("goal")
        .order_by("goal_id", "indicator", "area_code")
    )
    if not links:
        return {}
    codes = {link.area_code for link in links} | {NETHERLANDS}
    keys = {link.indicator for link in links}
    areas = {a.code: a for a in Area.objects.filter(code__in=codes).order_by("code")}
    latest = _figures_for(codes, keys)
    result: dict[int, list[GoalFigure]] = {}
    for link in links:
        result.setdefault(link.goal_id, []).append(_goal_link(link, latest, areas))
    return result


def import_history(limit: int = 10):
    return list(
        AreaImport.objects.select_related("imported_by").order_by("-imported_at", "-pk")[:limit]
    )


def level_label(level: str) -> str:
    return AreaLevel(level).label if level in AreaLevel.values else level
