"""Scaling laws forecast a smooth, slowing fall in loss, not abilities

Kaplan et al.'s power law, fitted on models of up to {kaplan_n_max:.1f} billion non-embedding parameters,
has loss falling {kaplan_drop:.0f}% with every tenfold increase in parameters, with no floor. The
Chinchilla fit (models up to {hoff_n_max:.0f} billion parameters) and Epoch AI's refit of it add an
irreducible loss of {hoff_e:.2f} and {epoch_e:.2f} nats, so at {tpp:.0f} training tokens per parameter a
tenfold step beyond Chinchilla's {ref_n:.0f} billion parameters cuts loss by only {hoff_drop:.0f}% or
{epoch_drop:.0f}%. Solid lines span the sizes each study trained; dashed lines extrapolate. Each curve
predicts loss on its own study's text and tokenizer, not abilities: compare slopes, not levels.
"""
import altair as alt
import numpy as np
import pandas as pd

from figures import _theme

DATA = ("scaling_law_fits",)
ALT = ("Line chart, both axes logarithmic: predicted language-model loss in nats per token against model "
       "size from 1 million to 10 trillion parameters, for three fitted scaling laws. Kaplan et al. 2020 is a "
       "straight line falling {kaplan_drop:.0f}% per tenfold increase, solid up to {kaplan_n_max:.1f} billion "
       "parameters and dashed beyond. The Chinchilla fit and Epoch AI's refit, evaluated at {tpp:.0f} tokens per "
       "parameter, are solid from {hoff_n_min:.0f} million to {hoff_n_max:.0f} billion parameters and bend "
       "towards dotted floors at {hoff_e:.2f} and {epoch_e:.2f} nats; from {ref_n:.0f} to {ref_n10:.0f} billion "
       "parameters they fall only {hoff_drop:.0f}% and {epoch_drop:.0f}%.")

# The Chinese edition (issue 9): the docstring's and ALT's twins, and the chart's labels.
ZH_DOC = """缩放定律预测的是损失平稳而逐渐放缓的下降，而不是能力

Kaplan 等人的幂律拟合所用模型的非嵌入参数最多 {kaplan_n_max!b}个；按这一定律，参数每增至十倍，
损失下降 {kaplan_drop:.0f}%，而且没有下限。Chinchilla 拟合（模型最多 {hoff_n_max!b}个参数）
及 Epoch AI 对它的重新拟合加入了不可约损失，分别为 {hoff_e:.2f} 和 {epoch_e:.2f} nats，
因此在每个参数配 {tpp:.0f} 个训练词元时，从 Chinchilla 的 {ref_n!b}个参数再扩大十倍，
损失只下降 {hoff_drop:.0f}% 或 {epoch_drop:.0f}%。实线覆盖各项研究实际训练过的模型规模，虚线为外推。
每条曲线预测的是各自研究所用文本和分词器上的损失，而非能力：应比较斜率，而非高低。
"""
ZH_ALT = ("折线图，两轴均为对数刻度：三条拟合所得的缩放定律给出的语言模型预测损失（每词元 nats）"
          "随模型规模（100万至10万亿个参数）的变化。Kaplan 等人 2020 年的定律是一条直线，参数每增至十倍"
          "下降 {kaplan_drop:.0f}%，在 {kaplan_n_max!b}个参数以内为实线，此后为虚线。Chinchilla 拟合与 "
          "Epoch AI 的重新拟合按每个参数 {tpp:.0f} 个词元计算，从 {hoff_n_min!m}到 {hoff_n_max!b}个参数为实线，"
          "并向 {hoff_e:.2f} 和 {epoch_e:.2f} nats 处的点线下限弯折；从 {ref_n!b}到 {ref_n10!b}个参数，"
          "它们只分别下降 {hoff_drop:.0f}% 和 {epoch_drop:.0f}%。")
