"""The shared look of every figure: fonts, colours, sizes, tooltips, title and source line.

Matches the site's typography (site/assets/site.css uses the same system font
stacks and the same palette). `finish()` is applied by the build, never by a
figure module, so a module stays a pure description of its chart.
"""
from __future__ import annotations

import re

import altair as alt

# Arial-metric fonts only. vl-convert draws with the pinned faces named first (fonts.lock.json,
# pipeline/fonts.py: Arimo, metric-compatible with Arial, and Noto Sans SC, subset and renamed), never
# with a system font; a browser, which has neither, draws with Arial or its metric twins at the same
# widths, so labels do not overflow the layout (system-ui fonts are wider on some systems).
FONT = '"Arimo ASM", "Noto Sans SC ASM", Arial, "Liberation Sans", Helvetica, "Noto Sans CJK SC", sans-serif'
WIDTH, HEIGHT = 640, 340

# Colour-blind-safe categorical palette (after Okabe & Ito), tuned for contrast
# on white (light) and on the site's dark background (dark).
PALETTE = {
    "light": ["#0b6e99", "#c4421a", "#6a7d00", "#8a3ffc", "#a06a00", "#7b8591"],
    "dark": ["#6cc4f0", "#ff8a65", "#b7cf4a", "#c5a3ff", "#f0b44c", "#8b949e"],
}
INK = {"light": "#1f2328", "dark": "#e6edf3"}
MUTED = {"light": "#59636e", "dark": "#9da7b3"}
GRID = {"light": "#e3e6ea", "dark": "#30363d"}
BACKGROUND = {"light": "#ffffff", "dark": "#1e2129"}

# Named colours for series that mean the same thing in every figure.
ACCENT = 0      # the series the figure is about
CONTRAST = 1    # a second series, or a highlighted point
CONTEXT = 5     # background context (greyed)


def colour(i: int, mode: str = "light") -> str:
    return PALETTE[mode][i]


def config(mode: str = "light") -> dict:
    ink, muted, grid = INK[mode], MUTED[mode], GRID[mode]
    return {
        "background": BACKGROUND[mode],
        "font": FONT,
        "padding": {"left": 4, "right": 12, "top": 4, "bottom": 4},
        "view": {"stroke": None, "continuousWidth": WIDTH, "continuousHeight": HEIGHT},
        "title": {"anchor": "start", "fontSize": 17, "fontWeight": 600, "color": ink,
                  "subtitleColor": muted, "subtitleFontSize": 12, "offset": 12},
        "axis": {"labelColor": muted, "titleColor": ink, "labelFontSize": 12, "titleFontSize": 12,
                 "titleFontWeight": 500, "gridColor": grid, "domainColor": muted, "tickColor": muted,
                 "labelFont": FONT, "titleFont": FONT},
        "legend": {"labelColor": ink, "titleColor": ink, "symbolFillColor": muted, "symbolStrokeColor": muted, "labelFontSize": 12, "titleFontSize": 12,
                   "orient": "top", "direction": "horizontal", "symbolStrokeWidth": 2,
                   "labelLimit": 320, "columnPadding": 14},
        "range": {"category": PALETTE[mode]},
        "line": {"strokeWidth": 2.25},
        "point": {"size": 48, "filled": True},
        "text": {"color": ink, "font": FONT, "fontSize": 12},
        "rule": {"color": muted},
    }


# The essay's date (pipeline/essay.py DATE: tests/test_record.py checks they agree), marked on every
# time axis that reaches it, so that "before" and "after" the essay show at a glance.
ESSAY_DATE = "2024-06-27"
ESSAY_LABEL = "Essay published"
LABELS_ZH = {ESSAY_LABEL: "文章发表"}  # merged under every figure's LABELS for the Chinese edition


def _year_fraction(day: str) -> float:
    """A date on an axis of years: its year plus the share of that year gone by."""
    import datetime

    d = datetime.date.fromisoformat(day)
    start, end = datetime.date(d.year, 1, 1), datetime.date(d.year + 1, 1, 1)
    return round(d.year + (d - start).days / (end - start).days, 3)


ESSAY_YEAR = _year_fraction(ESSAY_DATE)


def essay_rule(base: alt.Chart, years: bool = False, side: str = "right", scale=None) -> alt.LayerChart:
    """The essay's date as a dotted rule with its label: a layer over `base` (the figure's one table,
    reduced to one row, so the chart still plots one table). `years`: the x axis is a number of
    years (said_year:Q), not a date. `side`: where the label goes: "right" or "left" of the rule at
    the top of the plot, or "up-left" / "up-right" reading upwards from the foot of the plot. `scale`:
    the x scale of the chart, where it is not a plain one (an uneven axis of years)."""
    one = base.transform_aggregate(essay_n="count()").transform_calculate(
        essay=str(ESSAY_YEAR) if years else f"toDate('{ESSAY_DATE}')", essay_text=f"'{ESSAY_LABEL}'")
    if years:
        x = alt.X("essay:Q", scale=scale or alt.Scale(zero=False))
    else:
        x = alt.X("essay:T", scale=scale) if scale else alt.X("essay:T")
    rule = one.mark_rule(color=MUTED["light"], strokeDash=[2, 3], strokeWidth=1.25).encode(x=x)
    if side in ("right", "left"):
        text = one.mark_text(align="left" if side == "right" else "right", baseline="top",
                             dx=4 if side == "right" else -4, color=MUTED["light"], fontSize=11
                             ).encode(x=x, y=alt.value(2), text="essay_text:N")
    elif side in ("up-left", "up-right"):
        text = one.mark_text(align="left", angle=270, baseline="bottom" if side == "up-left" else "top",
                             dx=4, dy=-2 if side == "up-left" else 2, color=MUTED["light"], fontSize=11
                             ).encode(x=x, y=alt.value("height"), text="essay_text:N")
    else:
        raise ValueError(f"essay_rule: side must be right, left, up-left or up-right, not {side!r}")
    return alt.layer(rule, text)


