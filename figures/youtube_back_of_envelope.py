"""The chart of figure youtube-back-of-envelope: its data, table and chart (its words: youtube_back_of_envelope.yml)."""
import altair as alt
import pandas as pd

DATA = ("youtube_estimate", "language_models")

STAGES = ["All video", "With usable speech", "Words spoken", "Tokens transcribed", "Kept after filtering",
          "Llama 3 training set"]
KINDS = ["Step of the YouTube estimate", "Usable YouTube tokens", "Llama 3 training set"]
SHORT = ("v >= 1e12 ? format(v / 1e12, ',.3~r') + ' trillion' : v >= 1e9 ? format(v / 1e9, ',.3~r') + ' billion'"
         " : format(v / 1e6, ',.3~r') + ' million'").replace("v", "datum.value")
AXIS = "datum.value >= 1e12 ? format(datum.value / 1e12, ',') + 'T' : format(datum.value / 1e9, ',') + 'B'"


def facts(est: pd.DataFrame, models: pd.DataFrame) -> dict:
    from argument import values_youtube as v
    d, s = v.defaults(est), v.stages(est)
    return {"minutes": s[0] / 1e9, "speech": d["share-with-speech"], "wpm": d["words-per-minute"],
            "tpw": d["tokens-per-word"], "kept": d["share-kept"], "speech_min": s[1] / 1e9, "words": s[2] / 1e12,
            "before": s[3] / 1e12, "after": s[4] / 1e9, "llama": v.llama3_tokens(models) / 1e12,
            "share": v.youtube_share_of_llama3(est, models)}


def table(est: pd.DataFrame, models: pd.DataFrame) -> pd.DataFrame:
    """One row per bar (a step of the estimate, or Llama 3's training set), then one per assumption behind the steps."""
    from argument import values_youtube as v
    llama = models.set_index("id").loc["llama-3-8b"]
    units = ["minutes", "minutes", "words", "tokens", "tokens", "tokens"]
    stages = pd.DataFrame({"row": "stage", "order": range(6), "name": STAGES, "unit": units,
                           "series": [KINDS[0]] * 4 + KINDS[1:],
                           "default_value": v.stages(est) + [v.llama3_tokens(models)],
                           "source_url": list(est.set_index("id").source_url[v.CHAIN]) + [llama.source_url]})
    assumptions = est.rename(columns={"assumption": "name", "value": "default_value", "min": "slider_min",
                                      "max": "slider_max", "step": "slider_step"}).assign(row="assumption")
    table = pd.concat([stages, assumptions.drop(columns=["note", "other_sources"])], ignore_index=True)
    table["llama3_tokens"] = v.llama3_tokens(models)
    table["order"] = table.order.astype("Int64")
    return table


def chart(table: pd.DataFrame) -> alt.Chart:
    assumptions = table[table.row == "assumption"].set_index("id")
    sliders = assumptions.dropna(subset=["slider_min"])
    params = {i: alt.param(name=i.replace("-", "_"), value=float(r.default_value), bind=alt.binding_range(
        min=float(r.slider_min), max=float(r.slider_max), step=float(r.slider_step), name=f"{r.slider_label}: "))
        for i, r in sliders.iterrows()}
    p = {i: q.name for i, q in params.items()}
    minutes = float(assumptions.default_value["total-minutes"])
    chain = [f"{minutes}", f"{p['share-with-speech']}", f"{p['words-per-minute']}", f"{p['tokens-per-word']}",
             f"{p['share-kept']}"]
    expr = " : ".join(f"datum.order == {k} ? {' * '.join(chain[:k + 1])}" for k in range(5)) + " : datum.default_value"
    bars = alt.Chart(table).transform_filter(alt.datum.row == "stage").transform_calculate(
        value=expr).transform_calculate(share_of_llama3="datum.value / datum.llama3_tokens",
                                        text=f"({SHORT}) + ' ' + datum.unit + (datum.order == 4 ? "
                                        "' (' + format(datum.share_of_llama3, '.1~%') + ' of Llama 3)' : '')",
                                        amount=f"({SHORT}) + ' ' + datum.unit", share="datum.unit == 'tokens' && "
                                        "datum.order < 5 ? format(datum.share_of_llama3, '.1~%') : '—'").encode(
        y=alt.Y("name:N", sort=STAGES, title=None),
        x=alt.X("value:Q", title="Amount: minutes, words or tokens (log scale)",
                axis=alt.Axis(values=[10.0 ** e for e in range(9, 16)], labelExpr=AXIS),
                scale=alt.Scale(type="log", domain=[1e9, 1e15], nice=False)))
    tip = [alt.Tooltip("name:N", title="Step"), alt.Tooltip("amount:N", title="Amount"),
           alt.Tooltip("share:N", title="Share of Llama 3's tokens")]
    bar = bars.mark_bar(height={"band": 0.7}).encode(
        x2=alt.datum(1e9), color=alt.Color("series:N", title=None, scale=alt.Scale(domain=KINDS),
                                            legend=alt.Legend(columns=2)), tooltip=tip)
    for q in params.values():
        bar = bar.add_params(q)
    text = bars.mark_text(align="left", dx=5).encode(text="text:N", tooltip=tip)
    return alt.layer(bar, text)
