"""The chart of figure tokens-per-parameter: its data, table and chart (its words: tokens_per_parameter.yml)."""
import altair as alt
import pandas as pd

from pipeline import chart_theme as _theme

DATA = ("language_models",)

WEIGHTS = ["Open weights", "Closed weights"]
LABELLED = ["gpt-3", "palm-540b", "qwen2-5-7b", "deepseek-v3", "gemma-3-270m"]
LEFT = ["gopher", "llama-7b", "llama-3-8b"]  # labelled on the left of the point, to avoid collisions
BELOW = ["kimi-k2"]  # labelled below and right of the point (DeepSeek-V3's label is above it)


def facts(models: pd.DataFrame) -> dict:
    from argument import values_models as v
    m = models.assign(tpp=v.tokens_per_param(models)).dropna(subset=["tpp"])
    chin = m.set_index("id").loc["chinchilla"]
    ratio = v.compute_optimal_ratio(models)
    after = m[m.release_date.fillna(pd.to_datetime(m.year.astype(str) + "-07-01")) > chin.release_date]
    return {"ratio": ratio, "gpt3": v.gpt3_tokens_per_param(models),
            "gopher": m.set_index("id").tpp["gopher"], "llama3": v.llama3_8b_tokens_per_param(models),
            "llama3_x": v.llama3_8b_times_optimal(models), "n": len(m),
            "first_year": m.year.min(), "last_year": m.year.max(),
            "n_after": len(after), "n_above": int((after.tpp > ratio).sum()),
            "top_model": m.loc[m.tpp.idxmax(), "model"], "top": m.tpp.max()}


def table(models: pd.DataFrame) -> pd.DataFrame:
    """One row per language model with a known training-set size: its tokens per parameter and labels."""
    from argument import values_models as v
    from pipeline import dates
    t = models[models.training_tokens.notna() & (models.training_data == "text")].copy()  # like with like
    t["tokens_per_parameter"] = v.tokens_per_param(t)
    t["plot_date"] = t.release_date.fillna(pd.to_datetime(t.year.astype(str) + "-07-01"))
    t["released"] = t.release_date.map(lambda d: None if pd.isna(d) else dates.fmt(d)).fillna(t.year.astype(str) + " (day unknown)")
    t["parameters_text"] = t.parameters.map(_theme.in_words)
    t["active_text"] = t.active_parameters.map(lambda a: "dense model (all active)" if pd.isna(a) else _theme.in_words(a))
    t["tokens_text"] = t.training_tokens.map(lambda n: _theme.in_words(n) + " tokens")
    t["weights"] = t.open_weights.map({True: WEIGHTS[0], False: WEIGHTS[1]})
    t["architecture"] = t.active_parameters.isna().map(
        {True: "Dense", False: "Mixture-of-experts (ratio uses total parameters)"})
    t["label"] = t.model.where(t.id.isin(LABELLED), "")
    t["label_left"] = t.model.where(t.id.isin(LEFT), "")
    t["label_below"] = t.model.where(t.id.isin(BELOW), "")
    t["reference"] = t.id == "chinchilla"
    return t[["id", "model", "developer", "released", "plot_date", "parameters", "active_parameters",
              "training_tokens", "parameters_text", "active_text", "tokens_text", "tokens_per_parameter", "weights",
              "architecture", "label", "label_left", "label_below", "reference",
              "source_url"]].astype({"parameters": float, "training_tokens": float})


def chart(table: pd.DataFrame) -> alt.Chart:
    table = table.fillna({"label": "", "label_left": "", "label_below": ""})  # a CSV read turns the empty labels into NaN
    pick = alt.selection_point(fields=["weights"], bind="legend")
    x = alt.X("plot_date:T", title="Release date", axis=alt.Axis(format="%Y", tickCount="year"),
              scale=alt.Scale(padding=12))
    y = alt.Y("tokens_per_parameter:Q", title="Training tokens per parameter (log scale)",
              scale=alt.Scale(type="log", domain=[0.5, 50000]),
              axis=alt.Axis(values=[1, 10, 100, 1000, 10000], labelExpr="format(datum.value, ',')"))
    base = alt.Chart(table)
    points = base.mark_point(size=70).encode(
        x=x, y=y, color=alt.Color("weights:N", title=None, scale=alt.Scale(domain=WEIGHTS),
                                  legend=alt.Legend(columns=1)),  # fixed columns: the legends fit 520 px
        shape=alt.Shape("architecture:N", title=None, scale=alt.Scale(
            domain=["Dense", "Mixture-of-experts (ratio uses total parameters)"], range=["circle", "diamond"]),
                          legend=alt.Legend(columns=1)),
        opacity=alt.condition(pick, alt.value(1), alt.value(0.15)),
        tooltip=[alt.Tooltip("model:N", title="Model"), alt.Tooltip("developer:N", title="Developer"),
                 alt.Tooltip("released:N", title="Released"),
                 alt.Tooltip("parameters_text:N", title="Parameters (total)"),
                 alt.Tooltip("active_text:N", title="Active parameters"),
                 alt.Tooltip("tokens_text:N", title="Training data"),
                 alt.Tooltip("tokens_per_parameter:Q", title="Tokens per parameter", format=",.1f")],
    ).add_params(pick)
    fade = alt.condition(pick, alt.value(1), alt.value(0.15))
    labels = base.mark_text(align="left", dx=7, dy=-7, fontSize=11).encode(x=x, y=y, text="label:N", opacity=fade)
    labels_left = base.mark_text(align="right", dx=-8, dy=4, fontSize=11).encode(
        x=x, y=y, text="label_left:N", opacity=fade)
    labels_below = base.mark_text(align="left", dx=7, dy=12, fontSize=11).encode(
        x=x, y=y, text="label_below:N", opacity=fade)
    rule = base.transform_filter(alt.datum.reference).mark_rule(strokeDash=[5, 4], color="#8a939e").encode(
        y="tokens_per_parameter:Q")
    # below the line at the left: clear of the labels above it (DeepSeek-V3) at every width
    rule_text = base.transform_filter(alt.datum.reference).transform_calculate(
        txt="'Compute-optimal (Chinchilla): ' + format(datum.tokens_per_parameter, '.0f') + ' tokens per parameter'"
    ).mark_text(align="left", baseline="top", x=4, dy=6, color=_theme.MUTED["light"], fontSize=11).encode(
        y="tokens_per_parameter:Q", text="txt:N")
    return alt.layer(_theme.essay_rule(base, side="left"), rule, rule_text, points, labels, labels_left, labels_below)
