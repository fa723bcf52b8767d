"""The news, not the background: which incident a report tells as its own, and which it retells.

Whole realistic reports, each with an earlier incident told for context in a different phrasing: a date in
an earlier month, a running total dated by the raid it counts from, a recall frame, a premodifier, a
retrospective on an old massacre.
"""

from __future__ import annotations

from datetime import date

from eventledger import extract_text, to_json
from eventledger.events.anchoring import anchor_events
from eventledger.model import Event, Location, TimeValue


def events(text: str, **meta) -> list[dict]:
    return to_json(extract_text(text, **meta))["events"]


def killed(event: dict) -> int | None:
    return event["counts"]["killed"]["best"] if "killed" in event["counts"] else None


def test_last_months_clash_is_background_and_does_not_date_this_weeks():
    found = events(
        "RAIPUR - Two Maoists were killed in an encounter with security forces in Bijapur district on Wednesday, "
        "police said.\n\nThe exchange of fire lasted for nearly an hour, an officer said.\n\n"
        "Last month, six Maoists were killed in a gunfight in the neighbouring Sukma district.",
        published=date(2023, 11, 17))
    news = [e for e in found if e.get("anchor", "news") == "news"]
    background = [e for e in found if e.get("anchor") == "background"]
    assert len(news) == 1 and news[0]["date"]["start"] == "2023-11-15" and killed(news[0]) == 2
    assert len(background) == 1 and killed(background[0]) == 6
    assert background[0]["date"]["precision"] == "month" and background[0]["date"]["start"] == "2023-10-01"


def test_undated_sentences_after_a_dated_background_raid_stay_with_the_news():
    found = events(
        "PATTANI, Thailand - Two civilians were killed and 12 people injured in bomb attacks in Yarang "
        "district on Wednesday night, police said.\n\n"
        "The attacks brought to 27 the number of people killed since security forces raided a rebel hideout "
        "on Feb. 10.\n\n"
        "One of the blasts injured five policemen who were setting up a checkpoint near a post office.\n\n"
        "One of the policemen later died in hospital.",
        published=date(2016, 3, 31))
    news = next(e for e in found if e.get("anchor", "news") == "news")
    assert news["date"]["start"] == "2016-03-30" and killed(news) == 2
    lines = {c for c in news["claims"]}
    assert len(lines) >= 3  # the lede, the five policemen and the one who died are told of the same night
    assert not any(killed(e) == 27 for e in found)  # a running total is no event's toll


def test_a_recalled_attack_years_ago_keeps_its_own_toll_apart():
    found = events(
        "MAIDUGURI - Suspected Boko Haram terrorists on Sunday attacked rice farmers in Mafa local government "
        "area of Borno State, killing 15.\n\n"
        "It will be recalled that the terrorists about three years ago also killed over 76 rice farmers in "
        "Zabarmari.",
        published=date(2023, 11, 6))
    news = next(e for e in found if e.get("anchor", "news") == "news")
    assert killed(news) == 15 and news["date"]["start"] == "2023-11-05"
    older = [e for e in found if e is not news]
    assert older and all(e["anchor"] in ("background", "historical") for e in older)
    assert killed(older[0]) == 77


def test_a_previous_attack_named_by_its_premodifier_is_not_the_news():
    found = events(
        "KANO - Gunmen killed four people in an attack on a market in Dandume on Friday, police said.\n\n"
        "In the previous attack on the village, bandits abducted 30 women.",
        published=date(2022, 5, 14))
    news = next(e for e in found if e.get("anchor", "news") == "news")
    assert killed(news) == 4 and "abducted" not in news["counts"]
    assert any(e.get("anchor") == "background" and e["counts"].get("abducted", {}).get("best") == 30
               for e in found)


def test_a_late_report_dates_its_news_by_the_lede_not_by_publication():
    found = events(
        "Villagers said soldiers killed nine civilians in Tula on March 2. The army has denied the killings. "
        "The soldiers later burned houses in the village, residents said.",
        published=date(2021, 3, 25))
    assert len(found) == 1 and found[0].get("anchor", "news") == "news" and killed(found[0]) == 9


def test_a_retrospective_is_about_its_old_massacre_which_is_historical():
    found = events(
        "On September 1, 2013, an attack by militias on Camp Ashraf in Iraq led to the deaths of 52 residents, "
        "the report says.\n\nThe attackers also abducted seven residents.",
        published=date(2019, 10, 19))
    assert len(found) == 1
    assert found[0]["anchor"] == "historical" and killed(found[0]) == 52
    assert found[0]["counts"]["abducted"]["best"] == 7


def test_historical_events_are_marked_by_their_distance_from_publication():
    event = Event(id="d:e1", type="attack", location=Location(precision="unknown"), participants=(),
                  date=TimeValue(start=date(1968, 3, 16), end=date(1968, 3, 16), precision="day"))
    recent = Event(id="d:e2", type="attack", location=Location(precision="unknown"), participants=(),
                   date=TimeValue(start=date(2018, 3, 10), end=date(2018, 3, 10), precision="day"))
    undated = Event(id="d:e3", type="attack", location=Location(precision="unknown"), participants=(),
                    date=TimeValue(start=date(2018, 3, 10), end=date(2018, 3, 16), precision="week",
                                   basis="publication"))
    marked = anchor_events([event, recent, undated], date(2018, 3, 16))
    assert [e.anchor for e in marked] == ["historical", "news", "news"]
    assert anchor_events([event], None)[0].anchor == "news"  # no publication date, no distance to read