LABELS = {
    "Kaplan et al. 2020: L(N), N without embeddings": "Kaplan 等 2020（L(N)，N 不含嵌入参数）",
    "Hoffmann et al. 2022 (Chinchilla), D = 20N": "Hoffmann 等 2022（Chinchilla，D = 20N）",
    "Besiroglu et al. 2024 (Epoch AI refit), D = 20N": "Besiroglu 等 2024（Epoch AI 重新拟合，D = 20N）",
    "Within the fitted range": "拟合范围内", "Extrapolated": "外推",
    "Irreducible loss E (dotted)": "不可约损失 E（点线）",
    "Model size N (parameters, log scale)": "模型规模 N（参数量，对数刻度）",
    "Predicted loss (nats per token, log scale)": "预测损失（每词元 nats，对数刻度）",
    "Fit": "拟合", "Irreducible loss E (nats)": "不可约损失 E（nats）", "Parameters N": "参数量 N",
    "N counts": "N 的口径", "Training data D": "训练数据 D", "Predicted loss (nats/token)": "预测损失（nats/词元）",
    "This point is": "该点", "Fitted range": "拟合范围",
    "within the fitted range": "在拟合范围内", "extrapolated": "为外推值",
    "parameters (all)": "全部参数", "parameters (non-embedding)": "非嵌入参数",
    "70 million to 16 billion parameters": "7000万至160亿个参数", "768 to 1.5 billion parameters": "768至15亿个参数",
    "not in this law (L depends on N only)": "不在此定律中（L 只取决于 N）",
}
# Pieces of the chart's expressions that Chinese computes differently: the size axis in 万, 亿 and 万亿
# (100万, 10亿, 1万亿), not in M, B and T
ZH_EXPR = {
    "datum.value >= 1e12 ? datum.value / 1e12 + 'T' : datum.value >= 1e9 ? datum.value / 1e9 + 'B' : datum.value / 1e6 + 'M'":
        "datum.value >= 1e12 ? datum.value / 1e12 + '万亿' : datum.value >= 1e8 ? datum.value / 1e8 + '亿' : datum.value >= 1e4 ? datum.value / 1e4 + '万' : '' + datum.value",
}


def facts(fits: pd.DataFrame) -> dict:
    from figures import _values_scaling as v
    n = v.const(fits, "hoffmann-2022", "chinchilla_N")
    return {"kaplan_n_max": v.scaling_kaplan_n_max_billion(fits), "kaplan_drop": v.scaling_kaplan_drop_pct_10x(fits),
            "hoff_n_min": v.const(fits, "hoffmann-2022", "N_min") / 1e6,
            "hoff_n_max": v.scaling_chinchilla_n_max_billion(fits), "hoff_e": v.scaling_chinchilla_e(fits),
            "epoch_e": v.scaling_epoch_e(fits), "tpp": v.tokens_per_param(fits), "ref_n": n / 1e9,
            "ref_n10": 10 * n / 1e9, "hoff_drop": v.scaling_chinchilla_drop_pct_10x(fits),
            "epoch_drop": v.scaling_epoch_drop_pct_10x(fits)}


def table(fits: pd.DataFrame) -> pd.DataFrame:
    """One row per fit and model size: the loss that fit predicts, with its fitted range and floor."""
    from figures import _values_scaling as v
    r = v.tokens_per_param(fits)
    series = {"kaplan-2020-n": "Kaplan et al. 2020: L(N), N without embeddings",
              "hoffmann-2022": f"Hoffmann et al. 2022 (Chinchilla), D = {r:.0f}N",
              "besiroglu-2024": f"Besiroglu et al. 2024 (Epoch AI refit), D = {r:.0f}N"}
    grid = 10 ** (np.arange(48, 105) / 8)  # 1M to 10T parameters, 8 points a decade
    parts = []
    for fit, label in series.items():
        lo, hi = v.const(fits, fit, "N_min"), v.const(fits, fit, "N_max")
        x = np.union1d(grid, [e for e in (lo, hi) if grid[0] < e < grid[-1]])
        two_var = fit != "kaplan-2020-n"
        parts.append(pd.DataFrame({
            "fit": label, "variable": "parameters (all)" if two_var else "parameters (non-embedding)",
            "x": x, "tokens": r * x if two_var else np.nan, "loss": v.loss(fits, fit, x, r),
            "in_fit_range": (x >= lo) & (x <= hi), "fitted_range": f"{_theme.in_words(lo)} to {_theme.in_words(hi)} parameters",
            "irreducible_loss": v.const(fits, fit, "E") if two_var else np.nan,
            "source_url": fits.loc[(fits.fit == fit) & (fits.parameter == "alpha" + "_N" * (not two_var)),
                                   "source_url"].iloc[0]}))
    table = pd.concat(parts, ignore_index=True)
    table["parameters_text"] = table.x.map(_theme.in_words)
    table["tokens_text"] = table.tokens.map(lambda d: "not in this law (L depends on N only)" if pd.isna(d)
                                            else _theme.in_words(d) + " tokens")
    table["range_text"] = table.in_fit_range.map({True: "within the fitted range", False: "extrapolated"})
    from pipeline.figures import portable_floats  # pow: the same bytes on every CPU

    return portable_floats(table)


