import unicodedata
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfsheet.model.values import (
    COMPARATORS,
    Qualitative,
    Quantitative,
    ValueProblem,
    format_money,
    parse_date,
    parse_money,
    parse_target,
)


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("450000", "450000.00"),
        ("450000.00", "450000.00"),
        ("450,000.00", "450000.00"),
        ("0", "0.00"),
        ("0.5", "0.50"),
    ],
)
def test_money_spellings(text: str, amount: str) -> None:
    value = parse_money(text)
    assert isinstance(value, Decimal)
    assert value == Decimal(amount)
    assert str(value) == amount


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("45万", "E122"),
        ("45万元", "E122"),
        ("450000元", "E120"),
        ("四十五万", "E120"),
        ("-1", "E123"),
        ("0.001", "E124"),
        ("４５０", "E121"),
        ("45,00", "E120"),
        ("NaN", "E120"),
        ("Infinity", "E120"),
        ("1e309", "E120"),
        ("12345678901234567890", "E125"),
    ],
)
def test_money_errors(text: str, code: str) -> None:
    with pytest.raises(ValueProblem) as caught:
        parse_money(text)
    assert caught.value.code == code


def test_wan_hint_converts_exactly() -> None:
    with pytest.raises(ValueProblem) as caught:
        parse_money("45.5万元")
    assert caught.value.params["fixed"] == "455,000.00"


def test_money_prints_as_the_form() -> None:
    assert format_money(Decimal("450000")) == "450,000.00"
    assert format_money(Decimal("0")) == "0.00"


@pytest.mark.parametrize("text", ["2026-01-01", "2026/1/1", "2026年1月1日", " 2026-1-01 "])
def test_dates(text: str) -> None:
    assert parse_date(text) == date(2026, 1, 1)


@pytest.mark.parametrize(("text", "code"), [("2026-02-30", "E141"), ("明年", "E140"), ("01/01/2026", "E140")])
def test_date_errors(text: str, code: str) -> None:
    with pytest.raises(ValueProblem) as caught:
        parse_date(text)
    assert caught.value.code == code


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("≥1.00(场)", "≥1.00(场)"),
        ("≥1 场", "≥1.00(场)"),
        (">=1（场）", "≥1.00(场)"),
        ("≥90%", "≥90.00(%)"),
        ("＝100 %", "=100.00(%)"),
        ("<=5(万元)", "≤5.00(万元)"),
        ("≥90(次)", "≥90.00(次)"),
        ("≥0.005(毫米)", "≥0.005(毫米)"),
        ("及时", "及时"),
        ("较上年有所增加", "较上年有所增加"),
    ],
)
def test_target_spellings_print_canonically(text: str, canonical: str) -> None:
    assert parse_target(text).canonical() == canonical


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("985米", "E131"),
        ("90%", "E131"),
        ("≥", "E132"),
        ("≥ 及时", "E132"),
        ("≥90", "E134"),
        ("≥80-90(%)", "E133"),
        ("≥１(场)", "E136"),
        ("   ", "E130"),
    ],
)
def test_target_errors(text: str, code: str) -> None:
    with pytest.raises(ValueProblem) as caught:
        parse_target(text)
    assert caught.value.code == code


def test_bare_number_hint_gives_the_canonical_spelling() -> None:
    with pytest.raises(ValueProblem) as caught:
        parse_target("985米")
    assert "≥985.00(米)" in caught.value.params["fixed"]


def test_marked_qualitative_text_may_contain_digits() -> None:
    assert parse_target("全市前 3 名", qualitative=True) == Qualitative("全市前 3 名")


# Units as they are stored: NFKC-normal (a full-width ％ or Ａ is read as % or A).
_units = st.text(
    alphabet=st.characters(categories=("Lo", "Ll", "Lu"), exclude_characters="()（）"), min_size=1, max_size=4
).filter(lambda unit: unicodedata.normalize("NFKC", unit) == unit) | st.sampled_from(["%", "场", "万元", "人次", "个"])
_quantitative = st.builds(
    Quantitative,
    comparator=st.sampled_from(sorted(set(COMPARATORS.values()))),
    number=st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False),
    unit=_units,
)
_qualitative = st.builds(
    Qualitative,
    st.text(
        alphabet=st.characters(categories=("Lo",), exclude_characters="０１２３４５６７８９"),
        min_size=1,
        max_size=12,
    ),
)


@given(_quantitative | _qualitative)
def test_parsing_the_canonical_print_gives_the_value_back(value: Quantitative | Qualitative) -> None:
    assert parse_target(value.canonical()) == value


@given(st.decimals(min_value=0, max_value=10**11, places=2, allow_nan=False, allow_infinity=False))
def test_money_round_trips_through_its_printed_form(amount: Decimal) -> None:
    assert parse_money(format_money(amount)) == amount
