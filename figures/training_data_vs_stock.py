"""Training sets are closing in on the stock of public human text

Epoch AI estimates the effective stock of quality-adjusted public human-generated text at about
{stock:,.0f} trillion tokens ({low:,.0f} to {high:,.0f} trillion, 90% interval). Training sets grew from
{first_t:,.1f} trillion tokens for {first_model} in {first_year} to {top_t:,.0f} trillion for {top_model}
in {top_year}, {top_share:.0%} of the central estimate. If trends continue, Epoch projects training sets
will match the stock around {year:.0f} (range {y_lo:.0f}–{y_hi:.0f}). Log scale.
"""
import altair as alt
import pandas as pd

from figures import _theme

DATA = ("language_models", "text_stock")
ALT = ("Scatter chart of the training-set size of {n} language models, in tokens on a logarithmic axis, against "
       "release date, {first_year} to {top_year}, rising from {first_t:,.1f} trillion tokens ({first_model}) to "
       "{top_t:,.0f} trillion ({top_model}). A shaded horizontal band from {low:,.0f} to {high:,.0f} trillion tokens, "
       "with a line at {stock:,.0f} trillion, marks Epoch AI's estimate of the stock of public human text. A shaded "
       "vertical band from {y_lo:.0f} to {y_hi:.0f}, with a line at {year:.0f}, marks when training sets are "
       "projected to reach it.")

SERIES = ["Training set of a model (text tokens)", "Stock of public human text (90% interval)",
          "Projected year training sets reach it",
          "Training set of text, images and video (not comparable with the stock of text)"]
# Like with like (issue 17): only text-token counts are compared with the stock of text. A count the
# source gives for text, images and video together (training_data = multimodal) is drawn apart, with
# an open mark, and enters no sum, share or "largest" of the caption and claims.
LABELLED = ["chinchilla", "llama-3-8b", "llama-4-scout"]  # labelled left of the point
RIGHT = ["gpt-3", "deepseek-v4-pro"]  # labelled right of the point
WORDS = lambda n: (f"{float(f'{n / 1e12:.3g}'):,g} trillion" if n >= 1e12  # noqa: E731  3e11 -> "300 billion"
                   else f"{float(f'{n / 1e9:.3g}'):,g} billion")
TOKENS = ("datum.value >= 1e12 ? format(datum.value / 1e12, ',') + 'T' : format(datum.value / 1e9, ',') + 'B'")


# The Chinese edition (issue 9): the docstring's and ALT's twins, and the chart's labels.
ZH_DOC = """训练集正在逼近公开人类文本的存量

Epoch AI 估计，经质量调整后，公开的人类生成文本的有效存量约为 {stock!t} 词元（90% 区间
为 {low!t} 至 {high!t}）。训练集从 {first_year} 年 {first_model} 的 {first_t!t} 词元，增长
到 {top_year} 年 {top_model} 的 {top_t!t} 词元，相当于中值估计的 {top_share:.0%}。Epoch 预测，如果趋势持续，
训练集的规模将在 {year:.0f} 年前后追平这一存量（区间为 {y_lo:.0f}–{y_hi:.0f} 年）。纵轴为对数刻度。
"""
ZH_ALT = ("散点图：纵轴为 {n} 个语言模型的训练集规模（词元数，对数刻度），横轴为发布日期，{first_year} 年至 "
          "{top_year} 年，从 {first_t!t} 词元（{first_model}）增长到 {top_t!t} 词元（{top_model}）。一条从 {low!t} "
          "到 {high!t} 词元的水平阴影带，连同位于 {stock!t} 词元的一条线，表示 Epoch AI 对公开人类文本存量的估计。"
          "一条从 {y_lo:.0f} 年到 {y_hi:.0f} 年的竖直阴影带，连同位于 {year:.0f} 年的一条线，表示训练集预计追平"
          "这一存量的时间。")
