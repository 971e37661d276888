def is_htmx(request) -> bool:
    """True for requests made by htmx (they get a partial instead of the whole page)."""
    return request.headers.get("HX-Request") == "true"
