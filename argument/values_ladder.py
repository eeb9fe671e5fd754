"""Numbers about the ladder of generality quoted in the prose (data/ladder_of_generality.csv).

Years are those of OUR dated example for each of Narayanan & Kapoor's rungs.
"""
from pipeline.values import value

LG = ("ladder_of_generality",)


def _dated(df):
    return df.dropna(subset=["year"]).sort_values("rung")


@value("ladder-rungs-dated", LG, "{}")
def ladder_rungs_dated(df):
    """Rungs with a dated example (the unknown rungs above are not counted)."""
    return len(_dated(df))


@value("ladder-first-year", LG, "{}")
def ladder_first_year(df):
    return int(_dated(df).year.min())


@value("ladder-last-year", LG, "{}")
def ladder_last_year(df):
    """Year of the latest rung's example (instruction-tuned models)."""
    return int(_dated(df).year.max())


@value("ladder-longest-flat-years", LG, "{}", "years")
def ladder_longest_flat_years(df):
    """Longest wait between two rungs, leaving out the wait after the bottom rung (whose date is arbitrary)."""
    return int(_dated(df).year.diff().iloc[2:].max())


@value("ladder-ml-to-dl-years", LG, "{}", "years")
def ladder_ml_to_dl_years(df):
    """Years from the machine-learning example to the deep-learning example."""
    d = _dated(df).set_index("rung_name")
    return int(d.loc["Deep learning", "year"] - d.loc["Machine learning", "year"])
