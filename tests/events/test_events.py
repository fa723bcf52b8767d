"""Who did what to whom: event frames from active, passive and nominal phrasing; merging and keeping apart."""

from __future__ import annotations

from datetime import date

from eventledger import extract_text, to_json


def events(text: str, **meta) -> tuple[list[dict], dict]:
    result = to_json(extract_text(text, **meta))
    return result["events"], result


def roles(event: dict, role: str) -> set[str]:
    return {p["actor"] for p in event["participants"] if p["role"] == role}


def test_active_voice():
    [event], _ = events("BAGHDAD, May 2, 2014 - Islamic State militants killed 12 Iraqi soldiers in Tikrit on Monday.")
    assert roles(event, "perpetrator") == {"islamic-state"}
    assert "iraqi-forces" in roles(event, "victim") or "soldiers" in roles(event, "victim")
    assert event["counts"]["killed"]["best"] == 12
    assert event["date"]["start"] == "2014-04-28"


def test_passive_with_agent():
    [event], _ = events("KABUL, Afghanistan (June 3, 2011) - Two insurgents were killed by coalition forces "
                        "in Helmand province yesterday.")
    assert roles(event, "perpetrator") == {"coalition-forces"}
    assert roles(event, "victim") == {"insurgents"}
    assert event["type"] == "armed_clash"
    assert event["location"]["admin1"] == "Helmand"


def test_passive_without_agent():
    [event], _ = events("Three civilians were wounded when a mortar round hit a market in Aleppo on Tuesday.",
                        published=None)
    assert event["counts"]["injured"]["best"] == 3
    assert roles(event, "perpetrator") == set()


def test_nominal_attack_by_a_and_b_on_c():
    [event], _ = events("An attack by Kata'ib Hezballah and Asa'ib Ahl al-Haq on Camp Ashraf in Iraq left "
                        "dozens dead.")
    assert roles(event, "perpetrator") == {"kataib-hezbollah", "asaib-ahl-al-haq"}
    assert event["location"]["name"] == "Camp Ashraf" and event["location"]["country"] == "IQ"


def test_coordination_with_along_with():
    [event], _ = events("The QF, along with KH and AAH members, also abducted seven MeK members.")
    assert roles(event, "perpetrator") == {"quds-force", "kataib-hezbollah", "asaib-ahl-al-haq"}
    assert roles(event, "victim") == {"mek"}
    assert event["counts"]["abducted"]["best"] == 7


def test_planned_and_negated_deeds_make_no_event():
    found, _ = events("At the time of his death, the commander was planning to launch an IED attack.\n\n"
                      "The security force did not fire their weapons.")
    assert found == []


def test_commemoration_is_not_an_attack():
    found, _ = events("In September 2017 supporters held a ceremony in Tirana to commemorate the victims.")
    assert found == []


def test_different_dates_keep_events_apart_and_references_join():
    text = ("PARIS, Jan. 10, 2016 - Gunmen attacked a concert hall in Paris on Nov. 13, 2015, killing 90 people. "
            "Like the 1995 bombing of a metro station, the attack shocked the city. "
            "Officials said the attack was planned by Islamic State.")
    found, _ = events(text)
    dates = sorted(e["date"]["start"] for e in found)
    assert dates == ["1995-01-01", "2015-11-13"]
    concert = next(e for e in found if e["date"]["start"] == "2015-11-13")
    planners = [p for p in concert["participants"] if p["actor"] == "islamic-state"]
    assert planners and planners[0]["detail"] == "planned"


def test_conflicting_figures_are_kept_with_their_sources():
    text = ("ABUJA, May 5, 2020 - Gunmen killed 20 villagers in Zamfara state on Sunday, police said. "
            "A local leader said 35 villagers were killed in the attack.")
    [event], result = events(text)
    killed = event["counts"]["killed"]
    assert (killed["low"], killed["high"], killed["disputed"]) == (20, 35, True)
    claims = {c["id"]: c for c in result["claims"]}
    by_value = {v["value"]: claims[v["claims"][0]]["sources"][-1]["name"] for v in killed["values"]}
    assert by_value[20] == "police" and "local leader" in by_value[35]


