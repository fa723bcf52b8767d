"""How a casualty figure relates to the others of its report.

A report gives one incident's toll and, around it, figures that are not that toll: a part of it (`three of
them died`, `among the dead were 27 children`), people who move from injured to killed (`died of their
wounds`), a later revision (`the toll rose to 13`), or a running total over a period or a campaign
(`nearly 100 people have been killed since a September 30 rally`, `a conflict that has left more than
3,000 dead`). Each cue is a documented construction of English news, read on the figure's clause; the
reconciler (events/counts.py) then keeps totals as the event's toll and parts beside them, never adding one
to the other, and running totals off the event.

Relations: total (the default), part, died_of_wounds, attackers (the attacking side's own dead or wounded:
`40 assailants were killed in the ensuing clashes`, `both gunmen were shot dead`: kept apart from the
victims' toll, so that a total over all sides and deaths per side can both be read), revision, running_total,
other_incident (a figure told inside a clause about an earlier or a separate incident: `came hours after
eight people were killed in an airstrike`, `In another strike, two people were killed`), conditional (`rises
to more than 50 if relatives are counted`, `the toll could rise to 20`). The reconciler
adds `superseded` for a source's first figure that its own revision replaces.
"""

from __future__ import annotations

import re

RELATIONS = ("total", "part", "died_of_wounds", "attackers", "revision", "running_total", "other_incident",
             "conditional")
# figures that are no figure of the report's event: they stay off it
UNATTACHED = ("running_total", "other_incident", "conditional")

_DEAD_NOUNS = (r"dead|victims|injured|wounded|casualties|killed|deceased|people|persons|passengers|those|"
               r"bodies|fatalities|hostages|students|children|civilians|soldiers|workers|miners|worshippers")
# `three of them`, `Five of the victims`, `seven of the 19 miners`, `two of whom`: a part named by its whole
_PART_OF = re.compile(rf"^(?:\S+\s+){{1,3}}?of\s+(?:them|those|whom|these|the\s+(?:\S+\s+){{0,2}}?(?:{_DEAD_NOUNS})\b)",
                      re.I)
# `Among the dead were ...`, `among them two children`, `including 27 children`, `of whom three died`
_PART_BEFORE = re.compile(r"(?:\bamong\s+(?:the|them|those|whom)\b[^;:]*|\bincluding\s+|\bof\s+(?:whom|them)\s+"
                          r"|\b(?:mostly|mainly|most of them|many of them|all of them)\s+)$", re.I)
# `One of the blasts injured five policemen`, `In one of the attacks, two were killed`: the figure of one
# of the incident's strikes, a part of its toll
_ONE_OF_THE_ATTACKS = re.compile(r"\b(?:one|two|three|another|each|the\s+(?:first|second|third|last))\s+of\s+"
                                 r"(?:the|these|those)\s+(?:\w+\s+)?(?:blasts|attacks|explosions|bombs|bombings|"
                                 r"strikes|airstrikes|raids|shootings|assaults|ambushes)\b", re.I)
_DEFINITE_BEFORE = re.compile(r"\b(?:the|these|those)\s+$", re.I)
_DIED_OF_WOUNDS = re.compile(r"(?:\s+(?:later|subsequently|eventually))?\s*(?:"
                             r"(?:of|from)\s+(?:his|her|their|the)\s+(?:\w+\s+)?(?:wounds|injuries)"
                             r"|(?:in|at)\s+(?:the\s+|a\s+)?(?:\w+\s+)?(?:hospital|clinic|medical)"
                             r"|(?:on|upon)\s+(?:their\s+|his\s+|her\s+)?arrival"
                             r"|(?:on|while being taken)\s+(?:the\s+way\s+)?to\s+(?:the\s+|a\s+)?hospital"
                             r"|while\s+(?:receiving|undergoing)\s+treatment)", re.I)
_SUCCUMBED = re.compile(r"succumbed|later died|subsequently died|died later", re.I)
_REVISION_BEFORE = re.compile(r"\b(?:rose|risen|rising|climbed|increased|jumped|reached|revised(?:\s+\w+)?|"
                              r"(?:now\s+)?stands?|stood|now)\s+(?:to|at)\s+$|\b(?:has|have)\s+risen\s+to\s+$|"
                              r"\brevised\s+(?:up|down)(?:ward)?s?\s+to\s+$", re.I)
