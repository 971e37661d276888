""" "Mijn Positieve Gezondheid": the spider web a resident fills in themselves, as short
questions in plain language (content/positive_health.yaml), three per dimension, each a mark
from 0 to 10. A dimension's score is the rounded mean of its answers, so the result is an
ordinary HealthMeasurement that sits beside a professional's and is labelled by who filled it.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from django import forms
from django.utils.translation import gettext_lazy as _

from wijknet.core.content import localize, texts

from .models import Dimension, FilledBy


@dataclass(frozen=True)
class Question:
    key: str  # "<dimension>.<question>"
    text: dict


@dataclass(frozen=True)
class DimensionQuestions:
    dimension: str
    title: dict
    questions: tuple[Question, ...]


@cache
def _content() -> dict:
    return texts("positive_health")


def question_set() -> list[DimensionQuestions]:
    """The six dimensions in the model's order, each with its questions."""
    data = _content()["dimensions"]
    return [
        DimensionQuestions(
            dimension,
            data[dimension]["title"],
            tuple(
                Question(f"{dimension}.{q['key']}", q["text"]) for q in data[dimension]["questions"]
            ),
        )
        for dimension in Dimension.values
    ]


def text(name: str) -> str:
    """A text of the question set ("intro", "talk") in the active language."""
    return localize(_content()[name])


def dimension_score(marks: list[int]) -> int:
    """The rounded mean (half up) of a dimension's marks: 6, 7, 7 → 7; 6, 7 → 7."""
    mean = Decimal(sum(marks)) / Decimal(len(marks))
    return int(mean.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _field(key: str) -> str:
    return "q_" + key.replace(".", "__")


class SelfCheckForm(forms.Form):
    """Every question a mark from 0 to 10 (required: a skipped question is named, not guessed),
    per dimension "hier wil ik over praten" and an optional note in the resident's own words."""

    def __init__(self, *args, with_filled_by=False, **kwargs):
        super().__init__(*args, **kwargs)
        if with_filled_by:  # on a professional's screen: alone, or together with them
            self.fields["filled_by"] = forms.ChoiceField(
                label=_("Ingevuld"), choices=FilledBy.choices, widget=forms.RadioSelect
            )
        for group in question_set():
            for question in group.questions:
                self.fields[_field(question.key)] = forms.IntegerField(
                    label=localize(question.text),
                    min_value=0,
                    max_value=10,
                    widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "mark"}),
                    error_messages={
                        "required": _("Geef hier een cijfer van 0 tot 10."),
                        "min_value": _("Kies een cijfer van 0 tot 10."),
                        "max_value": _("Kies een cijfer van 0 tot 10."),
                        "invalid": _("Kies een cijfer van 0 tot 10."),
                    },
                )
            self.fields[f"{group.dimension}_talk"] = forms.BooleanField(
                label=_("Hier wil ik over praten"), required=False
            )
            self.fields[f"{group.dimension}_remark"] = forms.CharField(
                label=_("Wilt u er iets over vertellen? (mag leeg blijven)"),
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
                max_length=1000,
            )

    def groups(self):
        """Per dimension its title and bound fields, for the template."""
        return [
            {
                "dimension": group.dimension,
                "title": localize(group.title),
                "questions": [self[_field(q.key)] for q in group.questions],
                "talk": self[f"{group.dimension}_talk"],
                "remark": self[f"{group.dimension}_remark"],
            }
            for group in question_set()
        ]

    def scores(self) -> dict:
        """{dimension: (score, remark, wants_to_talk)}, as services.measurement_record takes."""
        data = self.cleaned_data
        return {
            group.dimension: (
                dimension_score([data[_field(q.key)] for q in group.questions]),
                data[f"{group.dimension}_remark"],
                data[f"{group.dimension}_talk"],
            )
            for group in question_set()
        }
