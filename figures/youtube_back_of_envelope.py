"""Transcribing all of YouTube would not match Llama 3's training data

A back-of-the-envelope estimate. YouTube holds about {minutes:,.0f} billion minutes of video. If
{speech:.0%} of it carries usable speech at {wpm:.0f} words a minute and {tpw:.2f} tokens a word, the
transcripts come to about {before:,.1f} trillion tokens; keeping {kept:.0%} after deduplication and quality
filtering leaves about {after:,.0f} billion, {share:.0%} of the {llama:,.0f} trillion tokens Llama 3 was
trained on. The share with speech and the share kept are illustrations within the bounds the essay
states; move the sliders to try other assumptions. Log scale.
"""
import altair as alt
import pandas as pd

DATA = ("youtube_estimate", "language_models")
ALT = ("Horizontal bar chart on a logarithmic axis with one bar per step of the estimate: {minutes:,.0f} billion "
       "minutes of video, {speech_min:,.1f} billion minutes with speech, {words:,.1f} trillion words, {before:,.1f} "
       "trillion tokens and {after:,.0f} billion tokens after filtering, and below them Llama 3's {llama:,.0f} "
       "trillion training tokens. Sliders change the share with speech, words per minute, tokens per word and "
       "the share kept, and the bars follow.")

STAGES = ["All video", "With usable speech", "Words spoken", "Tokens transcribed", "Kept after filtering",
          "Llama 3 training set"]
KINDS = ["Step of the YouTube estimate", "Usable YouTube tokens", "Llama 3 training set"]
SHORT = ("v >= 1e12 ? format(v / 1e12, ',.3~r') + ' trillion' : v >= 1e9 ? format(v / 1e9, ',.3~r') + ' billion'"
         " : format(v / 1e6, ',.3~r') + ' million'").replace("v", "datum.value")
AXIS = "datum.value >= 1e12 ? format(datum.value / 1e12, ',') + 'T' : format(datum.value / 1e9, ',') + 'B'"


# The Chinese edition (issue 9): the docstring's and ALT's twins, and the chart's labels.
ZH_DOC = """把 YouTube 全部转写成文字，也赶不上 Llama 3 的训练数据

一个粗略的估算。YouTube 上约有 {minutes!b} 分钟视频。假设其中 {speech:.0%} 含有可用的语音，
语速为每分钟 {wpm:.0f} 个词，每个词合 {tpw:.2f} 个词元，转写稿约有 {before:,.1f}万亿 词元；
去重和质量过滤后保留 {kept:.0%}，剩下约 {after!b} 词元，
只有 Llama 3 训练所用 {llama:,.0f}万亿 词元的 {share:.0%}。含语音的比例和保留的比例是示意值，
在原文给出的范围之内；拖动滑块可以试试别的假设。横轴为对数刻度。
"""
ZH_ALT = ("横向条形图，对数坐标轴，估算的每一步对应一根条形：{minutes!b} 分钟视频，其中 {speech_min!b} 分钟"
          "含语音，{words:,.1f}万亿 个词，{before:,.1f}万亿 词元，过滤后剩 {after!b} 词元；最下面是 Llama 3 的 "
          "{llama:,.0f}万亿 训练词元。滑块可以调整含语音的比例、每分钟词数、每词词元数和保留的比例，"
          "条形随之变化。")
LABELS = {
    # the stage names (data in the column 'name')
    "All video": "全部视频", "With usable speech": "含可用语音", "Words spoken": "说出的词",
    "Tokens transcribed": "转写所得词元", "Kept after filtering": "过滤后保留", "Llama 3 training set": "Llama 3 训练集",
    "Step of the YouTube estimate": "YouTube 估算的各步", "Usable YouTube tokens": "可用的 YouTube 词元",
    "Amount: minutes, words or tokens (log scale)": "数量：分钟、词或词元（对数刻度）",
    "Step": "步骤", "Amount": "数量", "Share of Llama 3's tokens": "占 Llama 3 词元的比例",
    # units (data values, and quoted in the bars' expressions: datum.unit == 'tokens'); the Chinese amounts
    # take them without a space: 7480亿个词元
    "minutes": "分钟", "words": "个词", "tokens": "个词元",
    # the bars' texts: ... + ' (' + share + ' of Llama 3)'
    " (": "（占 Llama 3 的 ", " of Llama 3)": "）",
    # slider labels (bind names)
    "Share with usable speech: ": "含可用语音的比例：", "Words per minute: ": "每分钟词数：",
    "Tokens per word: ": "每词词元数：", "Share kept after filtering: ": "过滤后保留的比例：",
}
# Pieces of the chart's expressions that Chinese computes differently: amounts in 万, 亿 and 万亿
# (7480亿个词元, not 748 billion tokens), with no space before the unit; the axis likewise (1000亿, 1万亿)
ZH_EXPR = {
    "datum.value >= 1e12 ? format(datum.value / 1e12, ',.3~r') + ' trillion' : datum.value >= 1e9 ? format(datum.value / 1e9, ',.3~r') + ' billion' : format(datum.value / 1e6, ',.3~r') + ' million'":
        "datum.value >= 1e12 ? format(datum.value / 1e12, '.3~r') + '万亿' : datum.value >= 1e8 ? format(datum.value / 1e8, '.3~r') + '亿' : format(datum.value / 1e4, '.3~r') + '万'",
    ") + ' ' + datum.unit":
        ') + datum.unit',
    "datum.value >= 1e12 ? format(datum.value / 1e12, ',') + 'T' : format(datum.value / 1e9, ',') + 'B'":
        "datum.value >= 1e12 ? format(datum.value / 1e12, '') + '万亿' : format(datum.value / 1e8, '') + '亿'",
}

def facts(est: pd.DataFrame, models: pd.DataFrame) -> dict:
    from figures import _values_youtube as v
    d, s = v.defaults(est), v.stages(est)
    return {"minutes": s[0] / 1e9, "speech": d["share-with-speech"], "wpm": d["words-per-minute"],
            "tpw": d["tokens-per-word"], "kept": d["share-kept"], "speech_min": s[1] / 1e9, "words": s[2] / 1e12,
            "before": s[3] / 1e12, "after": s[4] / 1e9, "llama": v.llama3_tokens(models) / 1e12,
            "share": v.youtube_share_of_llama3(est, models)}


def table(est: pd.DataFrame, models: pd.DataFrame) -> pd.DataFrame:
    """One row per bar (a step of the estimate, or Llama 3's training set), then one per assumption behind the steps."""
    from figures import _values_youtube as v
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
