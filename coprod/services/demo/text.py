"""The words of the demo scenario: a London borough's adult social care team.

All people here are invented. Feedback is written the way residents speak at sessions.
"""

from __future__ import annotations

STRATEGIES: list[tuple[str, str, str]] = [
    # name, board, description
    (
        "Adult social care vision 2024-2029",
        "Adult Social Care Improvement Board",
        "How we will help people live the lives they want, as independently as possible.",
    ),
    (
        "Safeguarding improvement plan",
        "Safeguarding Adults Board",
        "Acting on the findings of the safeguarding peer review and audits.",
    ),
    (
        "Carers strategy",
        "Health and Wellbeing Board",
        "Recognising and supporting unpaid carers of all ages.",
    ),
    (
        "Co-production charter",
        "Co-production Steering Group",
        "Working with residents as equal partners, from planning to review.",
    ),
    ("Corporate plan", "Cabinet", "The council's priorities for a fairer borough."),
    (
        "Workforce plan",
        "Adult Social Care Improvement Board",
        "Recruiting, training and keeping the care workforce we need.",
    ),
]

OWNERS: list[tuple[str, str, str]] = [
    # name, role, team
    ("Director of Adult Social Care", "Director", "Adult Social Care"),
    ("Amara Okafor", "Head of Service", "Assessment and Care Management"),
    ("Tomasz Nowak", "Head of Service", "Commissioning"),
    ("Priya Raman", "Principal Social Worker", "Practice Quality"),
    ("Gareth Hughes", "Service Manager", "Carers and Community Support"),
    ("Leila Haddad", "Co-production Lead", "Strategy and Engagement"),
    ("Daniel Mensah", "Service Manager", "Learning Disabilities"),
    ("Sofia Costa", "Service Manager", "Mental Health"),
    ("Ruth Adeyemi", "Safeguarding Adults Manager", "Safeguarding"),
    ("Information and Advice Team", "Team", "Customer Services"),
    ("Brokerage and Direct Payments Team", "Team", "Commissioning"),
    ("Workforce Development Team", "Team", "Human Resources"),
    ("Transitions Team", "Team", "Preparing for Adulthood"),
    ("Occupational Therapy Service", "Team", "Reablement"),
    ("Carers Hub (partner)", "Partner organisation", "Voluntary sector"),
    ("Integrated Care Board lead", "Partner organisation", "NHS"),
    ("Housing Needs Service", "Team", "Housing"),
    ("Digital Services", "Team", "Customer Services"),
]

FIRST_NAMES = [
    "Ade",
    "Bea",
    "Chen",
    "Dev",
    "Ema",
    "Femi",
    "Grace",
    "Hamza",
    "Ines",
    "Jon",
    "Kofi",
    "Lena",
    "Mo",
    "Nadia",
    "Olu",
    "Pat",
    "Rosa",
    "Sam",
    "Tariq",
    "Uma",
    "Viktor",
    "Wen",
    "Yusuf",
    "Zofia",
    "Ayşe",
    "Björn",
    "Zoë",
    "Ελένη",
    "Дмитрий",
]
LAST_NAMES = [
    "Adams",
    "Begum",
    "Clarke",
    "Diallo",
    "Evans",
    "Fernandes",
    "Green",
    "Hussain",
    "Ivanova",
    "Jones",
    "Kaur",
    "Lewis",
    "Moreno",
    "Nguyen",
    "O'Brien",
    "Patel",
    "Quinn",
    "Rahman",
    "Smith",
    "Taylor",
    "Walsh",
    "Yilmaz",
    "Müller",
    "Παπαδόπουλος",
]

GROUPS = [
    "carers",
    "young adults with learning disabilities",
    "people whose first language is not English",
    "older people living alone",
    "people with mental health needs",
    "autistic adults",
    "young adults leaving children's services",
    "Deaf BSL users",
    "people using direct payments",
    "people from Black and minority ethnic communities",
    "LGBTQ+ residents",
    "people who are homeless",
]

VENUES = [
    "Town Hall, Committee Room 2",
    "Riverside Community Centre",
    "Central Library",
    "Carers Hub, High Street",
    "Online (Teams)",
    "St Mark's Church Hall",
    "Oakfield Day Centre",
    "Sports and Leisure Centre",
    "Family Hub, North Road",
]

