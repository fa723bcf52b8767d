"""Geocoding: place mentions read in context against the shipped gazetteer, and each event's location with
its admin units, coordinates, precision and evidence."""

from __future__ import annotations

import pytest

from eventledger import extract_text, to_json
from eventledger.extract.places import (
    find_places,
    load_gazetteer,
    outlet_home,
    place_key,
    resolve_in_context,
    shipped_outlets,
)


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def resolved(text: str, gazetteer, countries=()) -> dict[str, tuple]:
    """Each place mention's text -> (kind, country, admin1, admin2) after resolution in context."""
    mentions = resolve_in_context(find_places(text, gazetteer), gazetteer, countries)
    return {m.text: (m.place.kind, m.place.country, m.place.admin1, m.place.admin2) for m in mentions}


def location(text: str) -> dict:
    ledger = to_json(extract_text(text))
    assert ledger["events"], "expected an event"
    return ledger["events"][0]["location"]


def test_whole_tokens_only(gazetteer):
    found = resolved("Pilgrims travelled to Najaf al Ashraf. Fighting was reported in Andarab district.", gazetteer)
    assert "Ashraf" not in found and "Camp Ashraf" not in found
    assert "Andar" not in found


def test_written_hierarchy_picks_the_province(gazetteer):
    found = resolved("Insurgents were detained in Andar district, Ghazni province, yesterday.", gazetteer)
    assert found["Andar"][0] == "admin2" and found["Andar"][2] == "Ghazni"
    assert found["Ghazni"][0] == "admin1"


def test_state_written_after_a_town(gazetteer):
    found = resolved("A man was shot in Tyler, Texas, on Saturday.", gazetteer)  # Tyler: also a given name
    assert found["Tyler"][:3] == ("city", "US", "Texas")
    found = resolved("POPLAR BLUFF, Mo. -- A teen was shot on Monday.", gazetteer)
    assert found["POPLAR BLUFF"][1:3] == ("US", "Missouri")
    assert found["Mo."][0] == "admin1"


def test_one_sense_per_document(gazetteer):
    found = resolved("NAPLES, Fla. -- A teen was shot at a mall. Police in Naples said the victim died.", gazetteer)
    assert found["Naples"][1:3] == ("US", "Florida")


def test_a_town_the_gazetteer_lacks_takes_its_state(gazetteer):
    found = resolved("GLEN FLORA, Wis. -- A hunter was shot. Deputies in Glen Flora said he survived.", gazetteer)
    assert found["Glen Flora"][:3] == ("unlocated", "US", "Wisconsin")


def test_district_the_gazetteer_places_elsewhere_follows_the_text(gazetteer):
    # GeoNames lists a Khugyani district in Nangarhar only; the text puts this one in Ghazni.
    found = resolved("Forces detained a facilitator in Khugyani district, Ghazni province, yesterday.", gazetteer)
    assert found["Khugyani"][2] == "Ghazni"


def test_provinces_in_a_list_are_peers(gazetteer):
    found = resolved("Forces operated in Farah, Kandahar and Paktiya provinces yesterday.", gazetteer, {"AF"})
    assert found["Farah"][:3] == ("admin1", "AF", "Farah")
    assert found["Kandahar"][2] == "Kandahar"


def test_people_named_like_places_are_people(gazetteer):
    text = ("Michael Carney, 34, was arrested. Officer Graham said Kyle Myers fled. Carney was held in "
            "Dayton, Ohio.")
    found = resolved(text, gazetteer)
    assert not {"Carney", "Graham", "Kyle", "Myers"} & set(found)
    assert found["Dayton"][:3] == ("city", "US", "Ohio")


def test_streets_buildings_and_ordinary_words_are_not_places(gazetteer):
    text = ("More details emerged. The shooting happened in the 300 block of Madrid Street near Alameda Road. "
            "The victim was taken to St. Louis Children's Hospital in Houston, Texas.")
    found = resolved(text, gazetteer)
    assert not {"More", "Madrid", "Alameda", "St. Louis"} & set(found)
    assert found["Houston"][1:3] == ("US", "Texas")


def test_small_foreign_places_give_way_to_the_document_country(gazetteer):
    # `Metro` is a city in Indonesia; here it is part of a police force's name.
    found = resolved("Metro Nashville Police said a man was shot in Nashville, Tennessee.", gazetteer)
    assert "Metro" not in found
    assert found["Nashville"][1:3] == ("US", "Tennessee")


