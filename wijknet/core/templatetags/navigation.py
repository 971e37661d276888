from django import template

from wijknet.core import navigation

register = template.Library()


@register.simple_tag(takes_context=True)
def site_nav(context):
    """`{% site_nav as nav %}`: `nav.bar` (account menu etc.) and `nav.menu` (network menu)."""
    request = context.get("request")
    return navigation.render(request) if request is not None else navigation.EMPTY
