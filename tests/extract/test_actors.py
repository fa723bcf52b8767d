"""Actor mentions: dictionary aliases, aliases the text defines, spelling variants, and groups kept apart."""

from __future__ import annotations

import pytest

from eventledger.extract.actors import ActorMatcher, DictionaryError, load_dictionary
from eventledger.nlp.pipeline import analyse


@pytest.fixture(scope="module")
def matcher() -> ActorMatcher:
    return ActorMatcher(load_dictionary())


def found(matcher, text):
    mentions, learned = matcher.find(analyse(text))
    return [(m.text, m.actor) for m in mentions], learned


def test_definitions_short_forms_and_slash_forms(matcher):
    text = ("Iranian proxies Kata'ib Hezballah (KH) and Asa'ib Ahl al-Haq (AAH) attacked the camp. "
            "Later KH fighters left. Kata'ib and Asa'ib are militias. Reporting by PMOI / MEK.")
    mentions, learned = found(matcher, text)
    actors = dict(mentions)
    assert actors["KH"] == actors["Kata'ib"] == actors["Kata'ib Hezballah"] == "kataib-hezbollah"
    assert actors["AAH"] == actors["Asa'ib"] == "asaib-ahl-al-haq"
    assert actors["PMOI / MEK"] == "mek"
    assert "Kata'ib" in learned["kataib-hezbollah"]


def test_spelling_variants_meet(matcher):
    for spelling in ("Hizballah", "Hezbollah", "Hizbullah"):
        assert found(matcher, f"{spelling} fired rockets.")[0] == [(spelling, "hezbollah")]
    assert found(matcher, "Kataib Hizbullah claimed it.")[0][0][1] == "kataib-hezbollah"


def test_distinct_groups_stay_distinct(matcher):
    mentions, _ = found(matcher, "The Quds Force is the arm of the Revolutionary Guards (IRGC).")
    assert dict(mentions)["Quds Force"] == "quds-force"
    assert dict(mentions)["IRGC"] == dict(mentions)["Revolutionary Guards"] == "irgc"


def test_unknown_definition_in_text_is_learned(matcher):
    mentions, learned = found(matcher, "Members of the Mujahedeen-e Khalq, or MeK, were killed.")
    assert dict(mentions)["MeK"] == "mek"


def test_fuzzy_matching_catches_a_misspelt_name(matcher):
    mentions, _ = found(matcher, "The Popular Mobilisation Forces deployed near Tikrit.")
    assert ("Popular Mobilisation Forces", "pmf") in mentions


def test_generic_agents_are_actors(matcher):
    mentions, _ = found(matcher, "Unidentified gunmen shot dead two residents.")
    assert ("gunmen", "gunmen") in mentions and ("residents", "civilians") in mentions


def test_lowercase_words_do_not_match_capitalised_names(matcher):
    assert found(matcher, "delivering coup-de-grace shots")[0] == []


def test_countries_given_names_and_words_in_the_seed_dictionary_are_not_group_aliases(matcher):
    # Phoenix brackets hold countries and nicknames as well as acronyms: `NATIONAL_LIBERATION_ARMY_(COLOMBIA)`,
    # `JAISH-E-MOHAMMAD_(MUHAMMED)`, `TAONG_BAYAN_AT_KAWAL_(MACHETE)`.
    text = ("Police spokesman Mohammed Shehu said a man was killed with a machete in Colombia, "
            "and the Youth wing of the party marched in Greece.")
    # the countries are states (conflict-actors.jsonl), never the Phoenix groups whose brackets named them
    groups = [actor for _, actor in found(matcher, text)[0] if actor != "police"]
    assert groups == ["colombia", "greece"]
    assert found(matcher, "The LTTE and the MILF were named.")[0] == [
        ("LTTE", "liberation-tigers-of-tamil-eelam"), ("MILF", "moro-islamic-liberation-front")]


def test_user_dictionary_yaml_and_csv(tmp_path):
    yaml_file = tmp_path / "mine.yaml"
    yaml_file.write_text("actors:\n  - {id: jnim, name: Jama'at Nasr al-Islam wal Muslimin, kind: armed_group, "
                         "aliases: [JNIM]}\n", encoding="utf-8")
    csv_file = tmp_path / "mine.csv"
    csv_file.write_text("id,name,kind,aliases\nbh,Boko Haram,armed_group,JAS|Jama'atu Ahlis Sunna\n",
                        encoding="utf-8")
    matcher = ActorMatcher(load_dictionary([yaml_file, csv_file]))
    mentions, _ = found(matcher, "JNIM and Boko Haram fighters clashed.")
    assert ("JNIM", "jnim") in mentions and ("Boko Haram", "bh") in mentions


def test_bad_user_dictionary_says_what_is_wrong(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("actors:\n  - {name: X Group, kind: alien}\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match="unknown kind 'alien'"):
        load_dictionary([bad])


def test_groups_no_dictionary_knows_become_document_actors(matcher):
    mentions, _learned, new = matcher.find_all(analyse(
        "The Martyrs of Jenin Brigade claimed the attack. Later the Jenin Brigade (MJB) fighters withdrew."))
    ids = {m.actor for m in mentions}
    assert "local:martyrs-of-jenin-brigade" in ids
    assert new["local:martyrs-of-jenin-brigade"].kind == "armed_group"
    assert all(not a.startswith("local:iraqi") for a in ids)
