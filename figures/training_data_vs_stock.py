"""The chart of figure training-data-vs-stock: its data, table and chart (its words: training_data_vs_stock.yml)."""
import altair as alt
import pandas as pd

from pipeline import chart_theme as _theme

DATA = ("language_models", "text_stock")

SERIES = ["Training set of a model (text tokens)", "Stock of public human text (90% interval)",
          "Projected year training sets reach it",
          "Training set of text, images and video (not comparable with the stock of text)"]
# Like with like: only text-token counts are compared with the stock of text. A count the
# source gives for text, images and video together (training_data = multimodal) is drawn apart, with
# an open mark, and enters no sum, share or "largest" of the caption and claims.
LABELLED = ["chinchilla", "llama-3-8b", "llama-4-scout"]  # labelled left of the point
RIGHT = ["gpt-3", "deepseek-v4-pro"]  # labelled right of the point
WORDS = lambda n: (f"{float(f'{n / 1e12:.3g}'):,g} trillion" if n >= 1e12  # noqa: E731  3e11 -> "300 billion"
                   else f"{float(f'{n / 1e9:.3g}'):,g} billion")
TOKENS = ("datum.value >= 1e12 ? format(datum.value / 1e12, ',') + 'T' : format(datum.value / 1e9, ',') + 'B'")


def facts(models: pd.DataFrame, stock: pd.DataFrame) -> dict:
    from argument import values_stock as v
    m = v.text_training_sets(models)  # like with like: text tokens only
    first, top = m.sort_values(["year", "training_tokens"]).iloc[0], v.largest_training_set(m)
    yr = v.row(stock, "full-use-year")
    return {"stock": v.stock_central_trillion(stock), "low": v.stock_low_trillion(stock),
            "high": v.stock_high_trillion(stock), "n": len(m),
            "first_t": first.training_tokens / 1e12, "first_model": first.model, "first_year": first.year,
            "top_t": top.training_tokens / 1e12, "top_model": top.model, "top_year": top.year,
            "top_share": v.stock_largest_share(stock, models), "year": yr.central, "y_lo": yr.low, "y_hi": yr.high}


def table(models: pd.DataFrame, stock: pd.DataFrame) -> pd.DataFrame:
    """One row per plotted item: a model's training set, the stock-of-text band, or the projected-year band."""
    from pipeline import dates
    m = models.dropna(subset=["training_tokens"])
    pts = pd.DataFrame({"series": m.training_data.map({"text": SERIES[0], "multimodal": SERIES[3]}), "label": m.model, "date": m.release_date.fillna(
        pd.to_datetime(m.year.astype(str) + "-07-01")), "tokens": m.training_tokens.astype(float),
        "developer": m.developer, "source_url": m.source_url})
    pts["text"] = m.model.where(m.id.isin(LABELLED), "")
    pts["text_right"] = m.model.where(m.id.isin(RIGHT), "")
    pts["released"] = m.release_date.map(lambda d: None if pd.isna(d) else dates.fmt(d)).fillna(m.year.astype(str) + " (day unknown)")
    pts["amount"] = pts.tokens.map(WORDS) + " tokens"
    s, y = stock.set_index("id").loc["effective-stock"], stock.set_index("id").loc["full-use-year"]

    def year(x):  # a projected year is placed at mid-year
        return pd.Timestamp(f"{x:.0f}-07-01")

    band = pd.DataFrame([
        {"series": SERIES[1], "label": s.estimate, "tokens": s.central, "low": s.low, "high": s.high,
         "amount": WORDS(s.central) + " tokens", "low_text": WORDS(s.low) + " tokens", "high_text": WORDS(s.high)
         + " tokens", "text": f"Stock of public human text: ~{WORDS(s.central)} tokens", "source_url": s.source_url},
        {"series": SERIES[2], "label": y.estimate, "date": year(y.central), "date_low": year(y.low),
         "date_high": year(y.high), "text": f"Median {y.central:.0f}", "source_url": y.source_url}])
    return pd.concat([pts, band], ignore_index=True)


def chart(table: pd.DataFrame) -> alt.Chart:
    # a CSV read turns a model's empty labels into NaN: plot them as before
    model = table.series.isin([SERIES[0], SERIES[3]])  # text and multimodal models alike
    table = table.assign(**{c: table[c].where(~model | table[c].notna(), "") for c in ("text", "text_right")})
    color = alt.Color("series:N", title=None, scale=alt.Scale(domain=SERIES),
                      legend=alt.Legend(symbolOpacity=0.7, columns=2))
    x = alt.X("date:T", title="Release date", axis=alt.Axis(format="%Y", tickCount="year"),
              scale=alt.Scale(domain=["2019-07-01", "2033-01-01"]))
    yenc = alt.Y("tokens:Q", title="Training tokens (log scale)", scale=alt.Scale(type="log", domain=[1e11, 2e15]),
                 axis=alt.Axis(values=[1e11, 1e12, 1e13, 1e14, 1e15], labelExpr=TOKENS))
    base = alt.Chart(table)

    def on(i):
        return base.transform_filter(alt.datum.series == SERIES[i])

    def tip(*t):
        return [alt.Tooltip("label:N", title="What"), *t, alt.Tooltip("source_url:N", title="Source")]

    stock_band = on(1).mark_rect(opacity=0.18).encode(
        y=alt.Y("low:Q"), y2="high:Q", color=color, tooltip=tip(
            alt.Tooltip("amount:N", title="Central estimate"), alt.Tooltip("low_text:N", title="Low, 90% interval"),
            alt.Tooltip("high_text:N", title="High, 90% interval")))
    stock_line = on(1).mark_rule(strokeDash=[6, 3]).encode(y="tokens:Q", color=color)
    stock_text = on(1).mark_text(align="left", x=6, dy=-8).encode(y="tokens:Q", text="text:N")
    year_band = on(2).mark_rect(opacity=0.14).encode(
        x=alt.X("date_low:T"), x2="date_high:T", color=color, tooltip=tip(
            alt.Tooltip("date:T", title="Median year", format="%Y"),
            alt.Tooltip("date_low:T", title="Earliest", format="%Y"),
            alt.Tooltip("date_high:T", title="Latest", format="%Y")))
    year_line = on(2).mark_rule(strokeDash=[6, 3]).encode(x="date:T", color=color)
    year_text = on(2).mark_text(align="left", dx=5, y=12).encode(x="date:T", text="text:N")
    point_tip = tip(alt.Tooltip("developer:N", title="Developer"), alt.Tooltip("released:N", title="Released"),
                    alt.Tooltip("amount:N", title="Training data"))
    points = on(0).mark_point(size=70, filled=True).encode(x=x, y=yenc, color=color, tooltip=point_tip)
    other = on(3).mark_point(size=70, shape="diamond", strokeWidth=1.5).encode(x=x, y=yenc, color=color,
                                                                                tooltip=point_tip)
    labels = base.transform_filter((alt.datum.series == SERIES[0]) | (alt.datum.series == SERIES[3])).mark_text(align="right", dx=-8, dy=-6, fontSize=11).encode(x=x, y=yenc, text="text:N")
    labels_right = on(0).mark_text(align="left", dx=8, dy=-6, fontSize=11).encode(
        x=x, y=yenc, text="text_right:N")
    return alt.layer(_theme.essay_rule(base, side="left"), stock_band, year_band, stock_line, year_line, points, other, labels, labels_right,
                     stock_text, year_text)