def test_event_location_has_units_coordinates_precision_and_evidence():
    loc = location("KABUL, Afghanistan (Jan. 25, 2013) - A combined force killed two insurgents in Andar district, "
                   "Ghazni province, yesterday.")
    assert (loc["name"], loc["admin1"], loc["country"]) == ("Andar", "Ghazni", "AF")
    assert loc["precision"] == "district"
    assert loc["claims"], "a location without evidence"


def test_the_dateline_is_not_the_event_place_when_the_text_names_another():
    loc = location("KABUL, Afghanistan (Jan. 25, 2013) - Insurgents attacked a patrol in Kandahar city, killing "
                   "two soldiers.")
    assert loc["name"] == "Kandahar" and loc["precision"] == "exact"
    assert loc["lat"] == pytest.approx(31.6, abs=0.2)


def test_near_a_place():
    loc = location("Gunmen killed three villagers near Jalalabad on Tuesday, officials said.")
    assert loc["name"] == "Jalalabad" and loc["precision"] == "near"


def test_province_and_country_precision():
    assert location("A roadside bomb killed two soldiers in Helmand province on Monday.")["precision"] == "province"
    assert location("A suicide bomber killed 12 people in Pakistan on Friday.")["precision"] == "country"


def test_event_in_a_county_takes_the_datelined_town_inside_it():
    loc = location("GRANITE FALLS, N.C. -- A teenager was shot and killed in Caldwell County on Sunday, deputies "
                   "said.")
    assert loc["name"] == "Granite Falls" and loc["admin1"] == "North Carolina"
    assert loc["basis"] == "document"


def test_a_residents_home_town_is_not_the_event_place():
    loc = location("Police said Tyree Johnson, 20, of Wilmington, was shot in Tacoma, Washington, on Friday.")
    assert loc["name"] == "Tacoma" and loc["admin1"] == "Washington"


def test_a_town_in_the_county_the_document_names(gazetteer):
    text = ("Police are investigating a double homicide in Cleveland. Officers found two victims at a home off "
            "Mouse Creek Road. The suspect was arrested later by deputies in Bradley County.")
    found = resolved(text, gazetteer)
    assert found["Cleveland"][2] == "Tennessee" and found["Cleveland"][3] == "Bradley"
    assert found["Bradley"][2] == "Tennessee"


def test_a_county_written_with_its_state(gazetteer):
    text = ("A 14-year-old is dead after an accidental shooting in Hopkins County, Kentucky. The shooting happened at "
            "a home in White Plains. Kentucky State Police say two juveniles were inside. The coroner in "
            "Evansville, Indiana, performed the autopsy.")
    found = resolved(text, gazetteer)
    assert found["Hopkins"][:3] == ("admin2", "US", "Kentucky")
    # cities15000 knows only White Plains, New York; the text is about Kentucky, where cities500 has the
    # village of White Plains in Hopkins County
    assert found["White Plains"] == ("city", "US", "Kentucky", "Hopkins")
    assert found["Evansville"][2] == "Indiana"


def test_an_article_and_a_place_named_city_are_no_person(gazetteer):
    found = resolved("The girl is the latest victim of gun violence in North Minneapolis. A Minneapolis Police "
                     "spokesperson said the shooting is a priority.", gazetteer)
    assert found["Minneapolis"][2] == "Minnesota"
    found = resolved("A boy died at a gun range in northern Iowa. Garner City Administrator Randy Lansing said the "
                     "boy went to the Garner range with his grandfather.", gazetteer)
    # cities15000 lists only Garner, North Carolina; cities500 has the Iowa town, read in the story's state
    assert found["Garner"][:3] == ("city", "US", "Iowa")


@pytest.mark.parametrize(("url", "expected"), [
    ("http://web.archive.org/web/20160724/http://www.fox7austin.com:80/news/story", ("Austin", "Texas")),
    ("https://www.chicagotribune.com/news/local/breaking/story.html", ("Chicago", "Illinois")),
    ("http://limaohio.com/news/154169/putnam-county-teen", ("Lima", "Ohio")),
    ("http://www.kansascity.com/news/local/crime/article1.html", ("Kansas City", "Missouri")),
    ("http://miami.cbslocal.com/2014/08/04/teen-killed/", ("Miami", "Florida")),
    ("http://www.nbcwashington.com/news/local/story.html", ("Washington", "District of Columbia")),
    ("http://patch.com/tennessee/nashville/story", ("Tennessee", "Tennessee")),
])
def test_outlet_home_from_its_web_address(gazetteer, url, expected):
    home = outlet_home(url, gazetteer)
    assert home is not None and (home.name, home.admin1 or home.name) == expected


