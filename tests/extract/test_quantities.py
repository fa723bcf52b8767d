"""The quantity reader: numbers rendered the ways news writes them read back to the same value; numbers that
count no one are told apart."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventledger.extract.quantities import find_quantities, not_a_count, read_number, read_quantity

_UNITS = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
          "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _below_hundred(n: int) -> str:
    if n < 20:
        return _UNITS[n]
    return _TENS[n // 10] + (f"-{_UNITS[n % 10]}" if n % 10 else "")


def _below_thousand(n: int, british: bool, article: bool) -> str:
    hundreds, rest = divmod(n, 100)
    words = []
    if hundreds:
        words.append(f"{'a' if article and hundreds == 1 else _UNITS[hundreds]} hundred")
    if rest:
        words.append(("and " if british and hundreds else "") + _below_hundred(rest))
    return " ".join(words)


def in_words(n: int, british: bool = False, article: bool = False) -> str:
    """English number words, the two ways newspapers write them (`a hundred and twenty`, `one hundred twenty`)."""
    thousands, rest = divmod(n, 1000)
    words = []
    if thousands:
        words.append(f"{_below_thousand(thousands, british, article)} thousand")
    if rest:
        words.append(_below_thousand(rest, british, article and not thousands))
    return " ".join(words)


def with_separators(n: int, separator: str) -> str:
    return f"{n:,}".replace(",", separator)


@given(st.integers(min_value=1, max_value=999_999), st.booleans(), st.booleans())
def test_number_words_read_back(n, british, article):
    assert read_number(in_words(n, british, article)) == n


@given(st.integers(min_value=0, max_value=10**9), st.sampled_from([",", " ", "\u00a0", "\u202f", ""]))
def test_digits_with_thousands_separators_read_back(n, separator):
    assert read_number(with_separators(n, separator)) == n


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=9),
       st.sampled_from(["thousand", "million", "billion"]))
def test_decimals_with_scale_words_read_back(whole, tenth, scale):
    factor = {"thousand": 10**3, "million": 10**6, "billion": 10**9}[scale]
    assert read_number(f"{whole}.{tenth} {scale}") == (whole * 10 + tenth) * factor // 10


@given(st.integers(min_value=1, max_value=10))
def test_dozens_multiply(n):
    assert read_number(f"{_UNITS[n]} dozen") == 12 * n
    assert read_number(f"{n} dozen") == 12 * n


@given(st.integers(min_value=1, max_value=5000), st.integers(min_value=0, max_value=5000),
       st.sampled_from(["between {a} and {b}", "{a} to {b}", "{a}-{b}", "{a} – {b}", "from {a} to {b}",
                        "{a} or {b}"]),
       st.booleans())
def test_ranges_read_back(low, span, form, words):
    high = low + span
    render = (lambda n: in_words(n)) if words and "-" not in form and "–" not in form else str
    quantity = read_quantity(form.format(a=render(low), b=render(high)))
    assert quantity is not None
    assert (quantity.low, quantity.high) == (low, high)


@given(st.integers(min_value=2, max_value=100_000), st.sampled_from([
    ("at least", "at_least", 0), ("no fewer than", "at_least", 0), ("more than", "at_least", 1),
    ("over", "at_least", 1), ("nearly", "about", 0), ("about", "about", 0), ("some", "about", 0),
    ("an estimated", "about", 0), ("up to", "at_most", 0), ("as many as", "at_most", 0),
    ("fewer than", "at_most", -1), ("a total of", "exact", 0)]))
def test_qualifiers_bound_the_figure(n, qualifier):
    words, kind, shift = qualifier
    quantity = read_quantity(f"{words} {n:,}")
    assert quantity is not None
    assert (quantity.value, quantity.qualifier) == (n + shift, kind)


@pytest.mark.parametrize(("text", "low", "high", "qualifier", "vague"), [
    ("some 300,000", 300_000, 300_000, "about", False),
    ("nearly 14,000", 14_000, 14_000, "about", False),
    ("over 1,000", 1001, 1001, "at_least", False),
    ("about two dozen", 24, 24, "about", False),
    ("a dozen", 12, 12, "exact", False),
    ("half a dozen", 6, 6, "exact", False),
    ("14 000", 14_000, 14_000, "exact", False),
    ("1.2 million", 1_200_000, 1_200_000, "exact", False),
    ("Fifty-two", 52, 52, "exact", False),
    ("a hundred and twenty", 120, 120, "exact", False),
    ("Between 10 and 15", 10, 15, "exact", False),
    ("two or three", 2, 3, "exact", False),
    ("tens of", 20, 20, "at_least", True),
    ("dozens of", 24, 24, "at_least", True),
    ("tens of thousands of", 20_000, 20_000, "at_least", True),
    ("hundreds of thousands of", 200_000, 200_000, "at_least", True),
])
def test_table(text, low, high, qualifier, vague):
    quantity = read_quantity(text)
    assert quantity is not None
    assert (quantity.low, quantity.high, quantity.qualifier, quantity.vague) == (low, high, qualifier, vague)


def test_group_words_follow_the_convention():
    assert read_quantity("dozens of", {"dozens": 12}).value == 12
    assert read_quantity("scores of", {"scores": 20}).value == 20


@pytest.mark.parametrize("text", ["15-10", "seventy-eight to", "", "several"])
def test_not_a_quantity(text):
    assert read_quantity(text) is None


@pytest.mark.parametrize(("sentence", "figure"), [
    ("The attack on May 3 killed 12.", "3"),
    ("In 2019, 12 people died.", "2019"),
    ("The blast at 10:30 killed 12.", "10:30"),
    ("A 17-year-old was among 12 dead.", "17"),
    ("The man, 45 years old, was shot.", "45"),
    ("He paid $300 to 12 men.", "300"),
    ("Turnout was 45 percent, and 12 died.", "45"),
    ("Gunmen stormed 3 Main Street, killing 12.", "3"),
    ("The fire at No. 3 killed 12.", "3"),
    ("Flight 17 crashed, killing 12.", "17"),
    ("He served from 1990-1995 in the army.", "1990-1995"),
    ("The town is 20 km from the border, where 12 died.", "20"),
    ("It began at 2 p.m. and 12 died.", "2"),
])
def test_numbers_that_count_no_one(sentence, figure):
    start = sentence.index(figure)
    assert not_a_count(sentence, start, start + len(figure))
    found = [sentence[a:b] for a, b, _ in find_quantities(sentence)]
    assert figure not in found
    assert ("12" in found) == ("12" in sentence)


def test_quantities_in_a_report():
    text = ("Some 300,000 people fled after more than 1,000 were killed between 10 and 15 May 2024; "
            "about two dozen militants and 14 000 residents were detained in 2023.")
    found = [(text[a:b], q.low, q.high) for a, b, q in find_quantities(text)]
    assert ("Some 300,000", 300_000, 300_000) in found
    assert ("more than 1,000", 1001, 1001) in found
    assert ("about two dozen", 24, 24) in found
    assert ("14 000", 14_000, 14_000) in found
    assert all(low not in (2023, 2024) for _, low, _ in found)
