"""Earning potential and its comparison with the yardsticks, on hand-made postings worked out in the comments."""

from datetime import date

import numpy as np
import pandas as pd
import pytest

from analysis.data import PostingSet
from analysis.earnings import EarningPotential, YardstickComparison
from pipelines.pay import PayAssumptions

NAN = float("nan")


def pay_set(*pays: tuple[float | None, float | None], posted_on: list[date] | None = None) -> PostingSet:
    """Postings with (monthly pay, one-off budget) in rupiah, posted on the given days."""
    return PostingSet.from_records(
        {
            "pay_idr_month": month,
            "pay_idr_one_off": one_off,
            "posted_on": posted_on[position] if posted_on else None,
        }
        for position, (month, one_off) in enumerate(pays)
    )


def test_monthly_pay_as_stored_and_projects_times_projects_per_month():
    postings = pay_set((4_000_000, None), (None, 1_500_000), (None, None), (3_000_000, 9_000_000))
    potential = EarningPotential().transform(postings)
    # Default 2 projects a month; a posting with both counts its recurring pay.
    np.testing.assert_allclose(potential, [4_000_000, 3_000_000, NAN, 3_000_000])
    assert potential.name == "earning_potential_idr_month"
    three = EarningPotential(projects_per_month=3).transform(postings)
    np.testing.assert_allclose(three, [4_000_000, 4_500_000, NAN, 3_000_000])


def test_the_platform_fee_comes_off_every_amount():
    postings = pay_set((4_000_000, None), (None, 1_500_000))
    potential = EarningPotential(platform_fee=0.2).transform(postings)
    np.testing.assert_allclose(potential, [3_200_000, 2_400_000])  # 4 jt × 0.8; 1.5 jt × 2 × 0.8


@pytest.mark.parametrize(
    "parameters", [{"platform_fee": 1.0}, {"platform_fee": -0.1}, {"projects_per_month": -1}, {"hours_per_month": 0}]
)
def test_parameters_out_of_range_are_refused(parameters):
    with pytest.raises(ValueError):
        EarningPotential(**parameters).transform(pay_set((1, None)))


def test_other_hours_rescale_hourly_pay_when_the_postings_say_which_is_hourly():
    stored_hours = PayAssumptions().hours_per_month  # 173.33
    postings = pay_set((50_000 * stored_hours, None), (6_000_000, None), (None, 1_000_000))
    postings.postings["pay_period"] = ["hour", "month", "project"]
    potential = EarningPotential(hours_per_month=120).transform(postings)
    # Rp50,000 an hour over 120 hours; the monthly salary and the project stay as they were.
    np.testing.assert_allclose(potential, [6_000_000, 6_000_000, 2_000_000])
    # The default written by hand is the default: nothing to rescale.
    np.testing.assert_allclose(EarningPotential(hours_per_month=173.33).transform(postings)[0], 50_000 * stored_hours)


# Yardsticks of Kabupaten Sleman on 2026-01-20 (bundled table), in rupiah a month:
#   umk 2,624,387 · bps_capita 649,331 (DI Yogyakarta) · bps_household 3,053,269 (national)
#   wb_extreme 546,400 · wb_lower_middle 765,000 · wb_upper_middle 1,512,000
# Postings, their earning potential (2 projects a month) and what they clear:
#   0  month 5,000,000          cluster 0   all six
#   1  month 2,700,000          cluster 0   all but the household line
#   2  project 1,000,000 → 2 jt cluster 1   bps_capita and the World Bank lines
#   3  project 400,000 → 800 rb cluster 1   bps_capita, wb_extreme, wb_lower_middle
#   4  no pay                   cluster 1   nothing, and counts in no share
#   5  month 600,000            none (-1)   wb_extreme only
PAYS = [(5_000_000, None), (2_700_000, None), (None, 1_000_000), (None, 400_000), (None, None), (600_000, None)]
LABELS = [0, 0, 1, 1, 1, -1]
DAYS = [date(2026, 1, 5), date(2026, 1, 20), date(2026, 1, 8), None, date(2025, 12, 30), date(2026, 1, 2)]