def test_outlets_without_a_place_in_their_address_have_no_home(gazetteer):
    for url in ("http://www.kmmsam.com/story/28705897/x", "http://www.eastbaytimes.com/story", "https://dnainfo.com/a"):
        assert outlet_home(url, gazetteer) is None


def test_user_outlets_file_and_the_home_state_breaks_ties(tmp_path):
    places = tmp_path / "places.yaml"
    places.write_text("outlets:\n  kfvs12.com: Cape Girardeau, Missouri\n", encoding="utf-8")
    gazetteer = load_gazetteer((str(places),))
    home = outlet_home("http://web.archive.org/web/2016/http://www.kfvs12.com:80/story/1", gazetteer)
    assert home is not None and (home.name, home.admin1) == ("Cape Girardeau", "Missouri")
    text = "A teen was accidentally shot while hunting in Butler County, deputies said."
    without = resolve_in_context(find_places(text, gazetteer), gazetteer)
    with_home = resolve_in_context(find_places(text, gazetteer), gazetteer, home=home)
    assert without[0].place.admin1 == "Ohio"  # the most populous Butler County
    assert with_home[0].place.admin1 == "Missouri"


def test_the_outlet_home_reaches_the_event_location():
    text = "A 15-year-old boy was shot and killed Saturday in Butler County, deputies said."
    assert location(text)["admin1"] == "Ohio"
    ledger = to_json(extract_text(text, url="https://patch.com/missouri/poplarbluff/teen-killed"))
    assert ledger["events"][0]["location"]["admin1"] == "Missouri"
    assert ledger["documents"][0]["url"].startswith("https://patch.com/")


def test_people_and_buildings_named_like_countries_or_places(gazetteer):
    found = resolved("Police found 17-year-old Dontay Jordan shot in the head in St. Louis.", gazetteer)
    assert "Jordan" not in found and found["St. Louis"][2] == "Missouri"
    assert "Jordan" not in resolved("Her son, Jordan Reeves, 2, was shot and killed in Layton, Utah.", gazetteer)
    assert resolved("Troops crossed into Jordan from Syria.", gazetteer)["Jordan"][0] == "country"
    assert "Aberdeen" not in resolved("He shot himself at his home in the 6700 block of South Aberdeen.", gazetteer)
    assert "Potomac" not in resolved("She was killed outside the Potomac Gardens housing complex.", gazetteer)


def test_washington_dc_without_a_comma(gazetteer):
    found = resolved("She was back home in Washington D.C. from a boarding school she attended in Iowa.", gazetteer)
    assert found["Washington"][2] == "District of Columbia"


def test_towns_the_gazetteer_lacks_written_the_way_towns_are(gazetteer):
    text = ("MADISON, Wis. - The Grant County Sheriff's Office said the mother involved in the Montfort shooting "
            "has died. The Montfort Fire Department provided traffic control. Her husband lives in Oklahoma.")
    found = resolved(text, gazetteer)
    assert found["Montfort"] == ("city", "US", "Wisconsin", "Grant")  # the state the dateline names
    # once only, or words that follow `in` without being towns: nothing
    found = resolved("He spoke in English at the hearing in Tulsa, Oklahoma, and in English again later.", gazetteer)
    assert "English" not in found
    found = resolved("The clinic in Planned Parenthood Plaza closed. Planned Parenthood said so.", gazetteer)
    assert "Parenthood" not in found and "Planned Parenthood" not in found


def test_a_county_event_takes_the_town_inside_it():
    text = ("A 7-year-old boy was shot and killed Saturday in Routt County, Colorado, deputies said. The boy's "
            "father, a Steamboat Springs police officer, was building a deck at the family's Steamboat Springs "
            "home.")
    loc = location(text)
    assert (loc["name"], loc["admin1"]) == ("Steamboat Springs", "Colorado")


def test_titles_nationalities_and_building_names_are_not_places(gazetteer):
    found = resolved("SAN ANTONIO - She was shot at a garage party, Officer Doug Greene, a San Antonio police "
                     "spokesman, said.", gazetteer)
    assert "Officer" not in found  # Officer, Victoria (Australia)
    assert "German" not in resolved("German troops left the base near Kunduz.", gazetteer)
    assert "Glastonbury" not in resolved("It happened at the Glastonbury Woods complex in Nashville.", gazetteer)


def test_a_neighbourhood_keeps_its_city():
    loc = location("A 7-year-old boy was shot in the head Friday morning in North Lawndale, police said.")
    assert (loc["name"], loc["city"], loc["admin1"]) == ("North Lawndale", "Chicago", "Illinois")
    loc = location("A man was shot and killed Sunday in Bastrop, Texas, police said.")
    assert loc["name"] == "Bastrop" and loc["city"] is None


