"""Absolute and relative dates resolved against the dateline, each with a precision."""

from __future__ import annotations

from datetime import date

from eventledger.extract.times import find_times

REF = date(2010, 9, 1)  # a Wednesday


def one(text: str, ref: date | None = REF, known=None):
    found = find_times(text, ref, known=known)
    assert len(found) == 1, found
    return found[0].value


def test_weekday_is_the_latest_such_day_on_or_before_the_dateline():
    value = one("detained several insurgents in Logar province Tuesday")
    assert (value.start, value.precision) == (date(2010, 8, 31), "day")
    assert one("a patrol on Wednesday").start == date(2010, 9, 1)
    assert one("last Wednesday").start == date(2010, 8, 25)


def test_yesterday_today_and_last_night():
    assert one("killed two insurgents yesterday").start == date(2010, 8, 31)
    assert one("during an operation today").start == REF
    assert one("In Kandahar last night, a force").start == date(2010, 8, 31)


def test_month_day_without_year_takes_the_dateline_year_or_the_year_written_before():
    assert one("in Sabari district Feb. 6", ref=date(2011, 2, 8)).start == date(2011, 2, 6)
    assert one("on Dec. 30", ref=date(2011, 1, 2)).start == date(2010, 12, 30)
    known: dict = {}
    find_times("On September 1, 2013, an attack", date(2019, 10, 19), known=known)
    assert one("The September 1 attack on Camp Ashraf", ref=date(2019, 10, 19), known=known).start == date(2013, 9, 1)


def test_relative_periods_have_their_precision():
    value = one("which the U.S. designated as a terrorist entity earlier this year", ref=date(2019, 10, 19))
    assert (value.start, value.end, value.precision) == (date(2019, 1, 1), date(2019, 10, 19), "year")
    value = one("clashes last month", ref=date(2019, 10, 19))
    assert (value.start, value.end, value.precision) == (date(2019, 9, 1), date(2019, 9, 30), "month")
    value = one("three days ago", ref=date(2019, 10, 19))
    assert value.start == date(2019, 10, 16)
    assert one("last week", ref=date(2019, 10, 19)).precision == "week"


def test_absolute_forms():
    assert one("in September 2017, on the fourth anniversary").precision == "month"
    assert one("Like the 1988 massacre, it is tied").start == date(1988, 1, 1)
    assert one("on 14 March 2021 gunmen").start == date(2021, 3, 14)
    assert one("reported on 3/14/2021 by").start == date(2021, 3, 14)


def test_numeric_dates_are_month_first_unless_the_first_number_cannot_be_a_month():
    assert one("the attack of 05/04/2021 in").start == date(2021, 5, 4)
    assert one("the attack of 13/05/2021 in").start == date(2021, 5, 13)
    assert find_times("a form dated 02/30/2021 was", REF) == []  # no such day either way
    assert find_times("scores of 3/4/21 and", REF) == []  # a two-digit year is too ambiguous to read


def test_numbers_that_are_not_years_or_dates():
    assert find_times("the 26-year home of MEK members", REF) == []
    assert find_times("only 100 people remained", REF) == []
    assert find_times("2000 people marched", REF) == []


def test_relations_after_and_since():
    [found] = find_times("Following Khamenei's approval of the JCPOA in October 2015, Camp Liberty was attacked",
                         date(2019, 10, 19))
    assert found.relation == "after"


def test_a_street_block_number_is_not_a_year():
    from datetime import date

    from eventledger import extract_text, to_json

    ledger = to_json(extract_text("A man was shot in the 1900 block of Main Street in Salina, Kansas, police said.",
                                  published=date(2016, 5, 2)))
    assert all(not (e["date"]["start"] or "").startswith("1900") for e in ledger["events"])


def test_a_period_and_a_half_ago():
    value = one("A year and a half ago 12-year-old Genesis Rincon was killed", ref=date(2016, 5, 2))
    assert (value.start, value.end, value.precision) == (date(2014, 11, 1), date(2014, 11, 30), "month")
    value = one("two and a half years ago", ref=date(2016, 5, 2))
    assert value.start == date(2013, 11, 1)


def test_a_weekday_in_a_clause_about_the_future_is_the_coming_one():
    tuesday = date(2014, 8, 5)
    assert one("A prayer vigil will be held at St. Stephen's Baptist Church Wednesday evening.",
               ref=tuesday).start == date(2014, 8, 6)
    assert one("He is scheduled to appear in court next Monday.", ref=date(2014, 8, 4)).start == date(2014, 8, 11)
    # the past tense after a future word starts a clause of its own
    assert one("Investigators plan to interview the parents, who were at home when he was shot Thursday morning.",
               ref=tuesday).start == date(2014, 7, 31)


def test_a_pages_time_stamp_is_no_date_of_the_story():
    assert find_times("Posted: Sunday, March 8, 2015 11:41 AM EDT", date(2015, 3, 8)) == []
    assert one("Updated on Monday. He was shot Sunday.", ref=date(2015, 3, 9)).start == date(2015, 3, 8)


def test_a_month_without_a_year_is_the_latest_such_month():
    value = one("In August, three members of a family were discovered dead.", ref=date(2015, 3, 26))
    assert (value.start, value.end, value.precision) == (date(2014, 8, 1), date(2014, 8, 31), "month")
    assert one("The boy was shot in March, police said.", ref=date(2015, 3, 26)).start == date(2015, 3, 1)
    assert one("He will be sentenced in August.", ref=date(2015, 3, 26)).start == date(2015, 8, 1)
    assert one("In March 5 people died.", ref=date(2015, 3, 26)).precision == "day"  # a day, not a month


def test_early_mid_and_late_month_are_a_third_of_it():
    early = one("an attack on a hospital in Kabul in early November", ref=date(2021, 11, 13))
    assert (early.start, early.end, early.precision, early.text) == (date(2021, 11, 1), date(2021, 11, 10), "range",
                                                                     "early November")
    late = one("clashes in late August", ref=REF)
    assert (late.start, late.end) == (date(2010, 8, 21), date(2010, 8, 31))
    mid = one("since mid-July", ref=REF)
    assert (mid.start, mid.end) == (date(2010, 7, 11), date(2010, 7, 20))
    assert one("in August").precision == "month"


def test_holidays_on_a_fixed_day():
    assert one("an attack on New Year's Eve", ref=date(2021, 1, 1)).start == date(2020, 12, 31)
    assert one("shot on the Fourth of July", ref=date(2015, 7, 6)).start == date(2015, 7, 4)
    assert one("bombings on Christmas Day", ref=date(2011, 12, 26)).start == date(2011, 12, 25)
