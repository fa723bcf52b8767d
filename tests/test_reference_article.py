"""The reference article yields every fact in its expected.json and falls into none of its traps.

The checks read examples/*.expected.json (the project's own copy) and interpret it generally:
alias groups must resolve to one actor, kept-apart names to different actors, and each attribution
chain must name its sources in order (case-insensitive substring of a source's name or alias).
"""

from __future__ import annotations

import pytest


def _actor_index(ledger: dict) -> dict[str, set[str]]:
    index: dict[str, set[str]] = {}
    for actor in ledger["actors"]:  # a one-document ledger: the names this document taught count too
        taught = [entry["alias"] for entry in actor.get("learned_aliases", [])]
        for name in (actor["name"], *actor["aliases"], *taught):
            index.setdefault(name.lower().replace("\u2019", "'"), set()).add(actor["id"])
    return index


def _actor_id(ledger: dict, name: str) -> str:
    ids = _actor_index(ledger).get(name.lower().replace("\u2019", "'"), set())
    assert len(ids) == 1, f"{name!r} should name exactly one actor, got {ids}"
    return next(iter(ids))


def _source_names(ledger: dict, source: dict) -> list[str]:
    names = [source["name"].lower()]
    if source.get("actor"):
        actor = next(a for a in ledger["actors"] if a["id"] == source["actor"])
        names += [actor["name"].lower(), *(a.lower() for a in actor["aliases"]),
                  *(e["alias"].lower() for e in actor.get("learned_aliases", []))]
    return names


def chain_matches(ledger: dict, sources: list[dict], per: list[str]) -> bool:
    """Each named source appears in order along the chain."""
    position = 0
    for wanted in per:
        wanted = wanted.lower()
        while position < len(sources) and not any(wanted in n for n in _source_names(ledger, sources[position])):
            position += 1
        if position == len(sources):
            return False
        position += 1
    return True


def _claims(ledger: dict, ids: list[str]) -> list[dict]:
    by_id = {c["id"]: c for c in ledger["claims"]}
    return [by_id[i] for i in ids]


def _event_at(ledger: dict, place: str) -> dict:
    found = [e for e in ledger["events"] if e["location"]["name"] == place]
    assert len(found) == 1, f"one event at {place}, got {len(found)}"
    return found[0]


def test_document_metadata(example_ledger, expected):
    doc = example_ledger["documents"][0]
    wanted = expected["document"]
    assert doc["title"] == wanted["title"]
    assert doc["published"] == wanted["published"]
    assert doc["dateline_place"] == wanted["dateline_place"]
    assert doc["publisher"] == wanted["publisher"]
    assert doc["publisher_is_party"] is True


def test_boilerplate_removed_with_reasons(example_ledger):
    doc = example_ledger["documents"][0]
    reasons = [(r["text"], r["reason"]) for r in doc["removed"]]
    assert ("728 x 90", "ad slot") in reasons
    caption = "Maryam Rajavi honors the memory of 52 PMOI / MEK martyrs slaughtered in Camp Ashraf - August 2017"
    assert (caption, "repeated line") in reasons
    headline = "U.S. State Department confirms Iran proxies murdered MEK members in Camp Ashraf"
    assert reasons.count((headline, "repeated headline")) == 2
    assert len(reasons) == 4  # nothing else is dropped


@pytest.mark.parametrize("group_index", range(8))
def test_alias_groups_resolve_to_one_actor(example_ledger, expected, group_index):
    group = expected["actor_alias_groups"][group_index]
    ids = {_actor_id(example_ledger, name) for name in group}
    assert len(ids) == 1, f"{group} -> {ids}"


def test_actors_kept_apart(example_ledger, expected):
    for a, b in expected["actors_kept_apart"]:
        assert _actor_id(example_ledger, a) != _actor_id(example_ledger, b)