def test_roles_from_the_parse_and_from_the_rules_agree_on_the_hard_cases():
    from eventledger import Settings

    cases = {
        "The QF, along with KH and AAH members, also abducted seven MeK members.":
            ({"quds-force", "kataib-hezbollah", "asaib-ahl-al-haq"}, {"mek"}),
        "Two insurgents were killed by coalition forces in Helmand province.": ({"coalition-forces"}, {"insurgents"}),
        "Islamic State militants killed 12 policemen in Mosul.": ({"islamic-state"}, {"police"}),
    }
    for text, (perpetrators, victims) in cases.items():
        for parse in (False, True):
            [event] = to_json(extract_text(text, settings=Settings(parse=parse)))["events"]
            assert roles(event, "perpetrator") == perpetrators, (text, parse)
            assert roles(event, "victim") == victims, (text, parse)


def _one(text: str, parse: bool = False) -> dict:
    from eventledger import Settings

    found = to_json(extract_text(text, settings=Settings(parse=parse)))["events"]
    assert len(found) == 1, found
    return found[0]


def test_relative_clause_subject():
    event = _one("The gunmen, who stormed the camp at dawn, killed seven residents.")
    assert roles(event, "perpetrator") == {"gunmen"} and roles(event, "victim") == {"civilians"}


def test_apposition_and_parenthetical_definition():
    event = _one("Asa'ib Ahl al-Haq (AAH), an Iranian-backed militia, abducted four engineers near Basra.")
    assert roles(event, "perpetrator") == {"asaib-ahl-al-haq"}


def test_purpose_clause_does_not_make_the_protectors_attackers():
    event = _one("Iraqi forces sent to protect the camp did nothing as the militants killed 52 residents.")
    assert roles(event, "perpetrator") == {"insurgents"}
    assert "iraqi-forces" not in roles(event, "perpetrator")


def test_sub_roles_from_role_verbs():
    event = _one("The attack on the village, which killed 12 civilians, was ordered by the Taliban.")
    ordered = [p for p in event["participants"] if p["actor"] == "taliban"]
    assert ordered and ordered[0]["detail"] == "ordered" and ordered[0]["role"] == "perpetrator"
    event = _one("The Islamic State claimed responsibility for the bombing that killed 30 people in Kabul.")
    claimed = [p for p in event["participants"] if p["actor"] == "islamic-state"]
    assert claimed and claimed[0]["detail"] == "claimed responsibility"


def test_modality_of_accusations_and_hedges():
    result = to_json(extract_text("Hezbollah is accused of killing three soldiers in the ambush."))
    assert result["claims"][0]["modality"] == "claimed"
    result = to_json(extract_text("The strike may have killed as many as 20 fighters."))
    assert result["claims"][0]["modality"] == "hedged"


def test_wire_story_with_a_monitor_and_a_rescue_group_giving_different_tolls():
    text = ("Airstrikes kill 23 civilians in Idlib, monitor says\n\n"
            "BEIRUT, Feb. 10, 2020 (AFP) - Russian airstrikes killed at least 23 civilians, including six children, "
            "in Syria's northwestern Idlib province on Monday, according to the Syrian Observatory for Human Rights."
            "\n\nThe White Helmets rescue group put the death toll at 31, saying dozens more were wounded. "
            "Rebels captured two government soldiers near Saraqeb on Sunday, the monitor added.")
    result = to_json(extract_text(text))
    assert result["documents"][0]["publisher"] == "AFP"
    strike = next(e for e in result["events"] if e["type"] == "airstrike")
    killed = strike["counts"]["killed"]
    assert (killed["low"], killed["high"], killed["disputed"]) == (23, 31, True)
    assert strike["location"]["admin1"] == "Idlib" and strike["location"]["country"] == "SY"
    capture = next(e for e in result["events"] if e is not strike)
    assert capture["type"] == "abduction" and capture["counts"]["abducted"]["best"] == 2


def test_a_fatal_shooting_bounds_the_death_toll_but_adds_no_one():
    from eventledger import extract_text, to_json

    ledger = to_json(extract_text("Michael Parsons, a 17-year-old senior, died Saturday at his home in what police "
                                  "called a fatal shooting. Investigators said the fatal shooting appeared to be "
                                  "accidental."))
    killed = ledger["events"][0]["counts"]["killed"]
    assert killed["best"] == 1 and killed["high"] == 1


def test_a_fronted_phrase_is_not_the_victim():
    # the parser takes `Following Khamenei's approval` for a second passive subject; it is an adjunct
    [event], _ = events("Following Khamenei's approval of the JCPOA in October 2015, Camp Liberty was attacked by "
                        "rockets.")
    assert "ali-khamenei" not in roles(event, "victim")
    assert event["location"]["name"] == "Camp Liberty"


