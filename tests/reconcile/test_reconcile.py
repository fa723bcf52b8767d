"""Many reports, one incident: copies of a wire story count once, different figures stay side by side,
different incidents stay apart, a source's later figure supersedes its earlier one."""

from __future__ import annotations

from datetime import date

from eventledger import Settings, extract, to_json
from eventledger.pipeline import text_item
from eventledger.reconcile import copy_groups

WIRE = ("KIRKUK, Iraq (AP) — A suicide bomber blew himself up at a crowded market in Kirkuk on Tuesday, killing "
        "at least 23 people and wounding dozens, police said. The attack struck the city's main vegetable market "
        "shortly after noon, when shoppers were buying food for the evening meal. No group immediately claimed "
        "responsibility for the bombing, which came a day after clashes between security forces and militants "
        "west of the city. Police said the bomber detonated an explosives belt near a row of fruit stalls.")
REPRINT = ("Suicide bomber kills 23 in Iraqi market\n\n" + WIRE + "\n\nCopyright 2014 The Associated Press. "
           "All rights reserved.")
INDEPENDENT = ("KIRKUK, Iraq — Hospital officials in Kirkuk said on Tuesday that 31 people were killed when a suicide "
               "bomber attacked the central market. Doctors at the city's general hospital said many of the wounded "
               "were women and children, and that the toll could rise.")
ELSEWHERE = ("BASRA, Iraq — A car bomb exploded near a checkpoint in Basra on Tuesday, killing four soldiers, "
             "police said.")
TUESDAY = date(2014, 3, 4)


def ledger_of(*texts_and_urls, settings=None):
    items = [text_item(text, id=f"doc{i}", published=TUESDAY, url=url)
             for i, (text, url) in enumerate(texts_and_urls)]
    return to_json(extract(items, settings=settings))


def test_copies_of_one_wire_story_are_one_source_and_figures_stay_apart():
    ledger = ledger_of((WIRE, "https://apnews.com/kirkuk"), (REPRINT, "https://www.example-times.com/world/kirkuk"),
                       (INDEPENDENT, "https://www.iraq-daily.example/kirkuk-market"))
    kirkuk = [e for e in ledger["events"] if e["location"]["name"] == "Kirkuk"]
    assert len(kirkuk) == 1
    event = kirkuk[0]
    assert sorted(event["documents"]) == ["doc0", "doc1", "doc2"]
    assert event["reports"] == 3 and event["independent_sources"] == 2
    assert sorted(map(sorted, event["source_groups"])) == [["doc0", "doc1"], ["doc2"]]
    killed = event["counts"]["killed"]
    assert {v["value"] for v in killed["values"]} == {23, 31}
    assert killed["low"] == 23 and killed["high"] == 31 and killed["disputed"] is True
    assert all(v["sources"] == 1 for v in killed["values"])  # the reprint adds no source
    claims = {c["id"]: c for c in ledger["claims"]}

    def documents_saying(figure):
        return {claims[c]["document"] for v in killed["values"] if v["value"] == figure for c in v["claims"]}
    assert documents_saying(23) == {"doc0", "doc1"}
    assert documents_saying(31) == {"doc2"}


def test_a_different_incident_the_same_day_stays_apart():
    ledger = ledger_of((WIRE, "https://apnews.com/kirkuk"), (ELSEWHERE, "https://apnews.com/basra"))
    places = sorted(e["location"]["name"] for e in ledger["events"])
    assert places == ["Basra", "Kirkuk"]


def test_a_sources_later_figure_supersedes_its_earlier_one():
    early = ("KIRKUK, Iraq — A suicide bomber attacked a market in Kirkuk on Tuesday, killing 23 people, police "
             "said.")
    later = ("KIRKUK, Iraq — The toll from Tuesday's suicide bombing at a market in Kirkuk rose to 31 people "
             "killed, police said on Wednesday.")
    items = [text_item(early, id="morning", published=TUESDAY, url="https://news.example/a"),
             text_item(later, id="evening", published=date(2014, 3, 5), url="https://news.example/b")]
    ledger = to_json(extract(items))
    [event] = [e for e in ledger["events"] if e["location"]["name"] == "Kirkuk"]
    killed = event["counts"]["killed"]
    assert killed["best"] == 31 and killed["disputed"] is False


def test_conservative_policy_takes_the_lowest_figure():
    settings = Settings(policy="conservative")
    ledger = ledger_of((WIRE, "https://apnews.com/kirkuk"), (INDEPENDENT, "https://www.iraq-daily.example/k"),
                       settings=settings)
    [event] = [e for e in ledger["events"] if e["location"]["name"] == "Kirkuk"]
    assert event["counts"]["killed"]["best"] == 23


def test_copy_groups_find_reprints_not_paraphrases():
    groups = copy_groups([("a", WIRE), ("b", REPRINT), ("c", INDEPENDENT)])
    assert groups["a"] == groups["b"] == "a"
    assert groups["c"] == "c"


def test_without_merging_each_document_keeps_its_events():
    ledger = ledger_of((WIRE, "https://apnews.com/kirkuk"), (INDEPENDENT, "https://www.iraq-daily.example/k"),
                       settings=Settings(merge=False))
    assert len([e for e in ledger["events"] if e["location"]["name"] == "Kirkuk"]) == 2


