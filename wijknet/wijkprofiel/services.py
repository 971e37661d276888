"""Writes of the wijkprofiel: importing area data (installation-wide), linking a network to its
areas, choosing the indicators that matter and linking them to the network's goals."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijknet.core import audit
from wijknet.core.locking import save_versioned

from . import access, indicators
from .codes import clean_link_code, level_of
from .imports import ParsedAreaData
from .models import Area, AreaImport, Figure, GoalIndicator, NetworkArea, ProfileChoice

BATCH = 2000
MAX_AREAS_PER_NETWORK = 50
MAX_CHOSEN = len(indicators.INDICATORS)


def _upsert(model, columns, unique, rows, keep_if_empty=()) -> None:
    """INSERT … ON CONFLICT (unique) DO UPDATE, in batches, on SQLite (3.24+) and PostgreSQL.

    Not the ORM's bulk_create(update_conflicts=True): it spent over 20 s of a 10,000-row file
    building model instances and SQL. On SQLite one prepared statement runs per row
    (executemany, in process); on PostgreSQL the rows are COPYed into a temporary table and
    upserted from there in one statement (a round trip per row, or one query string with
    thousands of placeholders, took 18–25 s there). docs/wijkprofiel.md, "Speed"."""
    table = connection.ops.quote_name(model._meta.db_table)
    quoted = [connection.ops.quote_name(c) for c in columns]
    updates = ", ".join(
        (
            f"{q} = CASE WHEN excluded.{q} = '' THEN {table}.{q} ELSE excluded.{q} END"
            if c in keep_if_empty
            else f"{q} = excluded.{q}"
        )
        for c, q in zip(columns, quoted, strict=True)
        if c not in unique
    )
    conflict = ", ".join(connection.ops.quote_name(c) for c in unique)
    tail = f" ON CONFLICT ({conflict}) DO UPDATE SET {updates}"
    head = f"INSERT INTO {table} ({', '.join(quoted)}) "  # noqa: S608
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            stage = connection.ops.quote_name(f"{model._meta.db_table}_stage")
            cursor.execute(f"DROP TABLE IF EXISTS {stage}")
            cursor.execute(
                f"CREATE TEMP TABLE {stage} ON COMMIT DROP AS "  # noqa: S608
                f"SELECT {', '.join(quoted)} FROM {table} WITH NO DATA"
            )
            with cursor.cursor.copy(f"COPY {stage} ({', '.join(quoted)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            cursor.execute(head + f"SELECT * FROM {stage}" + tail)  # noqa: S608
        else:
            sql = head + "VALUES (" + ", ".join(["%s"] * len(columns)) + ")" + tail
            for batch in _in_batches(rows):
                cursor.executemany(sql, batch)


def _in_batches(items, size=BATCH):
    for start in range(0, len(items), size):
        yield items[start : start + size]


@transaction.atomic
def area_data_import(
    *, acting_user, parsed: ParsedAreaData, filename: str, membership=None, example=False
) -> AreaImport:
    """Store the figures of a read file: areas are added or renamed, a figure of the same area,
    indicator and year is replaced, other years stay. From a page the acting member must be
    allowed (`access.may_import_area_data`); the command passes no membership."""
    if membership is not None and not access.may_import_area_data(membership):
        raise PermissionDenied
    example = example or parsed.example
    record = AreaImport.objects.create(
        filename=filename[:200],
        sha256=parsed.sha256,
        imported_by=acting_user,
        rows=parsed.rows,
        figures=len(parsed.figures),
        years=sorted(parsed.years),
        sources=sorted(parsed.sources),
        example=example,
        skipped_columns=parsed.skipped_columns,
        problems=[
            {"row": p.row, "column": p.column, "message": p.message} for p in parsed.report.shown
        ],
        problem_total=parsed.report.total,
    )
    _upsert(
        Area,
        ["code", "level", "name", "municipality_name"],
        ["code"],
        [
            (code, level, name, municipality)
            for code, (level, name, municipality) in parsed.areas.items()
        ],
        # A GGD file names no area (its WijkenEnBuurten holds the code): keep the CBS name.
        keep_if_empty=("name", "municipality_name"),
    )
    ids = {}
    codes = list(parsed.areas)
    for batch in _in_batches(codes, 900):
        ids.update(Area.objects.filter(code__in=batch).values_list("code", "pk"))
    _upsert(
        Figure,
        ["area_id", "indicator", "year", "value", "source", "example", "area_import_id"],
        ["area_id", "indicator", "year"],
        [
            (ids[code], key, year, value, indicators.BY_KEY[key].source, example, record.pk)
            for (code, key, year), value in parsed.figures.items()
        ],
    )
    audit.record(
        actor=acting_user,
        action="wijkprofiel.area_data_imported",
        obj=record,
        summary=_("Wijkcijfers geïmporteerd uit %(file)s: %(n)s cijfers")
        % {"file": filename[:100], "n": len(parsed.figures)},
        data={"rows": parsed.rows, "figures": len(parsed.figures), "years": sorted(parsed.years)},
    )
    return record


def _check_manager(membership):
    if membership is not None and not access.may_manage_profile(membership):
        raise PermissionDenied


@transaction.atomic
def area_link(*, acting_user, network, code: str, membership=None) -> NetworkArea:
    """Link the network to an area by its CBS code (gemeente, wijk or buurt)."""
    _check_manager(membership)
    code = clean_link_code(code)
    if NetworkArea.objects.filter(network=network, code=code).exists():
        raise ValidationError({"code": _("Dit gebied is al aan het netwerk gekoppeld.")})
    if NetworkArea.objects.filter(network=network).count() >= MAX_AREAS_PER_NETWORK:
        raise ValidationError(
            _("Een netwerk heeft hoogstens %(n)s gebieden.") % {"n": MAX_AREAS_PER_NETWORK}
        )
    link = NetworkArea.objects.create(
        network=network, code=code, level=level_of(code), added_by=acting_user
    )
    audit.record(
        actor=acting_user,
        network=network,
        action="wijkprofiel.area_linked",
        obj=link,
        summary=_("Gebied %(code)s gekoppeld") % {"code": code},
    )
    return link


@transaction.atomic
def area_unlink(*, acting_user, link: NetworkArea, membership=None) -> None:
    """Remove an area from the network (its goal links to that area go with it)."""
    _check_manager(membership)
    network, code = link.network, link.code
    GoalIndicator.objects.filter(network=network, area_code=code).delete()
    link.delete()
    audit.record(
        actor=acting_user,
        network=network,
        action="wijkprofiel.area_unlinked",
        summary=_("Gebied %(code)s ontkoppeld") % {"code": code},
    )


@transaction.atomic
def indicators_choose(
    *, acting_user, network, indicators: list[str], expected_version: int, membership=None
) -> ProfileChoice:
    """Store which indicators matter to the network (known keys, in the given order).
    `expected_version` is the version the form showed: 0 before the first choice."""
    _check_manager(membership)
    chosen = []
    for key in indicators:
        if key not in _known_keys():
            raise ValidationError(_("Onbekende indicator: %(key)s") % {"key": str(key)[:40]})
        if key not in chosen:
            chosen.append(key)
    row, _created = ProfileChoice.objects.get_or_create(network=network)
    before = list(row.indicators)
    row.indicators = chosen[:MAX_CHOSEN]
    row.updated_by = acting_user
    row.updated_at = timezone.now()
    save_versioned(
        row, expected_version=expected_version, fields=["indicators", "updated_by", "updated_at"]
    )
    audit.record(
        actor=acting_user,
        network=network,
        action="wijkprofiel.indicators_chosen",
        obj=row,
        summary=_("Indicatoren van het wijkprofiel gekozen"),
        data={"before": before, "after": row.indicators},
    )
    return row


def _known_keys():
    return indicators.BY_KEY


@transaction.atomic
def goal_indicator_link(
    *, acting_user, network, goal, indicator: str, area_code: str, membership=None
) -> GoalIndicator:
    """Link a goal to an indicator of one of the network's areas. The figure current now is
    kept as the start; the latest import is read on every page."""
    _check_manager(membership)
    if goal.network_id != network.pk:
        raise PermissionDenied
    if indicator not in indicators.BY_KEY:
        raise ValidationError({"indicator": _("Kies een indicator.")})
    if not NetworkArea.objects.filter(network=network, code=area_code).exists():
        raise ValidationError({"area_code": _("Kies een gebied van het netwerk.")})
    if GoalIndicator.objects.filter(goal=goal, indicator=indicator, area_code=area_code).exists():
        raise ValidationError(_("Dit doel is al aan deze indicator gekoppeld."))
    start = (
        Figure.objects.filter(area__code=area_code, indicator=indicator)
        .order_by("-year")
        .values("value", "year", "source", "example")
        .first()
    )
    link = GoalIndicator.objects.create(
        network=network,
        goal=goal,
        indicator=indicator,
        area_code=area_code,
        start_value=start["value"] if start else None,
        start_year=start["year"] if start else None,
        start_source=start["source"] if start else "",
        start_example=start["example"] if start else False,
        linked_by=acting_user,
    )
    audit.record(
        actor=acting_user,
        network=network,
        action="wijkprofiel.goal_linked",
        obj=link,
        summary=_("Doel '%(goal)s' gekoppeld aan %(indicator)s")
        % {"goal": goal.title[:100], "indicator": indicators.BY_KEY[indicator].label},
    )
    return link


@transaction.atomic
def goal_indicator_unlink(*, acting_user, link: GoalIndicator, membership=None) -> None:
    _check_manager(membership)
    network = link.network
    summary = _("Koppeling van doel '%(goal)s' aan %(indicator)s verwijderd") % {
        "goal": link.goal.title[:100],
        "indicator": indicators.BY_KEY[link.indicator].label
        if link.indicator in indicators.BY_KEY
        else link.indicator,
    }
    link.delete()
    audit.record(
        actor=acting_user,
        network=network,
        action="wijkprofiel.goal_unlinked",
        summary=summary,
    )
