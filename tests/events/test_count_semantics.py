"""Count semantics on whole reports: the event's toll comes from its totals; parts, breakdowns, people who died
of their wounds, revisions, running totals and other incidents' figures are told apart (issue 19's cases, in
reports written for these tests)."""

from __future__ import annotations

from datetime import date

from eventledger import extract, to_json
from eventledger.extract.counts import find_counts
from eventledger.read import RawItem


def main_counts(text: str, published: date = date(2024, 6, 11)) -> dict[str, dict]:
    ledger = to_json(extract([RawItem(text=text, origin="t", id="t", published=published)]))
    main = max(ledger["events"], key=lambda e: len(e["claims"]))
    return main["counts"]


def relations(sentence: str) -> list[tuple[str, int, str]]:
    return [(c.kind, c.value, c.relation) for c in find_counts(sentence)]


def test_a_breakdown_is_kept_beside_the_total_never_summed_over_it():
    counts = main_counts(
        "RAFAH, Gaza Strip (AP) - Israeli strikes on Rafah before dawn Monday killed at least 74 Palestinians, "
        "health officials said.\n"
        "Among the dead were 27 children and 22 women, according to the Palestinian Center for Human Rights.\n"
        "Residents said the strikes flattened several buildings.")
    killed = counts["killed"]
    assert killed["best"] == 74
    assert {(v["value"], v.get("relation", "total")) for v in killed["values"]} == {(74, "total"), (49, "part")}


def test_a_part_named_by_its_whole_is_not_the_toll():
    assert relations("The gunmen opened fire on the 19 miners, killing seven of them.")[-1] == ("killed", 7, "part")
    assert relations("Five of the victims died instantly, the police said.") == [("killed", 5, "part")]
    counts = main_counts(
        "Gunmen attacked a bus near Kebbi on Monday, killing 19 passengers, police said.\n"
        "Five of the victims died instantly, while the others died on the way to hospital, a witness said.")
    assert counts["killed"]["best"] == 19


def test_those_who_died_of_their_wounds_move_from_injured_to_killed_without_counting_twice():
    counts = main_counts(
        "MEXICO CITY (AP) - Six people were shot to death Monday outside a bar in the western state of "
        "Michoacan, and two others were wounded.\n"
        "The state prosecutors' office said three men died at the scene in Morelia, while three other people "
        "died of their wounds at a local hospital.")
    assert counts["killed"]["best"] == 6
    assert counts["injured"]["best"] == 2


def test_injured_of_whom_some_died_on_arrival():
    counts = main_counts(
        "Residents said up to 30 civilians were killed on Monday when a drone struck a busy market in Amhara.\n"
        "A medical practitioner confirmed that 18 people sustained serious injuries and three of them died upon "
        "arrival at a medical facility.")
    assert counts["killed"]["best"] == 30
    assert counts["injured"]["best"] == 18
    assert ("killed", 3, "died_of_wounds") in relations(
        "A doctor said 18 people were injured and three of them died upon arrival at the clinic.")


def test_a_running_total_over_a_period_is_not_the_events_toll():
    counts = main_counts(
        "ZAHEDAN, Iran - Security forces killed two people on Friday after opening fire on protesters in the "
        "southeastern city, activists said.\n"
        "Activists estimate that in Zahedan alone, nearly 100 people have been killed since a September 30 rally "
        "set off a violent police response.\n"
        "Rights groups say the crackdown has killed at least 270 people nationwide.",
        published=date(2022, 10, 30))
    assert counts["killed"]["best"] == 2
    assert all(v["value"] == 2 for v in counts["killed"]["values"])
    assert relations("Rights groups accuse both sides of atrocities in a two-year conflict that has left more "
                     "than 3,000 dead.") == [("killed", 3001, "running_total")]


def test_an_earlier_incident_told_in_a_clause_keeps_its_figure():
    counts = main_counts(
        "GAZA (Reuters) - At least 20 people were killed by Israeli fire while waiting for aid on Thursday, "
        "Gaza's health ministry said.\n"
        "The attack came just hours after eight people were killed in an airstrike at the Nuseirat camp.",
        published=date(2024, 3, 16))
    assert counts["killed"]["best"] == 20
    assert relations("The latest attacks followed attacks over the weekend that killed five people.") == [
        ("killed", 5, "other_incident")]


