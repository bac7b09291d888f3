"""Audit actions of reporting: every export of rows that name people is on the trail."""

from ownway.accounts.events import register

CLD_CHECKED = register("reporting.cld_checked", "Checked the data quality of a Client Level Data extract")
CLD_EXTRACT_WRITTEN = register("reporting.cld_extract_written", "Wrote a Client Level Data extract to a file")
CLD_EXTRACT_DOWNLOADED = register("reporting.cld_extract_downloaded", "Downloaded a Client Level Data extract")
CLD_FAILURES_VIEWED = register(
    "reporting.cld_failures_viewed", "Looked at the rows of a Client Level Data extract that failed a check"
)
CLD_FAILURES_DOWNLOADED = register(
    "reporting.cld_failures_downloaded", "Downloaded the rows of a Client Level Data extract that failed a check"
)
CLD_SCORES_DOWNLOADED = register(
    "reporting.cld_scores_downloaded",
    "Downloaded the data-quality summary of a Client Level Data extract (counts per field, no one named)",
)
