"""Numbers quoted in the prose, each computed from the data package at build time.

A page writes <!-- val:NAME -->; the build puts the formatted value there. No number
that the data holds is ever typed into a page.
"""
import numpy as np
import pandas as pd

from pipeline.values import value

AIR, MILE = ("airspeed_records",), ("cpu_clock_milestones",)


def _record(records: pd.DataFrame) -> pd.Series:
    """The standing record: the fastest row."""
    return records.loc[records.speed_kmh.idxmax()]


@value("airspeed-record-kmh", AIR, "{:,.0f}", "km/h")
def airspeed_record_kmh(records):
    return _record(records).speed_kmh


@value("airspeed-record-year", AIR, "{}")
def airspeed_record_year(records):
    return _record(records).year


@value("airspeed-first-year", AIR, "{}")
def airspeed_first_year(records):
    return records.year.min()


@value("airspeed-first-official-kmh", AIR, "{:,.0f}", "km/h")
def airspeed_first_official_kmh(records):
    return records[records.official.fillna(False)].sort_values("date").iloc[0].speed_kmh


@value("airspeed-first-official-year", AIR, "{}")
def airspeed_first_official_year(records):
    return records[records.official.fillna(False)].sort_values("date").iloc[0].year


@value("airspeed-growth-official", AIR, "{:,.0f}")
def airspeed_growth_official(records):
    return _record(records).speed_kmh / airspeed_first_official_kmh(records)


@value("airspeed-piston-best-kmh", AIR, "{:,.0f}", "km/h")
def airspeed_piston_best_kmh(records):
    return records[records.engine == "piston"].speed_kmh.max()


@value("airspeed-first-jet-year", AIR, "{}")
def airspeed_first_jet_year(records):
    return records[records.engine == "jet"].year.min()


@value("airspeed-rows", AIR, "{}")
def airspeed_rows(records):
    return len(records)


# The clock-speed peak, defined once (data/notes/cpu_clock.md, "The peak"): the essay dates the end of
# the rise to "the 2000s"; we take the record as it stood in the middle of that decade, the fastest
# base clock of any part in the series introduced up to and including STALL_YEAR. Every value,
# claim, caption and figure that speaks of "the peak" uses clock_peak().
STALL_YEAR = 2005


def clock_peak(m: pd.DataFrame) -> pd.Series:
    """The fastest base clock introduced up to STALL_YEAR (the earliest such part on a tie)."""
    upto = m[m.year <= STALL_YEAR].sort_values(["base_mhz", "year"], ascending=[False, True])
    return upto.iloc[0]


WORDS = "zero one two three four five six seven eight nine ten eleven twelve".split()


def in_words(n: int) -> str:
    return WORDS[n] if 0 <= n < len(WORDS) else f"{n:,}"


@value("cpu-decades-rising", MILE, "{}")
def cpu_decades_rising(m):
    """Whole decades from the first part to the peak, in words ('three')."""
    return in_words(round((clock_peak(m).year - m.year.min()) / 10))


@value("airspeed-decades-rising", AIR, "{}")
def airspeed_decades_rising(records):
    return in_words(round((_record(records).year - records.year.min()) / 10))


@value("cpu-first-year", MILE, "{}")
def cpu_first_year(m):
    return m.sort_values("year").iloc[0].year


@value("cpu-first-mhz", MILE, "{:,.2f}", "MHz")
def cpu_first_mhz(m):
    return m.sort_values("year").iloc[0].base_mhz


@value("cpu-peak-year", MILE, "{}")
def cpu_peak_year(m):
    return clock_peak(m).year


@value("cpu-peak-mhz", MILE, "{:,.0f}", "MHz")
def cpu_peak_mhz(m):
    return clock_peak(m).base_mhz


@value("cpu-peak-part", MILE, "{}")
def cpu_peak_part(m):
    return clock_peak(m).processor


@value("cpu-growth-before", MILE, "{:,.0f}")
def cpu_growth_before(m):
    return clock_peak(m).base_mhz / m.sort_values("year").iloc[0].base_mhz


@value("cpu-doubling-years", MILE, "{:.1f}")
def cpu_doubling_years(m):
    """Doubling time of a log-linear fit to the record parts up to the peak year."""
    early = m[m.year <= clock_peak(m).year]
    slope = np.polyfit(early.year, np.log2(early.base_mhz), 1)[0]
    return 1 / slope


@value("cpu-latest-year", MILE, "{}")
def cpu_latest_year(m):
    return m.year.max()


@value("cpu-base-growth-after", MILE, "{:.2f}")
def cpu_base_growth_after(m):
    peak = clock_peak(m)
    return m[m.year > peak.year].base_mhz.max() / peak.base_mhz


@value("cpu-boost-latest-mhz", MILE, "{:,.0f}", "MHz")
def cpu_boost_latest_mhz(m):
    return m[m.year == m.year.max()].boost_mhz.max()


@value("cpu-boost-growth-after", MILE, "{:.2f}")
def cpu_boost_growth_after(m):
    return cpu_boost_latest_mhz(m) / clock_peak(m).base_mhz


@value("cpu-years-after", MILE, "{}")
def cpu_years_after(m):
    return m.year.max() - clock_peak(m).year