SESSION_TITLES = [
    "Carers' forum",
    "Direct payments drop-in",
    "Learning disability partnership board",
    "Home care experiences workshop",
    "Mental health recovery focus group",
    "Safeguarding: making it personal",
    "Transitions to adulthood workshop",
    "Adult social care survey",
    "Digital access listening event",
    "Information and advice review",
    "Day opportunities co-design group",
    "Older people's forum",
    "Deaf community session",
    "Hospital discharge experiences",
    "Co-production charter review",
]

# theme -> things residents said
FEEDBACK: dict[str, list[str]] = {
    "Waiting times": [
        "I waited five months for my assessment and nobody told me what was happening.",
        "The wait for an occupational therapist is far too long, my mum is stuck upstairs.",
        "We rang every week and kept getting told we were on the list.",
        "By the time the assessment came my needs had changed again.",
    ],
    "Communication": [
        "Letters are full of jargon, I had to ask my neighbour what they meant.",
        "Nobody calls you back. You leave a message and it disappears.",
        "I'd like one named person I can talk to, not a different worker every time.",
        "Please tell us what happened after we spoke to you last year.",
        "Emails come from a no-reply address so I can't ask a question.",
    ],
    "Carers' support": [
        "As a carer I never get a break, I didn't know respite was an option.",
        "My carer's assessment was done over the phone in ten minutes.",
        "The carers' card is good but hardly any shops take it.",
        "I'm caring for my husband and working full time, I'm exhausted.",
    ],
    "Direct payments": [
        "Direct payments give me control but the paperwork is a nightmare.",
        "I couldn't find a personal assistant for the rate the council pays.",
        "The prepaid card is fine but the audits feel like you think we're cheating.",
        "Nobody explained that I could use direct payments for a gym pass.",
    ],
    "Home care": [
        "Carers turn up at different times every day, sometimes 11am for breakfast.",
        "Fifteen minute visits aren't enough to help someone wash and eat.",
        "The carers are lovely but they're always rushing to the next person.",
        "My dad gets a different face every visit and it confuses him.",
    ],
    "Information and advice": [
        "The website doesn't say what I'm entitled to or how much it costs.",
        "I didn't know about the financial assessment until the bill came.",
        "There should be information in Polish, Bengali and Somali, not just English.",
        "An easy read version would have helped my son understand his plan.",
    ],
    "Transitions": [
        "When my daughter turned 18 everything stopped and we had to start again.",
        "Children's services and adult services don't talk to each other.",
        "Nobody planned for what happens after college finishes.",
    ],
    "Digital access": [
        "Not everyone has a smartphone, stop making everything online only.",
        "The online form timed out and I lost everything I typed.",
        "I'd use the portal if someone showed me how.",
    ],
    "Safeguarding": [
        "When I raised a concern I never heard what happened.",
        "The safeguarding meeting talked about me, not with me.",
        "I want to be asked what outcome I want, not just told what will happen.",
    ],
    "Mental health": [
        "There's nothing between the crisis team and nothing at all.",
        "The peer support group helped me more than anything else.",
        "I was discharged from hospital with no follow-up for three weeks.",
    ],
    "Day opportunities": [
        "Since the day centre closed my brother sits at home all day.",
        "We want activities in the evening and at weekends too.",
        "Transport to the centre is the biggest problem, the minibus is always late.",
    ],
    "Housing": [
        "I need a ground floor flat but I've been on the list for two years.",
        "Adaptations take so long that people move into care homes instead.",
    ],
    "Hospital discharge": [
        "Mum was sent home at 9pm with no care in place.",
        "Nobody asked me, her carer, if I could cope before discharge.",
    ],
    "Workforce": [
        "Staff keep leaving so you have to tell your story again and again.",
        "Social workers should have training on autism and learning disability.",
    ],
    "Co-production": [
        "Involve us at the start, not when decisions are already made.",
        "Pay people for their time, we are experts by experience.",
        "Meetings at 10am on a weekday shut out everyone who works.",
        "You ask us every year and nothing changes. Tell us what you did.",
    ],
    "Equality and inclusion": [
        "Interpreters are booked too late or not at all.",
        "Hardly anyone from our community knows these services exist.",
        "Forms ask about ethnicity but never say why.",
    ],
}

OPENERS = ["", "", "", "Honestly, ", "For me, ", "To be fair, ", "What I'd say is ", "Speaking as a carer, "]