def test_victims_named_after_a_death_toll_are_among_it():
    found, _ = events("A Miami Gardens shooting Sunday night left two people dead and police searching for whoever "
                      "pulled the trigger. Janet Francois, 16, was shot and killed while sitting in a car Sunday night "
                      "in Miami Gardens.")
    assert found[0]["counts"]["killed"]["best"] == 2
    found, _ = events("An 8-year-old child died Sunday morning after an accidental shooting inside a home. Sharai "
                      "died while en route to the hospital.")
    assert found[0]["counts"]["killed"]["best"] == 1
    # a leader and a group in one sentence still add up; detentions keep the ISAF convention across sentences
    found, _ = events("An air weapons team killed a Taliban commander and two insurgents in Nad-e Ali district.")
    assert found[0]["counts"]["killed"]["best"] == 3
    found, _ = events("The security force captured a Taliban leader in Nad-e Ali district, Helmand province, "
                      "yesterday. The security force also detained two suspected insurgents.")
    assert found[0]["counts"]["arrested"]["best"] == 3


def test_a_date_inside_another_noun_phrase_does_not_date_the_event():
    # `the July 2 attack` dates the attack the strike avenged; the strike itself happened `today`.
    evs, _ = events("KABUL, Afghanistan (July 15, 2010) - A security force conducted a precision strike on a "
                    "Taliban commander connected to the July 2 attack near the hotel in Kunduz province today.")
    strike = next(e for e in evs if e["type"] == "airstrike")
    assert strike["date"]["start"] == "2010-07-15"
    # A possessive date does the same: `Wednesday's bombing` is not the day of the arrest.
    evs, _ = events("KABUL, Afghanistan (Jan. 14, 2012) - The leader is thought to be responsible for Wednesday's "
                    "suicide bombing in Kandahar. Police arrested two suspects in Dand district on Friday.")
    arrest = next(e for e in evs if e["type"] == "arrest")
    assert arrest["date"]["start"] == "2012-01-13"


def test_the_day_something_was_confirmed_is_not_the_day_it_happened():
    [event], _ = events("KABUL, Afghanistan (Nov. 20, 2012) - Afghan and coalition forces confirmed today the "
                        "arrest of a Taliban bomb maker in Helmand province Sunday.")
    assert event["date"]["start"] == "2012-11-18"
    # With no other date in the sentence, the day it was said bounds the event: it happened in the week up to it.
    [event], _ = events("KABUL, Afghanistan (Nov. 20, 2012) - Police said Tuesday that gunmen killed two guards "
                        "at a checkpoint.")
    assert (event["date"]["start"], event["date"]["end"], event["date"]["precision"],
            event["date"]["basis"]) == ("2012-11-14", "2012-11-20", "range", "report")


def test_people_picked_out_one_by_one_do_not_dispute_the_toll():
    evs, _ = events("ROY, Utah (June 20, 2016) - All four family members were found dead inside their home on "
                    "Sunday, police said. Lt. Mike Smith said the father shot his wife and children before "
                    "killing himself.")
    killed = next(e for e in evs if "killed" in e["counts"])["counts"]["killed"]
    assert (killed["best"], killed["disputed"]) == (4, False)
    assert {(v["value"], v["qualifier"]) for v in killed["values"]} == {(4, "exact"), (1, "at_least")}


def test_the_hospital_a_victim_died_in_is_not_where_the_shooting_was():
    [event], _ = events("The victim of last week's shooting near Wenatchee has died. The Chelan County Sheriff's "
                        "Office reports Anna Sanchez, 23, died at Providence Sacred Heart Medical Center in Spokane "
                        "after she was shot in the head.", url="http://kpq.com/5516-2/")
    assert event["location"]["name"] != "Spokane"
    # nor the story's place when the event's own sentence names none
    [event], _ = events("The victim of last week's shooting has died. The Chelan County Sheriff's Office reports "
                        "Anna Sanchez, 23, died at Providence Sacred Heart Medical Center in Spokane.",
                        url="http://kpq.com/5516-2/")
    assert event["location"]["name"] == "Chelan"


