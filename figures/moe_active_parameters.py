"""MoE models use only a fraction of their parameters for each token

Mixtral 8x22B holds {mix_total:,.0f} billion parameters but uses {mix_active:,.0f} billion for each
token ({mix_share:.0%}). Across the {n} mixture-of-experts models here, the median model uses
{median:.0%} of its weights per token, and {low_model} only {low:.1%}. Compute per token follows
the active parameters, while the memory needed to serve the model follows the total. Log scale.
"""
import altair as alt
import pandas as pd

from figures import _theme

DATA = ("moe_models",)
ALT = ("Dumbbell chart, one row per model from {first_model} ({first_year}) at the top to {last_model} "
       "({last_year}) at the bottom, with parameters in billions on a logarithmic axis. Each row joins the "
       "active parameters per token to the total parameters. Mixtral 8x22B: {mix_active:,.0f} of "
       "{mix_total:,.0f} billion ({mix_share:.0%}). The largest model, {big_model}, has {big_total:,.0f} billion "
       "parameters with {big_active:,.0f} billion active; the median active share is {median:.0%} and the lowest "
       "is {low:.1%} ({low_model}).")

# The Chinese edition (issue 9): the docstring's and ALT's twins, and the chart's labels.
ZH_DOC = """MoE 模型处理每个词元时只用到一小部分参数

Mixtral 8x22B 共有 {mix_total!b}个参数，但每个词元只用到其中 {mix_active!b}个（{mix_share:.0%}）。
在这里的 {n} 个混合专家模型中，每个词元所用权重占比的中位数为 {median:.0%}，{low_model} 仅为 {low:.1%}。
每个词元的计算量取决于激活参数，而部署模型所需的内存取决于参数总量。横轴为对数刻度。
"""
ZH_ALT = ("哑铃图：每行一个模型，从顶部的 {first_model}（{first_year} 年）到底部的 {last_model}（{last_year} 年），"
          "横轴为参数量（对数刻度）。每行把每个词元的激活参数与参数总量连起来。Mixtral 8x22B："
          "{mix_total!b}个参数中激活 {mix_active!b}个（{mix_share:.0%}）。最大的模型 {big_model} 共有 "
          "{big_total!b}个参数，其中激活 {big_active!b}个；激活比例的中位数为 {median:.0%}，最低为 {low:.1%}"
          "（{low_model}）。")
LABELS = {
    "Active per token": "每词元激活参数", "Total": "参数总量",
    "Parameters, billions (log scale)": "参数量（对数刻度）",
    "Model": "模型", "Developer": "开发者", "Released": "发布日期", "Total parameters": "参数总量",
    "Active share": "激活比例", "Routed experts": "路由专家",
    "2 of 8 per token": "每词元从 8 个中选 2 个", "4 of 16 per token": "每词元从 16 个中选 4 个",
    "4 of 32 per token": "每词元从 32 个中选 4 个", "4 of 60 per token": "每词元从 60 个中选 4 个",
    "2 of 128 per token": "每词元从 128 个中选 2 个", "4 of 128 per token": "每词元从 128 个中选 4 个",
    "8 of 128 per token": "每词元从 128 个中选 8 个", "8 of 256 per token": "每词元从 256 个中选 8 个",
    "16 (per token: not reported)": "16 个（每词元激活数未公布）",
    "128 (per token: not reported)": "128 个（每词元激活数未公布）",
    "not reported": "未公布",
    "25% active": "激活 25%", "28% active": "激活 28%", "27% active": "激活 27%", "19% active": "激活 19%",
    "17% active": "激活 17%", "16% active": "激活 16%", "9.4% active": "激活 9.4%", "8.9% active": "激活 8.9%",
    "5.5% active": "激活 5.5%", "4.4% active": "激活 4.4%", "4.2% active": "激活 4.2%", "3.5% active": "激活 3.5%",
}
# Pieces of the chart's expressions that Chinese computes differently: the axis (in billions) in 亿 and 万亿
# (10亿, 300亿, 1万亿), not in B and T
ZH_EXPR = {
    "datum.value >= 1000 ? datum.value / 1000 + 'T' : datum.value + 'B'":
        "datum.value >= 1000 ? datum.value / 1000 + '万亿' : datum.value * 10 + '亿'",
}


def facts(moe: pd.DataFrame) -> dict:
    from figures import _values_moe as v
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
