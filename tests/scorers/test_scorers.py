"""Each scorer's arithmetic on a tiny fixture with a known answer; a wrong prediction must lose points."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import attribution, extraction, isaf, mentions, merging, times, world_news


def test_shingle_scores():
    gold = "Gunmen killed five people in an attack on a market in Maiduguri on Saturday"
    assert extraction.prf(gold, gold) == (1.0, 1.0, 1.0)
    p, r, f = extraction.prf(gold + " Subscribe to our newsletter for more news today", gold)
    assert r == 1.0 and p < 1.0 and f < 1.0
    assert extraction.prf("completely different words here now", gold) == (0.0, 0.0, 0.0)


def test_visible_lines_keep_the_junk():
    html = "<html><body><nav>Home | World</nav><p>Body text here.</p><script>x=1</script></body></html>"
    assert extraction.visible_lines(html).split("\n") == ["Home | World", "Body text here."]


TML = """<?xml version="1.0" ?>
<TimeML><DOCID>X</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>Stocks fell <TIMEX3 tid="t1" type="DATE" value="1998-01-07">yesterday</TIMEX3> for a \
<TIMEX3 tid="t2" type="DURATION" value="P1W">week</TIMEX3>.</TEXT>
</TimeML>"""


def test_timeml_reading_and_span_scores(tmp_path):
    path = tmp_path / "x.tml"
    path.write_text(TML, encoding="utf-8")
    text, dct, gold = times.parse_tml(path)
    assert text == "Stocks fell yesterday for a week."
    assert dct.isoformat() == "1998-01-08"
    assert gold == [(12, 21, "1998-01-07")]
    right = times.score(lambda t, d: [(12, 21, "1998-01-07")], [(text, dct, gold)])
    assert right == (1.0, 1.0, 1.0)
    wrong = times.score(lambda t, d: [(7, 15, "1998-01-08")], [(text, dct, gold)])
    assert wrong == (0.0, 1.0, 0.0)


def test_mention_tally():
    gold = [(0, 5, "Location"), (10, 20, "Organisation")]
    perfect = mentions.tally(gold, gold)
    assert perfect["Location"] == (1, 1, 1, 1, 1)
    off = mentions.tally([(0, 4, "Location"), (30, 40, "Organisation")], gold)
    assert off["Location"] == (0, 1, 1, 1, 1)  # overlapping but not exact
    assert off["Organisation"] == (0, 0, 0, 1, 1)
    assert mentions.prf(1, 1, 2, 1) == (0.5, 1.0, 0.667)


def test_attribution_scores():
    text = "The minister said the talks failed. Rain fell."
    gold = [{"Source": (0, 12), "Cue": (13, 17), "Content": (18, 34)}]
    docs = [("d", text, gold)]
    right = attribution.evaluate(lambda t, d: [dict(gold[0])], docs)
    assert right["attribution"] == 1.0 and right["Content exact"] == 1.0
    wrong = attribution.evaluate(lambda t, d: [{"Source": (36, 40), "Cue": (41, 45), "Content": (36, 46)}], docs)
    assert wrong["attribution"] == 0.0 and wrong["Source lenient"] == 0.0


def test_isaf_field_scores():
    gold = [isaf.gold_fields({"start_date": "2011-02-06", "event_type": ["detention"], "province": ["khost"],
                              "target_group": ["haqqani"], "min_killed": 0, "min_captured": 1})]
    right = [{"date": "2011-02-06", "killed": 0, "captured": 1, "province": "khost", "event_type": "detention",
              "targets": {"haqqani-network"}}]
    assert set(isaf.score(right, gold).values()) == {1.0}
    wrong = [dict(right[0], date="2011-02-05", captured=2, province="paktya")]
    scores = isaf.score(wrong, gold)
    assert scores["date"] == scores["captured"] == scores["province"] == 0.0 and scores["killed"] == 1.0


def test_province_spellings_meet():
    assert isaf.province_key("Paktia") == isaf.province_key("Paktya") == "paktya"


def test_bcubed_and_pairwise():
    gold = {"a": "1", "b": "1", "c": "2"}
    assert merging.bcubed(gold, gold) == pytest.approx(1.0)
    assert merging.pairwise(gold, gold) == pytest.approx(1.0)
    alone = {"a": "a", "b": "b", "c": "c"}
    assert merging.bcubed(alone, gold) < 1.0
    lumped = {"a": "x", "b": "x", "c": "x"}
    assert merging.pairwise(lumped, gold) == pytest.approx(0.5)


def test_scorers_skip_cleanly_without_data(tmp_path: Path):
    for module in (extraction, mentions, times, attribution, isaf, merging):
        assert module.run(tmp_path, quick=True).startswith("skipped:")


def test_duplicate_predictions_do_not_inflate_recall():
    text = "The minister said the talks failed. Rain fell."
    gold = [{"Source": (0, 12), "Cue": (13, 17), "Content": (18, 34)},
            {"Source": (36, 40), "Cue": (41, 45), "Content": (36, 46)}]
    twice = attribution.evaluate(lambda t, d: [dict(gold[0]), dict(gold[0])], [("d", text, gold)])
    assert twice["Source exact"] == 0.667  # precision 1, recall 1/2


def _release(published: str, *days: str) -> dict:
    """A minimal ledger: one document and one dated event per day, in text order."""
    events = [{"date": {"start": d, "end": d, "precision": "day"}, "location": {}, "counts": {}, "participants": [],
               "type": "attack"} for d in days]
    return {"documents": [{"published": published}], "events": events, "actors": []}


def test_isaf_release_event_is_its_news_not_the_history_it_names():
    # `... confirmed the death of the insurgent behind the May 11 insider attack ... killed in an airstrike Saturday`
    assert isaf.predict(_release("2012-09-17", "2012-05-11", "2012-09-15"))["date"] == "2012-09-15"
    # With no event of the last month, the first dated event stands.
    assert isaf.predict(_release("2012-09-17", "2012-05-11", "2012-04-02"))["date"] == "2012-05-11"


def test_days_a_release_states_or_implies():
    text = "KABUL, Afghanistan (Feb. 8, 2011) A leader was detained in Khost province Feb. 6, and two more yesterday."
    assert isaf.days_in_text(text, "2011-02-08") == {"2011-02-08", "2011-02-06", "2011-02-07"}
    assert isaf.days_in_text(text, None) == set()


def test_world_news_counts_places_perpetrators_and_clusters():
    gold = {"killed_best": 74, "killed_low": 70, "killed_high": 80, "injured": None, "injured_low": None,
            "injured_high": None, "place": "Nkwen", "place_alt": ["Bamenda"], "admin1": "North-West",
            "admin1_alt": ["Northwest"], "perpetrators": ["separatist militiamen", "Amba boys"]}
    assert world_news.count_right(74, gold, "killed_best") and world_news.count_right(72, gold, "killed_best")
    assert not world_news.count_right(49, gold, "killed_best") and not world_news.count_right(None, gold,
                                                                                               "killed_best")
    assert world_news.count_right(None, gold, "injured") and not world_news.count_right(3, gold, "injured")
    assert world_news.first_number("Some 300,000 people fled; two were killed.") == 300000
    assert world_news.first_number("Two soldiers were killed.") == 2
    assert world_news.place_right({"name": "Bamenda", "city": None, "admin2": None}, gold)
    assert not world_news.place_right({"name": "Buea", "city": None, "admin2": None}, gold)
    assert world_news.admin1_right({"admin1": "Northwest"}, gold)
    event = {"participants": [{"actor": "amba", "role": "perpetrator"}, {"actor": "army", "role": "victim"}]}
    assert world_news.perpetrator_right(event, {"amba": {"name": "Ambazonia Defence Forces", "aliases": [
        "Amba Boys"]}}, gold)
    assert not world_news.perpetrator_right(event, {"amba": {"name": "Cameroon army", "aliases": []}}, gold)
    assert world_news.bcubed({"a": "1", "b": "1", "c": "2"}, {"a": "x", "b": "x", "c": "y"}) == 1.0
    assert world_news.bcubed({"a": "a", "b": "b", "c": "c"}, {"a": "x", "b": "x", "c": "y"}) < 1.0
