"""Self-play alone took AlphaGo Zero far past every human-trained AlphaGo

On DeepMind's own Elo scale, AlphaGo Zero, which learned only by playing itself, reached
{zero:,.0f}: {zero_lee:,.0f} points above the version that beat Lee Sedol {months} months
earlier and {zero_master:,.0f} above AlphaGo Master, which started from human games. Go is a
closed game with a perfect simulator and a clear win signal, which is exactly what open-ended
tasks lack. The ratings are the papers' internal scale, not official ones; the human line is
from a different list and is a rough guide only.
"""
import altair as alt
import pandas as pd

from figures import _theme

DATA = ("alphago_elo",)
ALT = ("Dot chart of Elo rating against the date of each AlphaGo version's landmark match or "
       "paper, {first} to {last}. Versions trained on human games then self-play rise "
       "from {fan:,.0f} (AlphaGo Fan) to {lee:,.0f} (AlphaGo Lee) and {master:,.0f} (AlphaGo Master). "
       "Self-play-only AlphaGo Zero reaches {zero20:,.0f} with 20 blocks and {zero:,.0f} with 40 blocks. "
       "A dashed line marks the top-rated human, Ke Jie, at {human:,.0f} on goratings.org, a different scale.")

COLORS = ["human games + self-play", "self-play only"]
LABELS = {"human games + self-play": "Human games + self-play", "self-play only": "Self-play only"}


def facts(df: pd.DataFrame) -> dict:
    from figures import _values_alphago as v
    e = df.set_index("id").elo
    return {"zero": v.alphago_zero_elo(df), "zero_lee": v.alphago_zero_lee_diff(df),
            "zero_master": v.alphago_zero_master_diff(df), "months": v.alphago_months_lee_to_zero(df),
            "fan": e["alphago-fan"], "lee": e["alphago-lee"], "master": e["alphago-master"],
            "zero20": e["alphago-zero-20b"], "human": v.alphago_top_human_elo(df),
            "first": df.date.min().strftime("%B %Y"), "last": df.date.max().strftime("%B %Y")}


def table(df: pd.DataFrame) -> pd.DataFrame:
    """One row per player: an AlphaGo version, or the top-rated human as a reference."""
    return df.assign(series=df.trained_on.map(LABELS).fillna("Top-rated human (goratings.org)"),
                     label=df.system.str.replace(r" \(.*\)$", "", regex=True)
                     .where(~df.id.str.startswith("alphago-zero"),
                            df.system.str.replace(r"AlphaGo Zero \((\d+) blocks.*", r"Zero, \1 blocks", regex=True))
                     )[["id", "system", "label", "kind", "series", "trained_on", "date", "elo",
                        "elo_scale", "landmark", "source_url"]]


def chart(table: pd.DataFrame) -> alt.Chart:
    # a CSV read gives the dates as ISO text: plot them as dates again (the values plotted are the
    # same either way, and Altair names the views from the table's text)
    table = table.assign(date=lambda t: pd.to_datetime(t.date))
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
        x=x, y=y, color=alt.Color("series:N", title=None, scale=alt.Scale(domain=[LABELS[c] for c in COLORS]),
                            legend=alt.Legend(columns=2)),
        opacity=alt.condition(pick, alt.value(1), alt.value(0.2)), tooltip=tips).add_params(pick)
    early = alt.datum.date < alt.expr.datetime(2017, 5, 1)  # labels right of early dots, left of late ones
    text = dict(x=x, y=y, text="label:N", opacity=alt.condition(pick, alt.value(1), alt.value(0.2)))
    right = progs.transform_filter(early).mark_text(align="left", dx=10).encode(**text)
    left = progs.transform_filter(~early).mark_text(align="right", dx=-10).encode(**text)
    return alt.layer(rule, rule_label, dots, right, left)
