"""Scale the demo data: every network-owned table of a demo network multiplied by N, plus N
further networks of demo size (`manage.py seed_scale --factor N`).

Generic on purpose: every model with a `network` foreign key is copied row by row with its
foreign keys remapped to the copies, so a table added later is scaled without touching this file.
A copy inside the same network gets its own members (cloned users: a membership is one per user
and network), organisation names with a number, and its dates shifted back so the history spreads
over the past years. Tables that hold one row per network (or per network and step) are only
copied into new networks. Writes use bulk_create in batches inside the target network's scope;
auto_now fields are switched off while copying so the shifted dates stay.
"""

import secrets
import uuid
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django_scopes import scope, scopes_disabled

from wijknet.networks.models import Membership, Network

BATCH = 2000
# One row per network (or per network and step/day/version of a signal): never multiplied
# inside a network, only copied into a new one.
ONE_PER_NETWORK = {
    "roadmap.StepProgress",
    "meetings.CalendarFeed",
    "health.HealthSettings",
    "health.SignalAcknowledgement",
    "accesslog.AccessReview",
    # One per network and year: a copy into the same network keeps the one it has.
    "evaluation.EvaluationReflection",
    # A network's CBS areas: each code once per network.
    "wijkprofiel.NetworkArea",
}


def one_per_network(model) -> bool:
    """Listed above, or its network key is unique (a settings row per network)."""
    meta = model._meta
    unique_alone = any(
        getattr(c, "fields", None) in (["network"], ("network",)) and not c.condition
        for c in meta.constraints
        if isinstance(c, models.UniqueConstraint)
    )
    return meta.label in ONE_PER_NETWORK or meta.get_field("network").unique or unique_alone


# Derived results, computed from the other tables (a task, or the first page view): never
# copied, so a copy never shows the template network's figures.
DERIVED = {
    "core.NetworkAnalysis",
    "scans.RoundResult",
    "health.SignalEpisode",
    "health.AsOfEvaluation",
}
# (model, field): a per-network version number, offset per copy to stay unique.
VERSION_FIELDS = {("agreements.Agreement", "version"), ("casework.ConsentText", "version")}
# (model, field): a name unique within the network, numbered per copy.
NAME_FIELDS = {("networks.Organisation", "name")}
SPREAD_DAYS = 3 * 365


def network_models() -> list[type[models.Model]]:
    """Every model with a `network` foreign key, parents before children."""
    found = [
        m
        for m in apps.get_models()
        if any(
            f.name == "network" and f.is_relation and f.related_model is Network
            for f in m._meta.concrete_fields
        )
    ]
    ordered, seen = [], set()

    def visit(model, path=()):
        if model in seen:
            return
        for f in model._meta.concrete_fields:
            target = f.related_model if f.is_relation else None
            if target in found and target is not model and target not in path:
                visit(target, (*path, model))
        seen.add(model)
        ordered.append(model)

    for model in sorted(found, key=lambda m: m._meta.label):
        visit(model)
    return ordered


@contextmanager
def auto_dates_off(model_list):
    """Let bulk_create keep the (shifted) values of auto_now/auto_now_add fields."""
    saved = []
    for model in model_list:
        for f in model._meta.concrete_fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                saved.append((f, f.auto_now, f.auto_now_add))
                f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


@dataclass
class Template:
    """The rows of one source network, read once and copied many times."""

    network: Network
    rows: dict = field(default_factory=dict)  # model -> list of instances
    m2m: dict = field(default_factory=dict)  # through model -> list of (source id, target id)
    users: list = field(default_factory=list)  # members, cloned per copy
    version_max: dict = field(default_factory=dict)

    @classmethod
    def read(cls, network: Network, model_list) -> "Template":
        template = cls(network=network)
        with scopes_disabled():
            for model in model_list:
                rows = list(model._base_manager.filter(network=network).order_by("pk"))
                template.rows[model] = rows
                for f in model._meta.local_many_to_many:
                    through = f.remote_field.through
                    if not through._meta.auto_created:
                        continue
                    src = f.m2m_column_name()
                    dst = f.m2m_reverse_name()
                    ids = [r.pk for r in rows]
                    template.m2m[(model, f)] = list(
                        through.objects.filter(**{f"{src}__in": ids})
                        .order_by("pk")
                        .values_list(src, dst)
                    )
                for label, name in VERSION_FIELDS:
                    if model._meta.label == label:
                        template.version_max[model] = max(
                            (getattr(r, name) for r in rows), default=0
                        )
            user_ids = Membership._base_manager.filter(network=network).values("user_id")
            template.users = list(get_user_model().objects.filter(pk__in=user_ids).order_by("pk"))
        return template


def _shift(value, days):
    if not days or value is None:
        return value
    if isinstance(value, (datetime, date)):
        return value - timedelta(days=days)
    return value


