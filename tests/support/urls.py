"""Every named URL pattern of the project, for tests that check all pages of a kind."""

from django.urls import URLPattern, URLResolver, get_resolver


def named_patterns(resolver=None, namespace="", outer=frozenset()):
    """(full name, URLPattern, names of every parameter in its whole route) of every pattern,
    includes followed; a pattern without a name fails (every page is reachable by name and
    listed in the authorization matrix). A pattern's own converters hold only its part of the
    route: an app mounts its pages under one prefix such as n/<slug:network_slug>/clienten/."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        params = outer | set(pattern.pattern.converters)
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace
            yield from named_patterns(pattern, f"{namespace}{ns}:" if ns else namespace, params)
        elif isinstance(pattern, URLPattern):
            assert pattern.name, f"URL pattern {pattern.pattern} has no name"
            yield namespace + pattern.name, pattern, params