LABELS = {
    "Training set of a model (text tokens)": "模型的训练集（文本词元）",
    "Training set of text, images and video (not comparable with the stock of text)":
        "文本、图像与视频合计的训练集（不能与文本存量相比）",
    "Stock of public human text (90% interval)": "公开人类文本存量（90% 区间）",
    "Projected year training sets reach it": "训练集预计追平存量的年份",
    "Release date": "发布日期", "Training tokens (log scale)": "训练词元数（对数刻度）",
    # the x domain's end a day earlier: no 2033 tick, which in the wider CJK digits ran into 2032
    "2033-01-01": "2032-12-31",
    "What": "项目", "Source": "来源", "Developer": "开发者", "Released": "发布日期", "Training data": "训练数据",
    "Central estimate": "中值估计", "Low, 90% interval": "90% 区间下限", "High, 90% interval": "90% 区间上限",
    "Median year": "中位年份", "Earliest": "最早", "Latest": "最晚",
    # the two bands' descriptions and texts (table() makes them from text_stock)
    "Effective stock of quality-adjusted public human-generated text (indexed web), 2024":
        "经质量调整的公开人类生成文本有效存量（已索引网页），2024 年",
    "Year in which training sets reach the effective stock if current trends continue (median and range)":
        "若当前趋势持续，训练集追平有效存量的年份（中位数与区间）",
    "Stock of public human text: ~300 trillion tokens": "公开人类文本存量：约 300万亿 词元",
    "Median 2028": "中位数：2028 年",
}
# Pieces of the chart's expressions that Chinese computes differently: the token axis in 亿 and 万亿
# (1000亿, 1万亿, 10万亿 ...), not in billions and trillions
ZH_EXPR = {
    "datum.value >= 1e12 ? format(datum.value / 1e12, ',') + 'T' : format(datum.value / 1e9, ',') + 'B'":
        "datum.value >= 1e12 ? format(datum.value / 1e12, '') + '万亿' : format(datum.value / 1e8, '') + '亿'",
}

def facts(models: pd.DataFrame, stock: pd.DataFrame) -> dict:
    from figures import _values_stock as v
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
    year = lambda x: pd.Timestamp(f"{x:.0f}-07-01")  # a projected year is placed at mid-year
    band = pd.DataFrame([
        {"series": SERIES[1], "label": s.estimate, "tokens": s.central, "low": s.low, "high": s.high,
         "amount": WORDS(s.central) + " tokens", "low_text": WORDS(s.low) + " tokens", "high_text": WORDS(s.high)
         + " tokens", "text": f"Stock of public human text: ~{WORDS(s.central)} tokens", "source_url": s.source_url},
        {"series": SERIES[2], "label": y.estimate, "date": year(y.central), "date_low": year(y.low),
         "date_high": year(y.high), "text": f"Median {y.central:.0f}", "source_url": y.source_url}])
    return pd.concat([pts, band], ignore_index=True)


def chart(table: pd.DataFrame) -> alt.Chart:
    # a CSV read turns a model's empty labels into NaN, and the dates into text: plot them as before
    model = table.series.isin([SERIES[0], SERIES[3]])  # text and multimodal models alike
    table = table.assign(**{c: table[c].where(~model | table[c].notna(), "") for c in ("text", "text_right")},
                         **{c: pd.to_datetime(table[c]) for c in ("date", "date_low", "date_high")})
    color = alt.Color("series:N", title=None, scale=alt.Scale(domain=SERIES),
                      legend=alt.Legend(symbolOpacity=0.7, columns=2))
    x = alt.X("date:T", title="Release date", axis=alt.Axis(format="%Y", tickCount="year"),
              scale=alt.Scale(domain=["2019-07-01", "2033-01-01"]))
    yenc = alt.Y("tokens:Q", title="Training tokens (log scale)", scale=alt.Scale(type="log", domain=[1e11, 2e15]),
                 axis=alt.Axis(values=[1e11, 1e12, 1e13, 1e14, 1e15], labelExpr=TOKENS))
    base = alt.Chart(table)
    on = lambda i: base.transform_filter(alt.datum.series == SERIES[i])
    tip = lambda *t: [alt.Tooltip("label:N", title="What"), *t, alt.Tooltip("source_url:N", title="Source")]
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
