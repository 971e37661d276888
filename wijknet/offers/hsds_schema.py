"""The Open Referral HSDS 3.0 JSON schemas (draft 2020-12), vendored in `standards/hsds-3.0/`.

All files are loaded into one `referencing` registry under their file names, since they refer to
each other that way (`service.json` → `location.json`). `openapi.json` refers to the same
schemas by their published addresses (`…/schema/compiled/service.json`, `…/service_list.json`,
`…/schema/taxonomy.json`); those are answered from the local files by their last path segment,
a `*_list.json` by the object's own schema (a list item is a subset of the object: the list
schemas only leave out the one-to-many fields). Nothing is ever fetched from the network.

Formats are checked too (`uuid`, `email`, `uri`, `date-time`): the first two by jsonschema
itself, `uri` and `date-time` here with the standard library, so no extra packages are needed.
"""

import datetime
import functools
import json
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource
from referencing.jsonschema import DRAFT202012

SCHEMA_DIR = Path(settings.BASE_DIR) / "standards" / "hsds-3.0"
OPENAPI = "openapi.json"
TABULAR = "tabular.json"
MAX_ERRORS = 100


def _load(name: str) -> dict:
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))


def _local_name(uri: str) -> str:
    name = urlsplit(uri).path.rsplit("/", 1)[-1]
    if name.endswith("_list.json"):
        name = name.removesuffix("_list.json") + ".json"
    return name


def _retrieve(uri: str) -> Resource:
    """A published schema address → the vendored file of the same name (never fetched)."""
    path = SCHEMA_DIR / _local_name(uri)
    if not path.is_file():
        raise NoSuchResource(ref=uri)
    return DRAFT202012.create_resource(_load(path.name))


@functools.cache
def registry() -> Registry:
    resources = [
        (path.name, DRAFT202012.create_resource(json.loads(path.read_text(encoding="utf-8"))))
        for path in sorted(SCHEMA_DIR.glob("*.json"))
    ]
    return Registry(retrieve=_retrieve).with_resources(resources)


def _is_uri(value) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return bool(parts.scheme) and " " not in value


def _is_datetime(value) -> bool:
    if not isinstance(value, str):
        return True
    if "T" not in value.upper():
        return False
    try:
        parsed = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return parsed.tzinfo is not None


@functools.cache
def format_checker() -> FormatChecker:
    checker = FormatChecker(["uuid", "email"])
    checker.checks("uri")(_is_uri)
    checker.checks("date-time")(_is_datetime)
    return checker


@functools.cache
def validator(ref: str) -> Draft202012Validator:
    """A validator for one schema of the registry: a file name (`service.json`) or a pointer
    into one (`openapi.json#/components/schemas/Page`)."""
    return Draft202012Validator({"$ref": ref}, registry=registry(), format_checker=format_checker())


def errors(instance, ref: str, limit: int = MAX_ERRORS) -> list[str]:
    """The first `limit` validation errors of `instance` against `ref`, each as
    "path: message" (the path in the instance, `$` for the root)."""
    found = []
    for error in validator(ref).iter_errors(instance):
        path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
        found.append(f"${path}: {error.message[:300]}")
        if len(found) >= limit:
            break
    return found


def response_schema_ref(path: str) -> str:
    """The JSON pointer of the 200 response schema of an `openapi.json` path (e.g.
    `/services/{id}`)."""
    escaped = path.replace("~", "~0").replace("/", "~1")
    return f"{OPENAPI}#/paths/{escaped}/get/responses/200/content/application~1json/schema"


def page_errors(body, path: str) -> list[str]:
    """Errors of an API response of `path`: the response schema of `openapi.json` (a page
    with its `contents` for the list endpoints)."""
    return errors(body, response_schema_ref(path))