def test_a_town_named_like_counties_elsewhere(gazetteer):
    text = ("FORSYTH — A teenager has been charged with murder in a shooting death in Forsyth. According to the "
            "Forsyth Police Department, the teens knew each other. Taney County deputies and the Missouri State "
            "Highway Patrol helped.")
    found = resolved(text, gazetteer)
    # cities15000: Forsyth County, Georgia and N.C.; the village of cities500 in the story's state
    assert found["Forsyth"][:3] == ("city", "US", "Missouri")
    found = resolved("Deputies in Forsyth County, Georgia, said a man was shot. Forsyth deputies arrested him.",
                     gazetteer)
    assert found["Forsyth"][:3] == ("admin2", "US", "Georgia")


def test_a_town_named_elsewhere_is_read_in_the_state_the_story_supports(gazetteer):
    # GeoNames lists only Elgin, Illinois; the story names Iowa twice and nothing in Illinois.
    text = ("ELGIN — A 4-year-old boy died after an accidental shooting at a home in Elgin, the Fayette County "
            "Sheriff's Office said. The Iowa Division of Criminal Investigation is assisting, and Iowa State Patrol "
            "troopers responded.")
    found = resolved(text, gazetteer)
    assert found["Elgin"][:3] == ("city", "US", "Iowa")
    assert found["Fayette"][2] == "Iowa"


def test_a_unique_town_outweighs_a_state_named_in_passing(gazetteer):
    text = ("Fairbanks police are investigating a murder-suicide at a local hotel. Officers from the Fairbanks "
            "Police Department found four people dead. The family had recently moved from Anchorage; a relative "
            "lives in New Mexico.")
    found = resolved(text, gazetteer)
    assert found["Fairbanks"][:3] == ("city", "US", "Alaska")


def test_hotels_parks_and_newspapers_named_after_towns_are_not_places(gazetteer):
    text = ("Officers responded to the Hampton Inn in Fairbanks after staff called. The boy lived in the Eagle View "
            "Mobile Home Park, a spokeswoman told The Atlanta Journal-Constitution.")
    found = resolved(text, gazetteer)
    assert "Hampton" not in found and "Eagle" not in found and "Atlanta" not in found
    assert found["Fairbanks"][2] == "Alaska"


def test_a_state_named_once_settles_its_county_once_the_country_is_known(gazetteer):
    text = ("Deputies are investigating a shooting that sent a 13-year-old boy to a hospital, the Orange County "
            "Sheriff's Office said. Get breaking news alerts when news breaks in Central Florida.")
    found = resolved(text, gazetteer)
    assert found["Orange"][:3] == ("admin2", "US", "Florida")


def test_a_town_named_after_its_state_and_a_surname_after_an_initial(gazetteer):
    text = ("FLORIDA CITY (CBSMiami) — Police made an arrest in the shooting death of a Florida City boy, "
            "according to a news release from Putnam County Sheriff Michael C. Chandler.")
    found = resolved(text, gazetteer)
    assert not any(kind == "city" and country == "CU" for kind, country, _a1, _a2 in found.values())
    assert "Chandler" not in found


def test_a_county_no_state_settles_is_marked_ambiguous(gazetteer):
    alone = resolve_in_context(find_places("A teen was shot in Butler County on Friday.", gazetteer), gazetteer)
    assert [m.ambiguous for m in alone] == [True]
    settled = resolve_in_context(find_places("A teen was shot in Butler County, Missouri, on Friday.", gazetteer),
                                 gazetteer)
    assert [(m.text, m.place.admin1, m.ambiguous) for m in settled][0] == ("Butler", "Missouri", False)


def test_every_shipped_outlet_home_lies_in_its_region(gazetteer):
    outlets = shipped_outlets()
    assert len(outlets) > 400
    for host, written in outlets.items():
        home = outlet_home(f"http://www.{host}/news/story-1", gazetteer)
        region = written.split(",")[-1].strip()
        assert home is not None, host
        assert region in (home.admin1, home.name), (host, written, home)
        if "," in written:  # a town, not only its region
            assert home.kind == "city" and place_key(home.name) == place_key(written.split(",")[0]), (host, home)


def test_a_call_letter_station_breaks_the_tie_the_text_leaves_open():
    # `Salisbury` alone is the English city by size; a Raleigh station's story is about North Carolina's.
    text = "SALISBURY - A 7-year-old boy died after he was shot at a home in Salisbury on Saturday, police said."
    [event] = to_json(extract_text(text, url="http://wncn.com/2016/12/04/7-year-old-killed"))["events"]
    assert (event["location"]["name"], event["location"]["admin1"]) == ("Salisbury", "North Carolina")


