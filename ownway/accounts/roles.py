"""The roles people play in Ownway, as typed choices."""

from django.db import models


class Role(models.TextChoices):
    SOCIAL_WORKER = "social_worker", "Social worker"
    OCCUPATIONAL_THERAPIST = "occupational_therapist", "Occupational therapist"
    TEAM_MANAGER = "team_manager", "Team manager"
    BROKER = "broker", "Broker"
    FINANCE_OFFICER = "finance_officer", "Finance officer"
    ENABLEMENT_WORKER = "enablement_worker", "Enablement worker"
    ENABLEMENT_MANAGER = "enablement_manager", "Enablement manager"
    COMMISSIONER = "commissioner", "Commissioner"
    ADMINISTRATOR = "administrator", "Administrator"
    CITIZEN = "citizen", "Citizen or carer"
    PROVIDER = "provider", "Provider"


#: Roles that hold a caseload through a team: they see the people allocated to their team.
CASEWORK_ROLES = frozenset(
    {
        Role.SOCIAL_WORKER,
        Role.OCCUPATIONAL_THERAPIST,
        Role.TEAM_MANAGER,
        Role.ENABLEMENT_WORKER,
        Role.ENABLEMENT_MANAGER,
    }
)
#: Roles that manage staff: they may see who has looked at a record.
MANAGER_ROLES = frozenset({Role.TEAM_MANAGER, Role.ENABLEMENT_MANAGER, Role.ADMINISTRATOR})
#: Roles that work across every team (brokerage and finance serve the whole council).
COUNCIL_WIDE_ROLES = frozenset({Role.BROKER, Role.FINANCE_OFFICER, Role.ADMINISTRATOR})
#: Council staff, as opposed to citizens and providers.
STAFF_ROLES = frozenset(set(Role) - {Role.CITIZEN, Role.PROVIDER})


class TeamKind(models.TextChoices):
    FRONT_DOOR = "front_door", "Front door (contact and early help)"
    LOCALITY = "locality", "Locality social work"
    LEARNING_DISABILITY = "learning_disability", "Learning disability"
    MENTAL_HEALTH = "mental_health", "Mental health"
    OLDER_ADULTS = "older_adults", "Older adults"
    OCCUPATIONAL_THERAPY = "occupational_therapy", "Occupational therapy"
    HOSPITAL = "hospital", "Hospital discharge"
    ENABLEMENT = "enablement", "Enablement"
    BROKERAGE = "brokerage", "Brokerage"
    FINANCE = "finance", "Financial assessment"
    COMMISSIONING = "commissioning", "Commissioning"
    ADMINISTRATION = "administration", "Systems administration"
    #: Care Act 2014 s.42: the team that triages safeguarding concerns and leads enquiries (ownway.safeguarding).
    SAFEGUARDING = "safeguarding", "Safeguarding adults"
    #: SI 2009/309 reg 4: the complaints manager's team, which records, acknowledges and answers complaints
    #: (ownway.complaints).
    COMPLAINTS = "complaints", "Complaints"
