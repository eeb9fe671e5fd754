"""The chart of figure small-model-compute: its data, table and chart (its words: small_model_compute.yml)."""
import altair as alt
import numpy as np
import pandas as pd

from pipeline import chart_theme as _theme

DATA = ("language_models",)

LEFT = ["Llama 3 8B"]  # labelled on the left of the point, clear of its neighbours
SERIES = ["Estimate: 6 × parameters × tokens", "Reported by the developer"]


def _pow10_expr() -> str:
    """Axis labels 10²², 10²³, ... (Vega expression: exponent digits mapped to superscripts)."""
    expr = "format(round(log(datum.value) / LN10), 'd')"
    for d, sup in enumerate("⁰¹²³⁴⁵⁶⁷⁸⁹"):
        expr = f"replace({expr}, regexp('{d}', 'g'), '{sup}')"
    return "'10' + " + expr


POW10 = _pow10_expr()  # one assignment, so that the figure's notebook can take it with chart()


def _words(n: float) -> str:
    """1.75e11 -> '175 billion'; 7.2e23 FLOP -> '7.20 × 10²³' (a tooltip's text)."""
    if n >= 1e15:
        e = int(np.floor(np.log10(n)))
        return f"{n / 10 ** e:.2f} × 10" + str(e).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))
    return _theme.in_words(n)


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def facts(models: pd.DataFrame) -> dict:
    from argument import values_models as v
    s = v.small_dense(models).assign(flop=lambda d: v.six_nd(d))
    rep = models[models.training_compute_flop.notna() & models.training_tokens.notna()]
    top = s.loc[s.flop.idxmax()]
    n_rep = int(s.training_compute_flop.notna().sum())
    return {"n": len(s), "n_min": s.parameters.min() / 1e9, "n_max": s.parameters.max() / 1e9,
            "first_year": s.year.min(), "last_year": s.year.max(),
            "reported": _join(list(rep.model)), "gap": v.six_nd_max_gap(models),
            "ratio": v.llama3_8b_vs_llama_7b(models), "max_ratio": v.small_compute_max_ratio(models),
            "first_flop": s.set_index("id").flop["llama-7b"], "llama3_flop": s.set_index("id").flop["llama-3-8b"],
            "max_flop": top.flop, "max_model": top.model,
            "reported_small": ("None of these developers reported a FLOP count for these models."
                               if n_rep == 0 else "Diamonds mark compute the developer reported."),
            "reported_zh": "、".join(rep.model),
            "reported_small_zh": "这些模型的开发者都没有公布训练算力。" if n_rep == 0 else "菱形标出开发者公布的算力。"}


def table(models: pd.DataFrame) -> pd.DataFrame:
    """One row per plotted point: a small dense model's estimated compute, or its reported compute."""
    from argument import values_models as v
    from pipeline import dates
    s = v.small_dense(models).copy()
    s["plot_date"] = s.release_date.fillna(pd.to_datetime(s.year.astype(str) + "-07-01"))
    s["released"] = [dates.fmt(d, "day") if pd.notna(d) else dates.fmt(f"{y:04d}", "year") + " (day unknown)"
                     for d, y in zip(s.release_date, s.year)]  # to the precision known (pipeline/dates.py)
    s["estimated_compute_flop"] = v.six_nd(s)
    s["parameters_text"], s["tokens_text"] = s.parameters.map(_words), s.training_tokens.map(_words) + " tokens"
    s["estimate_text"] = s.estimated_compute_flop.map(_words) + " FLOP"
    s["reported_text"] = s.training_compute_flop.map(lambda f: "not reported" if pd.isna(f) else _words(f) + " FLOP")
    base_flop = s.set_index("id").estimated_compute_flop["llama-7b"]
    s["times_llama_7b"] = s.estimated_compute_flop / base_flop
    s["label"] = s.model + " (" + s.times_llama_7b.map("{:.0f}×".format) + ")"
    est = s.assign(series=SERIES[0], compute_flop=s.estimated_compute_flop)
    rep = s.dropna(subset=["training_compute_flop"]).assign(
        series=SERIES[1], label="", compute_flop=lambda d: d.training_compute_flop)
    cols = ["series", "model", "developer", "released", "plot_date", "parameters", "training_tokens", "parameters_text",
            "tokens_text", "compute_flop", "estimated_compute_flop", "training_compute_flop", "estimate_text",
            "reported_text", "times_llama_7b", "label", "source_url"]
    return pd.concat([est[cols], rep[cols]], ignore_index=True).astype(
        {"parameters": float, "training_tokens": float, "training_compute_flop": float})


def chart(table: pd.DataFrame) -> alt.Chart:
    # back to the table's own dtype (a CSV read gives text for an all-empty column): the values
    # plotted are the same either way, and Altair names the views from the table's text
    table = table.astype({"training_compute_flop": float})
    domain = [x for x in SERIES if x in set(table.series)]
    pick = alt.selection_point(fields=["series"], bind="legend")
    year = table.plot_date.dt.year  # plot dates fall in the model's release year
    years = pd.to_datetime([f"{year.min()}-01-01", f"{year.max() + 1}-01-01"])
    x = alt.X("plot_date:T", title="Release date", axis=alt.Axis(format="%Y", tickCount="year"),
              scale=alt.Scale(domain=list(years.strftime("%Y-%m-%d"))))
    y = alt.Y("compute_flop:Q", title="Training compute (FLOP, log scale)",
              scale=alt.Scale(type="log", domain=[1e22, 2e24]),
              axis=alt.Axis(values=[1e22, 1e23, 1e24], labelExpr=POW10))
    base = alt.Chart(table)
    points = base.mark_point(size=90).encode(
        x=x, y=y, color=alt.Color("series:N", title=None, scale=alt.Scale(domain=domain), legend=alt.Legend(columns=2)),
        shape=alt.Shape("series:N", title=None, legend=alt.Legend(columns=2),
                        scale=alt.Scale(domain=domain, range=["circle", "diamond"][:len(domain)])),
        opacity=alt.condition(pick, alt.value(1), alt.value(0.15)),
        tooltip=[alt.Tooltip(f, title=t) for f, t in (
            ("model:N", "Model"), ("released:N", "Released"), ("parameters_text:N", "Parameters"),
            ("tokens_text:N", "Training data"), ("estimate_text:N", "6·N·D estimate"),
            ("reported_text:N", "Reported by the developer"))] + [
            alt.Tooltip("times_llama_7b:Q", title="× LLaMA 7B (estimate)", format=".1f")],
    ).add_params(pick)
    first = base.transform_filter(alt.datum.series == SERIES[0])
    left = alt.FieldOneOfPredicate("model", LEFT)
    labels = [first.transform_filter(f).mark_text(align=a, dx=dx, dy=-2, fontSize=11).encode(x=x, y=y, text="label:N")
              for f, a, dx in ((~left, "left", 9), (left, "right", -9))]
    return alt.layer(_theme.essay_rule(base), points, *labels)
