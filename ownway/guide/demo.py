"""The demo city's jargon buster and information pages: the first content comes with the app (its data migration);
the demo adds what a council does next, through the services the staff pages use. Its commissioner adds a local
term and a local paragraph to the care and support page, so the page shows a second version, who saved it and when.
Running it again changes nothing."""

from __future__ import annotations

from django.db import transaction

from ownway.accounts.models import User
from ownway.accounts.roles import Role

from .models import Page, TermName
from .services import PageData, TermData, page_change, term_add
from .terms import name_key

LOCAL_TERM = TermData(
    term="Shared Lives",
    meaning="Living with, or spending days with, an approved Shared Lives carer and their family, who share their home "
    "and family life with you. The council checks the scheme and can pay for it from your personal budget.",
    easy_read_meaning="Living or spending time with a family who help you.",
    also_known_as="adult placement",
)
LOCAL_PARAGRAPH = (
    "## Help near you\n\nOur community hubs in the libraries are open every weekday morning: come in and talk to us, "
    "no appointment needed."
)


def generate_guide() -> list[str]:
    """The demo's local term and page change, made by the demo commissioner; what was made, as lines."""
    officer = User.objects.filter(role=Role.COMMISSIONER, is_active=True).order_by("pk").first()
    if officer is None:
        return []
    lines: list[str] = []
    with transaction.atomic():
        if not TermName.objects.filter(key=name_key(LOCAL_TERM.term)).exists():
            term_add(actor=officer, data=LOCAL_TERM)
            lines.append(f"Jargon buster: {officer.get_username()} added “{LOCAL_TERM.term}”")
        page = Page.objects.filter(slug="care-and-support").first()
        if page is not None and LOCAL_PARAGRAPH not in page.body:
            page_change(
                actor=officer,
                page=page,
                data=PageData(
                    title=page.title,
                    summary=page.summary,
                    body=f"{page.body}\n\n{LOCAL_PARAGRAPH}",
                    easy_read_body=page.easy_read_body,
                    note="Added our community hubs",
                ),
            )
            lines.append(f"Information pages: {officer.get_username()} added the community hubs to “{page.title}”")
    return lines
