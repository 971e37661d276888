from django import template

register = template.Library()


@register.filter
def mean_for(breakdown, indicator_result):
    return breakdown.means_for(indicator_result)
