"""Pay normalisation: three kinds never mixed, the edge cases of issue 4 and the bundled exchange-rate table."""

from __future__ import annotations

import pytest

from pipelines.pay import (
    ExchangeRates,
    PayNormaliser,
    Rate,
    SalaryConversion,
    load_rates,
    normalise_pay,
    pay_kind,
)

# Round rates written for these tests, so the expected figures can be checked by hand; they are not
# real exchange rates (the bundled table is tested on its own below).
TEST_RATES = ExchangeRates([
    Rate("USD", 2023, 1.0, "test: reference currency"),
    Rate("IDR", 2023, 1 / 16_000, "test IDR rate"),
    Rate("GBP", 2023, 1.25, "test GBP rate"),
    Rate("GBP", 2024, 1.30, "test GBP rate"),
    Rate("INR", 2023, 1 / 80, "test INR rate"),
])


def normalise(pay_min, pay_max, currency, period, year=2023, **options):
    return normalise_pay(pay_min, pay_max, currency, period, posted_year=year, rates=TEST_RATES, **options)


@pytest.mark.parametrize(
    ("period", "kind"),
    [("hour", "hourly"), ("day", "salaried"), ("week", "salaried"), ("month", "salaried"), ("year", "salaried"),
     ("project", "project"), (None, None), ("fortnight", None)],
)
def test_pay_kind_of_each_period(period, kind):
    assert pay_kind(period) == kind


def test_hourly_in_gbp_stays_an_hour():
    pay = normalise(20, 30, "GBP", "hour")
    assert pay.kind == "hourly"
    assert pay.usd_hour_min == pytest.approx(25.0)
    assert pay.usd_hour_max == pytest.approx(37.5)
    assert pay.idr_hour_min == pytest.approx(25.0 * 16_000)
    assert pay.idr_hour_max == pytest.approx(37.5 * 16_000)
    # An hourly rate is never stretched to a month, nor taken for a budget.
    assert (pay.usd_month_min, pay.usd_month_max, pay.idr_month_min, pay.idr_month_max) == (None,) * 4
    assert pay.usd_one_off_min is None and pay.idr_one_off_min is None
    assert pay.rate_source == "test GBP rate, 2023"
    assert pay.idr_rate_source == "test IDR rate, 2023"


def test_monthly_in_idr_keeps_the_rupiah_figures():
    pay = normalise(8_000_000, 12_000_000, "idr", "month")
    assert pay.kind == "salaried"
    assert pay.idr_month_min == 8_000_000 and pay.idr_month_max == 12_000_000
    assert pay.usd_month_min == pytest.approx(500.0)
    assert (pay.usd_hour_min, pay.idr_hour_max) == (None, None)  # a salary is not cut into hours
    assert pay.idr_rate_source == "pay in IDR"


def test_yearly_in_usd_is_paid_over_twelve_months():
    pay = normalise(60_000, 60_000, "USD", "year")
    assert pay.usd_month_min == pytest.approx(5_000.0)
    assert pay.idr_month_min == pytest.approx(5_000.0 * 16_000)


def test_fixed_budget_in_inr_is_one_off_not_per_month():
    pay = normalise(16_000, 40_000, "INR", "project")
    assert pay.usd_one_off_min == pytest.approx(200.0)
    assert pay.usd_one_off_max == pytest.approx(500.0)
    assert pay.idr_one_off_min == pytest.approx(200.0 * 16_000)
    recurring = (pay.usd_hour_min, pay.usd_hour_max, pay.usd_month_min, pay.usd_month_max,
                 pay.idr_hour_min, pay.idr_hour_max, pay.idr_month_min, pay.idr_month_max)
    assert recurring == (None,) * 8


@pytest.mark.parametrize(
    ("pay_min", "pay_max", "currency", "period"),
    [
        (100, 200, None, "hour"),  # missing currency
        (100, 200, "", "hour"),
        (None, None, "USD", "hour"),  # no pay
        (100, 200, "XYZ", "hour"),  # currency not in the table
        (100, 200, "USD", None),  # period unknown
        (100, 200, "USD", "fortnight"),
    ],
)
def test_pay_that_cannot_be_normalised_is_none(pay_min, pay_max, currency, period):
    assert normalise(pay_min, pay_max, currency, period) is None


def test_platform_rate_wins_over_the_table():
    # Freelancer's currency.exchange_rate: USD = amount x rate.
    pay = normalise(10_000, 20_000, "INR", "project", platform_usd_rate=0.0114)
    assert pay.usd_one_off_min == pytest.approx(114.0)
    assert pay.usd_one_off_max == pytest.approx(228.0)
    assert pay.idr_one_off_min == pytest.approx(114.0 * 16_000)
    assert pay.rate_source == "platform"


def test_platform_rate_works_for_a_currency_not_in_the_table():
    pay = normalise(50, 50, "NZD", "hour", platform_usd_rate=0.6)
    assert pay.usd_hour_min == pytest.approx(30.0)


def test_zero_platform_rate_falls_back_to_the_table():
    assert normalise(20, 20, "GBP", "hour", platform_usd_rate=0).rate_source == "test GBP rate, 2023"


@pytest.mark.parametrize(
    ("year", "rate", "source"),
    [
        (2019, 1.25, "test GBP rate, 2023 (nearest year to 2019)"),
        (2031, 1.30, "test GBP rate, 2024 (nearest year to 2031)"),
        (None, 1.30, "test GBP rate, 2024 (latest year; posting year unknown)"),
    ],
)
def test_year_outside_the_table_takes_the_nearest_year(year, rate, source):
    pay = normalise(10, 10, "GBP", "hour", year=year)
    assert pay.usd_hour_min == pytest.approx(10 * rate)
    assert pay.rate_source == source