def test_a_revision_supersedes_the_first_figure_of_its_source():
    counts = main_counts(
        "TRIPOLI - Armed clashes broke out in the Libyan capital on Friday night.\n"
        "Eight people were killed in the first hours of fighting, the health ministry said.\n"
        "On Saturday the health ministry said the death toll from the clashes had risen to 13, and 95 others "
        "had been injured.")
    assert counts["killed"]["best"] == 13
    assert {(v["value"], v.get("relation", "total")) for v in counts["killed"]["values"]} == {
        (13, "revision"), (8, "superseded")}
    assert counts["injured"]["best"] == 95


def test_an_exact_total_beats_a_vague_word_for_the_same_people():
    counts = main_counts(
        "Police detained hundreds of protesters in the capital on Sunday, the interior ministry said.\n"
        "The ministry later said a total of 474 people had been arrested across the country.")
    assert counts["arrested"]["best"] == 474


def test_the_attackers_dead_and_a_figure_for_killed_or_injured_are_no_victims_toll():
    counts = main_counts(
        "EL-ARISH, Egypt - At least 23 Egyptian soldiers have been killed and 26 wounded in an attack by "
        "jihadist militants on a checkpoint in northern Sinai, security sources said.\n"
        "The military said 40 assailants were killed in the ensuing clashes.\n"
        "In a statement, the army said 26 soldiers were killed or injured in the attack.")
    killed = counts["killed"]
    assert killed["best"] == 23
    assert {(v["value"], v.get("relation", "total")) for v in killed["values"]} == {(23, "total"),
                                                                                 (40, "attackers")}
    assert counts["casualties"]["best"] == 26 and counts["injured"]["best"] == 26
    assert relations("Both gunmen were shot dead by police.") == [("killed", 2, "attackers")]
    assert relations("The blast killed or wounded 30 people.") == [("casualties", 30, "total")]
    assert relations("Gunmen killed two and wounded five.") == [("killed", 2, "total"), ("injured", 5, "total")]


def test_a_lower_bound_agrees_with_a_figure_near_it_not_with_any_larger_one():
    near = main_counts(
        "More than 20 civilians were killed in an air strike on a monastery in Sagaing region, residents said.\n"
        "An anti-junta fighter told AFP that 22 people were killed.")
    assert near["killed"]["best"] == 22
    far = main_counts(
        "At least 12 people were killed in a bombing at a market in Mogadishu, police said.\n"
        "A hospital official told Reuters that 120 people were killed.")
    assert far["killed"]["best"] == 120 and far["killed"]["disputed"]  # an exact figure before a bound...
    assert {v["value"] for v in far["killed"]["values"]} == {12, 120}  # ...and the bound kept beside it


def test_a_revised_toll_with_a_long_noun_phrase_is_the_toll():
    counts = main_counts(
        "BOGOTA - The death toll from clashes between Colombia's National Liberation Army (ELN) and members of "
        "the former FARC 33rd Front has risen to 60, the Ombudsman's Office said.\n"
        "The army said three soldiers were killed in the clashes in Catatumbo.")
    assert counts["killed"]["best"] == 60
    assert {(v["value"], v.get("relation", "total")) for v in counts["killed"]["values"]} == {(60, "revision"),
                                                                                           (3, "total")}


def test_an_earlier_attack_in_early_november_and_a_states_toll_are_not_this_blasts():
    counts = main_counts(
        "JALALABAD, Afghanistan - A blast ripped through a mosque in Spin Ghar district during Friday prayers, a "
        "Taliban official said.\n"
        "A doctor at the local hospital said at least three people were killed.\n"
        "At least 19 people were killed and more than 50 injured in an attack on a military hospital in Kabul in "
        "early November.", published=date(2021, 11, 13))
    assert counts["killed"]["best"] == 3 and "injured" not in counts
    assert relations("It also pushed the death toll in the state to 105.") == [("killed", 105, "running_total")]
    assert relations("The attack brought the overall toll to 300.") == [("killed", 300, "running_total")]
    assert relations("The death toll in the attack has risen to 60.") == [("killed", 60, "revision")]


def test_the_dead_of_an_earthquake_are_no_casualties_of_the_strike():
    counts = main_counts(
        "More than 20 civilians were killed in an air strike on a monastery in Sagaing region, residents said.\n"
        "In March, the region was also struck by a powerful earthquake, which killed nearly 3,800 people.")
    assert counts["killed"]["best"] == 21 and {v["value"] for v in counts["killed"]["values"]} == {21}
    assert relations("Gunmen storm a village in Zamfara, killing five people.") == [("killed", 5, "total")]