def test_a_town_and_its_county_vote_once_for_their_state():
    # Evansville (the outlet's home) and its county name Indiana; the story names Kentucky three times, so
    # White Plains is the Kentucky town the gazetteer lacks, not White Plains, New York.
    text = ("According to the Vanderburgh County Coroner's Office, a 14-year-old is dead after an apparent "
            "accidental shooting in Hopkins County, Kentucky.\n\nThe shooting happened just before 9 a.m. Monday "
            "at a home on Farmers Crossing Road in White Plains.\n\nKentucky State Police say two juveniles were "
            "inside the home when the gun discharged. He was taken to St. Mary's Hospital in Evansville, where "
            "he later died.")
    events = to_json(extract_text(text, url="http://www.14news.com/story/31049360/teen-dead"))["events"]
    placed = {(e["location"]["name"], e["location"]["admin1"]) for e in events}
    assert ("White Plains", "Kentucky") in placed and ("White Plains", "New York") not in placed


def test_a_local_outlets_bare_dateline_of_a_small_town_is_in_its_home_state():
    text = ("SHELBY – A 15-year-old Town of Shelby boy who died in his home Friday was the apparent victim of an "
            "accidental discharge of a shotgun, authorities in Orleans County said on Saturday.")
    [event] = to_json(extract_text(text, url="http://www.buffalonews.com/city-region/shelby-teen"))["events"]
    assert (event["location"]["name"], event["location"]["admin1"]) == ("Shelby", "New York")
    # without the outlet no Shelby is placed in New York; a big city's bare dateline is never moved
    [event] = to_json(extract_text(text))["events"]
    assert (event["location"]["name"], event["location"]["admin1"]) != ("Shelby", "New York")
    [event] = to_json(extract_text("DALLAS - Two men were shot dead outside a bar on Friday, police said.",
                                   url="http://www.wsmv.com/story/1"))["events"]
    assert (event["location"]["name"], event["location"]["admin1"]) == ("Dallas", "Texas")


def test_a_bare_foreign_province_named_once_does_not_place_the_story(gazetteer):
    # `Omran` is also a Yemeni governorate; here it is a child's name, and the town is no Yemeni place.
    text = ("A photo reminds us of Lancaster County's history of helping children like Omran. Ibram Hanna, 15, "
            "was shot to death in Mountville on August 12. Why don't you send a reporter to Mountville?")
    resolved = resolve_in_context(find_places(text, gazetteer), gazetteer)
    assert all(m.place.country != "YE" for m in resolved)
    # written twice, or with its level word, the province stands
    text = "Fighting spread across Omran governorate. Tribesmen in Omran said 12 people were killed."
    resolved = resolve_in_context(find_places(text, gazetteer), gazetteer)
    assert {m.place.country for m in resolved} == {"YE"}


@pytest.mark.parametrize(("text", "expected"), [
    # a natural feature's name holds no town (`Reservoir`, Victoria; `Mesa`, Arizona)
    ("Justin Burns died of a gunshot wound at Big Creek Reservoir in the Uncompahgre National Forest.", set()),
    ("Joseph Shuemaker, 24, is shot and killed on the west levee of the San Lorenzo River.", set()),
    # unless the whole name is a town's
    ("Two men were shot in Fall River and one in Lake Forest, Illinois.",
     {("Fall River", "Massachusetts"), ("Lake Forest", "Illinois")}),
    # streets written in the plural, and the same name alone later (`down Stanton`), are no town in California
    ("A fight broke out on the corner of Ridge and Stanton streets. The shooter sped off down Stanton.", set()),
    # a town named like a street it also has stays a town where the text places it
    ("A man was shot on Stanton Street in Stanton, California.", {("Stanton", "California")}),
])
def test_features_and_streets_are_not_towns(gazetteer, text, expected):
    assert {(m.place.name, m.place.admin1) for m in find_places(text, gazetteer)
            if m.place.kind == "city"} == expected


def test_a_capitalised_word_named_once_without_a_cue_is_not_moved_into_the_story_state(gazetteer):
    # `Possession` (of a firearm) reads as La Possession, Reunion; the story is in Georgia, but nothing writes
    # it as a place, so it is not made a Georgia town.
    text = ("LITHONIA, Ga. - A DeKalb County man was arrested for Reckless Conduct, Possession of a Firearm by a "
            "Convicted Felon and Cruelty to Children after his brother was shot in Georgia.")
    resolved = resolve_in_context(find_places(text, gazetteer), gazetteer, {"US"}, {("US", "Georgia")})
    assert "Possession" not in {m.place.name for m in resolved}