def chart(table: pd.DataFrame) -> alt.Chart:
    pick = alt.selection_point(fields=["fit"], bind="legend")
    names = [str(f) for f in dict.fromkeys(table.fit)]  # the fits, in the order of the table
    color = alt.Color("fit:N", title=None, scale=alt.Scale(domain=names), legend=alt.Legend(columns=1))
    fade = alt.condition(pick, alt.value(1), alt.value(0.12))
    x = alt.X("x:Q", title="Model size N (parameters, log scale)",
              scale=alt.Scale(type="log", domain=[1e6, 1e13], nice=False),
              axis=alt.Axis(values=[10 ** k for k in range(6, 14)], labelExpr=(
                  "datum.value >= 1e12 ? datum.value / 1e12 + 'T' : datum.value >= 1e9 ? "
                  "datum.value / 1e9 + 'B' : datum.value / 1e6 + 'M'")))
    y = alt.Y("loss:Q", title="Predicted loss (nats per token, log scale)",
              scale=alt.Scale(type="log", domain=[1, 11], nice=False),
              axis=alt.Axis(values=[1, 1.5, 2, 3, 4, 6, 8, 10]))
    dash = alt.StrokeDash("extent:N", title=None, legend=alt.Legend(
        symbolType="stroke", symbolSize=500, columns=1), scale=alt.Scale(
        domain=["Within the fitted range", "Extrapolated"], range=[[1, 0], [6, 4]]))
    base = alt.Chart(table).encode(x=x, y=y, color=color, opacity=fade, detail="fit:N")
    whole = base.mark_line(strokeWidth=1.75).transform_calculate(extent="'Extrapolated'").encode(strokeDash=dash)
    fitted = base.mark_line().transform_filter(alt.datum.in_fit_range).transform_calculate(
        extent="'Within the fitted range'").encode(strokeDash=dash)
    floor = alt.Chart(table).mark_rule(strokeDash=[2, 3], strokeWidth=1.25).transform_filter(
        "isValid(datum.irreducible_loss)").encode(
        y="mean(irreducible_loss):Q", color=color, opacity=fade,
        tooltip=[alt.Tooltip("fit:N", title="Fit"),
                 alt.Tooltip("mean(irreducible_loss):Q", title="Irreducible loss E (nats)", format=".4~f")])
    label = alt.Chart(table).mark_text(align="left", dx=4, dy=-7).encode(
        x=alt.datum(1e6), y="max(irreducible_loss):Q", text=alt.value("Irreducible loss E (dotted)"))
    points = base.mark_point(size=30).transform_filter(
        "abs(log(datum.x) / LN10 - round(log(datum.x) / LN10)) < 1e-9").encode(tooltip=[
            alt.Tooltip("fit:N", title="Fit"), alt.Tooltip("parameters_text:N", title="Parameters N"),
            alt.Tooltip("variable:N", title="N counts"), alt.Tooltip("tokens_text:N", title="Training data D"),
            alt.Tooltip("loss:Q", title="Predicted loss (nats/token)", format=".3f"),
            alt.Tooltip("range_text:N", title="This point is"),
            alt.Tooltip("fitted_range:N", title="Fitted range")]).add_params(pick)
    return alt.layer(floor, label, whole, fitted, points)
