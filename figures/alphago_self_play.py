"""Self-play alone took AlphaGo Zero far past every human-trained AlphaGo

On DeepMind's own Elo scale, AlphaGo Zero, which learned only by playing itself, reached
{zero:,.0f}: {zero_lee:,.0f} points above the version that beat Lee Sedol {months} months
earlier and {zero_master:,.0f} above AlphaGo Master, which started from human games. Go is a
closed game with a perfect simulator and a clear win signal, which is exactly what open-ended
tasks lack. The ratings are the papers' internal scale, not official ones; the human line is
from a different list and is a rough guide only.
"""
import altair as alt
import pandas as pd

from figures import _theme

DATA = ("alphago_elo",)
ALT = ("Dot chart of Elo rating against the date of each AlphaGo version's landmark match or "
       "paper, {first} to {last}. Versions trained on human games then self-play rise "
       "from {fan:,.0f} (AlphaGo Fan) to {lee:,.0f} (AlphaGo Lee) and {master:,.0f} (AlphaGo Master). "
       "Self-play-only AlphaGo Zero reaches {zero20:,.0f} with 20 blocks and {zero:,.0f} with 40 blocks. "
       "A dashed line marks the top-rated human, Ke Jie, at {human:,.0f} on goratings.org, a different scale.")

COLORS = ["human games + self-play", "self-play only"]
SERIES_NAMES = {"human games + self-play": "Human games + self-play", "self-play only": "Self-play only"}


# The Chinese edition (issue 9): the docstring's and ALT's twins, and the chart's labels.
ZH_DOC = """仅靠自我对弈，AlphaGo Zero 就远远超越了所有借助人类棋谱训练的 AlphaGo

按 DeepMind 自己的 Elo 标尺，只通过自我对弈学习的 AlphaGo Zero 达到了 {zero:,.0f} 分：
比 {months} 个月前击败李世石的版本高 {zero_lee:,.0f} 分，比从人类棋谱起步的 AlphaGo Master 高 {zero_master:,.0f} 分。
围棋是一个封闭的游戏，有完美的模拟器和明确的胜负信号，而这正是开放式任务所缺少的。
这些等级分是论文的内部标尺，并非官方等级分；人类那条线来自另一份榜单，只能作粗略参考。
"""
ZH_ALT = ("点图：纵轴为 Elo 等级分，横轴为 AlphaGo 各版本标志性对局或论文的日期，{first!z}至{last!z}。"
          "先学人类棋谱、再自我对弈的版本从 {fan:,.0f}（AlphaGo Fan）升到 {lee:,.0f}（AlphaGo Lee）和 "
          "{master:,.0f}（AlphaGo Master）。只靠自我对弈的 AlphaGo Zero 用 20 个残差块时达到 {zero20:,.0f}，"
          "用 40 个残差块时达到 {zero:,.0f}。一条虚线标出等级分最高的人类棋手柯洁：他在 goratings.org 上为 "
          "{human:,.0f}，那是另一套标尺。")
LABELS = {
    "Human games + self-play": "人类棋谱 + 自我对弈", "Self-play only": "仅自我对弈",
    "human games + self-play": "人类棋谱 + 自我对弈", "self-play only": "仅自我对弈", "human player": "人类棋手",
    "Date of landmark match or paper": "标志性对局或论文的日期",
    "Elo rating (DeepMind's internal scale)": "Elo 等级分（DeepMind 内部标尺）",
    "%b %Y": "%Y年%-m月", "%-d %B %Y": "%Y年%-m月%-d日",
    "Top-rated human, Ke Jie (goratings.org, other scale)": "等级分最高的人类棋手柯洁（goratings.org，另一套标尺）",
    "Zero, 20 blocks": "Zero，20 个残差块", "Zero, 40 blocks": "Zero，40 个残差块",
    "Player": "棋手", "Elo": "Elo 等级分", "Trained on": "训练来源", "Landmark": "标志性事件", "Date": "日期",
    "Scale": "标尺",
    "AlphaGo Zero (20 blocks, 3 days)": "AlphaGo Zero（20 个残差块，训练 3 天）",
    "AlphaGo Zero (40 blocks, 40 days)": "AlphaGo Zero（40 个残差块，训练 40 天）",
    "Ke Jie (top-rated human)": "柯洁（等级分最高的人类棋手）",
    "5-0 against Fan Hui (European champion, 2-dan pro), London, 5-9 Oct 2015":
        "以 5:0 战胜樊麾（欧洲冠军，职业二段），伦敦，2015年10月5日至9日",
    "4-1 against Lee Sedol, Seoul, 9-15 Mar 2016": "以 4:1 战胜李世石，首尔，2016年3月9日至15日",
    "60-0 against top professionals in online games, 29 Dec 2016 - Jan 2017":
        "在网络对局中以 60:0 战胜顶尖职业棋手，2016年12月29日至2017年1月",
    "100-0 against AlphaGo Lee after 72 h of training (2 h time controls); published 18 Oct 2017":
        "训练 72 小时后以 100:0 战胜 AlphaGo Lee（每方用时 2 小时）；2017年10月18日发表",
    "89-11 against AlphaGo Master (2 h time controls); published 18 Oct 2017":
        "以 89:11 战胜 AlphaGo Master（每方用时 2 小时）；2017年10月18日发表",
    "No. 1 on goratings.org right after the Lee Sedol match": "AlphaGo 与李世石的对局刚结束时，位列 goratings.org 第一",
    "DeepMind internal Elo (BayesElo; Nature 2017 Fig. 6b), anchored to Silver et al. 2016 and grounded by the "
    "Fan Hui and Lee Sedol matches":
        "DeepMind 内部 Elo（BayesElo；Nature 2017 年论文图 6b），以 Silver 等人 2016 年的论文为基准，"
        "并以对樊麾、李世石的对局校准",
    "DeepMind internal Elo as quoted by Sutton & Barto (2018); the Nature paper plots this player (Fig. 3a) "
    "but its text gives no number":
        "Sutton 与 Barto（2018）引用的 DeepMind 内部 Elo；Nature 论文在图 3a 中画出了这个棋手，但正文没有给出数值",
    "goratings.org rating list of professional players: a DIFFERENT scale from DeepMind's; for orientation only":
        "goratings.org 职业棋手等级分榜：与 DeepMind 的标尺不同，仅供参考",
}

