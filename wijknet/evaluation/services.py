"""Writes of the evaluation: the core group's yearly reflection."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijknet.core import audit
from wijknet.core.declarations import names
from wijknet.core.locking import save_versioned
from wijknet.core.writes import check_fields

from . import access, content, queries
from .fields import REFLECTION_FIELDS
from .models import EvaluationReflection

# An answer is a few paragraphs, not a report.
MAX_ANSWER = 4000


@transaction.atomic
def reflection_save(
    *,
    acting_user,
    membership,
    network,
    year: int,
    period: queries.Period,
    expected_version: int,
    **fields,
) -> EvaluationReflection:
    """Save the core group's reflection of `year` with a fresh snapshot of the evaluation
    figures of `period` (the figures it was written beside).

    `expected_version` is the version the editor's form showed, 0 when there was none yet: the
    row is created at version 0, so two people writing the first reflection cannot both land.
    """
    if not access.may_edit_reflection(membership):
        raise PermissionDenied
    check_fields(fields, names(REFLECTION_FIELDS), "reflection")
    keys = content.question_keys()
    answers = {
        key: (text or "").strip()
        for key, text in (fields.get("answers") or {}).items()
        if key in keys
    }
    too_long = {k: v for k, v in answers.items() if len(v) > MAX_ANSWER}
    if too_long:
        raise ValidationError(
            {
                key: _("Houd het antwoord korter dan %(n)s tekens.") % {"n": MAX_ANSWER}
                for key in too_long
            }
        )
    if not any(answers.values()):
        raise ValidationError(_("Beantwoord minstens één vraag."))
    if not 2000 <= year <= 2100:
        raise ValidationError(_("Kies een jaar."))
    reflection, _created = EvaluationReflection.objects.get_or_create(
        network=network,
        year=year,
        defaults={
            "version": 0,
            "period_start": period.start,
            "period_end": period.end,
            "created_by": acting_user,
        },
    )
    reflection.answers = answers
    reflection.period_start, reflection.period_end = period.start, period.end
    reflection.figures = queries.snapshot(queries.evaluation_figures(network, period))
    reflection.questions_version = content.questions_version()
    reflection.updated_by = acting_user
    reflection.updated_at = timezone.now()
    save_versioned(
        reflection,
        expected_version=expected_version,
        fields=[
            "answers",
            "period_start",
            "period_end",
            "figures",
            "questions_version",
            "updated_by",
            "updated_at",
        ],
    )
    audit.record(
        actor=acting_user,
        network=network,
        action="evaluation.reflection_saved",
        obj=reflection,
        summary=_("Jaarlijkse reflectie %(year)s vastgelegd") % {"year": year},
    )
    return reflection
