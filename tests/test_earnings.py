"""Earnings by kind of pay against the yardsticks (analysis/earnings.py), on hand-made postings worked out in the
comments, and the reach rule (analysis/reach.py) that chooses the postings."""

from datetime import date

import pandas as pd
import pytest

from analysis.data import PostingSet
from analysis.earnings import HOURLY_DIVISOR, OVERALL, Earnings, PlatformFee, PlatformFees
from analysis.earnings_text import render_earnings
from analysis.reach import open_to_indonesia, within_reach
from tests.conftest import by_default

# Yardsticks of Kabupaten Sleman on 2026-01-20 (bundled table), in rupiah a month, and an hour (/ 126):
#   umk 2,624,387 (20,828.47 an hour) · bps_capita 649,331 · bps_household 3,053,269 (24,232.29 an hour)
#   wb_extreme 546,400 · wb_lower_middle 765,000 · wb_upper_middle 1,512,000 (12,000 an hour)
UMK, BPS_HOUSEHOLD, WB_UPPER = 2_624_387, 3_053_269, 1_512_000
DAY = date(2026, 1, 20)
SLEMAN_SITE = {"remote": False, "location": "Sleman, DI Yogyakarta", "country": "ID"}
REMOTE = {"remote": True, "location": "Remote", "country": None}


pytestmark = pytest.mark.usefixtures("english")


def posting(kind_column: str | None, amount: float | None, period: str | None, place: dict, **extra) -> dict:
    record = {"posted_on": DAY, "pay_period": period, "source": "kalibrr", **place, **extra}
    if kind_column:
        record[kind_column] = amount
    return record


# The market, and who counts for a member living in Kabupaten Sleman:
#   0  salary 3,000,000 a month, on site in Sleman           counted: reaches UMK, not BPS household
#   1  salary 2,000,000 a month, Kota Yogyakarta (same prov.) counted: reaches neither
#   2  salary 9,000,000 a month, on site in Jakarta           out of reach
#   3  salary 4,000,000 a month, remote "USA only"            out of reach (other country)
#   4  hourly Rp 50,000 on freelancer, remote                  counted; net 45,000 after Freelancer's 10%
#   5  hourly Rp 20,000 on freelancer, remote                  counted; net 18,000
#   6  hourly Rp 100,000 on freelancer, remote                 counted; net 90,000
#   7  project Rp 1,000,000 on projects_co_id, remote, ID      counted; no published fee: net 1,000,000
#   8  project Rp 3,000,000 on projects_co_id, remote, ID      counted; net 3,000,000
#   9  no pay, on site in Sleman                               within reach, no pay
MARKET = [
    posting("pay_idr_month", 3_000_000, "month", SLEMAN_SITE),
    posting("pay_idr_month", 2_000_000, "month", {**SLEMAN_SITE, "location": "Kota Yogyakarta, DI Yogyakarta"}),
    posting("pay_idr_month", 9_000_000, "month", {**SLEMAN_SITE, "location": "Jakarta Selatan, DKI Jakarta"}),
    posting("pay_idr_month", 4_000_000, "month", {"remote": True, "location": "USA only", "country": "US"}),
    posting("pay_idr_hour", 50_000, "hour", REMOTE, source="freelancer"),
    posting("pay_idr_hour", 20_000, "hour", REMOTE, source="freelancer"),
    posting("pay_idr_hour", 100_000, "hour", REMOTE, source="freelancer"),
    posting("pay_idr_one_off", 1_000_000, "project", {**REMOTE, "country": "ID"}, source="projects_co_id"),
    posting("pay_idr_one_off", 3_000_000, "project", {**REMOTE, "country": "ID"}, source="projects_co_id"),
    posting(None, None, None, SLEMAN_SITE),
]


def market(records=MARKET) -> PostingSet:
    return PostingSet.from_records(records)


@pytest.fixture
def sleman() -> Earnings:
    return Earnings("Kabupaten Sleman").fit(market())


def group(earnings: Earnings, kind: str, cluster: str = OVERALL) -> dict:
    return next(g for g in earnings.groups_ if g["kind"] == kind and g["cluster"] == cluster)


