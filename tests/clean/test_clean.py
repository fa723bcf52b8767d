"""Normalisation keeps offsets mappable; the scraped-text cleaner removes only furniture, with reasons."""

from __future__ import annotations

from eventledger.clean.normalize import normalize_text
from eventledger.clean.scraped import clean_scraped


def test_quotes_spaces_and_separators_are_normalised_and_mappable():
    original = "\u201cThey\u2019re here,\u201d\u00a0he said.\u2028Next\u200b line"
    mapped = normalize_text(original)
    assert mapped.text == "\"They're here,\" he said.\nNext line"
    start = mapped.text.index("Next")
    a, b = mapped.to_original(start, start + 4)
    assert original[a:b] == "Next"
    assert len(mapped.origin) == len(mapped.text)


def test_crlf_counts_as_one_newline():
    mapped = normalize_text("one\r\ntwo")
    assert mapped.text == "one\ntwo"
    assert mapped.to_original(4, 7) == (5, 8)


SCRAPED = """300x250

Militants storm checkpoint in Sinai

Share on Facebook
Tweet
Soldiers stand guard near the checkpoint - photo: archive
Soldiers stand guard near the checkpoint - photo: archive

EL-ARISH, Egypt, July 1, 2015 - Militants attacked an army checkpoint in North Sinai, killing 17 soldiers.

Subscribe to our newsletter

Militants storm checkpoint in Sinai
"""


def test_scraped_furniture_removed_with_reasons_and_nothing_else():
    cleaned = clean_scraped(normalize_text(SCRAPED))
    reasons = [(r.text, r.reason) for r in cleaned.removed]
    assert ("300x250", "ad slot") in reasons
    assert ("Share on Facebook", "share/subscribe furniture") in reasons
    assert ("Tweet", "share/subscribe furniture") in reasons
    assert ("Subscribe to our newsletter", "share/subscribe furniture") in reasons
    assert ("Soldiers stand guard near the checkpoint - photo: archive", "repeated line") in reasons
    assert ("Militants storm checkpoint in Sinai", "repeated headline") in reasons
    assert len(reasons) == 6
    text = cleaned.text.text
    assert text.startswith("Militants storm checkpoint in Sinai")  # the headline at the top stays
    assert "killing 17 soldiers" in text
    assert text.count("Soldiers stand guard") == 1


def test_cleaned_offsets_still_point_at_the_original():
    source = normalize_text(SCRAPED)
    cleaned = clean_scraped(source)
    start = cleaned.text.text.index("killing 17")
    a, b = cleaned.text.to_original(start, start + 10)
    assert SCRAPED[a:b] == "killing 17"


def test_a_page_titles_site_name_is_not_part_of_the_headline():
    from eventledger.clean.scraped import headline_of_title
    assert headline_of_title("Authorities: Fatal shooting appears accidental - WTVM.com-Columbus, GA News Weather "
                             "& Sports") == "Authorities: Fatal shooting appears accidental"
    assert headline_of_title("Victim In Boyle Co. Shooting Dies - LEX18.com | Continuous News") == \
        "Victim In Boyle Co. Shooting Dies"
    assert headline_of_title("Shooting - 2 dead - WSB-TV Atlanta") == "Shooting - 2 dead"
    # dashes inside the headline stay; a title that is all site name stays whole
    assert headline_of_title("Gunman kills 3 - a family - in Houston") == "Gunman kills 3 - a family - in Houston"
    assert headline_of_title("KHOU 11 News") == "KHOU 11 News"
    assert headline_of_title("  ") is None


def test_a_teaser_for_another_story_is_furniture_and_a_sentence_about_reading_is_not():
    page = ("Youths attacked a village in eastern South Sudan, killing at least 12 people.\n"
            "Read: Fresh fighting in South Sudan kills 26 people, officials say\n"
            "ALSO READ: Gunmen kill five in Jonglei\n"
            "The commissioner read: 'We will not rest.'\n")
    cleaned = clean_scraped(normalize_text(page))
    assert [r.text for r in cleaned.removed] == ["Read: Fresh fighting in South Sudan kills 26 people, officials say",
                                                 "ALSO READ: Gunmen kill five in Jonglei"]
    assert "The commissioner read" in cleaned.text.text
