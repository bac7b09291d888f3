"""Lists that can grow, one page at a time, sorted by the column the reader chooses.

Every list of records that grows with the council (accounts, contacts, episodes, entries to check…) is shown
through :func:`paged_and_sorted`: a page of rows, the GOV.UK pagination component numbered as the Design System
shows it (first, last and the pages either side of this one, with ellipses between), and table headers that are
links to sort by that column, the sorted one marked with ``aria-sort`` so that screen readers say how the table is
ordered. Everything lives in the address (``?q=…&sort=…&order=…&page=…``), so it works without JavaScript,
and anything in the address that makes no sense gives the first page in the usual order. What is typed into a
list's search box is read with :func:`search_text`, the same way for every list.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.db.models import OrderBy, QuerySet
from django.http import HttpRequest
from markupsafe import Markup

from ownway.core.numbers import parse_page_number
from ownway.core.text import without_control_characters


def search_text(request: HttpRequest, name: str = "q", *, max_length: int = 100) -> str:
    """What was typed into a list's search box or filter (``?q=…``), as a query may use it: without control
    characters (PostgreSQL refuses a NUL in a query, and none belongs in a search), trimmed, and cut to
    ``max_length`` characters."""
    return without_control_characters(request.GET.get(name, "")).strip()[:max_length].strip()


@dataclass(frozen=True)
class Column:
    """A column of a list: its heading and, if it can be sorted, its name in the address and the fields it sorts
    by (ascending; ``F("field").asc(nulls_first=True)`` puts empty values first on every database; the list adds
    the primary key last so that pages never overlap)."""

    label: str
    sort: str | None = None
    order_by: tuple[str | OrderBy, ...] = ()
    numeric: bool = False


@dataclass
class Listing:
    page: Page[Any]
    columns: Sequence[Column]
    sort: str
    descending: bool
    query: dict[str, str]
    #: The address's name for this list's page number: ``page``, or another where one page shows several lists.
    page_key: str = "page"

    @property
    def items(self) -> list[Any]:
        return list(self.page.object_list)

    @property
    def count(self) -> int:
        return self.page.paginator.count

    def url(self, **changes: str | int) -> str:
        """This list's address with some of its parameters changed, the others kept."""
        query = {**self.query, **{k: str(v) for k, v in changes.items()}}
        return "?" + urlencode({k: v for k, v in query.items() if v != ""})

    def head(self) -> list[dict[str, Any]]:
        """The table's header cells for the GOV.UK table macro: sortable ones are links, the sorted one has
        ``aria-sort``."""
        cells: list[dict[str, Any]] = []
        for column in self.columns:
            cell: dict[str, Any] = {"text": column.label}
            if column.numeric:
                cell["format"] = "numeric"
            if column.sort is not None:
                current = column.sort == self.sort
                order = "asc" if not current or self.descending else "desc"
                arrow = ("▼" if self.descending else "▲") if current else ""
                cell.pop("text")
                cell["html"] = Markup(
                    '<a class="govuk-link ownway-sort" href="{}">{}<span class="govuk-visually-hidden">, sort {}'
                    "</span>{}</a>"
                ).format(
                    self.url(sort=column.sort, order=order, page=""),
                    column.label,
                    "ascending" if order == "asc" else "descending",
                    Markup(' <span aria-hidden="true">{}</span>').format(arrow) if arrow else "",
                )
                if current:
                    cell["attributes"] = {"aria-sort": "descending" if self.descending else "ascending"}
            cells.append(cell)
        return cells

    def pagination(self) -> dict[str, Any] | None:
        """Parameters for the GOV.UK pagination macro, or ``None`` when everything fits on one page."""
        paginator = self.page.paginator
        if paginator.num_pages <= 1:
            return None
        number = self.page.number
        items: list[dict[str, Any]] = []
        shown = sorted({1, paginator.num_pages, number - 1, number, number + 1} & set(paginator.page_range))
        for index, page in enumerate(shown):
            if index and page - shown[index - 1] > 1:
                items.append({"ellipsis": True})
            items.append({"number": page, "href": self.url(**{self.page_key: page}), "current": page == number})
        return {
            "previous": {"href": self.url(**{self.page_key: number - 1})} if self.page.has_previous() else None,
            "next": {"href": self.url(**{self.page_key: number + 1})} if self.page.has_next() else None,
            "items": items,
        }


def paged_and_sorted(
    request: HttpRequest,
    rows: QuerySet[Any],
    columns: Sequence[Column],
    *,
    default: str,
    descending: bool = False,
    per_page: int = 50,
    shown: Callable[[list[Any]], object] | None = None,
) -> Listing:
    """One page of ``rows`` sorted as the address asks (``sort`` one of the columns' names, ``order`` ``asc`` or
    ``desc``), by ``default`` otherwise; the rest of the address (a search, a filter) is kept in every link.

    ``shown`` is given the rows of the page that will be shown: for a list of named people, the selector's
    function that writes each person shown to the audit trail.
    """
    sortable = {c.sort: c for c in columns if c.sort is not None}
    sort = request.GET.get("sort", "")
    if sort not in sortable:
        sort = default
    order = request.GET.get("order", "")
    reverse = order == "desc" if order in ("asc", "desc") else (descending if sort == default else False)
    ordering = [_turned(field) if reverse else field for field in sortable[sort].order_by]
    paginator = Paginator(rows.order_by(*ordering, "-pk" if reverse else "pk"), per_page)
    page = paginator.get_page(parse_page_number(request.GET.get("page")))
    if shown is not None:
        shown(list(page.object_list))
    query = {k: str(v) for k, v in request.GET.items() if k not in ("page", "sort", "order")}
    if (sort, reverse) != (default, descending):
        query.update({"sort": sort, "order": "desc" if reverse else "asc"})
    return Listing(page=page, columns=columns, sort=sort, descending=reverse, query=query)


def paged_list(
    request: HttpRequest,
    items: Sequence[Any] | QuerySet[Any],
    columns: Sequence[Column],
    *,
    per_page: int = 50,
    page_key: str = "page",
    count: int | None = None,
) -> Listing:
    """One page of a list already ordered (a team's members with the work each holds, made in memory, or a
    query in its one order), in the same shape as :func:`paged_and_sorted` and shown with the same
    ``listing_table``; its columns do not sort. Where one page shows several lists, each names its own page
    number in the address (``page_key``) and keeps the others'. ``count``, when the caller has counted the
    rows already, saves counting them again."""
    paginator = Paginator(items, per_page)
    if count is not None:
        paginator.__dict__["count"] = count  # Paginator.count is a cached property
    page = paginator.get_page(parse_page_number(request.GET.get(page_key)))
    query = {k: str(v) for k, v in request.GET.items() if k != page_key}
    return Listing(page=page, columns=[Column(c.label, numeric=c.numeric) for c in columns], sort="", descending=False,
                   query=query, page_key=page_key)  # fmt: skip


def _turned(field: str | OrderBy) -> str | OrderBy:
    """The same field sorted the other way (for an expression, with its empty values at the other end too)."""
    if isinstance(field, OrderBy):
        turned = field.copy()
        turned.reverse_ordering()
        return turned
    return field[1:] if field.startswith("-") else f"-{field}"