def facts(df: pd.DataFrame) -> dict:
    from pipeline import dates
    from figures import _values_alphago as v
    e = df.set_index("id").elo
    return {"zero": v.alphago_zero_elo(df), "zero_lee": v.alphago_zero_lee_diff(df),
            "zero_master": v.alphago_zero_master_diff(df), "months": v.alphago_months_lee_to_zero(df),
            "fan": e["alphago-fan"], "lee": e["alphago-lee"], "master": e["alphago-master"],
            "zero20": e["alphago-zero-20b"], "human": v.alphago_top_human_elo(df),
            "first": dates.fmt(df.date.min(), "month"), "last": dates.fmt(df.date.max(), "month")}


def table(df: pd.DataFrame) -> pd.DataFrame:
    """One row per player: an AlphaGo version, or the top-rated human as a reference."""
    return df.assign(series=df.trained_on.map(SERIES_NAMES).fillna("Top-rated human (goratings.org)"),
                     label=df.system.str.replace(r" \(.*\)$", "", regex=True)
                     .where(~df.id.str.startswith("alphago-zero"),
                            df.system.str.replace(r"AlphaGo Zero \((\d+) blocks.*", r"Zero, \1 blocks", regex=True))
                     )[["id", "system", "label", "kind", "series", "trained_on", "date", "elo",
                        "elo_scale", "landmark", "source_url"]]


def chart(table: pd.DataFrame) -> alt.Chart:
    # a CSV read gives the dates as ISO text: plot them as dates again (the values plotted are the
    # same either way, and Altair names the views from the table's text)
    table = table.assign(date=lambda t: pd.to_datetime(t.date))
    pick = alt.selection_point(fields=["series"], bind="legend")
    x = alt.X("date:T", title="Date of landmark match or paper",
              scale=alt.Scale(domain=["2015-07-01", "2018-03-01"]),
              axis=alt.Axis(format="%b %Y", tickCount=6))
    y = alt.Y("elo:Q", title="Elo rating (DeepMind's internal scale)", scale=alt.Scale(domain=[2800, 5400]),
              axis=alt.Axis(format=",d"))
    tips = [alt.Tooltip("system:N", title="Player"), alt.Tooltip("elo:Q", title="Elo", format=",d"),
            alt.Tooltip("trained_on:N", title="Trained on"), alt.Tooltip("landmark:N", title="Landmark"),
            alt.Tooltip("date:T", title="Date", format="%-d %B %Y"), alt.Tooltip("elo_scale:N", title="Scale")]
    progs = alt.Chart(table).transform_filter(alt.datum.kind == "program")
    human = alt.Chart(table).transform_filter(alt.datum.kind == "human reference")
    rule = human.mark_rule(strokeDash=[5, 4], color="#8a939e").encode(y=y, tooltip=tips)
    rule_label = human.mark_text(align="right", dx=-4, dy=12, color=_theme.MUTED["light"]).encode(
        x=alt.value("width"), y=y, text=alt.value("Top-rated human, Ke Jie (goratings.org, other scale)"))
    dots = progs.mark_point(size=110).encode(
        x=x, y=y, color=alt.Color("series:N", title=None, scale=alt.Scale(domain=[SERIES_NAMES[c] for c in COLORS]),
                            legend=alt.Legend(columns=2)),
        opacity=alt.condition(pick, alt.value(1), alt.value(0.2)), tooltip=tips).add_params(pick)
    early = alt.datum.date < alt.expr.utc(2017, 5, 1)  # labels right of early dots, left of late ones
    text = dict(x=x, y=y, text="label:N", opacity=alt.condition(pick, alt.value(1), alt.value(0.2)))
    right = progs.transform_filter(early).mark_text(align="left", dx=10).encode(**text)
    left = progs.transform_filter(~early).mark_text(align="right", dx=-10).encode(**text)
    return alt.layer(rule, rule_label, dots, right, left)
