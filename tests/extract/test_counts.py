"""Casualty counts: number words, qualifiers, vague quantities, coordination, and numbers that are not counts."""

from __future__ import annotations

import pytest

from eventledger.extract.counts import find_counts, load_convention


def counts(text: str, convention: str = "isaf") -> list[tuple[str, int, str]]:
    return [(c.kind, c.value, c.qualifier) for c in find_counts(text, convention=load_convention(convention))
            if not c.negated]


def test_number_words_and_passive_voice():
    assert counts("Two Afghan males were injured in the battle.") == [("injured", 2, "exact")]
    assert counts("At least fifty-two people were killed on Sunday.") == [("killed", 52, "at_least")]
    assert counts("The QF also abducted seven MeK members and smuggled them back to Iran.") == [
        ("abducted", 7, "exact")]


def test_qualifiers():
    assert counts("Gunmen killed more than 10 insurgents.") == [("killed", 11, "at_least")]
    assert counts("The blast killed about 30 people.") == [("killed", 30, "about")]
    assert counts("Police detained up to 40 protesters.") == [("arrested", 40, "at_most")]


@pytest.mark.parametrize(("text", "expected"), [
    ("In 1937 the Japanese army killed some 300,000 Chinese civilians in the city, historians say.",
     ("killed", 300_000, "about")),
    ("Nearly 14,000 have been arrested, according to the group Human Rights Activists in Iran.",
     ("arrested", 14_000, "about")),
    ("Over 1,000 people were killed in the fighting that preceded the agreement.", ("killed", 1001, "at_least")),
    ("The army said its troops killed about two dozen militants in the raid.", ("killed", 24, "about")),
    ("A hundred and twenty people were wounded when the market was shelled.", ("injured", 120, "exact")),
    ("Police said 14 000 people were detained during the week of protests.", ("arrested", 14_000, "exact")),
    ("Officials said 1.2 million people were displaced and 1,204 were killed.", ("killed", 1204, "exact")),
    ("Between 10 and 15 people were killed when the bus hit a mine.", ("killed", 10, "at_least")),
    ("Tens of people were injured as police fired tear gas.", ("injured", 20, "at_least")),
    ("Seventy-eight students were kidnapped from the school on Monday.", ("abducted", 78, "exact")),
])
def test_figures_as_the_news_writes_them(text, expected):
    assert counts(text) == [expected]


def test_a_range_keeps_its_top():
    (count,) = find_counts("The strike killed 10 to 15 fighters, a commander said.")
    assert (count.value, count.parts[0].high) == (10, 15)


def test_a_figure_after_the_verb_and_a_conjunction_is_not_its_object():
    assert counts("At least six people have been killed and more than 100 injured across Bangladesh and more "
                  "than 100,000 opposition activists rallied in the capital.") == [
        ("killed", 6, "at_least"), ("injured", 101, "at_least")]


@pytest.mark.parametrize(("text", "isaf", "acled"), [
    ("The force detained several insurgents.", 3, 3),
    ("Police arrested dozens of protesters.", 24, 12),
    ("Troops killed a handful of militants.", 4, 3),
    ("Security forces detained a couple of suspects.", 2, 2),
])
def test_vague_words_follow_the_selected_convention(text, isaf, acled):
    assert counts(text, "isaf")[0][1:] == (isaf, "at_least")
    assert counts(text, "acled")[0][1:] == (acled, "at_least")


def test_plain_plural_counts_at_least_two():
    assert counts("After initial questioning, suspected insurgents were detained.") == [("arrested", 2, "at_least")]


def test_coordination_leaders_named_singly_count_one_each():
    assert counts("The security force detained the senior leader along with three of his associates.") == [
        ("arrested", 4, "exact")]
    assert counts("The force killed the Taliban commander Fayez Jan and one additional insurgent.") == [
        ("killed", 2, "exact")]
    assert counts("The joint team detained the man, an improvised explosive device facilitator, and three "
                  "additional suspects.") == [("arrested", 4, "exact")]


def test_nominal_forms():
    assert counts("An attack on the camp led to the deaths of 50 members of the group.") == [("killed", 50, "exact")]
    assert counts("The final engagement resulted in ten insurgent deaths.") == [("killed", 10, "exact")]
    assert counts("Forces confirmed the arrest of a Taliban facilitator.") == [("arrested", 1, "exact")]
    assert counts("Also killed in the strike were more than a dozen armed insurgents.") == [("killed", 13, "at_least")]


@pytest.mark.parametrize("text", [
    "At the time, only 100 people remained at Camp Ashraf, the 26-year home of MEK members.",
    "The force was pursuing a Taliban commander who leads 40 fighters in attacks on officials.",
    "An Afghan and coalition force conducted an operation to arrest a Taliban leader.",
    "The search team uncovered multiple 155mm shells and 545 kilograms of marijuana.",
])
def test_numbers_that_are_not_casualties(text):
    assert counts(text) == []