def test_camp_ashraf_attack(example_ledger, expected):
    wanted = expected["events"][0]
    event = _event_at(example_ledger, wanted["place"])
    assert event["date"]["start"] == wanted["date"] and event["date"]["precision"] == "day"
    assert event["location"]["country"] == wanted["country"]
    assert event["location"]["lat"] is not None
    victims = {p["actor"] for p in event["participants"] if p["role"] == "victim"}
    assert _actor_id(example_ledger, "MEK") in victims

    killed = event["counts"]["killed"]
    assert (killed["low"], killed["high"], killed["disputed"]) == (50, 52, True)
    for figure in wanted["killed"]:
        value = next(v for v in killed["values"] if v["value"] == figure["value"])
        assert any(chain_matches(example_ledger, c["sources"], figure["per"])
                   for c in _claims(example_ledger, value["claims"])), figure
    assert all(v["value"] != 102 for v in killed["values"])

    abducted = event["counts"]["abducted"]
    assert abducted["best"] == 7
    assert any(chain_matches(example_ledger, c["sources"], wanted["abducted"][0]["per"])
               for c in _claims(example_ledger, abducted["values"][0]["claims"]))

    for perpetrator in wanted["perpetrators"]:
        actor_id = _actor_id(example_ledger, perpetrator["actor"])
        entries = [p for p in event["participants"] if p["actor"] == actor_id and p["role"] == "perpetrator"]
        assert entries, perpetrator["actor"]
        assert any(chain_matches(example_ledger, c["sources"], perpetrator["per"])
                   for p in entries for c in _claims(example_ledger, p["claims"])), perpetrator
        if perpetrator.get("modality") == "claimed":
            assert any(p["modality"] == "claimed" for p in entries)
    details = {p["detail"] for p in event["participants"]}
    assert "orchestrated" in details and "planned and took part" in details


def test_camp_liberty_rocket_attack(example_ledger, expected):
    wanted = expected["events"][1]
    event = _event_at(example_ledger, wanted["place"])
    assert event["location"]["country"] == "IQ"
    assert event["type"] == "shelling"
    # after October 2015 (the approval), before the speech of September 2017 that tells of it
    assert event["date"]["precision"] == "range"
    assert event["date"]["start"] == "2015-10-01" and event["date"]["end"] == "2017-09-30"
    assert any(chain_matches(example_ledger, c["sources"], wanted["per"])
               for c in _claims(example_ledger, event["claims"]))


@pytest.mark.parametrize("claim_index", range(6))
def test_claims_carry_their_chains(example_ledger, expected, claim_index):
    wanted = expected["claims"][claim_index]
    found = [c for c in example_ledger["claims"] if wanted["contains"] in c["text"]]
    assert found, wanted["contains"]
    claim = found[0]
    assert chain_matches(example_ledger, claim["sources"], wanted["per"]), claim["sources"]
    if "modality" in wanted:
        assert claim["modality"] == wanted["modality"]
    if "said_on" in wanted:
        assert claim["said_on"]["start"].startswith(wanted["said_on"])
    example_ledger["documents"][0]
    assert claim["start"] < claim["end"]


def test_claim_offsets_point_at_their_words(example_ledger):
    from tests.conftest import EXAMPLE

    assert EXAMPLE.exists()
    ledger_claims = example_ledger["claims"]
    assert all(c["end"] - c["start"] == len(c["text"]) for c in ledger_claims)


def test_relative_date_earlier_this_year(example_ledger):
    claim = next(c for c in example_ledger["claims"] if "designated as a terrorist entity" in c["text"])
    years = [d for d in claim["dates"] if d["text"] == "earlier this year"]
    assert years and years[0]["start"] == "2019-01-01" and years[0]["precision"] == "year"


def test_traps(example_ledger):
    events = example_ledger["events"]
    for event in events:
        for summary in event["counts"].values():
            assert all(v["value"] not in (100, 26, 102) for v in summary["values"])
    # the 1988 massacre is not merged into the 2013 attack
    ashraf = _event_at(example_ledger, "Camp Ashraf")
    assert ashraf["date"]["start"] == "2013-09-01"
    assert not any("1988" in c["text"] for c in _claims(example_ledger, ashraf["claims"]))
    # no event for the 2017 ceremony, the 2019 report or the 2013 agreement
    for event in events:
        start = event["date"]["start"] or ""
        assert not start.startswith(("2017", "2019")), event
        assert event["location"]["name"] not in ("Tirana", "Washington")
    assert len([e for e in events if e["date"]["start"] == "2013-09-01"]) == 1


def test_every_event_value_has_evidence(example_ledger):
    claim_ids = {c["id"] for c in example_ledger["claims"]}
    for event in example_ledger["events"]:
        assert event["claims"] and set(event["claims"]) <= claim_ids
        for participant in event["participants"]:
            assert participant["claims"] and set(participant["claims"]) <= claim_ids
        for summary in event["counts"].values():
            for value in summary["values"]:
                assert value["claims"] and set(value["claims"]) <= claim_ids