def test_only_postings_within_reach_and_with_pay_count(sleman):
    assert sleman.counted_.tolist() == [True, True, False, False, True, True, True, True, True, False]
    assert sleman.excluded_ == {"out_of_reach": 2, "no_pay": 1}
    assert "on site in DI Yogyakarta, or remote and open to people in Indonesia" in sleman.scope_sentence_
    assert "2 postings out of reach" in sleman.scope_sentence_ and "1 posting within reach" in sleman.scope_sentence_


def test_scope_all_counts_every_posting():
    everything = Earnings("Kabupaten Sleman", scope="all").fit(market())
    assert everything.excluded_ == {"out_of_reach": 0, "no_pay": 1}
    assert group(everything, "salaried")["postings"] == 4  # 3, 2, 9 and 4 million
    assert "every posting" in everything.scope_sentence_


def test_salaried_share_reaching_each_line(sleman):
    salaried = group(sleman, "salaried")
    assert (salaried["postings"], salaried["per"]) == (2, "month")
    assert salaried["median_idr"] == 2_500_000  # of 2 and 3 million
    assert (salaried["p25_idr"], salaried["p75_idr"]) == (2_250_000, 2_750_000)
    assert salaried["share_reaching"]["umk"] == 0.5  # 3,000,000 >= 2,624,387 > 2,000,000
    assert salaried["share_reaching"]["bps_household"] == 0.0
    assert salaried["share_reaching"]["wb_upper_middle"] == 1.0
    assert salaried["hours_a_month_to_reach"] is None and salaried["projects_a_month_to_reach"] is None


def test_hourly_pay_stays_an_hour_net_of_the_published_fee(sleman):
    hourly = group(sleman, "hourly")
    assert (hourly["postings"], hourly["per"]) == (3, "hour")
    assert hourly["median_idr"] == pytest.approx(45_000)  # 18,000, 45,000, 90,000 after 10%
    assert hourly["p25_idr"] == pytest.approx(31_500)  # halfway from 18,000 to 45,000
    assert hourly["p75_idr"] == pytest.approx(67_500)
    # At least the UMK's hourly equivalent, 2,624,387 / 126 = 20,828.47: 45,000 and 90,000 do, 18,000 does not.
    assert sleman.hourly_lines_["umk"] == pytest.approx(UMK / HOURLY_DIVISOR)
    assert hourly["share_reaching"]["umk"] == pytest.approx(2 / 3)
    # Hours of billed work a month to reach each monthly line, at the median and the quartile rates.
    assert hourly["hours_a_month_to_reach"]["umk"] == pytest.approx(UMK / 45_000)  # 58.3 hours
    assert hourly["hours_a_month_to_reach_at_p25"]["umk"] == pytest.approx(UMK / 31_500)
    assert hourly["hours_a_month_to_reach_at_p75"]["bps_household"] == pytest.approx(BPS_HOUSEHOLD / 67_500)
    assert hourly["share_reaching"] is not None and "monthly_if" not in hourly


def test_wb_upper_middle_hourly_share_by_hand(sleman):
    # 1,512,000 / 126 = 12,000 an hour; all three net rates (18,000, 45,000, 90,000) are above it.
    assert group(sleman, "hourly")["share_reaching"]["wb_upper_middle"] == 1.0


def test_project_pay_stays_a_project_with_the_projects_a_month_it_takes(sleman):
    project = group(sleman, "project")
    assert (project["postings"], project["per"], project["median_idr"]) == (2, "project", 2_000_000)
    assert project["projects_a_month_to_reach"]["umk"] == pytest.approx(UMK / 2_000_000)  # 1.31 projects
    assert project["share_reaching"] is None and project["hours_a_month_to_reach"] is None


def test_a_fee_given_by_the_user_applies_to_hourly_and_project_pay_not_salaries():
    earnings = Earnings("Kabupaten Sleman", platform_fee=0.2).fit(market())
    assert group(earnings, "hourly")["median_idr"] == pytest.approx(40_000)  # 50,000 less 20%
    assert group(earnings, "project")["median_idr"] == pytest.approx(1_600_000)
    assert group(earnings, "salaried")["median_idr"] == 2_500_000
    assert "20% (given by the user)" in " ".join(earnings.assumptions_)