def in_words(n: float) -> str:
    """Tooltip text for a large count: 1.75e11 -> '175 billion' (three significant figures)."""
    for div, unit in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if n >= div:
            return f"{float(f'{n / div:.3g}'):,g} {unit}"
    return f"{n:,.0f}"


def dark_spec(spec):
    """Map every light-palette colour a figure named explicitly to its dark twin."""
    swap = {**dict(zip(PALETTE["light"], PALETTE["dark"])), INK["light"]: INK["dark"],
            MUTED["light"]: MUTED["dark"], GRID["light"]: GRID["dark"]}
    if isinstance(spec, dict):
        return {k: dark_spec(v) for k, v in spec.items()}
    if isinstance(spec, list):
        return [dark_spec(v) for v in spec]
    return swap.get(spec, spec) if isinstance(spec, str) else spec


def source_line(data: tuple[str, ...], descriptors: dict[str, dict]) -> str:
    titles = []
    for name in data:
        for s in descriptors[name].get("sources", []):
            titles.append(s.get("title", ""))
    return "Source: " + "; ".join(dict.fromkeys(titles))


def wrap(text: str, width: int = 110) -> list[str]:
    """The source line in lines of about `width` characters, broken between words."""
    lines, cur = [], ""
    for w in text.split():
        if len(cur) + len(w) > width:
            lines.append(cur.strip())
            cur = ""
        cur += w + " "
    lines.append(cur.strip())
    return lines


def finish(chart: alt.TopLevelMixin, title: str | None, subtitle: str = "",
           dark: bool = False) -> alt.TopLevelMixin:
    """Title, source line, size and colours: the same on every figure.

    With a title: the standalone chart (downloads carry their own title and source).
    Without: the chart placed in a page, whose HTML gives title, caption and sources,
    so that the chart itself can shrink to a phone's width.
    """
    mode = "dark" if dark else "light"
    if title is None:
        return chart.properties(
            autosize=alt.AutoSizeParams(type="fit", contains="padding"), width=WIDTH, height=HEIGHT,
        ).configure(**config(mode))
    return chart.properties(
        title=alt.Title(title, subtitle=wrap(subtitle)),
        autosize=alt.AutoSizeParams(type="fit", contains="padding"),
        width=WIDTH, height=HEIGHT,
    ).configure(**config(mode))


MIDNIGHT = re.compile(r"^(\d{4}-\d{2}-\d{2})T00:00:00(?:\.0+)?$")  # a date written as a local instant
# channels whose field definition may carry a scale (x2, y2, tooltip, text and detail share or have none)
_SCALED = {"x", "y", "color", "fill", "stroke", "opacity", "fillOpacity", "strokeOpacity", "size", "shape",
           "strokeWidth", "strokeDash", "angle", "radius", "theta", "xOffset", "yOffset"}


def calendar_dates(spec: dict) -> dict:
    """The chart's dates as calendar dates, read and written in UTC wherever Vega runs.

    Altair writes a date as a local instant ("2017-03-01T00:00:00"), which a browser, and
    vl-convert, parse in the machine's timezone: in Los Angeles the date becomes the evening
    before, and axis ticks and tooltips move. Here a midnight instant in the data becomes the
    date it is ("2017-03-01", which JavaScript parses as UTC midnight), every temporal field with a
    scale gets a UTC scale (its ticks and labels are computed and formatted in UTC), and every
    temporal field without one (tooltip, text) a UTC time unit of its precision, so that
    Vega formats it with utcFormat. Returns the spec, changed in place."""

    def fix_defs(enc: dict) -> None:
        for ch2, ch1 in (("x2", "x"), ("y2", "y")):  # a secondary channel has no type of its own
            d2, d1 = enc.get(ch2), enc.get(ch1)
            if isinstance(d2, dict) and "field" in d2 and isinstance(d1, dict) and d1.get("type") == "temporal":
                d2.setdefault("timeUnit", "utcyearmonthdate")
        for ch, d in enc.items():
            for fd in d if isinstance(d, list) else [d]:
                if not isinstance(fd, dict):
                    continue
                if "condition" in fd and isinstance(fd["condition"], dict):
                    fix_defs({ch: fd["condition"]})
                if fd.get("type") != "temporal":
                    continue
                tu = fd.get("timeUnit")
                if isinstance(tu, str) and not tu.startswith("utc"):
                    fd["timeUnit"] = "utc" + tu
                elif isinstance(tu, dict) and not str(tu.get("unit", "")).startswith("utc"):
                    tu["unit"] = "utc" + tu.get("unit", "yearmonthdate")
                if ch in _SCALED:
                    sc = fd.get("scale")
                    if sc is None or isinstance(sc, dict):
                        fd["scale"] = {**(sc or {}), "type": "utc"}
                elif tu is None:
                    fd["timeUnit"] = "utcyearmonthdate"

    def walk(node) -> None:
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        if isinstance(node, dict) and isinstance(node.get("encoding"), dict):
            fix_defs(node["encoding"])
        for k, v in list(items):
            if isinstance(v, str):  # a midnight anywhere (data, scale domains, datums) is a date
                m = MIDNIGHT.match(v)
                if m:
                    node[k] = m.group(1)
            else:
                walk(v)

    walk(spec)
    return spec