def test_negated_counts_are_marked():
    found = find_counts("No women or children were injured or detained during this operation.")
    assert all(c.negated for c in found)


@pytest.mark.parametrize(("text", "expected"), [
    ("A 16-year-old girl was shot and killed Friday morning outside her mother's home.", [("killed", 1, "exact")]),
    ("Three people were found shot to death in a car parked on the side of the road.", [("killed", 3, "exact")]),
    ("A man, two women and a small child were killed Saturday, Bastrop police said.", [("killed", 4, "exact")]),
    ("Police investigated the death of 28-year-old Bryant Sanchez.", [("killed", 1, "exact")]),
    ("Salina police say a fatal shooting appears to be accidental.", [("killed", 1, "at_least")]),
    ("Michael and Connor were shot dead along with their mother Nicole, 41, before the fire.",
     [("killed", 3, "exact")]),
])
def test_gun_violence_phrasings(text, expected):
    assert counts(text) == expected


def test_intransitive_dying_counts_its_subject():
    def killed(text):
        return [(c.value, c.qualifier) for c in find_counts(text) if c.kind == "killed"]

    assert killed("An 8-year-old girl has died and her father is in critical condition.") == [(1, "exact")]
    assert killed("The victim later died at the hospital.") == [(1, "exact")]
    assert killed("Two men have died since the attack.") == [(2, "exact")]
    assert killed("Police are investigating the shooting death of 15-year-old Senquez Jackson.") == [(1, "exact")]
    assert killed("A 5-year-old boy who was shot in the face at a home has died, an examiner said.") == [(1, "exact")]
    # an age is not a count, and nobody died here
    assert killed("A 16-year-old boy was wounded in the shooting.") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("The 3-year-old got access to his father's gun and fatally shot himself.", [("killed", 1, "exact")]),
    ("Police said he shot and killed himself in his car.", [("killed", 1, "exact")]),
    ("The teenager that accidentally shot himself in front of friends early Thursday morning has died, according "
     "to his family.", [("killed", 1, "exact")]),
    ("Bond was set at $75,000 for the neighbor of the 2-year-old who died of a gunshot wound.",
     [("killed", 1, "exact")]),
    ("Autopsies that showed all four died from a single gunshot to the head were released Friday.",
     [("killed", 4, "exact")]),
    ("Hospital officials said that 31 people were killed when a bomber attacked the market.",
     [("killed", 31, "exact")]),
])
def test_reflexives_relative_clauses_and_money(text, expected):
    assert counts(text) == expected


def test_a_non_fatal_self_inflicted_shot_is_no_death():
    assert ("killed", 1, "exact") not in counts("He accidentally shot himself in the abdomen.")


@pytest.mark.parametrize(("text", "expected"), [
    ("A woman shot and killed her two daughters before killing herself.",
     [("killed", 2, "exact"), ("killed", 1, "exact")]),
    ("The gunman killed their three children.", [("killed", 3, "exact")]),
    ("He killed his wife and then turned the gun on himself.", [("killed", 1, "exact"), ("killed", 1, "exact")]),
    ("The boy turned the gun on himself and survived.", []),
])
def test_murder_suicides_count_the_killer_once_more(text, expected):
    assert counts(text) == expected
    found = find_counts(text)
    assert all(not c.additional for c in found[:1]) and all(c.additional for c in found[1:])


def test_a_murder_suicide_toll_adds_the_killer():
    from eventledger import extract_text, to_json

    ledger = to_json(extract_text("Investigators said a Bedford woman appears to have shot and killed her two "
                                  "daughters before killing herself."))
    assert ledger["events"][0]["counts"]["killed"]["best"] == 3


@pytest.mark.parametrize(("text", "expected"), [
    ("A Roy couple and their two young children were found dead inside their home.", [("killed", 4, "exact")]),
    ("All four family members appear to have died from gunshot wounds.", [("killed", 4, "exact")]),
    ("Veronica Mercado and her 2-year-old child were found dead inside a home.", [("killed", 2, "exact")]),
    ("The sheriff said Jessie killed her father and daughter on July 18.", [("killed", 2, "exact")]),
    ("Two young St. Louis County boys are dead along with their father.", [("killed", 3, "exact")]),
    ("Police detained a couple of suspects.", [("arrested", 2, "at_least")]),
])
def test_families_couples_and_coordinated_relatives(text, expected):
    assert counts(text) == expected