def test_a_published_fee_with_a_minimum_per_project():
    # USD 5 at the bundled 2026 rate (nearest year 2024: Rp 15,841 per USD) is Rp 79,205, more than 10% of 500,000.
    fees = PlatformFees(table=[PlatformFee("freelancer", "project", 0.1, 5.0, "test")])
    postings = pd.DataFrame(
        {"source": ["freelancer", "freelancer", "glints"], "posted_on": pd.to_datetime(["2026-01-20"] * 3)}
    )
    gross = pd.Series([500_000.0, 2_000_000.0, 500_000.0])
    net = fees.net(postings, "project", gross)
    assert net.tolist() == pytest.approx([500_000 - 5 * 15_841, 1_800_000, 500_000])
    assert fees.describe(["freelancer", "glints"])[-1].startswith("No published fee found for glints")


def test_months_only_when_the_user_gives_hours_or_projects_and_then_said():
    earnings = Earnings("Kabupaten Sleman", hours_per_month=80, projects_per_month=2).fit(market())
    hourly, project = group(earnings, "hourly"), group(earnings, "project")
    assert hourly["monthly_if"]["median_idr"] == pytest.approx(45_000 * 80)  # 3,600,000
    assert "80 billed hours a month" in hourly["monthly_if"]["assumption"]
    assert hourly["monthly_if"]["share_reaching"]["umk"] == pytest.approx(2 / 3)  # 1.44, 3.6 and 7.2 million
    assert project["monthly_if"]["median_idr"] == 4_000_000
    assert "2 fixed-price projects a month" in project["monthly_if"]["assumption"]
    assert "monthly_if" not in group(earnings, "salaried")


def test_a_six_day_week_makes_a_day_rate_25_days():
    # A day rate of Rp 150,000 is stored as 21 days: 3,150,000; in a six-day week it is 25 days: 3,750,000.
    records = [posting("pay_idr_month", 3_150_000, "day", SLEMAN_SITE)]
    assert group(Earnings("Kabupaten Sleman").fit(market(records)), "salaried")["median_idr"] == 3_150_000
    six = Earnings("Kabupaten Sleman", workdays_per_week=6).fit(market(records))
    assert group(six, "salaried")["median_idr"] == pytest.approx(3_750_000)
    assert "25 working days" in " ".join(six.assumptions_)


def test_groups_per_cluster_beside_the_overall_ones():
    labels = [0, 0, 1, 1, 0, 1, 1, 0, -1, -1]
    earnings = Earnings("Kabupaten Sleman").fit(market(), labels, ["web", "design"])
    assert [(g["cluster"], g["kind"], g["postings"]) for g in earnings.groups_] == [
        (OVERALL, "salaried", 2), (OVERALL, "hourly", 3), (OVERALL, "project", 2),
        ("web", "salaried", 2), ("web", "hourly", 1), ("web", "project", 1),
        ("design", "hourly", 2),
    ]  # fmt: skip


def test_json_has_the_documented_shape_and_no_nan(sleman):
    data = sleman.to_dict()
    assert set(data) >= {"region", "on", "scope", "excluded", "yardsticks", "groups"}
    assert data["on"] == "2026-01-20" and data["scope"] == "reachable"
    umk = data["yardsticks"][0]
    assert umk["key"] == "umk" and umk["monthly_idr"] == UMK
    assert umk["hourly_idr"] == pytest.approx(UMK / 126) and "UMK 2026" in umk["source"]
    keys = {"cluster", "kind", "postings", "median_idr", "p25_idr", "p75_idr", "per", "share_reaching",
            "hours_a_month_to_reach", "projects_a_month_to_reach"}  # fmt: skip
    assert all(keys <= set(g) for g in data["groups"])


