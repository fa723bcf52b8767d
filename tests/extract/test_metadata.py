"""Datelines, bylines and title dates in the forms news text uses."""

from __future__ import annotations

from datetime import date

from eventledger.extract.metadata import read_metadata


def test_city_and_full_date_with_em_dash():
    meta = read_metadata('Reporting by PMOI/MEK\n\nWashington, October 19, 2019\u2014 "On September 1, 2013, ...',
                         None, None)
    assert meta.published == date(2019, 10, 19)
    assert meta.dateline_place == "Washington"
    assert meta.publisher == "PMOI/MEK"


def test_capitalised_city_country_and_parenthesised_date():
    meta = read_metadata("KABUL, Afghanistan (Jan. 25, 2013) - An Afghan and coalition force ...", None, None)
    assert meta.published == date(2013, 1, 25)
    assert meta.dateline_place == "Kabul" and meta.dateline_region == "Afghanistan"


def test_year_from_the_record_when_the_dateline_lacks_it():
    meta = read_metadata("KABUL, Afghanistan (Sept. 1) - A security force detained ...", None, date(2010, 9, 2))
    assert meta.published == date(2010, 9, 2)  # the record's date wins
    meta = read_metadata("ISAF Joint Command 2010-09-CA-005\nKABUL, Afghanistan (Sept. 1) - A force ...", None,
                         None)
    assert meta.published == date(2010, 9, 1)  # the release number gives the year
    meta = read_metadata("KABUL, Afghanistan (June 14) - A force killed ...", None, None, "2012-06-S-026")
    assert meta.published == date(2012, 6, 14)  # the record's release number
    assert read_metadata("KABUL, Afghanistan (June 14) - A force ...", None, None).published is None


def test_byline_forms():
    assert read_metadata("By Jane Doe\nBAGHDAD - Two bombs ...", None, None).publisher == "Jane Doe"
    assert read_metadata("No byline here. Two bombs exploded.", None, None).publisher is None


def test_a_weekday_before_a_date_is_no_dateline_place():
    meta = read_metadata("Relatives found the family dead Sunday night. (Published Monday, Aug. 4, 2014)\n\nA family "
                         "of five was found fatally shot.", None, date(2014, 8, 5))
    assert meta.dateline_place is None
    assert read_metadata("CULPEPER, Va., Aug. 4, 2014 - A family", None, None).dateline_place == "Culpeper"


def test_a_title_ending_in_a_date_is_not_the_dateline():
    text = ("Coalition Command Morning Operational Update, March 8, 2011\nFor Immediate Release\n"
            "KABUL, Afghanistan (March 8, 2011) \u2014 Afghan forces detained two suspected insurgents in Khost "
            "province yesterday.")
    meta = read_metadata(text, None, None)
    assert meta.dateline_place == "Kabul" and meta.dateline_region == "Afghanistan"
    assert text[meta.dateline_span[0]:meta.dateline_span[1]].lstrip().startswith("KABUL")
    # With no dateline written as one, the title's date still dates the document.
    assert read_metadata("Morning Update, March 8, 2011\nTwo men were detained.", None, None).published == date(
        2011, 3, 8)