def test_a_report_that_names_the_state_settles_one_read_by_size_alone():
    # One station never names the state (`Butler County` is read where the largest Butler County is); the
    # other writes `Poplar Bluff, Mo.`: one incident, in Missouri.
    vague = ("Ethan Miller, 15, is recovering after he was accidentally shot in the face Friday in Butler County, "
             "the Butler County Sheriff's Office said. The boy was flown to a hospital with serious injuries.")
    firm = ("POPLAR BLUFF, Mo. — A 15-year-old Poplar Bluff boy, Ethan Miller, was accidentally shot in the face "
            "Friday while handling a rifle with a friend, the Butler County Sheriff's Office said.")
    ledger = ledger_of((vague, "https://www.example-tv.com/story/1"), (firm, "https://www.example-news.com/2"))
    vague_alone = ledger_of((vague, "https://www.example-tv.com/story/1"))["events"][0]["location"]
    assert vague_alone["ambiguous"] is True and vague_alone["admin1"] != "Missouri"
    assert len(ledger["events"]) == 1
    assert ledger["events"][0]["location"]["admin1"] == "Missouri"


def test_the_town_one_report_names_wins_over_the_county_another_gives():
    county = ("Ethan Miller, 16, was killed Monday in an accidental shooting in Whiteside County, Illinois, the "
              "Whiteside County Sheriff's Office said.")
    # the town is the story's (its dateline and the police department), not the event sentence's
    town = ("STERLING, Ill. — A 16-year-old boy, Ethan Miller, was killed Monday when a friend's gun went off, "
            "police said. The Sterling Police Department is investigating.")
    ledger = ledger_of((county, "https://www.example-tv.com/story/7"), (town, "https://www.example-news.com/8"))
    assert len(ledger["events"]) == 1
    location = ledger["events"][0]["location"]
    assert (location["name"], location["admin2"], location["admin1"]) == ("Sterling", "Whiteside", "Illinois")


def test_the_place_most_independent_sources_name_wins_and_copies_count_once():
    county = ("Ethan Miller, 16, was killed Monday in an accidental shooting in Whiteside County, Illinois, the "
              "Whiteside County Sheriff's Office said. Deputies said a friend had been handling the rifle.")
    town = ("STERLING, Ill. — A 16-year-old boy, Ethan Miller, was killed Monday when a friend's gun went off, "
            "police said. The Sterling Police Department is investigating.")
    # two copies of the county story are one source: the town still wins the tie
    ledger = ledger_of((county, "https://www.example-tv.com/story/7"), (county, "https://www.example-tv2.com/7"),
                       (town, "https://www.example-news.com/8"))
    assert [e["location"]["name"] for e in ledger["events"]] == ["Sterling"]
    # two independent reports naming the county outweigh one naming the town
    other = ("A Whiteside County teenager, Ethan Miller, 16, died Monday after he was shot in an accident at a "
             "home in Whiteside County, Illinois, the county coroner said. No charges have been filed.")
    ledger = ledger_of((county, "https://www.example-tv.com/story/7"), (other, "https://www.example-radio.com/9"),
                       (town, "https://www.example-news.com/8"))
    assert len(ledger["events"]) == 1
    assert ledger["events"][0]["location"]["name"] == "Whiteside"


def test_the_incidents_day_cites_every_report_that_gives_it_however_written():
    saturday = ("Police said a 15-year-old boy was shot and killed Saturday at a home in Sterling, Illinois. The "
                "boy's friend had been handling a rifle, the Whiteside County coroner said.")
    dated = ("STERLING, Ill. — A 15-year-old boy was shot and killed on March 1 at a home in Sterling, police said. "
             "The Whiteside County coroner said a friend had been handling a rifle.")
    ledger = ledger_of((saturday, "https://www.example-tv.com/story/3"), (dated, "https://www.example-news.com/4"))
    [event] = ledger["events"]
    assert event["date"]["start"] == "2014-03-01"
    cited = {c["document"] for c in ledger["claims"] if c["id"] in event["date"]["claims"]}
    assert cited == {"doc0", "doc1"}


def test_a_day_a_report_states_wins_over_one_inferred_from_another_story():
    # the second report names no day for the deaths; its earliest day (the quarrel's) is only inferred
    stated = ("CULPEPER, Va. - Three children and two adults were found dead by a family member Sunday night after "
              "a murder-suicide, according to the Culpeper County Sheriff's Office.")
    inferred = ("A family of five, including three children, was found fatally shot in their Culpeper, Virginia, "
                "home. The couple had an ongoing dispute that grew more heated Saturday night, relatives said.")
    items = [text_item(stated, id="doc0", published=date(2014, 8, 4), url="https://www.example-tv.com/1"),
             text_item(inferred, id="doc1", published=date(2014, 8, 5), url="https://www.example-news.com/2")]
    [event] = to_json(extract(items))["events"]
    assert event["date"]["start"] == "2014-08-03"
    assert event["counts"]["killed"]["best"] == 5


def test_a_bound_from_one_outlet_agrees_with_another_outlets_figure_near_it():
    first = ("MAIDUGURI, Nigeria - At least six people attending a wedding in Gwoza town, Borno State, were killed "
             "on Saturday after suicide bombers detonated explosives, officials said.")
    second = ("GWOZA, Nigeria - Two suicide bombers detonated explosives at a wedding in Gwoza town, Borno State, "
              "on Saturday, killing six guests and injuring sixteen others.")
    third = ("A military source in Gwoza said a female suicide bomber detonated an explosive device near the "
             "military base in Gwoza town on Saturday, killing a soldier.")
    saturday = date(2024, 6, 29)
    ledger = to_json(extract([text_item(text, id=f"doc{i}", published=saturday, url=f"https://outlet{i}.example/a")
                              for i, text in enumerate((first, second, third))]))
    [event] = [e for e in ledger["events"] if len(e["documents"]) == 3]
    assert event["counts"]["killed"]["best"] == 6  # six, and at least six, against one
