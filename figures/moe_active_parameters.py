"""The chart of figure moe-active-parameters: its data, table and chart (its words: moe_active_parameters.yml)."""
import altair as alt
import pandas as pd

from pipeline import chart_theme as _theme

DATA = ("moe_models",)


def facts(moe: pd.DataFrame) -> dict:
    from argument import values_moe as v
    m = moe.sort_values(["release_date", "total_parameters"])
    big = moe.loc[moe.total_parameters.idxmax()]
    return {"mix_total": v.mixtral_8x22b_total(moe), "mix_active": v.mixtral_8x22b_active(moe),
            "mix_share": v.mixtral_8x22b_active_share(moe), "n": len(moe),
            "median": v.median_active_share(moe), "low": v.lowest_active_share(moe),
            "low_model": v.lowest_active_share_model(moe),
            "first_model": m.iloc[0].model, "first_year": m.iloc[0].release_date.year,
            "last_model": m.iloc[-1].model, "last_year": m.iloc[-1].release_date.year,
            "big_model": big.model, "big_total": big.total_parameters, "big_active": big.active_parameters}


SERIES = ["Active per token", "Total"]


def table(moe: pd.DataFrame) -> pd.DataFrame:
    """One row per model, oldest first: its total and active parameters (billions) with their labels."""
    from pipeline import dates
    return moe.sort_values(["release_date", "total_parameters"]).assign(
        release_date=lambda d: d.release_date.dt.strftime("%Y-%m-%d"),
        released=lambda d: pd.to_datetime(d.release_date).map(dates.fmt),
        total_text=lambda d: (d.total_parameters * 1e9).map(_theme.in_words),
        active_text=lambda d: (d.active_parameters * 1e9).map(_theme.in_words),
        experts=lambda d: [f"{a} of {t} per token" if pd.notna(a) and pd.notna(t) else
                           f"{t} (per token: not reported)" if pd.notna(t) else "not reported"
                           for a, t in zip(d.experts_active, d.experts_total)],
        active_share=lambda d: d.active_parameters / d.total_parameters,
        share_label=lambda d: (100 * d.active_parameters / d.total_parameters).map(
            lambda p: f"{p:.0f}% active" if p >= 10 else f"{p:.1f}% active"),
    )[["id", "model", "developer", "release_date", "released", "total_parameters", "active_parameters", "total_text",
       "active_text", "active_share", "share_label", "experts_total", "experts_active", "experts", "source_url",
       "note"]].reset_index(drop=True)


def chart(table: pd.DataFrame) -> alt.Chart:
    order = list(table.model)
    pick = alt.selection_point(fields=["series"], bind="legend")
    y = alt.Y("model:N", title=None, sort=order, axis=alt.Axis(labelLimit=200))
    # the domain runs past the largest total, so that its "% active" label fits at 520 px
    x = alt.X("params:Q", title="Parameters, billions (log scale)", scale=alt.Scale(type="log", domain=[1, 5000]),
              axis=alt.Axis(values=[1, 3, 10, 30, 100, 300, 1000], labelExpr="datum.value >= 1000 ? datum.value / 1000 + 'T' : datum.value + 'B'"))
    tips = [alt.Tooltip("model:N", title="Model"), alt.Tooltip("developer:N", title="Developer"),
            alt.Tooltip("released:N", title="Released"),
            alt.Tooltip("total_text:N", title="Total parameters"),
            alt.Tooltip("active_text:N", title="Active per token"),
            alt.Tooltip("active_share:Q", title="Active share", format=".1%"),
            alt.Tooltip("experts:N", title="Routed experts")]
    bar = alt.Chart(table).mark_rule(strokeWidth=3, color="#8a939e").encode(
        y=y, x=alt.X("active_parameters:Q", scale=alt.Scale(type="log", domain=[1, 5000])),
        x2="total_parameters:Q", tooltip=tips)
    dots = alt.Chart(table).transform_fold(
        ["active_parameters", "total_parameters"], as_=["which", "params"]
    ).transform_calculate(
        series=f"datum.which == 'total_parameters' ? '{SERIES[1]}' : '{SERIES[0]}'"
    ).mark_point(size=90, filled=True).encode(
        y=y, x=x, color=alt.Color("series:N", title=None, scale=alt.Scale(domain=SERIES), legend=alt.Legend(columns=2)),
        opacity=alt.condition(pick, alt.value(1), alt.value(0.15)), tooltip=tips).add_params(pick)
    label = alt.Chart(table).mark_text(align="left", dx=9, baseline="middle", color=_theme.MUTED["light"]).encode(
        y=y, x=alt.X("total_parameters:Q", scale=alt.Scale(type="log", domain=[1, 5000])),
        text="share_label:N", tooltip=tips)
    return alt.layer(bar, dots, label)