def test_a_yardstick_without_a_figure_gives_no_share():
    # Before 2023 the table has no UMK for Sleman: the stand-in is NaN, the share and hours None.
    earnings = Earnings("Kabupaten Sleman", on=date(2020, 1, 15)).fit(market())
    assert group(earnings, "salaried")["share_reaching"]["umk"] is None
    assert earnings.to_dict()["groups"][1]["hours_a_month_to_reach"]["umk"] is None


@pytest.mark.parametrize("parameters", [{"scope": "province"}, {"hours_per_month": 0}, {"workdays_per_week": 7},
                                        {"projects_per_month": -1}])  # fmt: skip
def test_bad_parameters_are_refused(parameters):
    with pytest.raises(ValueError):
        Earnings("Kabupaten Sleman", **parameters).fit(market())


def test_what_the_figures_count_and_assume_is_indonesian_by_default():
    earnings = by_default(Earnings("Kabupaten Sleman", hours_per_month=80).fit, market())
    assert earnings.scope_sentence_.startswith(
        "Yang dihitung adalah lowongan yang bisa diambil anggota yang tinggal di Kabupaten Sleman: kerja di tempat di "
        "DI Yogyakarta"
    )
    assert "2 lowongan di luar jangkauan" in earnings.scope_sentence_
    assert "1 lowongan dalam jangkauan yang tidak menyebut bayaran" in earnings.scope_sentence_
    assumptions = " ".join(earnings.assumptions_)
    assert assumptions.startswith("Median dan kuartil dihitung di antara lowongan dengan satu jenis bayaran")
    assert "tarif harian dikali 21 hari kerja sebulan" in assumptions
    assert "Tolok ukur per jam adalah angka bulanannya dibagi 126 (PP 36/2021 Pasal 16" in assumptions
    assert "freelancer memotong 10%" in assumptions and "dari upah per jam" in assumptions
    assert "Tidak ditemukan biaya yang diumumkan untuk projects_co_id" in assumptions
    assert group(earnings, "hourly")["monthly_if"]["assumption"].startswith(
        "jika anggota bekerja 80 jam kerja yang ditagih sebulan"
    )
    # The fees' sources are quoted as their platforms publish them; every other word is Indonesian.
    ours = " ".join([earnings.scope_sentence_, *earnings.assumptions_[:4]])
    for english in ("postings", "It counts", "Left out", "Salaries", "hourly", "project", "month", "fee"):
        assert english not in ours
    fee = by_default(PlatformFees(0.2).describe, ["glints"])
    assert fee == ["Biaya platform 20% (ditetapkan pengguna) dipotong dari setiap upah per jam dan bayaran proyek."]


def test_text_output_says_kind_period_and_assumptions(sleman):
    text = render_earnings(sleman)
    assert "Hourly, an hour after the platform's fee: 3 postings, median Rp 45,000" in text
    assert "hours of billed work a month to reach it" in text and "UMK Kabupaten Sleman 58.3" in text
    assert "Fixed-price projects, a project after the platform's fee: 2 postings, median Rp 2,000,000" in text
    assert "divided by 126 (PP 36/2021 Pasal 16" in text
    assert "No published fee found for projects_co_id" in text


@pytest.mark.parametrize(
    ("location", "country", "open_"),
    [("Remote", None, True), ("Worldwide", None, True), ("Asia, Europe", None, True), ("Jakarta, Indonesia", "ID", True),
     ("USA only", "US", False), ("USA, Canada", None, False), ("Europe", None, False), (None, None, True)],
)  # fmt: skip
def test_remote_work_open_to_indonesia(location, country, open_):
    assert open_to_indonesia(location, country) is open_


def test_on_site_work_is_within_reach_only_in_the_region_or_its_province():
    places = (frozenset({"sleman"}), frozenset({"yogyakarta"}))
    assert within_reach(False, "Depok, Sleman", "ID", places, remote_ok=True)
    assert within_reach(None, "Kota Yogyakarta, DI Yogyakarta", None, places, remote_ok=True)
    assert not within_reach(False, "Jakarta Selatan", "ID", places, remote_ok=True)
    assert not within_reach(True, "Remote", None, places, remote_ok=False)
