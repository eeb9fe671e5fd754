"""The chart of figure scaling-laws: its data, table and chart (its words: scaling_laws.yml)."""
import altair as alt
import numpy as np
import pandas as pd

from pipeline import chart_theme as _theme

DATA = ("scaling_law_fits",)


def facts(fits: pd.DataFrame) -> dict:
    from argument import values_scaling as v
    n = v.const(fits, "hoffmann-2022", "chinchilla_N")
    return {"kaplan_n_max": v.scaling_kaplan_n_max_billion(fits), "kaplan_drop": v.scaling_kaplan_drop_pct_10x(fits),
            "hoff_n_min": v.const(fits, "hoffmann-2022", "N_min") / 1e6,
            "hoff_n_max": v.scaling_chinchilla_n_max_billion(fits), "hoff_e": v.scaling_chinchilla_e(fits),
            "epoch_e": v.scaling_epoch_e(fits), "tpp": v.tokens_per_param(fits), "ref_n": n / 1e9,
            "ref_n10": 10 * n / 1e9, "hoff_drop": v.scaling_chinchilla_drop_pct_10x(fits),
            "epoch_drop": v.scaling_epoch_drop_pct_10x(fits)}


def table(fits: pd.DataFrame) -> pd.DataFrame:
    """One row per fit and model size: the loss that fit predicts, with its fitted range and floor."""
    from argument import values_scaling as v
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