def test_a_fixed_holiday_dates_the_attack_and_the_sources_day_bounds_it():
    [event] = events("At least 25 people were killed in an attack on New Year's Eve by rebels in Beni territory, "
                     "local officials said.", published=date(2021, 1, 1))
    assert event["date"]["start"] == "2020-12-31" and event["date"]["precision"] == "day"
    [event] = events("A military drone strike in Kaduna state killed dozens of villagers, according to statements "
                     "from the state governor, a religious leader and witnesses on Monday.",
                     published=date(2023, 12, 5))
    assert (event["date"]["start"], event["date"]["end"], event["date"]["basis"]) == ("2023-11-28", "2023-12-04",
                                                                                      "report")
    # a fronted source ends at its comma: the day after it is the event's own
    [event] = events("According to the criminal complaint, on Sunday officers found a woman shot dead in a car.",
                     published=date(2016, 9, 27))
    assert event["date"]["start"] == "2016-09-25" and event["date"]["precision"] == "day"


def test_a_strike_that_kills_tells_its_event_and_a_walk_out_tells_none():
    found = events(
        "ADDIS ABABA (AFP) - Nineteen people have been killed in drone strikes in Tigray over the past two days, "
        "aid workers said on Tuesday.\n"
        "In the deadliest strike on Monday in the town of Mai Tsebri, 17 people working at a flour mill lost "
        "their lives, said one of the humanitarian workers.", published=date(2022, 1, 11))
    assert [killed(e) for e in found] == [17]  # the two days' running total is no event's toll
    assert found[0]["date"]["start"] == "2022-01-10"
    assert events("Teachers in Addis Ababa went on strike on Monday over unpaid wages, their union said.",
                  published=date(2022, 1, 11)) == []


def test_where_the_dead_are_mourned_is_not_where_they_died():
    found = events(
        "COLOMBO, Sri Lanka - Authorities said nine bombers carried out the blasts in Colombo that killed 253 "
        "people on Easter Sunday.\n"
        "Friends and relatives carry the casket of a Sri Lankan bomb blast victim for last rites in Bengaluru.",
        published=date(2019, 4, 25))
    assert len(found) == 1 and found[0]["location"]["name"] == "Colombo"


def test_issue_22_examples_read_right():
    # `since the May 17 start of Ramadan` does not date this week's bombing, and its running total is no toll
    [event] = events("MAIDUGURI - A suicide bomber killed 12 people at a market in Maiduguri on Tuesday, police said. "
                     "Nearly 100 people have been killed in attacks since the May 17 start of the holy month of "
                     "Ramadan.", published=date(2019, 6, 1))
    assert event["date"]["start"] == "2019-05-28" and killed(event) == 12
    # an earlier kidnapping `on July 16` is its own, background event
    found = events("KADUNA - Gunmen abducted 15 passengers on the Abuja-Kaduna highway on Sunday, police said. The "
                   "same gang kidnapped 20 travellers on July 16.", published=date(2021, 8, 3))
    news = [e for e in found if e.get("anchor", "news") == "news"]
    assert [(e["date"]["start"], e["counts"]["abducted"]["best"]) for e in news] == [("2021-08-01", 15)]
    assert any(e.get("anchor") == "background" and e["date"]["start"] == "2021-07-16" for e in found)
    # `before dawn Monday` is a day
    [event] = events("RAFAH - Israeli airstrikes killed 18 people in Rafah before dawn Monday, health officials "
                     "said.", published=date(2024, 2, 13))
    assert (event["date"]["start"], event["date"]["precision"]) == ("2024-02-12", "day")
    # a commemoration of the 1968 massacre is history, not a fresh attack
    found = events("Hundreds gathered in Son My on Saturday to mark the 50th anniversary of the My Lai massacre, in "
                   "which US soldiers killed 504 villagers in 1968.", published=date(2018, 3, 17))
    assert all(e["anchor"] == "historical" for e in found if e["counts"])
    # a war's count is no incident's toll
    found = events("Hundreds of thousands of Syrians have been killed at the hands of Assad and ISIL, and cities "
                   "such as Aleppo have been reduced to rubble.", published=date(2016, 5, 1))
    assert not any(killed(e) for e in found)
    # a ceasefire signing recalls a conflict's dead: no event with casualties
    found = events("JUBA - The government and the rebels signed a ceasefire in Juba on Monday. Over 1,000 people "
                   "were killed in the conflict.", published=date(2020, 8, 31))
    assert not any(e["counts"] for e in found)


def test_a_predicate_dates_its_definite_subject_and_a_festivals_anniversary_is_no_commemorated_day():
    found = events(
        "SOLINGEN, Germany - Three people were killed and eight injured in a knife attack at a festival, police "
        "said.\n"
        "The attack in Solingen (North Rhine-Westphalia) took place late on Friday, August 23, at a festival "
        "dedicated to the city's 650th anniversary.\n"
        "Police detained a suspect on Saturday.", published=date(2024, 8, 25))
    attack = next(e for e in found if e["counts"].get("killed"))
    assert attack["date"]["start"] == "2024-08-23" and killed(attack) == 3
    # the day of a commemoration is not the day of what it commemorates
    [event] = events("Hundreds gathered on Saturday for the anniversary of the massacre in which soldiers killed "
                     "504 villagers in 1968.", published=date(2018, 3, 17))
    assert event["date"]["start"] != "2018-03-17"
