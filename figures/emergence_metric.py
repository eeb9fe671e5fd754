"""The chart of figure emergence-metric: its data, table and chart (its words: emergence_metric.yml)."""
import altair as alt
import numpy as np
import pandas as pd

from pipeline import chart_theme as _theme

DATA = ("emergence_illustration",)

SERIES = ["Per-token accuracy p (smooth metric)", "Exact match on a k-token answer, p^k"]


def _params(params: pd.DataFrame) -> dict:
    return dict(zip(params.id, params.value.astype(float)))


def _size(n: float) -> str:
    for div, unit in ((1e12, "T"), (1e9, "B"), (1e6, "M")):
        if n >= div:
            return f"{n / div:,.3g}{unit}"
    return f"{n:,.0f}"


def _curve(params: pd.DataFrame, per_decade: int = 20) -> pd.DataFrame:
    """Per-token accuracy p = exp(-(N/c)^alpha) on a log grid of model sizes N (Schaeffer et al., Sec. 2)."""
    v = _params(params)
    lo, hi = np.log10(v["size-min"]), np.log10(v["size-max"])
    n = np.logspace(lo, hi, int(round((hi - lo) * per_decade)) + 1)
    return pd.DataFrame({"parameters": n, "per_token_p": np.exp(-(n / v["c"]) ** v["alpha"]),
                         "size": [_size(x) for x in n], "size_text": [_theme.in_words(x) + " parameters" for x in n]})


def facts(params: pd.DataFrame) -> dict:
    v, c = _params(params), _curve(params)
    k = int(v["tokens-default"])
    em = c.per_token_p ** k
    e = np.log10(c.parameters)
    decades = c[np.isclose(e, np.round(e))]
    flat = decades[decades.per_token_p ** k < 0.01]
    return {"k": k, "k_min": int(v["tokens-min"]), "k_max": int(v["tokens-max"]),
            "n_lo": _size(c.parameters.iloc[0]), "n_hi": _size(c.parameters.iloc[-1]),
            "p_lo": c.per_token_p.iloc[0], "p_hi": c.per_token_p.iloc[-1], "em_hi": em.iloc[-1],
            "flat_max": 0.01, "flat_until": _size(flat.parameters.max()),
            # the same sizes as numbers, for the Chinese text's 万/亿 ({n_lo_n!w}: 1000万)
            "n_lo_n": c.parameters.iloc[0], "n_hi_n": c.parameters.iloc[-1], "flat_until_n": flat.parameters.max()}


# the answer-length slider: these repeat the data's tokens-min, tokens-max and tokens-default
# (table() checks that they agree), because the chart gets only the plotted table
K_MIN, K_MAX, K_DEFAULT = 1, 10, 10


def table(params: pd.DataFrame) -> pd.DataFrame:
    """One row per model size and curve: the per-token accuracy p at that size (the chart raises it to the power k)."""
    v, curve = _params(params), _curve(params)
    slider = (int(v["tokens-min"]), int(v["tokens-max"]), int(v["tokens-default"]))
    if slider != (K_MIN, K_MAX, K_DEFAULT):
        raise ValueError(f"K_MIN, K_MAX, K_DEFAULT = {(K_MIN, K_MAX, K_DEFAULT)} disagree with the data's "
                         f"tokens-min, tokens-max, tokens-default = {slider}: update them")
    from pipeline.figures import portable_floats  # exp and pow: the same bytes on every CPU

    src = params.source_url.iloc[0]
    return portable_floats(pd.concat([curve.assign(series=s, source_url=src) for s in SERIES], ignore_index=True))


def chart(table: pd.DataFrame) -> alt.Chart:
    k = alt.param(name="k", value=K_DEFAULT, bind=alt.binding_range(
        min=K_MIN, max=K_MAX, step=1, name="Answer length k (tokens): "))
    base = alt.Chart(table).transform_calculate(
        tokens=f"datum.series === '{SERIES[1]}' ? k : 1",
        score="pow(datum.per_token_p, datum.tokens)")
    x = alt.X("parameters:Q", title="Model size (parameters, log scale)",
              scale=alt.Scale(type="log", nice=False),
              axis=alt.Axis(values=[10.0 ** e for e in range(0, 16)], labelExpr=(
                  "datum.value >= 1e12 ? datum.value / 1e12 + 'T' : datum.value >= 1e9 ? "
                  "datum.value / 1e9 + 'B' : datum.value / 1e6 + 'M'")))
    y = alt.Y("score:Q", title="Share correct (illustration)", scale=alt.Scale(domain=[0, 1]),
              axis=alt.Axis(format="%"))
    color = alt.Color("series:N", title=None, scale=alt.Scale(domain=SERIES), legend=alt.Legend(columns=1))
    line = base.mark_line().encode(x=x, y=y, color=color).add_params(k)
    hover = base.mark_point(size=60, opacity=0).encode(
        x=x, y=y, color=color,
        tooltip=[alt.Tooltip("series:N", title="Curve"), alt.Tooltip("size_text:N", title="Model size"),
                 alt.Tooltip("tokens:Q", title="Answer tokens", format="d"),
                 alt.Tooltip("score:Q", title="Score", format=".1%"),
                 alt.Tooltip("per_token_p:Q", title="Per-token accuracy p", format=".1%")])
    largest = float(table.parameters.max())
    label = base.transform_filter((alt.datum.series == SERIES[1]) & (alt.datum.parameters == largest)
    ).transform_calculate(text="'k = ' + k + (k == 1 ? ' token' : ' tokens')").mark_text(
        align="right", dx=-4, dy=-14, fontSize=12).encode(x=x, y=y, text="text:N", color=color)
    return alt.layer(line, hover, label)
