"""The chart of figure airspeed-record: its data, table and chart (its words: airspeed_record.yml)."""
import altair as alt
import pandas as pd

DATA = ("airspeed_records",)


def facts(records: pd.DataFrame) -> dict:
    from argument import values as v
    rec = v._record(records)
    return {"decades": v.airspeed_decades_rising(records), "record_year": rec.year, "record_kmh": rec.speed_kmh,
            "record_aircraft": rec.aircraft.split(" (")[0], "first_year": records.year.min(),
            "first_official_year": v.airspeed_first_official_year(records),
            "first_official_kmh": v.airspeed_first_official_kmh(records),
            "piston_best": v.airspeed_piston_best_kmh(records),
            "first_jet_year": v.airspeed_first_jet_year(records)}


STATUS = ["FAI-ratified", "Unofficial", "Recognition not confirmed"]


def table(records: pd.DataFrame) -> pd.DataFrame:
    """One row per airspeed record claim, in date order."""
    from pipeline import dates

    # a record whose day is unknown is placed at mid-year (plot_date) and says so; its date is
    # shown to the year (pipeline/dates.py)
    return records.assign(
        plot_date=records.date.fillna(pd.to_datetime(records.year.astype(str) + "-07-01")),
        date_known=records.date.notna(),
        date_text=[dates.fmt(d, "day") if pd.notna(d) else dates.fmt(f"{y:04d}", "year") + " (day unknown)"
                   for d, y in zip(records.date, records.year)],
    ).sort_values(["plot_date", "speed_kmh"])[
        ["plot_date", "date_known", "date_text", "year", "aircraft", "pilot", "speed_kmh", "engine", "official",
         "source_url"]
    ].assign(engine=lambda d: d.engine.map({"piston": "Piston engine", "jet": "Jet engine"}),
             status=lambda d: d.official.map({True: STATUS[0], False: STATUS[1]}).fillna(STATUS[2]))


def chart(table: pd.DataFrame) -> alt.Chart:
    pick = alt.selection_point(fields=["engine"], bind="legend")
    x = alt.X("plot_date:T", title=None, axis=alt.Axis(format="%Y", tickCount=8))
    y = alt.Y("speed_kmh:Q", title="Airspeed record (km/h)", axis=alt.Axis(format=",d"))
    color = alt.Color("engine:N", title=None,
                      scale=alt.Scale(domain=["Piston engine", "Jet engine"]),
                      legend=alt.Legend(columns=2))  # fixed columns: both legends fit 520 px side by side
    # the record as it stood on each date: the running maximum (an unofficial mark that was
    # later beaten by lower official ones does not pull the line down)
    step = alt.Chart(table).transform_window(
        record="max(speed_kmh)", sort=[alt.SortField("plot_date")], frame=[None, 0]
    ).mark_line(interpolate="step-after", strokeWidth=1.5, opacity=0.7).encode(
        x=x, y=alt.Y("record:Q"), color=alt.value("#8a939e"))
    points = alt.Chart(table).mark_point().encode(
        x=x, y=y, color=color,
        shape=alt.Shape("status:N", title=None,
                        scale=alt.Scale(domain=STATUS, range=["circle", "diamond", "triangle-up"]),
                        legend=alt.Legend(columns=1)),
        opacity=alt.condition(pick, alt.value(1), alt.value(0.15)),
        tooltip=[alt.Tooltip("aircraft:N", title="Aircraft"), alt.Tooltip("pilot:N", title="Pilot"),
                 alt.Tooltip("date_text:N", title="Date"),
                 alt.Tooltip("speed_kmh:Q", title="Speed (km/h)", format=",.1f"),
                 alt.Tooltip("engine:N", title="Propulsion"), alt.Tooltip("status:N", title="Status")],
    ).add_params(pick)
    return alt.layer(step, points)
