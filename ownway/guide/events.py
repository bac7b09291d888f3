"""Audit actions of the jargon buster and the public information pages."""

from ownway.accounts.events import register

TERM_ADDED = register("guide.term_added", "Added a term to the jargon buster")
TERM_CHANGED = register("guide.term_changed", "Changed a term in the jargon buster")
PAGE_CHANGED = register("guide.page_changed", "Changed a public information page")
