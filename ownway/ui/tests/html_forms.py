"""What a browser without JavaScript would send from a page's form: for tests that fill in forms as people do."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class PageForm:
    """One form of a page: where and how it is sent, what a browser would send as it stands, its buttons
    (each a name and value sent only when it is pressed), the name of every control, and which of them are hidden."""

    method: str
    action: str
    multipart: bool
    fields: list[tuple[str, str]] = field(default_factory=list)
    buttons: list[tuple[str, str]] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)

    def data(self) -> dict[str, list[str]]:
        values: dict[str, list[str]] = {}
        for name, value in self.fields:
            values.setdefault(name, []).append(value)
        return values


class _FormReader(HTMLParser):
    """Reads the form with ``form_id``, or every form on the page when it is None."""

    def __init__(self, form_id: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.forms: list[PageForm] = []
        self._form: PageForm | None = None
        self._select: str | None = None
        self._select_first: str | None = None
        self._select_chosen = False
        self._textarea: str | None = None
        self._text: list[str] = []

    def _named(self, name: str) -> None:
        assert self._form is not None
        if name not in self._form.names:
            self._form.names.append(name)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and (self.form_id is None or a.get("id") == self.form_id):
            self._form = PageForm(
                method=(a.get("method") or "get").lower(),
                action=a.get("action", ""),
                multipart=a.get("enctype", "") == "multipart/form-data",
            )
            self.forms.append(self._form)
            return
        form = self._form
        if form is None or "disabled" in a:
            return
        name = a.get("name", "")
        if tag in {"input", "button"} and name:
            kind = a.get("type", "text" if tag == "input" else "submit")
            if kind in {"submit", "image"}:
                form.buttons.append((name, a.get("value", "")))
                return
            if kind in {"button", "reset", "file"}:
                return
            self._named(name)
            if kind == "hidden" and name not in form.hidden:
                form.hidden.append(name)
            if kind in {"checkbox", "radio"}:
                if "checked" in a:
                    form.fields.append((name, a.get("value", "on")))
                return
            form.fields.append((name, a.get("value", "")))
        elif tag == "select" and name:
            self._named(name)
            self._select, self._select_first, self._select_chosen = name, None, False
        elif tag == "option" and self._select is not None:
            if self._select_first is None:
                self._select_first = a.get("value", "")
            if "selected" in a and not self._select_chosen:
                form.fields.append((self._select, a.get("value", "")))
                self._select_chosen = True
        elif tag == "textarea" and name:
            self._named(name)
            self._textarea, self._text = name, []

    def handle_endtag(self, tag: str) -> None:
        form = self._form
        if tag == "form" and form is not None:
            self._form = None
        elif form is None:
            return
        elif tag == "select" and self._select is not None:
            if not self._select_chosen and self._select_first is not None:
                form.fields.append((self._select, self._select_first))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            text = "".join(self._text)
            form.fields.append((self._textarea, text[1:] if text.startswith("\n") else text))
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text.append(data)


def form_fields(html: str, form_id: str) -> dict[str, list[str]]:
    """The fields of the form with this id, as a browser would send them (no buttons), name to values."""
    reader = _FormReader(form_id)
    reader.feed(html)
    return reader.forms[0].data() if reader.forms else {}


def page_forms(html: str) -> list[PageForm]:
    """Every form of the page, in order."""
    reader = _FormReader(None)
    reader.feed(html)
    return reader.forms
