"""Illustration: exact match makes smooth gains look like sudden “emergence”

An illustration, not data. Per-token accuracy here improves smoothly with model size, from
{p_lo:.0%} at {n_lo} parameters to {p_hi:.0%} at {n_hi}. Scored by exact match on a
{k}-token answer (p to the power {k}), the same models stay below {flat_max:.0%} up to {flat_until}
and then climb to {em_hi:.0%}: the jump comes from the metric, not the models. Move the slider to
change the answer length. Construction after Schaeffer, Miranda and Koyejo (2023).
"""
import altair as alt
import numpy as np
import pandas as pd

from figures import _theme

DATA = ("emergence_illustration",)
ALT = ("Illustration, not measured data. Line chart of score against model size on a logarithmic axis from "
       "{n_lo} to {n_hi} parameters. The per-token accuracy curve rises smoothly and steadily from {p_lo:.0%} "
       "to {p_hi:.0%}. The exact-match curve for a {k}-token answer lies almost flat near zero, under "
       "{flat_max:.0%} up to {flat_until}, then bends sharply upward to {em_hi:.0%} at {n_hi}. "
       "A slider sets the answer length from {k_min} to {k_max} tokens; at {k_min} token the two curves coincide.")

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


# The Chinese edition (issue 9): the docstring's and ALT's twins, and the chart's labels.
ZH_DOC = """示意图：完全匹配评分让平滑的进步看起来像突然“涌现”

这是示意，并非实测数据。这里的逐词元准确率随模型规模平滑提高，
从 {n_lo} 参数时的 {p_lo:.0%} 升到 {n_hi} 参数时的 {p_hi:.0%}。
若按 {k} 个词元的答案是否完全匹配来评分（p 的 {k} 次方），
同样这些模型在 {flat_until} 参数之前都低于 {flat_max:.0%}，之后才攀升到 {em_hi:.0%}：
跃升来自评分指标，而不是模型。拖动滑块可改变答案长度。
构造方法参照 Schaeffer、Miranda 和 Koyejo（2023）。
"""
ZH_ALT = ("示意图，并非实测数据。折线图：纵轴为得分，横轴为模型规模（对数刻度），从 {n_lo} 到 {n_hi} 个参数。"
          "逐词元准确率曲线从 {p_lo:.0%} 平滑、稳定地上升到 {p_hi:.0%}。{k} 个词元答案的完全匹配曲线"
          "几乎贴着零走平，在 {flat_until} 参数之前低于 {flat_max:.0%}，随后急剧上弯，在 {n_hi} 参数时达到 "
          "{em_hi:.0%}。滑块可把答案长度设为 {k_min} 到 {k_max} 个词元；为 {k_min} 个词元时两条曲线重合。")
