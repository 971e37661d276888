"""The wijkprofiel's figures on other apps' pages, without those apps importing this one."""

from django import template

from wijknet.wijkprofiel import queries

register = template.Library()


@register.simple_tag
def goal_figures(network, goals):
    """{% goal_figures network goals as figures %}: goal id → its linked indicators (one read
    for the whole list, see queries.goal_figures)."""
    return queries.goal_figures(network, list(goals))


@register.filter
def for_goal(figures, goal):
    return figures.get(goal.pk, []) if figures else []