def test_the_datelines_town_is_a_place_even_when_it_is_a_given_name():
    text = ("ROY — A Roy couple and their two young children were found dead inside their home on Sunday in an "
            "apparent murder-suicide. Roy police said it appears the father shot his wife and children.")
    events = to_json(extract_text(text, url="http://www.ksl.com/?sid=35183732"))["events"]
    assert {(e["location"]["name"], e["location"]["admin1"]) for e in events} == {("Roy", "Utah")}
    # a person called Roy in a story datelined elsewhere stays a person
    text = "OGDEN — Roy said he heard three shots before his neighbor was killed on Sunday, police said."
    events = to_json(extract_text(text, url="http://www.ksl.com/?sid=1"))["events"]
    assert all(e["location"]["name"] != "Roy" for e in events)


def test_a_town_after_a_street_address_is_a_town_even_when_named_once(gazetteer):
    text = ("Officers responded to a home in the 2600 block of Embarcadero Drive in Lithonia, which is about 18 "
            "miles east of downtown Atlanta, Georgia.")
    resolved = resolve_in_context(find_places(text, gazetteer), gazetteer, {"US"})
    assert ("Lithonia", "city", "Georgia") in {(m.place.name, m.place.kind, m.place.admin1) for m in resolved}
    text = "Deputies were called to a shooting at 2600 Embarcadero Drive, Lithonia. The Georgia boy survived."
    resolved = resolve_in_context(find_places(text, gazetteer), gazetteer, {"US"})
    assert ("Lithonia", "city", "Georgia") in {(m.place.name, m.place.kind, m.place.admin1) for m in resolved}
    # a name no gazetteer lists, named once with no address before it: a capitalised word after `in` is not enough
    text = "He grew up in Brenmoor, which is about 18 miles east of downtown Atlanta, Georgia."
    resolved = resolve_in_context(find_places(text, gazetteer), gazetteer, {"US"})
    assert "Brenmoor" not in {m.place.name for m in resolved}
    # a village of cities500 is: `in` writes it as a place
    text = "He grew up in Lithonia, which is about 18 miles east of downtown Atlanta, Georgia."
    resolved = resolve_in_context(find_places(text, gazetteer), gazetteer, {"US"})
    assert ("Lithonia", "city", "Georgia") in {(m.place.name, m.place.kind, m.place.admin1) for m in resolved}


def test_a_town_named_as_where_someones_home_stands(gazetteer):
    # Glen Flora, Wis. (about 100 people) is not in the gazetteer; `Glen` is a common given name
    text = ("Price County (WSAW) - A man was shot while splitting wood outside his Glen Flora home on Sunday, "
            "deputies said. Neighbours said the Glen Flora man had lived there for decades. Wisconsin DNR "
            "wardens are investigating.")
    found = resolved(text, gazetteer)
    assert found["Glen Flora"][:3] == ("unlocated", "US", "Wisconsin")
    # a family's name before `home` has no possessive before it: no town
    text = ("A fire broke out at the Osborne home in Sterling, Illinois. The Osborne home was empty, "
            "firefighters said.")
    assert "Osborne" not in resolved(text, gazetteer)


def test_a_town_near_a_county_line_keeps_the_county_the_text_names():
    # GeoNames puts Acworth in Cobb County; the deputies and the jail are Bartow County's
    text = ("A 17-year-old was shot and killed Oct. 11 in Bartow County, deputies said. They found him at a home "
            "on Ryan Road near Acworth. A 19-year-old man was charged Friday.")
    [event] = to_json(extract_text(text))["events"]
    location = event["location"]
    assert (location["name"], location["admin2"], location["admin1"], location["precision"]) == (
        "Acworth", "Bartow", "Georgia", "near")
    # a town far from the county (Savannah, 350 km away) is no neighbour over its line
    text = ("A 17-year-old was shot and killed Oct. 11 in Bartow County, deputies said. His family moved from a "
            "farm near Savannah last year.")
    [event] = to_json(extract_text(text))["events"]
    assert (event["location"]["name"], event["location"]["precision"]) == ("Bartow", "district")