@pytest.fixture
def sleman() -> YardstickComparison:
    return YardstickComparison("Sleman").fit(pay_set(*PAYS, posted_on=DAYS), LABELS, ["web", "design"])


def test_the_yardsticks_are_those_of_the_latest_posting_day(sleman):
    assert sleman.on_ == date(2026, 1, 20)
    assert sleman.yardsticks_["umk"].value == 2_624_387
    assert sleman.yardsticks_["umk"].used == "UMK Kabupaten Sleman 2026 (Pemerintah Daerah DIY, UMK 2026)"
    assert list(sleman.ratios_.columns) == [
        "umk", "bps_capita", "bps_household", "wb_extreme", "wb_lower_middle", "wb_upper_middle"
    ]


def test_ratios_and_clearing_per_posting(sleman):
    assert sleman.ratios_.loc[0, "umk"] == pytest.approx(5_000_000 / 2_624_387)
    assert sleman.ratios_.loc[3, "wb_lower_middle"] == pytest.approx(800_000 / 765_000)
    assert sleman.ratios_.loc[4].isna().all()
    assert sleman.clears_.loc[0].all()
    assert sleman.clears_.loc[1].tolist() == [True, True, False, True, True, True]
    assert sleman.clears_.loc[2].tolist() == [False, True, False, True, True, True]
    assert sleman.clears_.loc[3].tolist() == [False, True, False, True, True, False]
    assert not sleman.clears_.loc[4].any()
    assert sleman.clears_.loc[5].tolist() == [False, False, False, True, False, False]


def test_overall_shares_are_of_the_paid_postings(sleman):
    overall = sleman.overall_
    assert (overall["postings"], overall["paid_postings"]) == (6, 5)
    assert overall["share_clearing_umk"] == pytest.approx(2 / 5)
    assert overall["share_clearing_bps_capita"] == pytest.approx(4 / 5)
    assert overall["share_clearing_bps_household"] == pytest.approx(1 / 5)
    assert overall["share_clearing_wb_extreme"] == pytest.approx(5 / 5)
    assert overall["share_clearing_wb_lower_middle"] == pytest.approx(4 / 5)
    assert overall["share_clearing_wb_upper_middle"] == pytest.approx(3 / 5)
    assert overall["median_earning_potential"] == 2_000_000  # of 5, 2.7, 2, 0.8 and 0.6 million


def test_shares_per_cluster(sleman):
    by_cluster = sleman.by_cluster_.set_index("cluster")
    assert by_cluster["name"].tolist() == ["web", "design"]
    assert by_cluster["postings"].tolist() == [2, 3]
    assert by_cluster["paid_postings"].tolist() == [2, 2]
    assert by_cluster["share_clearing_umk"].tolist() == [1.0, 0.0]
    assert by_cluster["share_clearing_bps_household"].tolist() == [0.5, 0.0]
    assert by_cluster["share_clearing_wb_extreme"].tolist() == [1.0, 1.0]
    assert by_cluster["share_clearing_wb_lower_middle"].tolist() == [1.0, 1.0]
    assert by_cluster["share_clearing_wb_upper_middle"].tolist() == [1.0, 0.5]
    assert by_cluster["median_earning_potential"].tolist() == [3_850_000, 1_400_000]


def test_fee_projects_and_theta_change_who_clears():
    postings = pay_set(*PAYS, posted_on=DAYS)
    # With a 20% fee posting 1 earns 2,160,000, under the UMK; posting 2 earns 1,600,000, still over $8.30.
    with_fee = YardstickComparison("Sleman", earning_potential=EarningPotential(platform_fee=0.2)).fit(postings)
    assert with_fee.overall_["share_clearing_umk"] == pytest.approx(1 / 5)
    assert with_fee.overall_["share_clearing_wb_upper_middle"] == pytest.approx(3 / 5)
    assert with_fee.by_cluster_ is None
    # Theta 1.6: posting 0 (5 jt / 3,053,269 = 1.64) still clears the household line; at 1.7 it does not.
    assert YardstickComparison("Sleman", theta=1.6).fit(postings).overall_["share_clearing_bps_household"] == 1 / 5
    assert YardstickComparison("Sleman", theta=1.7).fit(postings).overall_["share_clearing_bps_household"] == 0


