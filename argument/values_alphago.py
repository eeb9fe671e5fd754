"""Numbers about the AlphaGo line quoted in the prose (data/alphago_elo.csv)."""
import pandas as pd

from pipeline.values import value

AG = ("alphago_elo",)


def _row(df: pd.DataFrame, id_: str) -> pd.Series:
    return df.loc[df.id == id_].iloc[0]


def _zero(df):
    """The strongest self-play-only program (AlphaGo Zero, 40 blocks)."""
    progs = df[df.trained_on == "self-play only"]
    return progs.loc[progs.elo.idxmax()]


@value("alphago-zero-elo", AG, "{:,.0f}", "Elo")
def alphago_zero_elo(df):
    return _zero(df).elo


@value("alphago-lee-elo", AG, "{:,.0f}", "Elo")
def alphago_lee_elo(df):
    return _row(df, "alphago-lee").elo


@value("alphago-master-elo", AG, "{:,.0f}", "Elo")
def alphago_master_elo(df):
    return _row(df, "alphago-master").elo


@value("alphago-zero-lee-diff", AG, "{:,.0f}", "Elo")
def alphago_zero_lee_diff(df):
    return _zero(df).elo - _row(df, "alphago-lee").elo


@value("alphago-zero-master-diff", AG, "{:,.0f}", "Elo")
def alphago_zero_master_diff(df):
    return _zero(df).elo - _row(df, "alphago-master").elo


@value("alphago-months-lee-to-zero", AG, "{}", "months")
def alphago_months_lee_to_zero(df):
    a, b = _row(df, "alphago-lee").date, _zero(df).date
    return (b.year - a.year) * 12 + (b.month - a.month)


@value("alphago-zero-win-vs-lee-pct", AG, "{:.2f}", "%")
def alphago_zero_win_vs_lee_pct(df):
    """Expected score of AlphaGo Zero against AlphaGo Lee implied by the Elo gap (logistic, 400)."""
    return 100 / (1 + 10 ** (-alphago_zero_lee_diff(df) / 400))


@value("alphago-top-human-elo", AG, "{:,.0f}", "Elo")
def alphago_top_human_elo(df):
    """Top-rated human (goratings.org, a different scale), March 2016."""
    return df[df.kind == "human reference"].elo.max()
