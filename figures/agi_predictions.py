"""The chart of figure agi-predictions: its data, table and chart (its words: agi_predictions.yml)."""
import altair as alt
import numpy as np
import pandas as pd

from pipeline import chart_theme as _theme

DATA = ("agi_predictions",)


def facts(p: pd.DataFrame) -> dict:
    from argument import values_agi as v
    lead, mi = v.deadline(p[p.speaker_type == "AI company leader"]), v.row(p, "minsky-1970")
    return {"n": v.agi_count(p), "n_past": v.agi_past_count(p), "n_due": v.agi_due_count(p), "as_of": v.agi_status_year(p),
            "first_year": v.agi_first_year(p), "lead_leaders": v.agi_leaders_median_lead_years(p),
            "simon_year": v.agi_simon_year(p), "simon_said": v.agi_simon_said_year(p),
            "minsky_said": mi.said_date.year, "minsky_low": mi.predicted_year, "minsky_high": mi.predicted_year_high,
            "asch_year": v.agi_aschenbrenner_year(p), "lead_min": lead.min(), "lead_max": lead.max(),
            "survey_years": " and ".join(map(str, sorted(p[p.speaker_type == "Expert survey"].predicted_year))),
            "survey_years_zh": "和 ".join(f"{y} 年" for y in sorted(p[p.speaker_type == "Expert survey"].predicted_year))}


TYPES = ["AI company leader", "Researcher or writer", "Expert survey"]
# a prediction's status, computed in table() (pipeline/dates.py: STATUS_EN, in its order); chart() draws
# the lapsed ones hollow
STATUS = ["Deadline ahead", "Due this year", "Lapsed", "Came true"]
STATUS_SHAPE = ["circle", "square", "diamond", "triangle-up"]
GREY = alt.value("#8a939e")
# uneven (piecewise-linear) axes: breaks and the share of the width/height up to each break
# (one name per line: the notebook build picks up only single-name assignments)
XBRK = [1975, 2015, 2022, 2023.5, 2025]
XFRAC = (0.1, 0.18, 0.26, 0.34, 0.7, 0.9)
YBRK = [1960, 2020, 2040, 2065]
YFRAC = (1, 0.72, 0.15, 0)
# label placement (align, dx, dy) where the default ("left", 7, 0) would collide
PLACE = {"simon-1960": ("left", 6, -9), "kurzweil-2017": ("right", -7, 0), "son-2023": ("right", -7, 0),
         "legg-2023": ("right", -7, 0), "musk-2024": ("right", -5, 15), "hinton-2023": ("right", -7, 0),
         "aschenbrenner-2024": ("left", 7, -3), "huang-2024": ("left", 7, -8),
         "amodei-2026": ("left", 6, 12), "hassabis-2025": ("left", 6, -42)}
HIDDEN = ["amodei-2024"]  # unlabelled (tooltip only): no free space between the dashed and dotted lines


def table(p: pd.DataFrame) -> pd.DataFrame:
    """One row per prediction: who made it, when (to the precision known), the year (or range)
    predicted and its status as of the data's as-of date (pipeline/dates.py data_as_of)."""
    from argument import values_agi as v
    from pipeline import dates

    # plotted at the middle of what is known: a date known to the month at mid-month
    start = (p.said_date.dt.day_of_year - 1) / 365.25
    mid = start + (p.said_date.dt.days_in_month / 2) / 365.25
    said = p.said_date.dt.year + start.where(p.said_date_precision == "day", mid)
    return p.assign(
        said_date=[dates.iso(d, pr) for d, pr in zip(p.said_date, p.said_date_precision)],
        said_year=said.round(2), deadline_year=v.deadline(p), as_of_year=v.as_of_year(p),
        status=v.status(p).map(dates.STATUS_EN),
        predicted=p.predicted_year.astype(str) + p.predicted_year_high.map(lambda h: "" if pd.isna(h) else f"–{h}"),
        label=p.id.str.replace("-", " ").str.title().where(~p.id.isin(HIDDEN), ""),
        said=[dates.fmt(d, pr) for d, pr in zip(p.said_date, p.said_date_precision)],
        definition=p.agi_definition.fillna("— (none given)"),
    )[["id", "person", "role", "speaker_type", "said_date", "said_date_precision", "said", "said_year",
       "predicted_year", "predicted_year_high", "predicted", "deadline_year", "as_of_year", "status", "prediction",
       "agi_definition", "definition", "label", "source_url"]]