def test_a_town_inside_a_big_city_policed_by_the_city_is_a_neighbourhood(gazetteer):
    # Broad Ripple is a town of Marion County in GeoNames; Indianapolis covers the county
    text = ("Three people were shot in Broad Ripple early Saturday, and Indianapolis Metropolitan Police "
            "arrested a man at the scene, Indiana officials said.")
    mentions = resolve_in_context(find_places(text, gazetteer), gazetteer, {"US"})
    ripple = next(m.place for m in mentions if m.text == "Broad Ripple")
    assert (ripple.kind, ripple.part_of, ripple.admin2) == ("neighbourhood", "Indianapolis", "Marion")
    # a suburb in another county stays a town (Carmel is in Hamilton County)
    text = ("Three people were shot in Carmel early Saturday, and Indianapolis Metropolitan Police helped, "
            "Indiana officials said.")
    assert resolved(text, gazetteer, {"US"})["Carmel"][0] == "city"
    # a city of its own next to the big one stays one (Pasadena, 150,000 people, Harris County like Houston)
    text = "Two men were shot in Pasadena on Friday, and Houston police later arrested a suspect in Texas."
    assert resolved(text, gazetteer, {"US"})["Pasadena"][0] == "city"


def test_towns_the_gazetteer_lacks_are_read_like_any_town_where_someone_lives_or_was_treated(gazetteer):
    # Buckner, Stamps and Magnolia, Ark. are all under 15,000 people: none is in the gazetteer
    text = ("Police say Mike Dunn, 54, of Buckner, was taken to Magnolia Regional Medical Center in Magnolia, "
            "where he died.\n\nIt happened about 11 p.m. Sept. 19 at a residence in the 1100 block of Lafayette "
            "County Road 41 in Buckner, 3 miles east of Stamps, Ark.\n\nHe was taken to Magnolia Regional Medical "
            "Center in Magnolia, where he was pronounced dead of a gunshot wound.")
    mentions = [m for m in find_places(text, gazetteer) if m.text in ("Buckner", "Magnolia")]
    assert [(m.text, m.residence, m.treated) for m in mentions] == [
        ("Buckner", True, False), ("Magnolia", False, True), ("Buckner", False, False), ("Magnolia", False, True)]
    [event] = to_json(extract_text(text))["events"]
    assert (event["location"]["name"], event["location"]["admin1"]) == ("Buckner", "Arkansas")


def test_a_named_person_of_a_town_lives_there(gazetteer):
    text = ("The teen, identified as Briar Newsome of Carlton, Georgia, died at the scene near the Broad River, "
            "Madison County deputies said. A spokesman for the Bank of Madison declined to comment.")
    mentions = {m.text: m for m in find_places(text, gazetteer)}
    assert mentions["Carlton"].residence
    assert not any(m.residence for m in find_places("He works for the Bank of Madison in Georgia.", gazetteer))
    [event] = to_json(extract_text(text))["events"]
    assert (event["location"]["admin2"], event["location"]["admin1"]) == ("Madison", "Georgia")


def test_a_direction_before_a_known_place_is_part_of_that_place():
    text = ("SOUTHWEST MIAMI-DADE, FLA. (WSVN) - A mother whose son was shot six times at a party is speaking out. "
            "Her son was one of six who were wounded at the party over the weekend.")
    [event] = to_json(extract_text(text))["events"]
    assert (event["location"]["admin2"], event["location"]["admin1"]) == ("Miami-Dade", "Florida")


def test_a_given_name_before_a_towns_institution_is_the_town(gazetteer):
    text = ("Chicago Tribune reporter Adam Sege recaps a shooting in Gary, Ind. All five were taken to Gary Methodist "
            "Hospital, and three others were stabilized at Gary Methodist, according to Cpl. Gabrielle King of the "
            "Gary Police Department.")
    assert resolved(text, gazetteer)["Gary"] == ("city", "US", "Indiana", "Lake")


def test_a_dateline_town_the_gazetteer_lacks_is_the_storys_town():
    # St. Augustine (13,000 people) is only in GeoNames cities500; the event's own sentence names only its county
    text = ("ST.AUGUSTINE, Fla -\n\nA 4-year-old St. Johns County boy is in Jacksonville recovering after being "
            "shot in the stomach Sunday afternoon, deputies said.")
    [event] = to_json(extract_text(text, url="http://www.news4jax.com/news/4yearold-shot/33072576"))["events"]
    assert (event["location"]["name"], event["location"]["admin1"]) == ("Saint Augustine", "Florida")
    assert event["location"]["lat"] == 29.89469


def test_an_intensive_care_unit_is_where_a_victim_was_treated():
    text = ("SOUTHWEST MIAMI-DADE, FLA. (WSVN) - Six teens were shot at a sweet sixteen party over the weekend. "
            "One boy was sent directly to the ICU at Jackson South and was taken in for surgery. Five of the six "
            "attend Miami-Dade County Public Schools.")
    [event] = to_json(extract_text(text, url="http://wsvn.com/news/local/sweet-16-shooter/"))["events"]
    assert (event["location"]["name"], event["location"]["admin1"]) == ("Miami-Dade", "Florida")


