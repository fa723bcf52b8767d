"""The project's sentence segmenter on news abbreviations, quotations and paragraphs."""

from __future__ import annotations

from eventledger.nlp.pipeline import analyse


def sentences(text: str) -> list[str]:
    return [s.text.strip() for s in analyse(text).sents if s.text.strip()]


def test_abbreviations_do_not_end_sentences():
    text = ("Mrs. Rajavi met U.S. Army Col. Rafael Torres on Sept. 1 in Washington. "
            "The meeting lasted an hour.")
    assert sentences(text) == ["Mrs. Rajavi met U.S. Army Col. Rafael Torres on Sept. 1 in Washington.",
                               "The meeting lasted an hour."]


def test_us_at_the_end_of_a_sentence():
    assert len(sentences("The delegation flew back to the U.S. The talks resumed in May.")) == 2


def test_closing_quotes_stay_with_their_sentence():
    text = '"We will respond," the minister said. "They will pay." Officials declined to comment.'
    assert sentences(text) == ['"We will respond," the minister said.', '"They will pay."',
                               "Officials declined to comment."]


def test_paragraph_breaks_always_split():
    assert sentences("Headline without a full stop\n\nBody text starts here.") == [
        "Headline without a full stop", "Body text starts here."]