def test_nearest_year_tie_takes_the_later_year():
    rates = ExchangeRates([Rate("EUR", 2021, 1.1, "a"), Rate("EUR", 2023, 1.2, "b")])
    assert rates.usd_per_unit("EUR", 2022) == (1.2, "b, 2023 (nearest year to 2022)")
    assert rates.usd_per_unit("eur", 2021) == (1.1, "a, 2021")
    assert rates.usd_per_unit("XYZ", 2021) is None


def test_min_only_and_max_only():
    from_only = normalise(5_000_000, None, "IDR", "month")
    assert from_only.idr_month_min == 5_000_000 and from_only.idr_month_max is None
    assert from_only.usd_month_min == pytest.approx(312.5) and from_only.usd_month_max is None
    up_to = normalise(None, 40, "USD", "hour")
    assert up_to.usd_hour_min is None and up_to.usd_hour_max == pytest.approx(40.0)
    assert up_to.idr_hour_min is None and up_to.idr_hour_max == pytest.approx(40 * 16_000)


def test_day_rate_is_21_working_days_a_month_in_a_five_day_week():
    # PP 36/2021 Pasal 17: a day's wage is the month's over 21 (five-day week) or 25 (six-day week).
    day = normalise(100, 100, "USD", "day")
    assert day.kind == "salaried"
    assert day.usd_month_min == pytest.approx(2_100.0)
    assert day.idr_month_min == pytest.approx(2_100.0 * 16_000)
    assert day.usd_hour_min is None
    six_days = normalise(150_000, None, "IDR", "day", salary=SalaryConversion(workdays_per_week=6))
    assert six_days.idr_month_min == pytest.approx(3_750_000)


def test_week_rate_is_52_weeks_over_12_months():
    week = normalise(400, 400, "USD", "week")
    assert week.usd_month_min == pytest.approx(400 * 52 / 12)


def test_salary_conversion_takes_five_or_six_days():
    assert SalaryConversion().working_days_per_month == 21
    assert SalaryConversion(6).working_days_per_month == 25
    assert "21 working days" in SalaryConversion().describe() and "PP 36/2021" in SalaryConversion().describe()
    with pytest.raises(ValueError, match="5 or 6"):
        SalaryConversion(7)


def test_pay_normaliser_transforms_rows():
    normaliser = PayNormaliser(rates=TEST_RATES).fit()
    assert normaliser.salary_ == SalaryConversion()
    rows = [
        {"pay_min": 20, "pay_max": 30, "pay_currency": "GBP", "pay_period": "hour", "posted_year": 2023},
        {"pay_min": 10_000, "pay_max": None, "pay_currency": "INR", "pay_period": "project",
         "posted_year": 2023, "platform_usd_rate": 0.0114},
        {"pay_min": None, "pay_max": None, "pay_currency": None, "pay_period": None, "posted_year": 2023},
    ]
    hourly, project, nothing = normaliser.transform(rows)
    assert hourly == normalise(20, 30, "GBP", "hour")
    assert project.usd_one_off_min == pytest.approx(114.0) and project.rate_source == "platform"
    assert nothing is None


# The bundled table.

TEN_CURRENCIES = {"IDR", "USD", "EUR", "GBP", "INR", "AUD", "CAD", "SGD", "MYR", "PHP"}


def test_bundled_table_has_the_ten_currencies_each_row_sourced_and_positive():
    rates = load_rates()
    assert TEN_CURRENCIES <= rates.currencies
    for rate in rates:
        assert rate.usd_per_unit > 0, rate
        assert rate.source, rate
        assert 2019 <= rate.year <= 2025, rate


def test_bundled_table_has_rupiah_for_every_year_with_an_official_average():
    rates = load_rates()
    # Year: (IDR per USD as published, who published it).
    published_averages = {
        2019: ("14147.67", "World Bank WDI"),
        2020: ("14582.20", "World Bank WDI"),
        2021: ("14308.14", "World Bank WDI"),
        2022: ("14873", "Bank Indonesia"),
        2023: ("15255", "Indonesian Ministry of Finance"),
        2024: ("15841", "Bank Indonesia"),
    }
    for year, (published, publisher) in published_averages.items():
        usd_per_unit, source = rates.usd_per_unit("IDR", year)
        assert source.startswith(publisher) and "nearest year" not in source, (year, source)
        # Stored as 1/figure to 12 digits: the published figure comes back to its last written digit.
        assert f"{1 / usd_per_unit:.{len(published.partition('.')[2])}f}" == published, year


def test_bundled_table_converts_a_rupiah_salary():
    rates = load_rates()
    pay = normalise_pay(10_000_000, None, "IDR", "month", posted_year=2023, rates=rates)
    assert pay.usd_month_min == pytest.approx(10_000_000 / 15_255)
    assert "Ministry of Finance" in pay.rate_source
    # PayNormaliser() loads the bundled table itself.
    assert PayNormaliser().fit().rates_.currencies == rates.currencies


@pytest.mark.parametrize(
    "bad_row",
    ["GBP,2023,1.24,,no source", "GBP,2023,0,some source,zero rate", "GBP,2023,-1.2,some source,negative"],
)
def test_load_rates_rejects_a_row_without_source_or_positive_rate(tmp_path, bad_row):
    path = tmp_path / "rates.csv"
    path.write_text(f"# written for this test\ncurrency,year,usd_per_unit,source,note\n{bad_row}\n")
    with pytest.raises(ValueError):
        load_rates(path)


def test_load_rates_rejects_a_duplicate_row(tmp_path):
    path = tmp_path / "rates.csv"
    path.write_text("currency,year,usd_per_unit,source,note\nGBP,2023,1.24,a,\nGBP,2023,1.25,b,\n")
    with pytest.raises(ValueError, match="two rates"):
        load_rates(path)
