"""Guidance for people who employ a personal assistant (PA) with their direct payment: the topics, in the
order a new employer meets them. The words are in ``jinja2/directory/employing/<slug>.html``; each page names
its sources (GOV.UK "Employing people", ACAS, Skills for Care's information for individual employers).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    slug: str
    title: str
    summary: str


GUIDANCE: tuple[Topic, ...] = (
    Topic("recruiting", "Finding and choosing a PA", "Where to look, interviews, references and a DBS check."),
    Topic("job-description", "Writing a job description", "What the job is, the hours, and the person you want."),
    Topic("contract", "The contract", "The written terms you must give your PA, and when."),
    Topic("payroll", "Paying your PA and payroll", "Tax, National Insurance, pensions and payslips."),
    Topic("insurance", "Employer's liability insurance", "The insurance the law says you must have."),
    Topic("holiday-pay", "Holiday and holiday pay", "How much holiday your PA has and how it is paid."),
    Topic("sickness", "If your PA is ill", "Sick pay, and keeping your support going while they are off."),
)

TOPICS: dict[str, Topic] = {topic.slug: topic for topic in GUIDANCE}