_WEEKDAYS = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
# `since a September 30 rally`, `since the start of the war`, `since 2021`, `since Thai forces raided ...`; not
# `since Tuesday` or `since the attack`: an incident over days, or this incident's own aftermath
_SINCE = re.compile(rf"\bsince\b(?!\s+(?:then\b|(?:early\s+|late\s+)?(?:{_WEEKDAYS})\b|yesterday\b|last\s+night\b|"
                    rf"this\s+morning\b|(?:the|this|that|Sunday's|Saturday's|Friday's|Thursday's|Wednesday's|"
                    rf"Tuesday's|Monday's)\s+(?:early\s+hours|morning|evening|weekend|attacks?|blasts?|explosions?|"
                    rf"shootings?|incidents?|raids?|ambush|bombings?|assault|massacre|clash(?:es)?|violence|"
                    rf"strikes?)\b))", re.I)
_PERIOD = re.compile(r"\b(?:so\s+far(?:\s+this\s+(?:year|month))?|to\s+date|this\s+year|in\s+recent\s+"
                     r"(?:days|weeks|months|years)|over\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:weeks?|months?|years?|"
                     r"decades?)|in\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:months?|years?|decades?)|"
                     r"(?:in|during|throughout)\s+(?:the|its|this|that)\s+(?:\w+\s+){0,2}?(?:war|conflict|insurgency|"
                     r"uprising|civil war|campaign|crackdown|rebellion|occupation|offensive)\b)", re.I)
# `a two-year conflict that has left more than 3,000 dead`, `the war has killed hundreds of thousands`
_CAMPAIGN_SUBJECT = re.compile(r"\b(?:war|conflict|insurgency|uprising|civil war|crackdown|rebellion|occupation|"
                               r"violence|unrest|fighting|campaign|crisis|offensive)\b[^.;]{0,40}?"
                               r"\b(?:has|have|had)\s+(?:\w+\s+)?(?:left|killed|claimed|caused|displaced)\b", re.I)

# `It also pushed the death toll in the state to 105`, `brought the overall toll to 300`: this incident's dead
# added to a toll over a region or a period
_CUMULATIVE = re.compile(r"\b(?:push(?:ed|es|ing)?|br(?:ought|ings?|inging)|t(?:ook|akes?|aking)|rais(?:ed|es|ing))\s+"
                         r"(?:the\s+)?(?:overall\s+|total\s+|cumulative\s+)?(?:death\s+)?toll\b|"
                         r"\b(?:overall|total|cumulative)\s+(?:death\s+)?toll\b|"
                         # `the Ramadan death toll`, `the war's toll`: a toll named by a period or a campaign
                         r"\b(?:Ramadan|holiday|festive|year|year['’]s|month|month['’]s|week|week['’]s|annual|war|war['’]s|"
                         r"conflict|conflict['’]s|campaign|offensive|crackdown|protests?|unrest|insurgency)\s+"
                         r"(?:death\s+)?toll\b|"
                         r"\btoll\s+(?:in|across|for|throughout)\s+(?:the\s+)?(?:state|country|region|province|area|"
                         r"territory|strip|enclave|nation|conflict|war)\b", re.I)

# `Hundreds of thousands of Syrians have been killed at the hands of Assad`: a mass told in the perfect is a
# war's count, not an incident's
_MASS = re.compile(r"(?:tens\s+of\s+thousands|hundreds\s+of\s+thousands|thousands|millions)\b", re.I)
_PERFECT = re.compile(r"\b(?:have|has)\s+(?:\w+\s+)?(?:been\s+)?(?:killed|died|dead|displaced|detained|arrested|"
                      r"disappeared|injured|wounded)\b", re.I)

# A figure under a condition or a guess about what may come: no figure of what happened
_CONDITION = re.compile(r"\bif\s+(?:\w+\s+){0,10}?(?:are|is|were|was)\s+(?:\w+\s+)?(?:counted|included|added)\b|"
                        r"\b(?:could|would|might|may)\s+(?:\w+\s+)?(?:rise|climb|increase|reach|exceed|top)\b", re.I)