def chart(table: pd.DataFrame) -> alt.Chart:
    # a CSV read gives the empty labels as NaN and the missing definition as NaN rather than <NA>:
    # restore them (the values plotted are the same, and Altair names the views from the table's
    # text). said_date stays ISO text at its precision ("2017-03"): the chart plots said_year.
    table = table.assign(label=lambda t: t.label.fillna(""), agi_definition=lambda t: t.agi_definition.astype("string"))
    as_of = int(table.as_of_year.max())
    # the axis runs a year past the as-of date, or past the latest prediction if that were later
    first, end = int(np.floor(float(table.said_year.min()) / 5) * 5) - 5, max(as_of, int(table.said_year.max())) + 1
    xa = alt.Axis(values=[first + 5, 1970, 2015, 2020] + list(range(2023, end + 1)), format="d",
                  labelOverlap="greedy", title="Date the prediction was made (uneven scale)")
    xs = alt.Scale(domain=[first] + XBRK + [end, end + 1],
                   range=[0] + [{"expr": f"width*{f}"} for f in XFRAC] + [{"expr": "width"}])
    ya = alt.Axis(values=[1960, 1980, 2000, 2020, 2030, 2040, 2060], format="d", labelOverlap=False,
                  title="Predicted year of arrival (uneven scale)")
    ys = alt.Scale(domain=YBRK, range=[{"expr": f"height*{f}"} for f in YFRAC])
    x, y = alt.X("said_year:Q", scale=xs, axis=xa), alt.Y("predicted_year:Q", scale=ys, axis=ya)
    color = alt.Color("speaker_type:N", title=None, scale=alt.Scale(domain=TYPES), legend=alt.Legend(columns=3))
    pick = alt.selection_point(fields=["speaker_type"], bind="legend")
    fade = alt.condition(pick, alt.value(1), alt.value(0.15))
    tip = [alt.Tooltip(f"{f}:N", title=t) for f, t in (("person", "Who"), ("role", "Role"), ("said", "Said"), (
        "predicted", "Predicted arrival"), ("prediction", "Gist"), ("definition", "Definition"), ("status", "Status"))]
    base = alt.Chart(table)
    one = base.transform_aggregate(as_of_year="max(as_of_year)")  # a single row for the reference marks
    xy = dict(x=alt.X("said_year:Q", scale=xs, axis=xa), y=alt.Y("yr:Q", scale=ys, axis=ya), color=GREY)
    curve = one.transform_calculate(t=f"sequence({first}, {end + 1.01}, 0.25)").transform_flatten(
        ["t"]).transform_calculate(said_year="datum.t", yr="datum.t").mark_line(strokeDash=[1, 3]).encode(**xy)
    curve_note = one.transform_calculate(said_year="2010", yr="2010", t="'arrival = date said'").mark_text(
        align="left", dy=12).encode(text="t:N", **xy)
    as_of_rule = one.transform_calculate(yr="datum.as_of_year").mark_rule(strokeDash=[6, 4]).encode(
        y=xy["y"], color=GREY)
    as_of_text = one.transform_calculate(said_year=str(first + 1), yr="datum.as_of_year",  # below the line
                                         t="'as of ' + datum.as_of_year").mark_text(
        align="left", baseline="top", dy=4).encode(text="t:N", **xy)
    bars = base.mark_rule(strokeWidth=2).encode(x=x, y=y, y2="predicted_year_high:Q", color=color,
                                                  opacity=fade).transform_filter("isValid(datum.predicted_year_high)")
    shape = alt.Shape("status:N", title=None, scale=alt.Scale(domain=STATUS, range=STATUS_SHAPE),
                      legend=alt.Legend(orient="bottom-right", direction="vertical", columns=1,  # those the data has
                                        values=[s for s in STATUS if s in set(table.status)]))
    enc = dict(x=x, y=y, color=color, shape=shape, opacity=fade, tooltip=tip)
    ahead = base.mark_point(filled=True, size=70).encode(**enc).transform_filter(
        alt.FieldOneOfPredicate(field="status", oneOf=[s for s in STATUS if s != STATUS[2]]))
    gone = base.mark_point(filled=False, size=80, strokeWidth=2).encode(**enc).transform_filter(
        alt.datum.status == STATUS[2])
    spots = {}
    for i in table.id:
        spots.setdefault(PLACE.get(i, ("left", 7, 0)), []).append(i)
    labels = [base.mark_text(align=al, dx=dx, dy=dy).encode(x=x, y=y, text="label:N", opacity=fade)
              .transform_filter(alt.FieldOneOfPredicate(field="id", oneOf=ids)) for (al, dx, dy), ids in spots.items()]
    return alt.layer(_theme.essay_rule(base, years=True, side="up-left", scale=xs), curve, curve_note, as_of_rule, as_of_text, bars, ahead.add_params(pick), gone, *labels)