def test_a_witness_naming_her_own_dead_counts_them_and_another_in_the_same_phrase_is_not_more():
    assert [(c.kind, c.value) for c in find_counts(
        '"The attackers killed my husband and another man," she said.')] == [("killed", 2)]
    assert [(c.kind, c.value) for c in find_counts("They shot dead my brother.")] == [("killed", 1)]
    counts = main_counts(
        "BOR, South Sudan - At least two people were killed and two children abducted by armed men on the "
        "Bor-Pibor road, officials said.\n"
        "\"The attackers killed my husband and another man,\" a survivor said.")
    assert counts["killed"]["best"] == 2


def test_one_strikes_figure_and_a_retold_group_are_parts_of_the_toll():
    counts = main_counts(
        "PATTANI, Thailand - Two civilians were killed and 12 other people were injured in several bomb attacks "
        "on Wednesday night, police said.\n"
        "One of the blasts injured five policemen who were setting up a checkpoint, officials said.\n"
        "The five wounded officers were taken to a local hospital.", published=date(2016, 3, 31))
    assert counts["injured"]["best"] == 12
    assert {(v["value"], v.get("relation", "total")) for v in counts["injured"]["values"]} == {(12, "total"),
                                                                                            (5, "part")}
    assert relations("In one of the attacks, two soldiers were killed.") == [("killed", 2, "part")]
    assert relations("The blasts injured five policemen.") == [("injured", 5, "total")]


def test_a_town_named_like_its_state_and_a_conditional_toll():
    counts = main_counts(
        "MEXICO CITY - Gisela Gaytan, a candidate for mayor of Celaya, was shot dead during a campaign visit, the "
        "state prosecutor's office said.\n"
        "Authorities said that three other people were injured in the shooting in Guanajuato, Mexico's most "
        "violent state.\n"
        "The toll rises to more than 50 people if relatives of candidates are counted, a research firm says.")
    assert counts["killed"]["best"] == 1 and counts["injured"]["best"] == 3
    assert relations("Officials said the death toll could rise to 20.") == [("killed", 20, "conditional")]


def test_the_attackers_own_dead_are_the_attackers_not_victims():
    ledger = to_json(extract([RawItem(
        text="TEL AVIV - Two Palestinian gunmen opened fire at a light rail station in Jaffa on Tuesday, killing "
             "seven people, police said.\nOne of the gunmen was killed and the other was seriously wounded.",
        origin="t", id="t", published=date(2024, 10, 2))]))
    [event] = ledger["events"]
    roles = {(p["actor"], p["role"]) for p in event["participants"]}
    assert ("gunmen", "perpetrator") in roles and ("gunmen", "victim") not in roles
    assert event["counts"]["killed"]["best"] == 7


def test_more_people_and_another_are_increments_not_a_rival_toll():
    counts = main_counts(
        "IMPHAL, India - Indian officials confirmed that six people had died in a gunfight between armed groups "
        "on the border of Bishnupur and Churachandpur districts.\n"
        "\"One of them died on Wednesday night, while another died on Thursday morning,\" the police chief said.\n"
        "Two more people were killed in Churachandpur district on Thursday, security officials said.")
    assert counts["killed"]["best"] == 6
    assert [(c.kind, c.value, c.additional) for c in find_counts("Two more people were killed on Thursday.")] == [
        ("killed", 2, True)]
    assert [c.additional for c in find_counts("More than 20 people were killed.")] == [False]


def test_others_wounded_beside_the_dead_are_other_than_the_dead_not_more_wounded():
    counts = main_counts(
        "MAKHACHKALA, Russia - At least three people were killed and 16 others were injured in attacks by "
        "unknown assailants on a church and a police post in Derbent.\n"
        "The attack in the city led to the deaths of a police officer and a temple guard, with six other "
        "policemen wounded.")
    assert counts["injured"]["best"] == 16
    found = find_counts("Gunmen killed two guards and wounded three other people.")
    assert [(c.kind, c.value, c.additional) for c in found] == [("killed", 2, False), ("injured", 3, False)]
    assert [c.additional for c in find_counts("Police detained two other suspects.")] == [True]


def test_issue_19_examples_a_father_and_three_children_among_five_and_the_ramadan_toll():
    counts = main_counts(
        "KHAN YOUNIS, Gaza Strip - Five people, among them a father and three children, were killed when an "
        "airstrike hit a house on Tuesday, health officials said.\n"
        "A father and three children were pulled from the rubble, a rescuer said.\n"
        "The Ramadan death toll stands at 153, according to the health ministry's tally.",
        published=date(2024, 3, 20))
    assert counts["killed"]["best"] == 5
    assert relations("The Ramadan death toll stands at 153, according to a tally.") == [
        ("killed", 153, "running_total")]