def test_ages_written_with_spaces_and_possessive_deaths():
    assert counts("We regret to inform you of the accidental death of a 17 year old male resident.") == [
        ("killed", 1, "exact")]
    assert counts("Detectives investigated the 2-and-a-half-year-old's death.") == [("killed", 1, "exact")]
    assert counts("Ibram Hanna's death shocked the town.") == [("killed", 1, "exact")]
    assert counts("The city's death toll rose.") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("A retired police officer has killed his two children and himself.", [("killed", 3, "exact")]),
    ("The father killed his 5-year-old daughter, his 3-year-old son, and then himself.",
     [("killed", 2, "exact"), ("killed", 1, "exact")]),
    ("On June 7, Jamie Lynn Salazar, 34, and her son, Jordan Reeves, 2, were shot and killed.",
     [("killed", 2, "exact")]),  # a date's day is no count; `her son, Jordan Reeves` is one person
    ("He shot his wife and then himself.", []),
])
def test_killers_dates_and_appositions(text, expected):
    assert counts(text) == expected


def test_relatives_and_partners_are_people():
    assert counts("A woman killed her 30-year-old daughter and two young grandchildren.") == [("killed", 3, "exact")]
    assert counts("He killed his girlfriend and her two nephews.") == [("killed", 3, "exact")]
    assert counts("The toddler died at the hospital.") == [("killed", 1, "exact")]


@pytest.mark.parametrize(("text", "expected"), [
    ("The coroner says all four people involved in a shooting early Saturday morning have now died.",
     [("killed", 4, "exact")]),
    ("Police said three men at the party were shot dead.", [("killed", 3, "exact")]),
    ("In 2015, at least four kids died in accidental shootings.", [("killed", 4, "at_least")]),
])
def test_subjects_with_modifiers_and_years(text, expected):
    assert counts(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("One person's gun discharged, fatally injuring the person loading the muzzleloader.", [("killed", 1, "exact")]),
    ('"I don\'t believe he would ever hurt her," her mother said.', []),
    ("Two people were hurt in the blast, police said.", [("injured", 2, "exact")]),
])
def test_fatal_injuries_and_harm_in_general(text, expected):
    assert counts(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # `dead` before its noun: the number before it counts, and the unharmed child after it is no victim
    ("Police found the four dead females and the unharmed child inside the apartment.", [("killed", 4, "exact")]),
    ("Deputies said there were two dead people in the back seat in addition to the dead woman in the driver's "
     "seat.", [("killed", 2, "exact"), ("killed", 1, "exact")]),
    ("The attack left 5 dead and 12 wounded.", [("killed", 5, "exact"), ("injured", 12, "exact")]),
])
def test_dead_as_an_adjective(text, expected):
    assert counts(text) == expected
    found = find_counts(text)
    assert [c.additional for c in found] == [False] * (len(found) - 1) + ["in addition" in text]


@pytest.mark.parametrize(("text", "expected"), [
    # a list of people is counted item by item, even after a leader noun (`A man, ...`)
    ("A man, a 12-year-old girl and a woman were injured.", [("injured", 3, "exact")]),
    ("Two men, a woman and a child were killed.", [("killed", 4, "exact")]),
    # a group followed by its members' names counts the group once
    ("Two boys, 8-year-old Joseph and 6-year-old Jaxon, were injured.", [("injured", 2, "exact")]),
    # an apposition naming the person just counted (`his brother, 8-year-old Joseph,`) adds no one
    ("His brother, 8-year-old Joseph, and his mother, Morgan, 27, were both injured.", [("injured", 2, "exact")]),
    ("Troops detained the man, an IED facilitator, and two others.", [("arrested", 3, "exact")]),
])
def test_lists_enumerations_and_appositions(text, expected):
    assert counts(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a semicolon list of relatives, each with an apposition naming them
    ("The security guard had killed his 7-year-old daughter, Kayla Walker; his 31-year-old girlfriend, "
     "Shantai Hale; and Hale's mother, Viola Warren, 62.", [("killed", 3, "exact")]),
    # a couple `along with` their children, whose names follow the group they make up
    ("Scott and Nicole Westerhuis, along with their four children, third-grader Kailey, fifth-grader Jaeci, "
     "eighth-grader Connor, and sophomore Michael were believed to have died in a fire.", [("killed", 6, "exact")]),
    # a home town after a name is not another person
    ("Police completed their investigation into the death of 28-year-old Bryant Sanchez, of Salina.",
     [("killed", 1, "exact")]),
    ("Image 9 of 9 Mother, child found dead in southeast Houston home", []),
])
def test_semicolon_lists_named_members_and_home_towns(text, expected):
    assert counts(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # an apposition between the group and its verb: members, ages
    ("A family of five, including three children, was found fatally shot in their home.", [("killed", 5, "exact")]),
    ("A man and woman, both 35 years old, were found dead inside the home, as were three children.",
     [("killed", 5, "exact")]),
    ("Two men, ages 24 and 31, were killed.", [("killed", 2, "exact")]),
    # the bodies found are the dead; a bare singular noun in a list is one more person
    ("Inside the house, she found the bodies of her daughter, son-in-law and three granddaughters.",
     [("killed", 5, "exact")]),
    # a date before the group is no person in it
    ("In August, three members of a family and a fourth man were discovered dead.", [("killed", 4, "exact")]),
])
def test_appositions_bodies_and_fronted_dates(text, expected):
    assert counts(text) == expected


