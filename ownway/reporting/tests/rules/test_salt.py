"""STS001 and LTS001a from extract rows, worked out by hand."""

from __future__ import annotations

import datetime as dt

from ownway.reporting.rules.salt import lts001a, sts001


def request(person, born, start, end, outcome):
    return {"Client Type": "Service user", "Event Type": "Request", "LA Person Unique Identifier": person,
            "Date of Birth": born, "Event Start Date": start, "Event End Date": end,
            "Event Outcome": outcome}  # fmt: skip


def service(person, born, kind, start, end=""):
    return {"Client Type": "Service user", "Event Type": "Service", "LA Person Unique Identifier": person,
            "Date of Birth": born, "Service Type": kind, "Event Start Date": start, "Event End Date": end}  # fmt: skip


OLD, YOUNG = "1940-01-01", "1990-01-01"
ROWS = [
    # A: 86, request ended 10 May; reablement starts 1 June (22 days later): ST-Max.
    request("A", OLD, "2026-05-01", "2026-05-10", "Progress to reablement/ST-Max"),
    service("A", OLD, "Short term support: ST-Max", "2026-06-01", "2026-06-30"),
    # B: 36, request ended 1 May, community support from 1 July (61 days: too late); outcome signposting.
    request("B", YOUNG, "2026-04-20", "2026-05-01", "NFA: Information and advice or signposting"),
    service("B", YOUNG, "Long term support: Community", "2026-07-01"),
    # C: 86, already in residential care when the request came: not a new client.
    service("C", OLD, "Long term support: Residential care", "2025-01-01"),
    request("C", OLD, "2026-06-01", "2026-06-03", "Progress to assessment, review or reassessment"),
    # D: 86, two services within 28 days: nursing ranks above community.
    request("D", OLD, "2026-08-01", "2026-08-02", "Progress to support planning or services"),
    service("D", OLD, "Long term support: Community", "2026-08-05", "2026-08-20"),
    service("D", OLD, "Long term support: Nursing care", "2026-08-21"),
    # E: 36, died.
    request("E", YOUNG, "2026-09-01", "2026-09-02", "NFA: Deceased"),
    # F: 16: not counted.
    request("F", "2010-01-01", "2026-09-01", "2026-09-02", "NFA: Other"),
]


def test_sts001_counts_new_clients_requests_by_sequel():
    table = sts001(ROWS)
    assert table.count("Short Term Support to Maximise Independence", "65 and over") == 1  # A
    assert table.count("Universal Services / Signposted to other services", "18 to 64") == 1  # B
    assert table.count("Long Term Support: Nursing Care", "65 and over") == 1  # D
    assert table.count("No Services Provided – Deceased", "18 to 64") == 1  # E
    # C (not new) and F (under 18) are not counted: the denominators are A and D, and B and E.
    assert (table.total("65 and over"), table.total("18 to 64")) == (2, 2)


def test_lts001a_counts_each_person_once_in_the_highest_setting():
    table = lts001a(ROWS, period_end=dt.date(2027, 3, 31))
    assert table.count("Nursing care", "65 and over") == 1  # D, community then nursing: nursing
    assert table.count("Community", "65 and over") == 0
    assert table.count("Residential care", "65 and over") == 1  # C
    assert table.count("Community", "18 to 64") == 1  # B
    assert (table.total("65 and over"), table.total("18 to 64")) == (2, 1)
