"""The schema's error responses: every operation documents its application/problem+json
answers (RFC 9457, the NL API Design Rules), so that clients and schemathesis know them."""

PROBLEM = {
    "type": "object",
    "required": ["type", "title", "status"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "invalidParams": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["name", "reason"],
                "properties": {"name": {"type": "string"}, "reason": {"type": "string"}},
            },
        },
    },
}

DESCRIPTIONS = {
    "400": "Ongeldige invoer of parameters (invalidParams noemt ze).",
    "401": "Geen, een onbekende, verlopen of ingetrokken sleutel.",
    "403": "Je rol of de sleutel staat dit niet toe.",
    "404": "Bestaat niet in het netwerk van de sleutel (of pagina buiten bereik).",
    "412": "If-Match is ouder dan de opgeslagen versie.",
    "428": "If-Match ontbreekt.",
    "429": "Te veel verzoeken; wacht Retry-After seconden.",
}

PUBLIC = {"/api/v1/"}


def add_problem_responses(result, generator, request, public):
    """drf-spectacular postprocessing hook (SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"])."""
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components["Problem"] = PROBLEM
    ref = {"$ref": "#/components/schemas/Problem"}
    for path, operations in result.get("paths", {}).items():
        if path in PUBLIC:
            continue
        for operation in operations.values():
            codes = ["400", "401", "403", "404", "429"]
            if any(p.get("name") == "If-Match" for p in operation.get("parameters", [])):
                codes += ["412", "428"]
            responses = operation.setdefault("responses", {})
            for code in codes:
                responses.setdefault(
                    code,
                    {
                        "description": DESCRIPTIONS[code],
                        "content": {"application/problem+json": {"schema": ref}},
                    },
                )
    return result