def test_a_yardstick_without_a_figure_has_no_share_rather_than_none_clearing():
    # Mid-2023: the table holds no rupiah value of the 2017-PPP World Bank lines; the UMK is Sleman's of 2023.
    postings = pay_set(*PAYS, posted_on=DAYS)
    mid_2023 = YardstickComparison("Sleman", on=date(2023, 6, 15)).fit(postings, LABELS)
    assert mid_2023.yardsticks_["umk"].value == 2_159_519
    assert mid_2023.overall_["share_clearing_umk"] == pytest.approx(2 / 5)  # 5 jt and 2.7 jt
    for key in ("wb_extreme", "wb_lower_middle", "wb_upper_middle"):
        assert not mid_2023.yardsticks_[key].available
        assert np.isnan(mid_2023.overall_[f"share_clearing_{key}"])
        assert mid_2023.by_cluster_[f"share_clearing_{key}"].isna().all()
        assert mid_2023.ratios_[key].isna().all()


def test_a_region_and_date_of_ones_choosing():
    postings = pay_set((3_100_000, None), (2_900_000, None))
    # Buleleng in 2025 takes the UMP Bali, 2,996,561; Bali's own BPS line of March 2025 is 607,847.
    compared = YardstickComparison("Buleleng", on=date(2025, 7, 1)).fit(postings)
    assert compared.on_ == date(2025, 7, 1)
    assert "since Kabupaten Buleleng has no UMK for 2025" in compared.yardsticks_["umk"].used
    assert compared.yardsticks_["bps_capita"].value == 607_847
    assert compared.clears_["umk"].tolist() == [True, False]


def test_no_pay_and_no_dates():
    compared = YardstickComparison("DKI Jakarta", on=date(2026, 2, 1)).fit(pay_set((None, None)), [0], {0: "data"})
    assert compared.overall_["paid_postings"] == 0
    assert np.isnan(compared.overall_["share_clearing_umk"])
    assert np.isnan(compared.overall_["median_earning_potential"])
    assert compared.by_cluster_.loc[0, "name"] == "data"
    with pytest.raises(ValueError, match="cluster_labels has shape"):
        YardstickComparison("DKI Jakarta", on=date(2026, 2, 1)).fit(pay_set((1, None)), [0, 1])
    with pytest.raises(ValueError, match="theta must be positive"):
        YardstickComparison("DKI Jakarta", theta=0).fit(pay_set((1, None)))


def test_clusters_without_a_name_are_numbered():
    compared = YardstickComparison("Bali", on=date(2026, 3, 1)).fit(pay_set((4e6, None), (2e6, None)), [3, 0])
    assert compared.by_cluster_["cluster"].tolist() == [0, 3]
    assert compared.by_cluster_["name"].tolist() == ["cluster 0", "cluster 3"]
    assert isinstance(compared.earning_potential_, pd.Series)


def test_shares_per_skill():
    postings = PostingSet.from_records(
        [
            {"pay_idr_month": 5_000_000, "posted_on": date(2026, 1, 5), "skills": ["PHP"]},
            {"pay_idr_month": 2_000_000, "posted_on": date(2026, 1, 6), "skills": ["PHP", "CSS"]},
            {"pay_idr_month": None, "posted_on": date(2026, 1, 7), "skills": ["CSS", "Figma"]},
        ]
    )
    by_skill = YardstickComparison("Sleman").fit(postings).by_skill_.set_index("skill")
    # Figma's only posting states no pay: left out. UMK Sleman 2026 is 2,624,387.
    assert by_skill.index.tolist() == ["PHP", "CSS"]
    assert by_skill["postings"].tolist() == [2, 2]
    assert by_skill["paid_postings"].tolist() == [2, 1]
    assert by_skill["share_clearing_umk"].tolist() == [0.5, 0.0]
    assert by_skill["median_earning_potential"].tolist() == [3_500_000, 2_000_000]
