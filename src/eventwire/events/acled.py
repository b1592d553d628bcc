"""The ACLED event and sub-event type names the rules refer to, one constant each.

The names themselves belong to the taxonomy table (``eventwire/data/taxonomy.v1.yaml``);
code refers to them through these constants only, and
:func:`~eventwire.events.taxonomy.load_taxonomy` rejects a table that lacks one of them, so a
misspelt name fails when the pipeline loads rather than silently never matching (issue 19).

>>> from eventwire.events import acled
>>> acled.SHELLING
'Shelling/artillery/missile attack'
"""

from __future__ import annotations

from typing import Final

# Event types (ACLED codebook 2023)
BATTLES: Final = "Battles"
EXPLOSIONS: Final = "Explosions/Remote violence"
VIOLENCE_AGAINST_CIVILIANS: Final = "Violence against civilians"
PROTESTS: Final = "Protests"
RIOTS: Final = "Riots"
STRATEGIC_DEVELOPMENTS: Final = "Strategic developments"

# Sub-event types, in the taxonomy's order
ARMED_CLASH: Final = "Armed clash"
GOVERNMENT_REGAINS: Final = "Government regains territory"
NON_STATE_OVERTAKES: Final = "Non-state actor overtakes territory"
CHEMICAL_WEAPON: Final = "Chemical weapon"
AIR_STRIKE: Final = "Air/drone strike"
SUICIDE_BOMB: Final = "Suicide bomb"
SHELLING: Final = "Shelling/artillery/missile attack"
REMOTE_EXPLOSIVE: Final = "Remote explosive/landmine/IED"
GRENADE: Final = "Grenade"
SEXUAL_VIOLENCE: Final = "Sexual violence"
ATTACK: Final = "Attack"
ABDUCTION: Final = "Abduction/forced disappearance"
PEACEFUL_PROTEST: Final = "Peaceful protest"
PROTEST_WITH_INTERVENTION: Final = "Protest with intervention"
EXCESSIVE_FORCE: Final = "Excessive force against protesters"
VIOLENT_DEMONSTRATION: Final = "Violent demonstration"
MOB_VIOLENCE: Final = "Mob violence"
AGREEMENT: Final = "Agreement"
ARRESTS: Final = "Arrests"
CHANGE_TO_GROUP: Final = "Change to group/activity"
DISRUPTED_WEAPONS_USE: Final = "Disrupted weapons use"
HEADQUARTERS_ESTABLISHED: Final = "Headquarters or base established"
LOOTING: Final = "Looting/property destruction"
NON_VIOLENT_TRANSFER: Final = "Non-violent transfer of territory"
OTHER: Final = "Other"

#: Every event type above, checked against the taxonomy's ``event_types``.
EVENT_TYPES: Final = (
    BATTLES,
    EXPLOSIONS,
    VIOLENCE_AGAINST_CIVILIANS,
    PROTESTS,
    RIOTS,
    STRATEGIC_DEVELOPMENTS,
)
#: Every sub-event type above, checked against the taxonomy's ``sub_event_types``.
SUB_EVENT_TYPES: Final = (
    ARMED_CLASH,
    GOVERNMENT_REGAINS,
    NON_STATE_OVERTAKES,
    CHEMICAL_WEAPON,
    AIR_STRIKE,
    SUICIDE_BOMB,
    SHELLING,
    REMOTE_EXPLOSIVE,
    GRENADE,
    SEXUAL_VIOLENCE,
    ATTACK,
    ABDUCTION,
    PEACEFUL_PROTEST,
    PROTEST_WITH_INTERVENTION,
    EXCESSIVE_FORCE,
    VIOLENT_DEMONSTRATION,
    MOB_VIOLENCE,
    AGREEMENT,
    ARRESTS,
    CHANGE_TO_GROUP,
    DISRUPTED_WEAPONS_USE,
    HEADQUARTERS_ESTABLISHED,
    LOOTING,
    NON_VIOLENT_TRANSFER,
    OTHER,
)
