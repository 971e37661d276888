"""Content in two languages (content/README.md).

Every user-facing text in `content/*.yaml` is a mapping of language code to text:

    title:
      nl: "Begin klein met enthousiaste mensen"
      en: "Start small with enthusiastic people"

Dutch (`nl`) is the source and the fallback; the reader's active language (Django's
`get_language()`) picks the text at display time.

- `localize(value, lang)` picks the text of one such mapping (a plain string is returned as is).
- `field_values(title=..., guidance=...)` gives a content row's field values for a loader: the
  Dutch in the text fields, the other languages in the model's `translations` JSON field.
- `translated("title", "guidance")` is a model class decorator: reading `step.title` gives the
  text in the active language (from `translations`), while saving, forms and serialisation keep
  using the stored Dutch text (`Field.pre_save` / `value_from_object` read the raw value).
- `texts(name)` reads a content file that is not loaded into the database (health rule texts,
  the default consent text): `content/<name>.yaml`, cached per process.
"""

import re
from functools import cache
from pathlib import Path

import yaml
from django.conf import settings
from django.db.models.query_utils import DeferredAttribute
from django.utils import translation

SOURCE_LANGUAGE = "nl"
CONTENT_DIR = Path(settings.BASE_DIR) / "content"


def current_language() -> str:
    return (translation.get_language() or SOURCE_LANGUAGE).split("-")[0]


def is_text(value) -> bool:
    """A content text: a mapping with at least the Dutch source."""
    return isinstance(value, dict) and isinstance(value.get(SOURCE_LANGUAGE), str)


def localize(value, lang: str | None = None) -> str:
    """The text of `value` (a {language: text} mapping or a plain string) in `lang` (default:
    the active language), falling back to Dutch."""
    if not isinstance(value, dict):
        return value
    lang = lang or current_language()
    return value.get(lang) or value[SOURCE_LANGUAGE]


def split(value) -> tuple[str, dict[str, str]]:
    """(Dutch text, {other language: text}) of a content text (a plain string: Dutch only)."""
    if not isinstance(value, dict):
        return value, {}
    return value[SOURCE_LANGUAGE], {k: v for k, v in value.items() if k != SOURCE_LANGUAGE}


def translations_of(**fields) -> dict[str, dict[str, str]]:
    """The `translations` JSON of a content row: {language: {field: text}} for the given
    content texts (field=value), e.g. translations_of(title=..., guidance=...)."""
    result: dict[str, dict[str, str]] = {}
    for name, value in fields.items():
        for lang, text in split(value)[1].items():
            result.setdefault(lang, {})[name] = text
    return result


def dutch(**fields) -> dict[str, str]:
    """The Dutch texts of the given content texts, as model field values."""
    return {name: split(value)[0] for name, value in fields.items()}


def field_values(**fields) -> dict:
    """Model field values for content texts (field=value): the Dutch texts in the fields, the
    other languages in `translations`. For the loaders of content that lives in the database."""
    return {**dutch(**fields), "translations": translations_of(**fields)}


class LocalizedAttribute(DeferredAttribute):
    """A model field's attribute that reads in the active language (see `translated`). A data
    descriptor (it has `__set__`), so reads go through it even when the value is loaded."""

    def __set__(self, instance, value):
        instance.__dict__[self.field.attname] = value

    def __get__(self, instance, cls=None):
        value = super().__get__(instance, cls)
        if instance is None:
            return value
        lang = current_language()
        if lang == SOURCE_LANGUAGE:
            return value
        return (instance.translations or {}).get(lang, {}).get(self.field.attname) or value


def translated(*names: str):
    """Class decorator for a content model with a `translations` JSONField: the named text
    fields read in the active language; the database column keeps the Dutch source."""

    def decorate(cls):
        for name in names:
            field = cls._meta.get_field(name)

            def raw(instance, *args, _attname=field.attname, **kwargs):
                return instance.__dict__.get(_attname)

            field.pre_save = raw
            field.value_from_object = raw
            setattr(cls, field.attname, LocalizedAttribute(field))
        cls.TRANSLATED_FIELDS = names
        return cls

    return decorate


@cache
def texts(name: str) -> dict:
    """The content file `content/<name>.yaml` (texts that are not loaded into the database)."""
    return yaml.safe_load((CONTENT_DIR / f"{name}.yaml").read_text(encoding="utf-8"))


LANGUAGES = ("nl", "en")
# Keys whose values are not texts for people: identifiers, citations, versions, references.
NOT_TEXT_KEYS = frozenset(
    {"key", "source", "version", "order", "instrument", "indicator", "steps", "kind", "url"}
)
PLACEHOLDER = re.compile(r"{(\w+)}")


def untranslated(data, path: str = "") -> list[str]:
    """Where a parsed content file has a text without every language: a {nl: ...} mapping
    without a (non-empty) English text or with other {placeholders}, or a plain string where a
    text belongs (Dutch only). Empty means complete."""
    problems = []
    if is_text(data):
        for lang in LANGUAGES:
            if not (isinstance(data.get(lang), str) and data[lang].strip()):
                problems.append(f"{path}: no {lang!r} text")
        if isinstance(data.get("en"), str) and set(PLACEHOLDER.findall(data["nl"])) != set(
            PLACEHOLDER.findall(data["en"])
        ):
            problems.append(f"{path}: the placeholders differ between 'nl' and 'en'")
    elif isinstance(data, dict):
        for key, value in data.items():
            where = f"{path}.{key}" if path else str(key)
            if isinstance(value, str) and key not in NOT_TEXT_KEYS:
                problems.append(f"{where}: Dutch only (write it as {{nl: ..., en: ...}})")
            else:
                problems += untranslated(value, where)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            problems += untranslated(value, f"{path}[{index}]")
    return problems