def test_where_a_victim_lived_yields_to_where_the_story_puts_the_shooting():
    [event], _ = events("MINNEAPOLIS (WCCO) - Two people have been charged in connection with the shooting death "
                        "of a Minnetonka teen. Smith had her drive them to an alley on the 700 block of Sims Avenue "
                        "in St. Paul, where the men approached the car.")
    assert (event["location"]["name"], event["location"]["admin1"]) == ("Saint Paul", "Minnesota")


def test_a_count_dated_months_before_the_story_is_another_event():
    evs, _ = events("HUDSON, Fla. (AP) - A 12-year-old boy shot his brother to death and killed himself, a sheriff "
                    "said Thursday.\n\nIn August, three members of a family and a fourth man were discovered dead.",
                    published=date(2015, 3, 26))
    by_killed = {e["counts"]["killed"]["best"]: e["date"] for e in evs}
    assert set(by_killed) == {2, 4}
    assert (by_killed[4]["start"], by_killed[4]["precision"]) == ("2014-08-01", "month")
    assert by_killed[2]["end"] == "2015-03-26"


def test_a_funerals_day_bounds_the_killing_it_remembers():
    [event], _ = events("Four children killed by their father in a murder-suicide were remembered in funeral "
                        "services on Saturday.", published=date(2015, 9, 26))
    assert (event["date"]["start"], event["date"]["end"], event["date"]["basis"]) == ("2015-09-20", "2015-09-26",
                                                                                      "report")
    # a date inside the noun phrase after such a verb is the event's own
    [event], _ = events("Oliver Kennedy has been charged in connection to the June 28th fatal shooting of Alac "
                        "Jackson.", published=date(2016, 7, 5))
    assert event["date"]["start"] == "2016-06-28"


def test_the_datelines_own_date_does_not_date_the_event_yesterday_does():
    [event], _ = events("Coalition Command Morning Operational Update, March 8, 2011\nFor Immediate Release\n\n"
                        "KABUL, Afghanistan (March 8, 2011) \u2014 Afghan and coalition forces captured three "
                        "facilitators and detained several suspected insurgents in Khost province, yesterday.")
    assert (event["date"]["start"], event["date"]["precision"]) == ("2011-03-07", "day")
    assert event["counts"]["arrested"]["low"] == 6


def test_the_headline_is_evidence_like_any_sentence():
    text = ("On March 11, 2016, at 5 pm, an unidentified person called Gallatin County 911 and hung up. Deputies "
            "found a man and two women dead at the home. The Gallatin County Sheriff said the man shot the women.")
    result = to_json(extract_text(text, title="Three People Dead East of Bozeman - KBZK News",
                                  published=date(2016, 3, 12)))
    assert result["documents"][0]["title"] == "Three People Dead East of Bozeman - KBZK News"  # kept whole
    [event] = result["events"]
    assert event["location"]["name"] == "Bozeman" and event["location"]["precision"] == "near"
    assert event["counts"]["killed"]["best"] == 3
    claims = {c["id"]: c for c in result["claims"]}
    [headline] = [c for c in claims.values() if c["start"] == 0]
    assert headline["text"] == "Three People Dead East of Bozeman"
    assert headline["id"] in event["location"]["claims"]
    # a text that already begins with its title is not given it twice
    result = to_json(extract_text("Two shot in Gary\n\nTwo men were shot in Gary on Monday.", title="Two shot in Gary"))
    assert result["claims"][0]["text"] == "Two shot in Gary" and result["claims"][1]["start"] > 16


KIDNAP = ("Gunmen abduct 40 villagers in Zamfara, police say\n\n"
          "GUSAU, Nigeria, March 3, 2021 (Reuters) - Gunmen kidnapped at least 40 people, including women and "
          "children, in an overnight raid on a village in northwestern Zamfara state, police said on Wednesday.\n\n"
          "The attackers stormed the village late on Tuesday, shooting sporadically, police spokesman Mohammed "
          "Shehu said in a statement.\n\n"
          "A local official told Reuters that 52 people had been taken.\n\n"
          "Last month, 279 schoolgirls were abducted from a boarding school in Zamfara. "
          "They were released days later.\n\n"
          "Police said 12 suspects had been arrested in connection with the attack.")