def test_killed_to_death_with_the_object_between_and_the_killer_after():
    found = find_counts("The boy shot his 6-year-old brother to death, wounded his older brother in the leg and "
                        "killed himself.")
    assert [(c.kind, c.value, c.adds) for c in found] == [("killed", 1, False), ("injured", 1, False),
                                                          ("killed", 1, True)]
    assert counts("He stabbed two neighbors to death.") == [("killed", 2, "exact")]
    assert counts("He shot himself to death.") == [("killed", 1, "exact")]


def test_a_second_coordinated_verb_names_other_people_who_add():
    found = find_counts("Afghan and coalition forces captured three facilitators and detained several suspected "
                        "insurgents in Khost province.")
    assert [(c.kind, c.value, c.adds) for c in found] == [("arrested", 3, False), ("arrested", 3, True)]
    found = find_counts("He shot and killed his wife and then killed his daughter.")
    assert [(c.kind, c.adds) for c in found] == [("killed", False), ("killed", True)]
    # a passive retelling is no second group
    found = find_counts("Police detained two men, and two men were later detained in Kabul.")
    assert not any(c.adds for c in found)


def test_found_dead_inside_counts_everyone_listed():
    assert counts("Police discovered one man and two children dead inside the residence.") == [("killed", 3, "exact")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Last month, 279 schoolgirls were abducted from a boarding school in Jangebe.", [("abducted", 279, "exact")]),
    ("Gunmen killed 12 farmers and a herder near the river.", [("killed", 13, "exact")]),
    ("Three Nigerians and two Pakistanis were kidnapped.", [("abducted", 5, "exact")]),
    ("Two Chinese nationals were abducted at the mine.", [("abducted", 2, "exact")]),
    ("Two young St. Louis County boys are dead along with their father.", [("killed", 3, "exact")]),
    ("Two Maoists were killed in an encounter with police in Bijapur.", [("killed", 2, "exact")]),
    ("At least 74 Palestinians were killed in the strikes.", [("killed", 74, "at_least")]),
    ("Three Houthis were wounded.", [("injured", 3, "exact")]),
    ("A bomb killed a ranger and seriously injured three others.", [("killed", 1, "exact"), ("injured", 3, "exact")]),
    ("The same gang kidnapped 20 travellers on the highway.", [("abducted", 20, "exact")]),
    ("Two Memphis men were killed.", [("killed", 2, "exact")]),  # a town, not a people
])
def test_occupations_nationalities_and_names_that_only_look_like_them(text, expected):
    assert counts(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The committees said dozens were wounded.", [("injured", 24, "at_least")]),
    ("Hundreds were arrested after the protest.", [("arrested", 200, "at_least")]),
    ("A local official told Reuters that 52 people had been taken.", [("abducted", 52, "exact")]),
    ("The four engineers were taken captive by the militants.", [("abducted", 4, "exact")]),
    ("Two were taken to hospital.", []),
    ("Three wounded soldiers were evacuated by helicopter.", [("injured", 3, "exact")]),
    ("Police found two kidnapped engineers in a farmhouse.", [("abducted", 2, "exact")]),
    ("The attack left at least 12 dead.", [("killed", 12, "at_least")]),
    ("The death toll rose to more than 30 on Monday.", [("killed", 31, "at_least")]),
])
def test_bare_vague_subjects_taken_figures_before_nouns_and_qualified_tolls(text, expected):
    assert counts(text) == expected


def test_an_adjective_used_as_a_noun_counts_no_one():
    # `the injured` names people already counted (or not counted at all): it lends them no figure
    assert counts("The attackers murdered 52 of the residents in the most brutal way, using live ammunition and "
                  "delivering coup-de-grace shots to the injured.") == [("killed", 52, "exact")]
    assert counts("Medics said 40 people were injured and the wounded were taken to hospital.") == [
        ("injured", 40, "exact")]
    assert counts("Gunmen killed nine villagers and then hunted down their wounded in the fields.") == [
        ("killed", 9, "exact")]
    assert counts("Three soldiers injured in the blast were flown to Kabul.") == [("injured", 3, "exact")]