def test_a_broadcasters_market_is_not_where_it_happened(gazetteer):
    text = ("UPDATE: Boy, 4, dies after accidentally shooting himself at home - KPRC 2 Houston (@KPRC2) January 22, "
            "2016. Deputies arrived at the home in Cypress, where WSB-TV Atlanta also sent a crew.")
    found = resolved(text, gazetteer)
    assert "Houston" not in found and "Atlanta" not in found
    assert found["Cypress"][2] == "Texas"
    # a town before its own handle-free name stays a town
    assert "Houston" in resolved("A boy was shot in Houston on Tuesday.", gazetteer)


def test_a_section_written_after_its_city_is_a_neighbourhood_of_it(gazetteer):
    text = ("A 16-year-old girl was found shot dead in a fourth-floor apartment in Claremont, Bronx, police said. "
            "Neighbours in Claremont said they heard a single shot.")
    [event] = to_json(extract_text(text))["events"]
    loc = event["location"]
    assert (loc["name"], loc["admin2"], loc["admin1"], loc["city"]) == ("Claremont", "Bronx", "New York", "Bronx")
    # a town the gazetteer knows in that state is not read as a section (`in Yonkers, Bronx` stays Yonkers)
    found = resolved("Shots were fired in Yonkers, Bronx and Queens on Friday.", gazetteer)
    assert found["Yonkers"][0] == "city"


def test_in_a_big_citys_story_a_place_the_gazetteer_lacks_is_a_section_of_it(gazetteer):
    # Madisonville, Kentucky is in the gazetteer; Cincinnati's Madisonville is not
    text = ("CINCINNATI, Ohio - A 5-year-old boy was shot in the head Saturday in Madisonville, Cincinnati police "
            "said. Officers found "
            "the boy on a porch in Madisonville. The Cincinnati Police Department is investigating.")
    [event] = to_json(extract_text(text))["events"]
    loc = event["location"]
    assert (loc["name"], loc["city"], loc["admin2"], loc["admin1"]) == ("Madisonville", "Cincinnati", "Hamilton",
                                                                         "Ohio")
    # a city written once as a dateline, or as a reference point, sets no story there
    found = resolved("MADISON, Wis. - The Grant County Sheriff's Office said the mother involved in the Montfort "
                     "shooting has died. The Montfort Fire Department provided traffic control.", gazetteer)
    assert found["Montfort"][0] == "city"  # the village itself, not a section of Madison


def test_a_towns_officer_and_its_legal_name(gazetteer):
    text = ("Retired Newburgh Officer Allegedly Kills Himself, 2 Children\n\nState Police responded to a call at "
            "the Valley View Mobile Home Park on 5th Avenue in the Town of Wallkill. A retired Newburgh police "
            "officer killed his two children and himself.")
    found = resolved(text, gazetteer)
    assert found["Newburgh"][:3] == ("city", "US", "New York")  # not a man named Newburgh: the town's officer
    assert "Mobile" not in found
    assert found["Wallkill"][:3] == ("city", "US", "New York")  # named once, by its legal name
    [event] = to_json(extract_text(text))["events"]
    assert event["location"]["name"] == "Wallkill"  # where the officer worked is not where it happened
    assert event["counts"]["killed"]["best"] == 3
    # a common given name before a title is still a person (`Kyle Sheriff`, a victim)
    assert "Kyle" not in resolved("Police said 17-year-old Kyle Sheriff was shot near Acworth.", gazetteer)


def test_the_outlets_home_town_named_in_the_story_is_that_town(gazetteer):
    # Caledonia, Wisconsin is in the gazetteer; the Rochester, N.Y. station's Caledonia (2,200 people) is not
    text = ("The shooter has been identified as 50-year-old John Lander of Rochester. The victim is a 45-year-old "
            "woman from Rochester. A woman was fatally shot in the abdomen in a hunting accident in Caledonia on "
            "Sunday, the sheriff said.")
    [event] = to_json(extract_text(text, url="http://www.whec.com/news/woman-shot-in-caledonia/4328506/"))["events"]
    assert (event["location"]["name"], event["location"]["admin1"]) == ("Caledonia", "New York")
    # one street of an intersection is no town
    found = find_places("The shooting happened inside a home near Wallace and 33rd Street.", gazetteer)
    assert "Wallace" not in {m.text for m in found}
