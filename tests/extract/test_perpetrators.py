"""Perpetrators from news anywhere: groups no dictionary knows, states through their forces, claims of
responsibility, and what is not a perpetrator (a weapon, an adjective of origin, a state named as a place)."""

from __future__ import annotations

import pytest

from eventledger import extract_text, to_json


def _perpetrators(text: str) -> set[str]:
    ledger = to_json(extract_text(text, id="t"))
    names = {a["id"]: a["name"] for a in ledger["actors"]}
    main = max(ledger["events"], key=lambda e: len(e["claims"]))
    return {names[p["actor"]] for p in main["participants"] if p["role"] == "perpetrator"}


@pytest.mark.parametrize(("text", "expected"), [
    ("The police in Zamfara State have confirmed that bandits killed 14 people in Babban Rafi village on Tuesday.",
     "bandits"),
    ("A female suicide bomber killed at least six wedding guests in Gwoza on Saturday, witnesses said.",
     "female suicide bomber"),
    ("A group of armed youths attacked Ajwara village on Sunday and shot dead 12 people, officials said.",
     "armed youths"),
    ("Two people were abducted by suspected herders along the Uror-Bor road on Monday, the commissioner said.",
     "herders"),
])
def test_a_group_no_dictionary_knows_is_the_perpetrator_in_the_texts_words(text, expected):
    assert any(expected in name for name in _perpetrators(text))  # `suspected herders`: the text's words


def test_a_weapon_or_a_blast_is_the_means_not_a_perpetrator():
    assert _perpetrators("A car bomb killed at least eight people near the palace in Mogadishu on Saturday.") == set()
    assert _perpetrators("The blast killed six people at a market in Baghdad on Monday, police said.") == set()


def test_a_state_acts_through_its_forces_and_an_adjective_of_origin_is_not_the_state():
    assert "Israel" in _perpetrators("Israeli warplanes struck a house in Rafah on Tuesday, killing 11 people.")
    assert "Ethiopia" in _perpetrators("An Ethiopian air strike killed three civilians in Mekelle on Thursday.")
    found = _perpetrators("On September 1, 2013, an attack by Iranian proxies Kata'ib Hezballah (KH) and Asa'ib Ahl "
                          "al-Haq (AAH) on Camp Ashraf in Iraq led to the deaths of 50 residents.")
    assert "Iran" not in found and {"Kata'ib Hezballah", "Asa'ib Ahl al-Haq"} <= found


def test_a_state_named_as_the_place_is_not_the_perpetrator():
    found = _perpetrators("Islamist militants in Mozambique have beheaded more than 50 people in Muatide.")
    assert "Mozambique" not in found and found


@pytest.mark.parametrize("claim", [
    "Al Shabaab was behind the attack, a security official said.",
    "Al Shabaab claimed responsibility for the attack.",
])
def test_a_claim_of_responsibility_names_the_perpetrator(claim):
    text = ("A suicide car bomb killed at least eight people in the Somali capital on Saturday near the "
            "president's palace, police said. " + claim)
    assert "Al-Shabaab" in _perpetrators(text)
