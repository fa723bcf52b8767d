"""Attribution chains from the publisher inward, cues and modality, on varied phrasings."""

from __future__ import annotations

from eventledger import extract_text, to_json


def ledger(text: str, **meta) -> dict:
    return to_json(extract_text(text, **meta))


def claim_with(result: dict, words: str) -> dict:
    return next(c for c in result["claims"] if words in c["text"])


def chain(claim: dict) -> list[tuple[str, str | None]]:
    return [(s["name"], s["cue"]) for s in claim["sources"]]


NESTED = ('By Jane Doe\n\nBAGHDAD, March 3, 2016 - "Press reports claim that militia members planned the '
          'ambush. The gunmen also abducted four engineers, according to the press," reads a new report by '
          'the United Nations.\n\nPolice said that two officers were wounded in the ambush.\n\n'
          'The ministry denied that its troops fired on the crowd.\n\n'
          'Three civilians may have been killed, a local official said.')


def test_nested_quote_gives_the_full_chain():
    result = ledger(NESTED)
    claimed = claim_with(result, "Press reports claim")
    assert [name for name, _ in chain(claimed)] == ["Jane Doe", "United Nations", "Press reports"]
    assert claimed["modality"] == "claimed"
    abducted = claim_with(result, "abducted four engineers")
    names = [name for name, _ in chain(abducted)]
    assert names[:2] == ["Jane Doe", "United Nations"] and "press" in names[2].lower()
    assert chain(abducted)[1][1] == "reads" and chain(abducted)[2][1] == "according to"


def test_reported_speech_cues_and_modalities():
    result = ledger(NESTED)
    police = claim_with(result, "two officers were wounded")
    assert chain(police)[1] == ("police", "said")
    assert police["modality"] == "asserted"
    denied = claim_with(result, "denied that its troops")
    assert denied["modality"] == "denied"
    hedged = claim_with(result, "may have been killed")
    assert hedged["modality"] == "hedged"
    assert chain(hedged)[1][1] == "said"


def test_pronoun_and_definite_description_resolve_to_the_speaker():
    text = ('"We struck the convoy at dawn," said Mr. Ahmed Saleh, a rebel commander. "The fighters fled north," '
            'he added.\n\n"Two soldiers died," the statement said.')
    result = ledger(text)
    fled = claim_with(result, "fighters fled north")
    assert fled["sources"][-1]["name"] == "Ahmed Saleh" and fled["sources"][-1]["kind"] == "person"


def test_publisher_is_the_site_when_there_is_no_byline():
    result = ledger("Gunmen killed two guards in Kano on Friday.", url="https://www.example-news.org/a/1")
    assert result["claims"][0]["sources"][0] == {"name": "example-news.org", "kind": "publisher", "actor": None,
                                                 "cue": None}


MONITORS = ("BEIRUT, Aug. 14, 2016 (AP) - Airstrikes on a rebel-held town killed at least 23 civilians on Sunday.\n\n"
            "The Britain-based Syrian Observatory for Human Rights said the strikes hit a market in the town.\n\n"
            "The Local Coordination Committees, an activist network, put the death toll at 31.\n\n"
            "Fighting continued for days, the Interior Ministry said.")


def test_capitalised_speaker_nouns_toll_cues_and_a_clause_before_the_speaker():
    result = ledger(MONITORS)
    assert chain(claim_with(result, "the strikes hit a market"))[1] == (
        "The Britain-based Syrian Observatory for Human Rights", "said")
    assert chain(claim_with(result, "death toll at 31"))[1] == ("The Local Coordination Committees",
                                                                  "put the death toll at")
    ministry = claim_with(result, "Fighting continued")
    assert chain(ministry)[1:] == [("the Interior Ministry", "said")]
    toll = result["events"][0]["counts"]["killed"]
    assert {(v["value"], v["qualifier"]) for v in toll["values"]} == {(23, "at_least"), (31, "exact")}
    assert toll["disputed"] and (toll["low"], toll["high"]) == (23, 31)


def test_it_said_is_the_body_last_heard_from():
    result = ledger("NAIROBI, July 8, 2023 - More than 300 people were arrested, the Interior Ministry said.\n\n"
                    "Twenty-five police officers were injured, it said.")
    assert chain(claim_with(result, "Twenty-five"))[1] == ("the Interior Ministry", "said")


def test_a_trailing_source_with_a_bare_weekday_coordinated_speakers_and_broadcasters():
    result = ledger("YAOUNDE - Separatists killed nine people at the weekend in western Cameroon, local authorities "
                    "and state television said Sunday.\n\nTwo gendarmes were among the dead, state television said.")
    assert [name for name, _ in chain(claim_with(result, "Separatists killed"))][1:] == [
        "local authorities and state television"]
    assert [name for name, _ in chain(claim_with(result, "Two gendarmes"))][1:] == ["state television"]
