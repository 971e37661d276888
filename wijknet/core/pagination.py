"""Bounded lists: a page shows the first few rows of a list and a "show all" link; showing all
stays paginated, so no page ever renders a whole table.

    uncovered = bounded(request, queryset, key="partners", preview=10, per_page=50)

In the template: `{% for row in uncovered.items %}…{% endfor %}` and
`{% include "includes/bounded.html" with list=uncovered %}`. `?alle=<key>` switches one list of
the page to all rows, paginated with the shared pagination include (`page=` in the query string).
"""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator

ALL_PARAM = "alle"


@dataclass
class Bounded:
    items: list
    total: int
    key: str
    show_all: bool
    preview: int
    page_obj: Page | None = None
    query_string: str = ""  # for the pagination links (keeps `alle=<key>`)
    all_query: str = ""  # the page's query string with `alle=<key>`
    less_query: str = ""  # … and without it

    @property
    def is_paginated(self) -> bool:
        return self.page_obj is not None and self.page_obj.paginator.num_pages > 1

    @property
    def paginator(self):
        return self.page_obj.paginator if self.page_obj else None

    @property
    def more(self) -> bool:
        """Rows are left out of the preview."""
        return not self.show_all and self.total > len(self.items)


def bounded(
    request, rows, *, key: str, preview: int = 10, per_page: int = 50, always_count: bool = False
) -> Bounded:
    """The first `preview` rows of `rows` (a queryset or list) and their total, or with
    `?alle=<key>` one page of `per_page` rows. Two queries for a queryset in either mode; in the
    preview the total is counted only when rows are left out, unless `always_count` (for a
    list that a small network keeps under its preview and a large one does not: the page then
    makes the same queries at any size)."""
    query = request.GET.copy()
    query.pop("page", None)
    show_all = query.get(ALL_PARAM) == key
    query[ALL_PARAM] = key
    all_query = query.urlencode()
    query.pop(ALL_PARAM)
    less_query = query.urlencode()
    if show_all:
        page = Paginator(rows, per_page).get_page(request.GET.get("page"))
        return Bounded(
            items=list(page.object_list),
            total=page.paginator.count,
            key=key,
            show_all=True,
            preview=preview,
            page_obj=page,
            query_string=all_query,
            all_query=all_query,
            less_query=less_query,
        )
    items = list(rows[: preview + 1])
    total = _count(rows) if always_count or len(items) > preview else len(items)
    return Bounded(
        items=items[:preview],
        total=total,
        key=key,
        show_all=False,
        preview=preview,
        all_query=all_query,
        less_query=less_query,
    )


def _count(rows) -> int:
    return rows.count() if hasattr(rows, "count") and not isinstance(rows, list) else len(rows)
