"""The chart of figure alphago-self-play: its data, table and chart (its words: alphago_self_play.yml)."""
import altair as alt
import pandas as pd

from pipeline import chart_theme as _theme

DATA = ("alphago_elo",)

COLORS = ["human games + self-play", "self-play only"]
SERIES_NAMES = {"human games + self-play": "Human games + self-play", "self-play only": "Self-play only"}


def facts(df: pd.DataFrame) -> dict:
    from argument import values_alphago as v
    from pipeline import dates
    e = df.set_index("id").elo
    return {"zero": v.alphago_zero_elo(df), "zero_lee": v.alphago_zero_lee_diff(df),
            "zero_master": v.alphago_zero_master_diff(df), "months": v.alphago_months_lee_to_zero(df),
            "fan": e["alphago-fan"], "lee": e["alphago-lee"], "master": e["alphago-master"],
            "zero20": e["alphago-zero-20b"], "human": v.alphago_top_human_elo(df),
            "first": dates.fmt(df.date.min(), "month"), "last": dates.fmt(df.date.max(), "month")}


def table(df: pd.DataFrame) -> pd.DataFrame:
    """One row per player: an AlphaGo version, or the top-rated human as a reference."""
    return df.assign(series=df.trained_on.map(SERIES_NAMES).fillna("Top-rated human (goratings.org)"),
                     label=df.system.str.replace(r" \(.*\)$", "", regex=True)
                     .where(~df.id.str.startswith("alphago-zero"),
                            df.system.str.replace(r"AlphaGo Zero \((\d+) blocks.*", r"Zero, \1 blocks", regex=True))
                     )[["id", "system", "label", "kind", "series", "trained_on", "date", "elo",
                        "elo_scale", "landmark", "source_url"]]


def chart(table: pd.DataFrame) -> alt.Chart:
    pick = alt.selection_point(fields=["series"], bind="legend")
    x = alt.X("date:T", title="Date of landmark match or paper",
              scale=alt.Scale(domain=["2015-07-01", "2018-03-01"]),
              axis=alt.Axis(format="%b %Y", tickCount=6))
    y = alt.Y("elo:Q", title="Elo rating (DeepMind's internal scale)", scale=alt.Scale(domain=[2800, 5400]),
              axis=alt.Axis(format=",d"))
    tips = [alt.Tooltip("system:N", title="Player"), alt.Tooltip("elo:Q", title="Elo", format=",d"),
            alt.Tooltip("trained_on:N", title="Trained on"), alt.Tooltip("landmark:N", title="Landmark"),
            alt.Tooltip("date:T", title="Date", format="%-d %B %Y"), alt.Tooltip("elo_scale:N", title="Scale")]
    progs = alt.Chart(table).transform_filter(alt.datum.kind == "program")
    human = alt.Chart(table).transform_filter(alt.datum.kind == "human reference")
    rule = human.mark_rule(strokeDash=[5, 4], color="#8a939e").encode(y=y, tooltip=tips)
    rule_label = human.mark_text(align="right", dx=-4, dy=12, color=_theme.MUTED["light"]).encode(
        x=alt.value("width"), y=y, text=alt.value("Top-rated human, Ke Jie (goratings.org, other scale)"))
    dots = progs.mark_point(size=110).encode(
        x=x, y=y, color=alt.Color("series:N", title=None, scale=alt.Scale(domain=[SERIES_NAMES[c] for c in COLORS]),
                            legend=alt.Legend(columns=2)),
        opacity=alt.condition(pick, alt.value(1), alt.value(0.2)), tooltip=tips).add_params(pick)
    early = alt.datum.date < alt.expr.utc(2017, 5, 1)  # labels right of early dots, left of late ones
    text = dict(x=x, y=y, text="label:N", opacity=alt.condition(pick, alt.value(1), alt.value(0.2)))
    right = progs.transform_filter(early).mark_text(align="left", dx=10).encode(**text)
    left = progs.transform_filter(~early).mark_text(align="right", dx=-10).encode(**text)
    return alt.layer(rule, rule_label, dots, right, left)
