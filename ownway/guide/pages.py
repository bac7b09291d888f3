"""The public information pages' first content, which council officers then change on the pages' staff screens.

What people asked to know before they ask for help (seed 001): who is entitled, how to apply, the budget bands,
what a direct payment may be spent on, what happens to money not spent and whether it affects benefits; with the
council's service standard and how to complain, and information for people who pay for their own care. Sources:
the Care Act 2014 (s.4 information and advice; s.9 and s.10 assessments; s.13 and the Care and Support
(Eligibility Criteria) Regulations 2015; s.31 to s.33 direct payments), the Care and Support (Direct Payments)
Regulations 2014, the Care and Support Statutory Guidance (chapters 11, 12 and 13), and the Local Authority Social
Services and NHS Complaints (England) Regulations 2009. Figures the council keeps (budget bands, timescales) are
placeholders, filled from the records when a page is shown (``ownway.guide.blocks``).

Each page: (slug, title, summary, body, easy read body), in the markup of :mod:`ownway.guide.markup`.
"""

from __future__ import annotations

from typing import Any

PAGES: list[tuple[str, str, str, str, str]] = [
    (
        "care-and-support",
        "Care and support: who can get it and how to ask",
        "What care and support is, who the council helps, and how to ask for help for yourself or someone else.",
        """Care and support is help for adults to live the life they want: help with washing, dressing and meals, \
getting out and seeing people, staying safe at home, work and learning, and support for the people who care for \
them.

## Who can get help

Anyone who seems to need care and support can ask for an assessment, whatever their income or savings. So can \
anyone who looks after an adult without being paid: this is a carer's assessment.

We will talk with you about what matters to you, what you can do, who helps you and what would make a difference. \
Often the answer is something near you, such as a local group, a piece of equipment or a short spell of \
reablement at home.

If you have eligible needs, we must make sure they are met. Your needs are eligible when, because of a physical \
or mental condition, you cannot do two or more everyday things (such as washing, eating, keeping your home safe, \
or seeing family and friends), and this has a big effect on your wellbeing.

## How to ask

- Fill in the form to ask for help online, for yourself or for someone else.
- Phone us. We will listen and help you find what you need.
- Your GP, a nurse or someone else who knows you can ask for you, if you agree.

## What happens next

We contact you, talk with you and, if you need longer-term support, work out an indicative budget with you. You \
then write a support plan, with our help or with someone you choose. Once the plan is agreed, your personal \
budget pays for it. We check with you that it is working in a review.

[[service standard]]
""",
        """Care and support is help for adults.

It can be help to wash, dress or eat. It can be help to go out and see people.

Anyone can ask us for help. It does not matter how much money you have.

Carers can ask for help too.

We will talk with you about what you need.

## How to ask

- Fill in the form on this website.
- Phone us.
- Ask someone you know to contact us for you.
""",
    ),
    (
        "how-budgets-are-worked-out",
        "How your budget is worked out",
        "How we work out the money for your support, the council's budget bands, and what you may pay towards it.",
        """After your assessment, we work out an indicative budget: a first idea of how much money your support \
might cost each week.

## How we work it out

We use a Resource Allocation System. It turns the answers from your assessment into points, and the points into \
pounds a week. Everyone's answers go through the same rules, so money is shared out fairly.

The amount falls in one of the council's budget bands:

[[budget bands]]

## It is a starting point

The indicative budget helps you plan. Your personal budget is the amount we agree in your support plan. It can be \
more or less than the indicative budget, if that is what it costs to meet your eligible needs.

If you think your indicative budget is wrong, you can ask us to look at it again.

## How you can take your budget

- As a direct payment: we pay the money to you and you arrange your own support.
- As a council-managed budget: we arrange your support for you.
- As an Individual Service Fund: a provider you choose holds the money and plans your support with you.
- A mix of these.

## What you pay

Most people pay something towards their support. This is your contribution. We work it out in a financial \
assessment, from your income and savings, and you always keep the Minimum Income Guarantee to live on. You never \
pay more than your support costs.
""",
        """We work out how much money you may get for your support.

We use the same rules for everyone. This is fair.

First you get an idea of your budget. Then you make a plan. The plan says how much money you get.

You can get the money yourself. Or we can use the money to set up your support for you.

Most people pay some money towards their support. We look at your money to work out how much.

You always keep some money each week to live on.
""",
    ),
    (
        "direct-payments",
        "Direct payments: what you can spend them on",
        "What a direct payment can and cannot pay for, what happens to money you do not spend, and your benefits.",
        """A direct payment is money we pay into an account for you, so that you can arrange the support in your \
support plan yourself. You choose who supports you, when and how.

## What you can spend it on

Anything in your support plan that meets your needs and helps you achieve your outcomes. For example:

- a personal assistant you employ
- a care agency you choose
- activities, classes or day opportunities
- short breaks, for you or for your carer
- equipment or other things agreed in your plan

## What you cannot spend it on

- anything that is not in your support plan
- everyday bills, such as food, rent, gas and electricity
- alcohol, tobacco, gambling or anything illegal
- a long stay in a care home (short stays may be possible: ask us)
- paying a close relative who lives with you, unless we have agreed it is needed

## Money you do not spend

Keep your direct payment in its own account and keep your receipts. We check the account. If money builds up \
that you do not need for your support, we will talk with you first, and we may take back what is not needed. If \
your needs change, tell us: we can change your plan.

## Your benefits

A direct payment is not income: it does not reduce your benefits and you do not pay tax on it. Your benefits can \
change how much you pay towards your support (your contribution).

## Help to manage it

You can ask someone to help you manage your direct payment, or to manage it for you. If you employ a personal \
assistant, you are their employer: we can point you to help with payroll, insurance and contracts.
""",
        """A direct payment is money from the council.

You use it to pay for your support. You choose who helps you.

You can pay for things in your plan. Like a helper, activities or a short break.

You cannot pay for food, bills, alcohol or things that are not in your plan.

Keep your money in its own bank account. Keep your receipts.

If you do not use all the money, we may take some back. We will talk with you first.

A direct payment does not change your benefits.
""",
    ),
    (
        "our-service-standard",
        "Our service standard and how to complain",
        "How fast we answer, assess and review, and what to do if you are unhappy with our service.",
        """We want to help you quickly and well. This is what we aim to do:

[[service standard]]

## If you are unhappy

Tell your worker first: they may be able to put things right quickly.

You can complain in writing, by phone, online or through your worker. Someone can complain for you, with your \
agreement. Complain within 12 months of what happened, or of when you found out about it. If there is a good \
reason you could not complain sooner, tell us: we can still look at it.

We will tell you within 3 working days that we have your complaint, and offer to talk with you about how we will \
look into it and how long it will take. Our answer will say what we found, what we will do and what you can do \
next.

You can have someone to help you complain, such as a friend, a family member or an advocate.

## If you are still unhappy

You can ask the Local Government and Social Care Ombudsman to look at your complaint once we have answered. The \
Ombudsman is independent and free: [www.lgo.org.uk](https://www.lgo.org.uk).
""",
        """We want to help you quickly.

If you are not happy, you can tell us. This is called a complaint.

Tell us within 12 months.

We will tell you we have your complaint within 3 working days.

Someone can help you, like a friend, family or an advocate.

If you are still not happy, you can ask the Ombudsman. The Ombudsman is free. The Ombudsman does not work for \
the council.
""",
    ),
    (
        "paying-for-your-own-care",
        "If you pay for your own care",
        "Help and advice for people who arrange and pay for their own care.",
        """Many people arrange and pay for their own care. You are a self-funder if you do.

## You can still ask us

Whatever your savings, you can ask us for an assessment, advice and information. We can tell you what might help, \
such as equipment, telecare or local groups, and how to find a good care provider in the directory.

If your savings go down to the council's limit, we may start to help pay for your care. Ask us before that happens, \
so that there is no gap.

## Checking what you might pay

Use our estimator to get an idea of what you might pay towards your care if we arrange it. It does not save \
anything about you.

## Care homes

If you move into a care home and own your home, you may be able to pay your fees later with a deferred payment, \
so that you do not have to sell your home straight away.

## Your benefits

Check that you get the benefits you are entitled to, such as Attendance Allowance or Personal Independence \
Payment. They do not depend on your savings.
""",
        """Some people pay for all their own care.

You can still ask us for help and advice.

If your money runs low, we may help to pay for your care. Tell us early.

You may be able to get benefits. We can tell you about them.
""",
    ),
]


def defaults_load(page_model: Any, version_model: Any) -> int:
    """Add each page that is not there yet (by its slug), as its version 1; how many were added."""
    added = 0
    for position, (slug, title, summary, body, easy_read) in enumerate(PAGES, start=1):
        if page_model.objects.filter(slug=slug).exists():
            continue
        page = page_model.objects.create(
            slug=slug, title=title, summary=summary, body=body, easy_read_body=easy_read, position=position, version=1
        )
        version_model.objects.create(
            page=page,
            number=1,
            title=title,
            summary=summary,
            body=body,
            easy_read_body=easy_read,
            note="The first version",
        )
        added += 1
    return added
