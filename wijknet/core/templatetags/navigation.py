from django import template
from django.templatetags.static import static

from wijknet.core import navigation

register = template.Library()
_static_urls: dict[str, str] = {}


@register.simple_tag(takes_context=True)
def site_nav(context):
    """`{% site_nav as nav %}`: `nav.bar` (account menu etc.) and `nav.menu` (network menu)."""
    request = context.get("request")
    if request is None:
        return navigation.EMPTY
    return navigation.render(request, context.get("csrf_token"))


@register.simple_tag
def static_url(path):
    """`{% static %}` for the layout's own files, looked up once per process (the storage and
    its manifest do not change while it runs)."""
    url = _static_urls.get(path)
    if url is None:
        url = _static_urls[path] = static(path)
    return url