class Copier:
    """Copies a Template into a network: `copy_into(network, tag, days_back, number)`."""

    def __init__(self, template: Template):
        self.template = template
        self.User = get_user_model()

    def _clone_users(self, tag):
        clones = []
        for user in self.template.users:
            local, _, domain = user.email.partition("@")
            clones.append(
                self.User(
                    email=f"{local}+{tag}@{domain}",
                    password=user.password,
                    full_name=user.full_name,
                    is_active=user.is_active,
                    date_joined=user.date_joined,
                )
            )
        created = self.User.objects.bulk_create(clones, batch_size=BATCH)
        return {old.pk: new.pk for old, new in zip(self.template.users, created, strict=True)}

    def copy_into(self, target: Network, tag: str, days_back: int, number: int) -> dict:
        """Copy every row; `number` (1, 2, …) numbers names and offsets versions."""
        same_network = target.pk == self.template.network.pk
        ids: dict = defaultdict(dict)  # model -> {old pk: new pk}
        user_ids = self._clone_users(tag)
        counts = {}
        with scope(network=target):
            for model, rows in self.template.rows.items():
                if model._meta.label in DERIVED:
                    continue
                if same_network and one_per_network(model):
                    continue
                new_rows, deferred = self._build(model, rows, target, ids, user_ids, days_back)
                self._number(model, new_rows, number)
                created = []
                for start in range(0, len(new_rows), BATCH):
                    created += model._base_manager.bulk_create(new_rows[start : start + BATCH])
                ids[model] = {old.pk: new.pk for old, new in zip(rows, created, strict=True)}
                if deferred:
                    self._self_links(model, rows, created, deferred, ids[model])
                counts[model._meta.label] = len(created)
            self._copy_m2m(ids, user_ids)
        return counts

    def _build(self, model, rows, target, ids, user_ids, days_back):
        fields = model._meta.concrete_fields
        deferred = [f for f in fields if f.is_relation and f.related_model is model]
        plan = []
        for f in fields:
            if f.primary_key or f in deferred:
                continue
            if f.is_relation:
                related = f.related_model
                if related is Network:
                    plan.append((f.attname, "network", None))
                elif related is self.User:
                    plan.append((f.attname, "user", None))
                elif related in self.template.rows:
                    plan.append((f.attname, "map", related))
                else:
                    plan.append((f.attname, "keep", None))
            elif f.unique and isinstance(f, models.UUIDField):
                plan.append((f.attname, "uuid", None))
            elif f.unique and f.name in ("token", "token_hash"):
                plan.append((f.attname, "token", None))
            elif isinstance(f, (models.DateField, models.DateTimeField)):
                plan.append((f.attname, "date", None))
            else:
                plan.append((f.attname, "keep", None))
        new_rows = []
        for row in rows:
            values = {}
            for attname, how, related in plan:
                value = getattr(row, attname)
                if how == "network":
                    value = target.pk
                elif how == "user":
                    value = user_ids.get(value, value)
                elif how == "map":
                    value = ids[related].get(value, value)
                elif how == "uuid":
                    value = uuid.uuid4()
                elif how == "token":
                    value = secrets.token_hex(32)
                elif how == "date":
                    value = _shift(value, days_back)
                values[attname] = value
            new_rows.append(model(**values))
        return new_rows, deferred

    def _number(self, model, new_rows, number):
        label = model._meta.label
        for m_label, name in NAME_FIELDS:
            if m_label == label and number:
                for row in new_rows:
                    setattr(row, name, f"{getattr(row, name)} {number + 1}")
        for m_label, name in VERSION_FIELDS:
            if m_label == label and number:
                offset = number * self.template.version_max.get(model, 0)
                for row in new_rows:
                    setattr(row, name, getattr(row, name) + offset)

    def _self_links(self, model, rows, created, deferred, id_map):
        changed = []
        for old, new in zip(rows, created, strict=True):
            for f in deferred:
                value = getattr(old, f.attname)
                if value is not None:
                    setattr(new, f.attname, id_map.get(value, value))
                    changed.append(new)
        if changed:
            model._base_manager.bulk_update(changed, [f.name for f in deferred], batch_size=BATCH)

    def _copy_m2m(self, ids, user_ids):
        for (model, f), pairs in self.template.m2m.items():
            if model not in ids:
                continue
            through = f.remote_field.through
            related = f.remote_field.model
            src, dst = f.m2m_column_name(), f.m2m_reverse_name()
            links = []
            for a, b in pairs:
                if related is self.User:
                    b = user_ids.get(b, b)
                elif related in ids:
                    b = ids[related].get(b, b)
                links.append(through(**{src: ids[model][a], dst: b}))
            through.objects.bulk_create(links, batch_size=BATCH)


def scaled_slug(slug: str, number: int) -> str:
    return f"{slug}-x{number}"


def seed_scale(factor: int, *, sources: list[Network], extra_from: Network, log=print) -> dict:
    """Multiply every source network's tables by `factor` and add `factor` networks copied from
    `extra_from`. Returns the number of rows written per model."""
    model_list = network_models()
    totals: dict = defaultdict(int)
    with auto_dates_off(model_list):
        templates = {n.pk: Template.read(n, model_list) for n in sources + [extra_from]}
        for source in sources:
            copier = Copier(templates[source.pk])
            for k in range(1, factor):
                with transaction.atomic():
                    days_back = round(k * SPREAD_DAYS / factor)
                    counts = copier.copy_into(source, f"{source.slug}-{k}", days_back, k)
                for label, n in counts.items():
                    totals[label] += n
            log(f"{source.slug}: ×{factor}")
        copier = Copier(templates[extra_from.pk])
        for j in range(1, factor + 1):
            with transaction.atomic():
                network = _clone_network(extra_from, j)
                counts = copier.copy_into(network, network.slug, (j * 37) % 365, 0)
            for label, n in counts.items():
                totals[label] += n
        log(f"{factor} networks copied from {extra_from.slug}")
    return dict(totals)


def _clone_network(source: Network, number: int) -> Network:
    values = {
        f.attname: getattr(source, f.attname)
        for f in Network._meta.concrete_fields
        if not f.primary_key
    }
    values.update(
        uuid=uuid.uuid4(),
        slug=scaled_slug(source.slug, number),
        name=f"{source.name} {number}",
    )
    return Network.objects.create(**values)