# theme -> recommendation titles
RECOMMENDATIONS: dict[str, list[str]] = {
    "Waiting times": [
        "Publish assessment waiting times monthly and contact everyone waiting every four weeks",
        "Set up a triage line so urgent assessments are seen within two weeks",
    ],
    "Communication": [
        "Give every person a named worker and a direct phone number",
        "Rewrite the top twenty standard letters in plain English with residents",
        "Send a 'you said, we did' summary to everyone who took part in a session",
    ],
    "Carers' support": [
        "Offer every carer a face-to-face carer's assessment within 28 days",
        "Expand short breaks for carers, including weekend respite",
        "Promote the carers' card to local businesses",
    ],
    "Direct payments": [
        "Simplify direct payments paperwork to one form",
        "Review the personal assistant hourly rate against local pay",
        "Publish examples of what direct payments can be used for",
    ],
    "Home care": [
        "Agree visit time windows with each person and monitor them",
        "Stop fifteen minute personal care visits",
        "Introduce small home care teams for continuity",
    ],
    "Information and advice": [
        "Publish a clear guide to charging and financial assessment",
        "Translate key information into the borough's five main languages",
        "Produce easy read versions of care and support plans",
    ],
    "Transitions": [
        "Start transition planning at 14 with a joint plan",
        "Create a transitions panel with children's and adults' services",
    ],
    "Digital access": [
        "Keep phone and face-to-face routes for every online service",
        "Add save-and-return to the online assessment form",
        "Run digital skills sessions in libraries",
    ],
    "Safeguarding": [
        "Tell everyone who raises a concern what happened, within agreed limits",
        "Embed Making Safeguarding Personal in every enquiry",
    ],
    "Mental health": [
        "Commission a community crisis alternative with peer support",
        "Guarantee follow-up within seven days of mental health discharge",
    ],
    "Day opportunities": [
        "Co-design new day opportunities with people who used the day centre",
        "Review transport to day services",
    ],
    "Housing": ["Speed up housing adaptations with a joint OT and housing team"],
    "Hospital discharge": [
        "Involve carers in every discharge plan",
        "No discharges home after 6pm without care in place",
    ],
    "Workforce": [
        "Train all social workers in autism and learning disability awareness",
        "Introduce a retention plan for social workers",
    ],
    "Co-production": [
        "Pay experts by experience under a published payment policy",
        "Hold engagement sessions in evenings and at weekends",
        "Involve residents from the start of every commissioning project",
    ],
    "Equality and inclusion": [
        "Book interpreters at the time of referral",
        "Run outreach with community and faith groups",
    ],
}

PUBLIC_UPDATES = [
    "We have agreed the plan with residents from the {session} and started work.",
    "We met the people who raised this and agreed what good looks like.",
    "A working group including residents has met three times.",
    "We changed the process and checked it with people who use the service.",
    "We trained staff and will check in three months that it has made a difference.",
    "We published the new guide online and in libraries, with an easy read version.",
]

INTERNAL_UPDATES = [
    "Waiting for budget sign-off.",
    "Owner on leave; picked up by the team.",
    "Options paper drafted for the board.",
    "Procurement timetable agreed.",
    "Discussed at directorate management team.",
]

DONE_UPDATES = [
    "This is now in place. {detail}",
    "Done. {detail}",
    "We made this change. {detail}",
]
DONE_DETAILS = [
    "Residents helped us test it before it started.",
    "We will check in six months that it is working.",
    "Feedback so far has been good.",
    "It is now part of how every team works.",
]

NOT_TAKEN_FORWARD = [
    "The NHS has agreed to do this instead, so we will not duplicate it.",
    "We could not fund this in this year's budget; we will look again next year.",
    "Residents told us at the follow-up session that another option would work better.",
    "This is covered by a national change coming next year.",
    "Legal advice said we cannot do this in this way.",
]

TARGET_REASONS = [
    "Procurement took longer than planned.",
    "Waiting for a decision by the Integrated Care Board.",
    "Staff vacancies in the team.",
    "Residents asked for more time to co-design it.",
    "Budget pressure: moved into next financial year.",
]

LESSONS = [
    (
        "The work stalled for months with no one noticing.",
        "No one checked progress between board meetings.",
        "Owners give a short update every month and stalled items come to review.",
    ),
    (
        "The target was moved three times.",
        "The first target was set before the funding was known.",
        "Set targets only once funding is agreed, and say so to residents.",
    ),
]

SUCCESS_MEASURES = [
    "Fewer complaints about this over the next six months",
    "At least 80% of people asked say it has improved",
    "Waiting time halved by the target date",
    "Every eligible person offered it within 28 days",
    "Residents on the steering group agree it is done",
]
