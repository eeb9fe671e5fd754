"""Claims of chapter 2 (trend lines are not laws), each re-checked against the data on every build.

One short function per claim: it computes the claim's numbers from the data package and
returns whether the statement still holds. See pipeline/claims.py.
"""
from figures import _values as v
from pipeline.claims import Check, as_of, claim

AIR, MILE = ("airspeed_records",), ("cpu_clock_milestones",)


@claim("cpu-clock-stalled", MILE, chapter="trend-lines", by="essay", figure="cpu-clock-speed",
       text="In the {years} years after {peak}, the highest base clock in our series rose only "
            "{after:.2f}-fold, against about {before:,.0f}-fold in the {span} years from {first} to {peak}.")
def cpu_clock_stalled(m):
    before, after = v.cpu_growth_before(m), v.cpu_base_growth_after(m)
    peak = v.clock_peak(m)
    return Check(holds=before >= 100 and after < 2,
                 numbers={"before": before, "after": after, "first": v.cpu_first_year(m), "peak": peak.year,
                          "years": v.cpu_years_after(m), "span": peak.year - v.cpu_first_year(m)},
                 working=f"peak base clock {peak.base_mhz:,.0f} MHz ({peak.year}) / first {v.cpu_first_mhz(m):,.2f} MHz "
                         f"= {before:,.0f}; highest later base clock / {peak.base_mhz:,.0f} MHz = {after:.2f}. "
                         "Holds while the rise before is at least 100-fold and the rise after stays under 2-fold.",
                 rows=[str(peak.processor)])


@claim("airspeed-record-stands", AIR, chapter="trend-lines", by="essay", figure="airspeed-record",
       text="Nobody has flown faster since: the {year} record still stood {since} years later.")
def airspeed_record_stands(r):
    best = v._record(r)
    later = r[r.year > best.year]
    return Check(holds=later.empty and best.year <= 1976,
                 numbers={"kmh": best.speed_kmh, "year": int(best.year), "since": as_of().year - int(best.year)},
                 working=f"fastest row: {best.aircraft}, {best.speed_kmh:,.0f} km/h in {best.year}; "
                         f"records dated after {best.year}: {len(later)}.",
                 rows=[f"{best.year} {best.aircraft}"])