LABELS = {
    "Per-token accuracy p (smooth metric)": "逐词元准确率 p（平滑指标）",
    "Exact match on a k-token answer, p^k": "k 个词元答案的完全匹配率 p^k",
    "Model size (parameters, log scale)": "模型规模（参数量，对数刻度）",
    "Share correct (illustration)": "正确率（示意）",
    " token": " 个词元", " tokens": " 个词元",
    "Curve": "曲线", "Model size": "模型规模", "Answer tokens": "答案词元数", "Score": "得分",
    "Per-token accuracy p": "逐词元准确率 p",
    # the tooltip's model sizes (size_text, written by _theme.in_words)
    "10 million parameters": "1000万个参数", "11.2 million parameters": "1120万个参数", "12.6 million parameters": "1260万个参数", "14.1 million parameters": "1410万个参数",
    "15.8 million parameters": "1580万个参数", "17.8 million parameters": "1780万个参数", "20 million parameters": "2000万个参数", "22.4 million parameters": "2240万个参数",
    "25.1 million parameters": "2510万个参数", "28.2 million parameters": "2820万个参数", "31.6 million parameters": "3160万个参数", "35.5 million parameters": "3550万个参数",
    "39.8 million parameters": "3980万个参数", "44.7 million parameters": "4470万个参数", "50.1 million parameters": "5010万个参数", "56.2 million parameters": "5620万个参数",
    "63.1 million parameters": "6310万个参数", "70.8 million parameters": "7080万个参数", "79.4 million parameters": "7940万个参数", "89.1 million parameters": "8910万个参数",
    "100 million parameters": "1亿个参数", "112 million parameters": "1.12亿个参数", "126 million parameters": "1.26亿个参数", "141 million parameters": "1.41亿个参数",
    "158 million parameters": "1.58亿个参数", "178 million parameters": "1.78亿个参数", "200 million parameters": "2亿个参数", "224 million parameters": "2.24亿个参数",
    "251 million parameters": "2.51亿个参数", "282 million parameters": "2.82亿个参数", "316 million parameters": "3.16亿个参数", "355 million parameters": "3.55亿个参数",
    "398 million parameters": "3.98亿个参数", "447 million parameters": "4.47亿个参数", "501 million parameters": "5.01亿个参数", "562 million parameters": "5.62亿个参数",
    "631 million parameters": "6.31亿个参数", "708 million parameters": "7.08亿个参数", "794 million parameters": "7.94亿个参数", "891 million parameters": "8.91亿个参数",
    "1 billion parameters": "10亿个参数", "1.12 billion parameters": "11.2亿个参数", "1.26 billion parameters": "12.6亿个参数", "1.41 billion parameters": "14.1亿个参数",
    "1.58 billion parameters": "15.8亿个参数", "1.78 billion parameters": "17.8亿个参数", "2 billion parameters": "20亿个参数", "2.24 billion parameters": "22.4亿个参数",
    "2.51 billion parameters": "25.1亿个参数", "2.82 billion parameters": "28.2亿个参数", "3.16 billion parameters": "31.6亿个参数", "3.55 billion parameters": "35.5亿个参数",
    "3.98 billion parameters": "39.8亿个参数", "4.47 billion parameters": "44.7亿个参数", "5.01 billion parameters": "50.1亿个参数", "5.62 billion parameters": "56.2亿个参数",
    "6.31 billion parameters": "63.1亿个参数", "7.08 billion parameters": "70.8亿个参数", "7.94 billion parameters": "79.4亿个参数", "8.91 billion parameters": "89.1亿个参数",
    "10 billion parameters": "100亿个参数", "11.2 billion parameters": "112亿个参数", "12.6 billion parameters": "126亿个参数", "14.1 billion parameters": "141亿个参数",
    "15.8 billion parameters": "158亿个参数", "17.8 billion parameters": "178亿个参数", "20 billion parameters": "200亿个参数", "22.4 billion parameters": "224亿个参数",
    "25.1 billion parameters": "251亿个参数", "28.2 billion parameters": "282亿个参数", "31.6 billion parameters": "316亿个参数", "35.5 billion parameters": "355亿个参数",
    "39.8 billion parameters": "398亿个参数", "44.7 billion parameters": "447亿个参数", "50.1 billion parameters": "501亿个参数", "56.2 billion parameters": "562亿个参数",
    "63.1 billion parameters": "631亿个参数", "70.8 billion parameters": "708亿个参数", "79.4 billion parameters": "794亿个参数", "89.1 billion parameters": "891亿个参数",
    "100 billion parameters": "1000亿个参数", "112 billion parameters": "1120亿个参数", "126 billion parameters": "1260亿个参数", "141 billion parameters": "1410亿个参数",
    "158 billion parameters": "1580亿个参数", "178 billion parameters": "1780亿个参数", "200 billion parameters": "2000亿个参数", "224 billion parameters": "2240亿个参数",
    "251 billion parameters": "2510亿个参数", "282 billion parameters": "2820亿个参数", "316 billion parameters": "3160亿个参数", "355 billion parameters": "3550亿个参数",
    "398 billion parameters": "3980亿个参数", "447 billion parameters": "4470亿个参数", "501 billion parameters": "5010亿个参数", "562 billion parameters": "5620亿个参数",
    "631 billion parameters": "6310亿个参数", "708 billion parameters": "7080亿个参数", "794 billion parameters": "7940亿个参数", "891 billion parameters": "8910亿个参数",
    "1 trillion parameters": "1万亿个参数",
}

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
            "flat_max": 0.01, "flat_until": _size(flat.parameters.max())}


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
    src = params.source_url.iloc[0]
    return pd.concat([curve.assign(series=s, source_url=src) for s in SERIES], ignore_index=True)


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