# Disasters and disease: their dead are counted in the same words (`an earthquake, which killed nearly 3,800`)
_NATURAL_CAUSE = re.compile(r"\b(?:earthquakes?|quakes?|floods?|flooding|cyclones?|hurricanes?|typhoons?|"
                            r"tornado(?:es)?|(?:snow|tropical|winter|dust)\s+storms?|landslides?|mudslides?|"
                            r"tsunamis?|droughts?|famine|cholera|epidemics?|pandemics?|covid(?:-19)?|heatwaves?|"
                            r"wildfires?|avalanches?|volcan\w*)\b", re.I)

# `In another strike`, `Separately,`: the sentence tells another incident (`Last month, ...` has its own date,
# which keeps its event apart)
_ANOTHER_INCIDENT = re.compile(r"^\W*(?:In\s+(?:an)?other\b|In\s+a\s+(?:separate|different|similar|previous|earlier)\b|"
                               r"Separately\b|Elsewhere\b|(?:A|The)\s+(?:previous|earlier)\s+)")
# `came just hours after eight people were killed`, `two months after a similar tragedy ..., where an air strike
# killed 20 students`, `followed attacks over the weekend that killed five`: a clause about an earlier incident
_EARLIER_INCIDENT = re.compile(r"\b(?:(?:hours|days|weeks|months|years|a\s+day|a\s+week|a\s+month|a\s+year|shortly|"
                               r"soon|just|only)\s+(?:after|before)|follow(?:s|ed)|came\s+after|comes\s+after|"
                               r"in\s+the\s+wake\s+of|similar\s+to|a\s+repeat\s+of|reminiscent\s+of)\b", re.I)


# The people who carried out an attack, named as such (not `militants` or `insurgents`, who are as often the
# target of an operation as its authors)
_ATTACKERS = re.compile(r"\b(?:assailants?|attackers?|gunm[ae]n|(?:suicide\s+)?bombers?|raiders?|hijackers?|"
                        r"shooters?)\b", re.I)


def relation(sentence: str, start: int, end: int, group_start: int, group_end: int, group: str, kind: str) -> str:
    """The relation of the figure at sentence[start:end] (its people at [group_start:group_end]) to the
    report's other figures."""
    clause_start, clause_end = _clause(sentence, start, end)
    clause = sentence[clause_start:clause_end]
    if _SINCE.search(clause) or _PERIOD.search(clause) or _CAMPAIGN_SUBJECT.search(clause) or _CUMULATIVE.search(
            clause) or (_MASS.match(group) and _PERFECT.search(clause)):
        return "running_total"
    if _CONDITION.search(clause):
        return "conditional"  # `the toll rises to more than 50 if relatives are counted`, `could rise to 20`
    if _NATURAL_CAUSE.search(clause):
        return "other_incident"  # the dead of an earthquake or a flood are no casualties of political violence
    if _ANOTHER_INCIDENT.match(sentence) or any(
            "," not in sentence[marker.end():group_start] for marker in _EARLIER_INCIDENT.finditer(sentence, 0,
                                                                                                  group_start)):
        return "other_incident"
    before = sentence[clause_start:group_start]
    if _REVISION_BEFORE.search(before):
        return "revision"
    if kind == "killed" and (_DIED_OF_WOUNDS.match(sentence, end) or _SUCCUMBED.search(sentence, start, end)
                             or re.search(r"\b(?:wounds|injuries)\b", sentence[start:end], re.I)):
        return "died_of_wounds"
    if _PART_OF.match(group) or _PART_BEFORE.search(before) or _ONE_OF_THE_ATTACKS.search(before):
        return "part"
    if kind in ("killed", "injured") and _DEFINITE_BEFORE.search(before):
        return "part"  # `The five wounded officers were taken to hospital`: people already counted, told again
    if kind in ("killed", "injured") and _ATTACKERS.search(group):
        return "attackers"
    return "total"


_CLAUSE_CUT = re.compile(r"[;:]|,\s+(?:while|whereas|but|and)\s|\s+(?:while|whereas)\s|,\s+(?=(?:the|a|an)\s+"
                         r"\w+\s+(?:said|says)\b)")


def _clause(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The clause that holds sentence[start:end]: between cuts (`;`, `, while`, `, but`)."""
    clause_start, clause_end = 0, len(sentence)
    for cut in _CLAUSE_CUT.finditer(sentence):
        if cut.end() <= start:
            clause_start = cut.end()
        elif cut.start() >= end:
            clause_end = cut.start()
            break
    return clause_start, clause_end