def test_a_later_arrest_joins_the_attack_it_names_not_the_background_abduction_before_it():
    found, ledger = events(KIDNAP, title="Gunmen abduct 40 villagers in Zamfara, police say")
    attack, background = found
    assert attack["date"]["start"] == "2021-03-02" and background["date"]["precision"] == "month"
    assert attack["counts"]["arrested"]["best"] == 12  # the police's suspects are arrested, not abducted
    abducted = attack["counts"]["abducted"]
    assert {v["value"] for v in abducted["values"]} == {40, 52} and abducted["disputed"]
    assert background["counts"]["abducted"]["best"] == 279 and "arrested" not in background["counts"]
    headline = next(c for c in ledger["claims"] if c["text"].startswith("Gunmen abduct"))
    assert headline["event"] == attack["id"]
    assert "police" not in roles(attack, "victim")  # the police spokesman speaks, he is not attacked


def test_a_state_named_before_of_and_an_ongoing_feud_do_not_split_the_shooting():
    found, _ = events("MEXICO CITY (AP) - Gunmen opened fire inside a bar in the central Mexican state of "
                      "Guanajuato late Saturday, killing nine people.\n\nThe attack happened in the city of Celaya, "
                      "where two cartels have been fighting for control of fuel theft.")
    [event] = found
    assert event["type"] == "attack" and event["counts"]["killed"]["best"] == 9
    assert (event["location"]["name"], event["location"]["admin1"]) == ("Celaya", "Guanajuato")


def test_the_strikes_a_monitor_places_are_the_strikes_told_before():
    found, _ = events("BEIRUT, Aug. 14, 2016 (AP) - Airstrikes on a rebel-held town in northern Syria killed at "
                      "least 23 civilians on Sunday.\n\nThe Syrian Observatory for Human Rights said the strikes "
                      "hit a market in Idlib province.\n\nTeachers said the strike over pay would go on.")
    [event] = found
    assert event["type"] == "airstrike" and event["location"]["admin1"] == "Idlib"


PROTEST = ("NAIROBI, Kenya, July 7, 2023 - Kenyan police shot dead three protesters and wounded at least 17 others in "
           "Nairobi and the western city of Kisumu on Friday, a human rights group said.\n\n"
           "Amnesty International Kenya said the three were killed in Kisumu.\n\n"
           "The opposition leader, Raila Odinga, said the death toll was higher. \"At least six of our supporters "
           "have been murdered by the police,\" he told reporters.")


def test_places_listed_together_hold_one_event_and_a_quoted_pronoun_finds_its_speaker():
    found, _ = events(PROTEST)
    [event] = found
    killed = event["counts"]["killed"]
    assert {(v["value"], v["qualifier"]) for v in killed["values"]} == {(3, "exact"), (6, "at_least")}
    assert killed["disputed"] and killed["best"] == 3
    claims = {c["id"]: c for c in _["claims"]}
    six = next(v for v in killed["values"] if v["value"] == 6)
    assert [s["name"] for s in claims[six["claims"][0]]["sources"]][1:] == ["Raila Odinga"]


def test_a_group_named_to_describe_another_takes_no_part_and_scare_quotes_do_not_hide_a_count():
    found, _ = events("MOGADISHU, Somalia, Aug. 16, 2020 (AP) - A car bomb exploded outside a hotel on Sunday, "
                      "killing at least 15 people, police said.\n\nThe al-Qaida-linked al-Shabab extremist group "
                      "claimed responsibility for the attack. The group said 20 \"apostate\" soldiers had been "
                      "killed.")
    [event] = found
    assert roles(event, "perpetrator") == {"al-shabaab"}
    assert {v["value"] for v in event["counts"]["killed"]["values"]} == {15, 20}


def test_a_ranges_evidence_is_its_whole_phrase_never_part_of_a_word():
    sentences = {
        "Following Khamenei's approval of the JCPOA in October 2015, Camp Liberty was attacked by rockets.":
            "Following Khamenei's approval of the JCPOA in October 2015",
        "Since the ceasefire between the two armies collapsed in March 2021, militants have attacked the village of "
        "Kidal.": "Since the ceasefire between the two armies collapsed in March 2021",
        "After the disputed election in May 2019, security forces arrested dozens of protesters in Khartoum.":
            "After the disputed election in May 2019",
    }
    for sentence, phrase in sentences.items():
        found, _ = events(sentence, published=date(2022, 1, 10))
        dated = [e["date"] for e in found if e["date"]["precision"] == "range"]
        assert dated and dated[0]["text"] == phrase, (sentence, found and found[0]["date"])
