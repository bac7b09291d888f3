"""The jargon buster's first terms, in the council's own words.

They start from the kinds of words in the Social Care Jargon Buster that York's scrutiny report printed (seed 002,
Annex F: Think Local Act Personal and the Social Care Institute for Excellence), written afresh here, and add the
words Ownway itself puts on people's pages and letters (budgets, direct payments, the Three Conversations…) and
the shorthand staff use, so a new worker can look it up. Each entry: (term, meaning, easy read meaning, other
names and abbreviations separated by commas, audience). Loaded once by the app's data migration
(``0002_first_terms_and_pages``); after that staff change them on the jargon buster's staff pages.
"""

from __future__ import annotations

from typing import Any

EVERYONE = "everyone"
STAFF = "staff"

TERMS: list[tuple[str, str, str, str, str]] = [
    ("Abuse",
     "When someone harms an adult, or puts them at risk of harm. It can be hitting or rough handling, hurtful words, "
     "taking their money or things, sexual abuse, or not giving them the care they need. It can be done by anyone, "
     "including family, friends and paid workers.",
     "When someone hurts you or treats you badly. It can be hitting, shouting or taking your money.",
     "", EVERYONE),
    ("Adult social care",
     "Help from the council for adults who need support to live their lives: older people, disabled people, people "
     "with mental health needs or a long-term illness, and the people who care for them.",
     "Help from the council for adults who need support in their lives.",
     "social care", EVERYONE),
    ("Advocate",
     "Someone independent of the council who helps you say what you want, understand your choices and make sure "
     "your rights are respected. The council must arrange one if you would find it very hard to take part in an "
     "assessment, a plan or a review and have no one suitable to help.",
     "Someone who helps you say what you want. They do not work for the council.",
     "advocacy, independent advocate", EVERYONE),
    ("Aids and adaptations",
     "Equipment and changes to your home that make everyday things easier and safer, such as grab rails, a shower "
     "seat, a ramp or a stair lift.",
     "Things that make your home easier and safer, like handrails or a ramp.",
     "equipment, adaptations", EVERYONE),
    ("Assessment",
     "A conversation to find out what you need help with, what matters to you, what you can already do and who "
     "helps you. It decides whether you are eligible for support from the council.",
     "When we talk with you about what help you need.",
     "needs assessment", EVERYONE),
    ("Benefits",
     "Money paid by the government because of your age, a disability, a low income or because you care for someone. "
     "Some benefits affect what you pay towards your care.",
     "Money from the government, like Pension Credit or Personal Independence Payment.",
     "", EVERYONE),
    ("Broker",
     "Someone who helps you find and arrange the support in your plan: a care agency, a day service, a personal "
     "assistant or something else.",
     "Someone who helps you find and set up your support.",
     "brokerage, care navigator", EVERYONE),
    ("Care Act 2014",
     "The law that says what councils in England must do for adults who need care and support, and for their carers.",
     "The law about care and support for adults.",
     "Care Act", EVERYONE),
    ("Carer",
     "Someone who helps a family member, partner, friend or neighbour who could not manage without them, and is not "
     "paid to do it. A paid worker is a care worker, not a carer.",
     "Someone who looks after a family member or friend, without being paid.",
     "unpaid carer", EVERYONE),
    ("Carer's assessment",
     "A conversation with a carer about the caring they do, how it affects their life and what would help them. "
     "Any carer who looks after an adult can ask for one.",
     "When we talk with a carer about what help they need.",
     "carers assessment", EVERYONE),
    ("Care worker",
     "Someone who is paid to help a person with their care, such as washing, dressing, meals or getting out.",
     "Someone who is paid to help you.",
     "support worker, care assistant", EVERYONE),
    ("Client group",
     "A broad group of people with similar needs that the council counts together, such as older people or people "
     "with a learning disability.",
     "A group of people with similar needs.",
     "", EVERYONE),
    ("Commissioner",
     "A council officer who plans what care and support an area needs and makes sure it is there.",
     "Someone at the council who plans what support is needed.",
     "", EVERYONE),
    ("Continuing healthcare",
     "Care arranged and paid for by the NHS for someone whose needs are mainly health needs. It is free.",
     "Care the NHS pays for when your needs are mainly about your health.",
     "NHS continuing healthcare, CHC", EVERYONE),
    ("Contribution",
     "What you pay each week towards the cost of your care and support. The council works it out from your income "
     "and savings in a financial assessment, and you never pay more than your care costs.",
     "The money you pay each week towards your support.",
     "client contribution", EVERYONE),
    ("Council-managed budget",
     "A personal budget that the council spends for you: it arranges and pays for the support in your plan.",
     "The council uses your budget to set up your support for you.",
     "managed budget, council-arranged support", EVERYONE),
    ("Co-production",
     "When people who use services and their families work as equal partners with the council to design support.",
     "When people who use support help to plan it.",
     "coproduction", EVERYONE),
    ("Day opportunities",
     "Things to do in the day outside your home, such as activities, learning, work or volunteering, with support "
     "if you need it.",
     "Places to go and things to do in the day.",
     "day services, day care", EVERYONE),
    ("Direct payment",
     "Money the council pays into an account for you, instead of arranging services, so that you can buy the "
     "support in your plan yourself: you choose who helps you and when. You agree how you will keep records and "
     "the council checks the account.",
     "Money from the council so you can choose and pay for your own support.",
     "DP, direct payments", EVERYONE),
    ("Eligible needs",
     "Needs that meet the national rules in the Care Act: they come from a physical or mental condition, mean you "
     "cannot do two or more everyday things (such as washing, eating or keeping safe), and as a result have a "
     "significant effect on your wellbeing. The council must meet eligible needs.",
     "The needs the council must help you with.",
     "eligibility, eligibility criteria, eligible", EVERYONE),
    ("Financial assessment",
     "A look at your income, savings and costs to work out what you can afford to pay towards your care.",
     "When we look at your money to see what you pay.",
     "means test, financial review", EVERYONE),
    ("Home care",
     "Paid care workers who come to your home to help with everyday things such as getting up, washing and meals.",
     "Care workers who visit you at home.",
     "domiciliary care, homecare", EVERYONE),
    ("Indicative budget",
     "A first idea of how much money your support might cost a week, worked out from your assessment. It helps "
     "you plan. The amount in your personal budget is set when your support plan is agreed.",
     "A first idea of how much money you may get for your support.",
     "indicative amount, estimated budget", EVERYONE),
    ("Individual Service Fund",
     "A personal budget that a provider you choose holds and manages for you: you decide with them how it is spent "
     "on your support, without having to manage the money yourself.",
     "A care company looks after your budget and you choose how it is used.",
     "ISF", EVERYONE),
    ("Independent living",
     "Having choice and control over your own life, with the support you need. It does not mean doing everything "
     "by yourself.",
     "Choosing how you live, with help if you need it.",
     "", EVERYONE),
    ("Minimum Income Guarantee",
     "The amount of money a week the law says you must keep for your own living costs after paying towards your "
     "care at home. It depends on your age and circumstances.",
     "Money you always keep each week to live on.",
     "MIG", EVERYONE),
    ("Occupational therapist",
     "A professional who helps you do everyday things more easily and safely, for example with new ways of doing "
     "things, equipment or changes to your home.",
     "Someone who helps you do everyday things more easily.",
     "OT", EVERYONE),
    ("Outcomes",
     "What you want to achieve or change in your life, in your own words: for example, to stay in your own home or "
     "to get out to see friends.",
     "What you want to happen in your life.",
     "outcome", EVERYONE),
    ("Personal assistant",
     "Someone you employ yourself, usually with a direct payment, to support you in the way that suits you.",
     "Someone you choose and pay to help you.",
     "PA", EVERYONE),
    ("Personal budget",
     "The amount of money the council agrees it will cost to meet your eligible needs, set out in your support plan. "
     "You can take it as a direct payment, have the council manage it, ask a provider to hold it as an Individual "
     "Service Fund, or mix these.",
     "The money for your support each week.",
     "individual budget, person budget", EVERYONE),
    ("Personalisation",
     "Care and support built around you as a person, so that you have choice and control.",
     "Support that is planned around you.",
     "", EVERYONE),
    ("Preventing needs",
     "Help early on, such as advice, equipment or a short spell of support, so that problems do not get worse.",
     "Help early so things do not get worse.",
     "prevention, preventative services", EVERYONE),
    ("Reablement",
     "Short-term support at home, usually up to six weeks and free of charge, to help you relearn everyday skills "
     "after an illness, a fall or a stay in hospital.",
     "Short help at home to get your skills back. It is free.",
     "enablement, short-term support", EVERYONE),
    ("Referral",
     "Asking the council for help, for yourself or for someone else (with their agreement).",
     "Asking the council for help.",
     "", EVERYONE),
    ("Residential care",
     "Living in a care home, with staff there day and night, with or without nursing care.",
     "Living in a care home.",
     "care home", EVERYONE),
    ("Resource Allocation System",
     "The council's way of turning the answers from your assessment into an indicative budget, using the same rules "
     "for everyone so that money is shared out fairly.",
     "How the council works out a first idea of your budget.",
     "RAS", EVERYONE),
    ("Respite",
     "A break for a carer, while the person they care for is supported by someone else, at home or away.",
     "A break for a carer.",
     "short break, respite care", EVERYONE),
    ("Review",
     "A check, with you and the people who matter to you, that your support is working and your plan still fits. It "
     "happens within a few weeks of your plan starting, then at least once a year, and whenever you ask.",
     "When we check your support is still right for you.",
     "reassessment", EVERYONE),
    ("Risk assessment",
     "Thinking through what could go wrong and how to make it less likely, so that you can still do what you want.",
     "Thinking about what could go wrong and how to stop it.",
     "", EVERYONE),
    ("Safeguarding",
     "Working together to protect adults who cannot protect themselves from abuse or neglect, in the way the person "
     "wants.",
     "Keeping people safe from being hurt.",
     "adult safeguarding", EVERYONE),
    ("Self-assessment",
     "A form you fill in yourself, on paper or online, to tell us about your needs before or as part of an "
     "assessment.",
     "A form you fill in about the help you need.",
     "self assessment", EVERYONE),
    ("Self-funder",
     "Someone who arranges and pays for all their own care, without money from the council.",
     "Someone who pays for all their own care.",
     "self-funding, self funder", EVERYONE),
    ("Signposting",
     "Pointing you to information or a service that can help, such as a local group or advice line.",
     "Telling you about other places that can help.",
     "", EVERYONE),
    ("Social worker",
     "A qualified professional who works with you to understand what you need, plan your support and keep you safe.",
     "Someone whose job is to help you get the right support.",
     "", EVERYONE),
    ("Support plan",
     "Your written plan, made with you, of what you want to achieve, the support that will help and what it costs "
     "from your personal budget. The council agrees it before support starts.",
     "Your plan of the help you will get.",
     "care plan, care and support plan", EVERYONE),
    ("Telecare",
     "Alarms and sensors in your home that call for help if something goes wrong, such as a pendant alarm or a fall "
     "sensor.",
     "Alarms in your home that get help if you need it.",
     "assistive technology", EVERYONE),
    ("Three Conversations",
     "How the council works with you: first, listen and connect you with help near you; second, if things are "
     "urgent, act quickly to make you safe; third, plan longer-term support with you.",
     "Three ways we talk with you about the help you need.",
     "3 conversations", EVERYONE),
    ("Universal services",
     "Services for everyone, like libraries, buses, leisure centres and GPs, which do not need an assessment.",
     "Places and services anyone can use.",
     "", EVERYONE),
    ("Voluntary organisation",
     "A charity or community group that is not run by the council or to make a profit.",
     "A charity or community group.",
     "charity, voluntary sector, third sector", EVERYONE),
    ("Wellbeing",
     "How your life is going: your health, feeling safe, having control over your day, your relationships, your money "
     "and taking part in things you enjoy. The council must think about it in everything it does for you.",
     "How you feel about your life.",
     "", EVERYONE),
    ("Named worker",
     "The person at the council who is your main contact for your care and support.",
     "The person at the council you can contact.",
     "allocated worker, key worker", EVERYONE),
    ("Deferred payment",
     "An agreement to pay your care home fees later, usually when your home is sold, so you do not have to sell it "
     "while you are alive.",
     "Paying your care home costs later.",
     "deferred payment agreement, DPA", EVERYONE),
    ("Regulation",
     "A numbered rule in a set of regulations: the detailed rules made under a law, such as the Care Act. "
     "“reg 2(1)(b)” is short for regulation 2, paragraph (1), part (b). The page or letter says which regulations "
     "it means.",
     "A rule in the law. “reg 2” means rule number 2.",
     "reg, regs", EVERYONE),
    # Shorthand staff use, explained for new workers.
    ("No further action",
     "The council has decided not to do anything more for now, such as after a contact or a concern, and has said "
     "why. Write it out in full on anything a person reads.",
     "",
     "NFA", STAFF),
    ("Short-term maximisation",
     "Short-term support (reablement) to help someone do as much as they can for themselves before deciding on "
     "longer-term support, as the national short and long term return counts it.",
     "",
     "ST-Max, STMax", STAFF),
    ("Section 42 enquiry",
     "The enquiry the council makes, or asks another organisation to make, when it thinks an adult with care and "
     "support needs is being abused or neglected and cannot protect themselves (Care Act 2014, section 42).",
     "",
     "s.42 enquiry, S42", STAFF),
    ("Short and long term return",
     "The yearly return of figures to NHS England on requests for support, reablement and long-term support.",
     "",
     "SALT", STAFF),
    ("Client Level Data",
     "The return of each person's care records, without names, that councils send to the Department of Health and "
     "Social Care every quarter.",
     "",
     "CLD", STAFF),
]  # fmt: skip


def name_key(name: str) -> str:
    """A name as it is compared: case and spacing ignored ("Direct  Payment" is "direct payment")."""
    return " ".join(name.split()).casefold()


def defaults_load(term_model: Any, name_model: Any) -> int:
    """Add each term none of whose names is in the jargon buster yet; how many were added."""
    from django.utils.text import slugify

    added = 0
    for term, meaning, easy_read, others, audience in TERMS:
        names = [term, *(n.strip() for n in others.split(",") if n.strip())]
        if name_model.objects.filter(key__in=[name_key(n) for n in names]).exists():
            continue
        row = term_model.objects.create(
            term=term,
            slug=slugify(term),
            meaning=meaning,
            easy_read_meaning=easy_read,
            also_known_as=", ".join(names[1:]),
            audience=audience,
        )
        name_model.objects.bulk_create([name_model(term=row, name=n, key=name_key(n)) for n in names])
        added += 1
    return added
