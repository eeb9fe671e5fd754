"""The airspeed record rose for {decades} decades, then stopped in {record_year}

From the first official record in {first_official_year} ({first_official_kmh:,.0f} km/h) to the
{record_aircraft} in {record_year} ({record_kmh:,.0f} km/h), the absolute airspeed record kept
climbing, with jets taking over from piston engines in {first_jet_year}. No aircraft has
beaten the {record_year} record: fuel efficiency, range and cost came to matter more than
top speed.
"""
import altair as alt
import pandas as pd

DATA = ("airspeed_records",)
ALT = ("Step chart of the absolute flight airspeed record in kilometres per hour against date, "
       "{first_year} to {record_year}. Piston-engine records climb from {first_official_kmh:,.0f} km/h "
       "in {first_official_year} to {piston_best:,.0f} km/h; jet records from {first_jet_year} climb to "
       "{record_kmh:,.0f} km/h, set by the {record_aircraft} in {record_year}, and no record follows.")


# The Chinese edition (issue 9): the docstring's and ALT's twins, and the chart's labels.
ZH_DOC = """空速纪录上升了{decades!z}十年，然后在 {record_year} 年停了下来

从 {first_official_year} 年的第一项官方纪录（{first_official_kmh:,.0f} km/h）
到 {record_year} 年 {record_aircraft} 创下的纪录（{record_kmh:,.0f} km/h），
绝对空速纪录不断攀升；{first_jet_year} 年起，喷气式飞机取代了活塞发动机飞机。
此后再没有飞机打破 {record_year} 年的纪录：燃油效率、航程和成本变得比极速更重要。
"""
ZH_ALT = ("阶梯图：纵轴为飞行绝对空速纪录（千米/小时），横轴为日期，{first_year} 年至 {record_year} 年。"
          "活塞发动机飞机的纪录从 {first_official_year} 年的 {first_official_kmh:,.0f} km/h 攀升到 "
          "{piston_best:,.0f} km/h；喷气式飞机的纪录自 {first_jet_year} 年起攀升到 {record_kmh:,.0f} km/h，"
          "由 {record_aircraft} 于 {record_year} 年创下，此后再无新纪录。")
LABELS = {
    "Airspeed record (km/h)": "空速纪录（km/h）",
    "Piston engine": "活塞发动机", "Jet engine": "喷气发动机",
    "FAI-ratified": "经 FAI 认证", "Unofficial": "非官方", "Recognition not confirmed": "认证情况未确认",
    "Aircraft": "飞机", "Pilot": "飞行员", "Date": "日期", "Speed (km/h)": "速度（km/h）",
    "Propulsion": "动力", "Status": "认证状态",
    # aircraft and pilots: names stay; their English descriptive words are translated
    "Blériot (Gnome engine)": "Blériot（Gnome 发动机）",
    "Nieuport monoplane (Gnome engine)": "Nieuport 单翼机（Gnome 发动机）",
    "Nieuport monoplane": "Nieuport 单翼机",
    'Nieuport monoplane "n° 6" (300 hp)': "Nieuport 单翼机“n° 6”（300 hp）",
    "Deperdussin monoplane (Gnome 100 hp)": "Deperdussin 单翼机（Gnome 100 hp）",
    "Deperdussin monoplane (Gnome 140 hp)": "Deperdussin 单翼机（Gnome 140 hp）",
    "Deperdussin monoplane (Gnome)": "Deperdussin 单翼机（Gnome）",
    "Deperdussin monoplane (Gnome) (rotary)": "Deperdussin 单翼机（Gnome 转缸发动机）",
    "Deperdussin monoplane": "Deperdussin 单翼机",
    "Nieuport-Delage (type not stated in source)": "Nieuport-Delage（来源未注明型号）",
    "Nieuport-Delage monoplane (Hispano 320 hp)": "Nieuport-Delage 单翼机（Hispano 320 hp）",
    "Bernard monoplane (Bernard-Ferbois; Hispano-Suiza 12-cyl 450 hp)":
        "Bernard 单翼机（Bernard-Ferbois；Hispano-Suiza 12 缸 450 hp）",
    "Mikoyan-Gurevich E-66 (MiG-21 prototype)": "Mikoyan-Gurevich E-66（MiG-21 原型机）",
    "Mikoyan-Gurevich E-152-1 (filed with FAI as E-166)": "Mikoyan-Gurevich E-152-1（向 FAI 申报时称 E-166）",
    "Sqn Ldr Orlebar": "Orlebar 空军少校",
    "Robert L. Stephens and Daniel Andrea": "Robert L. Stephens 与 Daniel Andrea",
    "Eldon W. Joersz and George T. Morgan Jr.": "Eldon W. Joersz 与 George T. Morgan Jr.",
}

def facts(records: pd.DataFrame) -> dict:
    from figures import _values as v
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
    # a CSV read gives the dates as ISO text: plot them as dates again (the values plotted are the
    # same either way, and Altair names the views from the table's text)
    table = table.assign(plot_date=lambda t: pd.to_datetime(t.plot_date))
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
