"""Printable documents: a Jinja2 template made into an A4 PDF, for letters the council sends people.

Decision letters, contribution letters and support plans are all made the same way: a template that
extends ``ui/pdf/letter.html`` (the letterhead, address block, date, reference and page footer, styled
by ``ui/pdf/letter.css``) is rendered with the project's Jinja2 environment, and WeasyPrint lays it out.

* **Nothing is fetched.** Documents carry what people typed (escaped, but still), so the renderer may
  load no URL at all: no file, no web address, only ``data:`` URLs written into a template. Fonts come
  from the machine: Liberation Sans (Debian's ``fonts-liberation``, with the metrics of Arial), then
  DejaVu Sans (``fonts-dejavu-core``: Arabic, Hebrew, Cyrillic, Greek…) and Noto Sans CJK
  (``fonts-noto-cjk``: Chinese, Japanese, Korean), so that any name prints as written rather than as
  boxes; WeasyPrint needs Pango (``libpango-1.0-0``, ``libpangoft2-1.0-0``, ``libharfbuzz-subset0`` on
  Debian). ``.ci/run`` installs them all when missing, and the README gives the same line.
* **Accessible.** The PDF is tagged (PDF/UA-1), with its language and title, so screen readers read it
  in order, with its headings and lists.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher

#: What a PDF's answer says it is.
PDF_CONTENT_TYPE = "application/pdf"


def council() -> dict[str, Any]:
    """The council as its letters show it: name, postal address and phone number (from settings)."""
    return {
        "name": settings.OWNWAY_COUNCIL_NAME,
        "address_lines": list(settings.OWNWAY_COUNCIL_ADDRESS),
        "phone": settings.OWNWAY_COUNCIL_PHONE,
    }


def render_html(template_name: str, context: Mapping[str, Any], *, request: HttpRequest | None = None) -> str:
    """The document's HTML, with ``council`` in its context for the letterhead."""
    return render_to_string(template_name, {"council": council(), **context}, request=request)


def html_to_pdf(html: str) -> bytes:
    """A tagged PDF (PDF/UA-1) of ``html``, loading nothing but ``data:`` URLs. The page size and margins
    come from the document's CSS (``@page``); its title and language from ``<title>`` and ``lang``."""
    document = HTML(string=html, base_url=None, url_fetcher=URLFetcher(allowed_protocols={"data"}))
    pdf: bytes = document.write_pdf(pdf_variant="pdf/ua-1")
    return pdf


def render_pdf(template_name: str, context: Mapping[str, Any], *, request: HttpRequest | None = None) -> bytes:
    """The document made from a template as a PDF: see :func:`html_to_pdf`."""
    return html_to_pdf(render_html(template_name, context, request=request))


def pdf_response(pdf: bytes, *, filename: str) -> HttpResponse:
    """Answer with a PDF that the browser shows, and saves under ``filename``.

    Letters hold personal data, so they are never kept in a shared cache.
    """
    response = HttpResponse(pdf, content_type=PDF_CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["Content-Length"] = str(len(pdf))
    return response
