"""Places abroad smaller than the main gazetteer's towns: villages of cities500 read where the text writes them
as places, places the text situates in a unit it names, and the names news gives countries."""

from __future__ import annotations

import pytest

from eventledger import extract_text, to_json
from eventledger.extract.metadata import read_metadata
from eventledger.extract.places import find_places, load_gazetteer, resolve_in_context


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def resolved(text: str, gazetteer) -> dict[str, tuple]:
    """Each place mention's text -> (kind, country, admin1, admin2) after resolution in context."""
    mentions = resolve_in_context(find_places(text, gazetteer), gazetteer)
    return {m.text: (m.place.kind, m.place.country, m.place.admin1, m.place.admin2) for m in mentions}


def test_a_village_written_as_a_place_is_read_from_cities500(gazetteer):
    found = resolved("Gunmen stormed a girls' school in Dapchi on Monday and abducted 110 students.", gazetteer)
    assert found["Dapchi"] == ("city", "NG", "Yobe", "Borsari")
    found = resolved("Insurgents were repelled at Damasak late on Sunday, the army said.", gazetteer)
    assert found["Damasak"][:3] == ("city", "NG", "Borno")


def test_a_village_name_not_written_as_a_place_is_no_place(gazetteer):
    # Goulds is a village of Florida and of Newfoundland; here it is a family
    found = resolved("The Goulds family gathered at the vigil on Sunday night.", gazetteer)
    assert "Goulds" not in found


def test_a_village_named_like_a_state_is_the_state(gazetteer):
    found = resolved("A man was shot in Iowa on Saturday.", gazetteer)
    assert found["Iowa"][0] == "admin1"  # not the village of Iowa, Louisiana


def test_a_place_the_text_puts_in_a_province_it_owns(gazetteer):
    found = resolved("At least 23 people were killed in Balochistan's Zarghun Khel district on Monday.", gazetteer)
    assert found["Zarghun Khel"][:3] == ("unlocated", "PK", "Balochistan")


def test_a_place_the_text_puts_in_a_district_after_it(gazetteer):
    # Bastar is a district of Chhattisgarh: the place lies in its province
    found = resolved("The IED blew up the vehicle at Tirkha in the Bastar region around 2 pm.", gazetteer)
    assert found["Tirkha"] == ("unlocated", "IN", "Chhattisgarh", "Bastar")


def test_a_place_the_text_puts_in_a_country(gazetteer):
    text = "Two aid workers were abducted by unknown armed men in Mainok, Somalia, on their way to the airport."
    found = resolved(text, gazetteer)
    assert found["Mainok"][:3] == ("unlocated", "SO", None)
    [event] = to_json(extract_text(text))["events"]
    assert (event["location"]["name"], event["location"]["precision"]) == ("Mainok", "country")


def test_a_village_named_once_in_a_story_naming_only_its_country(gazetteer):
    text = ("Farmers had gone to the fields in Kalmat village when they were attacked, local officials in "
            "Pakistan said.")
    found = resolved(text, gazetteer)
    assert found["Kalmat"][:2] == ("unlocated", "PK")


@pytest.mark.parametrize("written", ["Democratic Republic of the Congo", "Democratic Republic of Congo"])
def test_the_names_news_gives_a_country(gazetteer, written):
    found = resolved(f"Rebels attacked a village in eastern {written} on Friday.", gazetteer)
    assert found[written][:2] == ("country", "CD")


def test_a_unit_without_its_legal_form(gazetteer):
    found = resolved("Troops seized a camp in Lanao del Sur after a 10-hour battle.", gazetteer)
    assert found["Lanao del Sur"][:3] == ("admin2", "PH", "Autonomous Region in Muslim Mindanao")


def test_a_place_name_inside_a_persons_name_is_no_place(gazetteer):
    # Aden (Yemen) and Hassan (India) are towns; between a given name and a surname they are a person's names
    found = resolved("Police spokesperson Abdifatah Aden Hassan told reporters that three attackers died in "
                     "Mogadishu.", gazetteer)
    assert "Aden" not in found and found["Mogadishu"][:2] == ("city", "SO")
    # a name of several words that is a place stays one
    found = resolved("Gunmen attacked a checkpoint in Dera Ismail Khan late on Monday.", gazetteer)
    assert found["Dera Ismail Khan"][:2] == ("city", "PK")


def test_a_country_named_in_a_story_that_names_a_us_state_stays_a_country(gazetteer):
    found = resolved("While we are in New York for the UN meetings, Israeli strikes killed five people in "
                     "southern Lebanon, the health ministry said.", gazetteer)
    assert found["Lebanon"][:2] == ("country", "LB")  # not Lebanon, Tennessee
    found = resolved("A man was shot in Lebanon, Tenn., on Friday night, Wilson County deputies said.", gazetteer)
    assert found["Lebanon"][:3] == ("city", "US", "Tennessee")


def event_location(text: str) -> tuple:
    [event] = to_json(extract_text(text))["events"]
    loc = event["location"]
    return loc["name"], loc["admin1"], loc["country"]


def test_a_town_described_in_apposition_lies_in_the_unit_named():
    text = ("Fano militiamen killed 20 people in an attack near Sasit, a small town in Ethiopia's Amhara region, "
            "on Monday.")
    assert event_location(text) == ("Sasit", "Amhara", "ET")  # not Fano, Italy, nor in its region


def test_a_known_name_takes_its_reading_in_the_unit_the_text_names():
    text = ("Dissidents killed four soldiers in a rural part of Buenos Aires, in Colombia's southwestern Cauca "
            "province, the army said on Sunday.")
    assert event_location(text) == ("Buenos Aires", "Cauca", "CO")  # not Argentina's capital


def test_a_dateline_with_a_colon_is_where_the_report_was_filed():
    text = ("ISLAMABAD: Gunmen killed 14 passengers after stopping a bus in the Kalmat area of Balochistan's "
            "Gwadar district on Thursday, officials said.")
    assert event_location(text) == ("Kalmat", "Balochistan", "PK")
    assert read_metadata("UPDATE: Police said two men were shot.", None, None, None).dateline_place is None
