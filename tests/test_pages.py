"""Pages: numbers in the prose come from data; markers resolve; links inside the site resolve."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlparse

import pytest
from conftest import ROOT

PAGES = sorted((ROOT / "site").rglob("*.md"))

# Numbers that the prose may type because no dataset holds them, each with its reason.
NOT_DATA = {
    "27": "publication day of the essay (in the link to it)",
    "1973": "year of the US ban on civil supersonic flight over land, cited with its regulation",
    "14": "title 14 of the US Code of Federal Regulations",
    "91.817": "section number of the regulation",
    "2": "chapter number of the essay",
    "4": "'4 GHz Pentium 4': the name of a cancelled product, not a measured value",
}


def prose_numbers(md: str) -> list[str]:
    md = re.sub(r"^---\n.*?\n---\n", "", md, flags=re.S)          # front matter
    md = re.sub(r"<!--.*?-->", " ", md)                              # markers
    md = re.sub(r"\]\([^)]*\)", "]", md)                             # link targets
    # a year inside a link's text is the cited work's publication year: "[Kaplan et al., 2020](…)",
    # "[……，2024年6月27日](…)" (lookarounds, not \b: a digit next to a Chinese character has no \b)
    md = re.sub(r"\[([^\]]*)\]", lambda m: "[" + re.sub(r"(?<!\d)(19|20)\d\d(?!\d)(年(\d{1,2}月(\d{1,2}日)?)?)?",
                                                          " ", m.group(1)) + "]", md)
    md = re.sub(r"https?://\S+", " ", md)
    md = re.sub(r"\[\^[^\]]+\]", " ", md)                            # footnote references
    md = re.sub(r"Pentium 4", "Pentium", md)
    md = re.sub(r"\b(Llama|LLaMA|Claude|Gemini|Qwen|Gemma|Phi|Mixtral|Mistral|GPT|Nemotron)"
                r"[ -][\dx.]+[\w.]*( \d+(\.\d+)?[BM]\b)?", " ", md)       # model names and sizes
    # names that contain digits but start with a letter: SR-71, GPT-4o, o3, ARC-AGI-2, Llama 3.1
    md = re.sub(r"\b[A-Za-z][A-Za-z-]*-?\d[\w.-]*", " ", md)
    md = re.sub(r"(Section|System|系统) \d(?!\d)", " ", md)                # structure, not data
    md = re.sub(r"(CC BY(-SA)?|Attribution|署名) \d\.\d(?!\d)", " ", md)     # licence versions
    md = re.sub(r"^#+ \d\. ", "", md, flags=re.M)                          # numbered headings
    return re.findall(r"\d[\d,.]*", md)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT / "site").as_posix())
def test_prose_types_no_number_the_data_holds(page):
    found = [n.rstrip(".,") for n in prose_numbers(page.read_text(encoding="utf-8"))]
    typed = sorted({n for n in found if n not in NOT_DATA})
    assert typed == [], f"{page.name}: numbers typed into the prose (use <!-- val:... -->): {typed}"


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        for k in ("href", "src"):
            if a.get(k):
                self.links.append(a[k])


def test_every_internal_link_and_anchor_resolves(public):
    parsed = {}
    for f in public.rglob("*.html"):
        p = Links()
        p.feed(f.read_text(encoding="utf-8"))
        parsed[f] = p
    broken = []
    for f, p in parsed.items():
        base = "http://site/" + f.relative_to(public).as_posix()
        for link in p.links:
            u = urlparse(urljoin(base, link))
            if u.netloc != "site" or f.name == "404.html":
                continue
            target = public / u.path.lstrip("/")
            if u.path.endswith("/") or target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{f.relative_to(public)} -> {link}")
            elif u.fragment and target.suffix == ".html" and u.fragment not in parsed[target].ids:
                broken.append(f"{f.relative_to(public)} -> {link} (no such anchor)")
    assert broken == []


def test_every_figure_appears_where_placed(public):
    figs = {p.stem.replace("_", "-") for p in (ROOT / "figures").glob("[!_]*.py")}
    placed = set()
    for page in PAGES:
        placed |= set(re.findall(r"<!--\s*fig:([a-z0-9-]+)\s*-->", page.read_text()))
    assert figs <= placed, f"figures not placed in any page: {figs - placed}"
    html = "".join(f.read_text() for f in public.rglob("index.html"))
    for slug in figs:
        assert f'id="fig-{slug}"' in html


def test_the_number_check_catches_typed_numbers():
    typed = prose_numbers("The SR-71 flew at 3,530 km/h in 1976; Llama 3 8B saw 15T tokens, "
                          "Chinchilla 70B did not. <!-- val:x --> [Kaplan, 2020](u)")
    assert typed == ["3,530", "1976", "15", "70"]


def test_a_data_table_reads_like_a_table_not_like_a_dataframe(public):
    """The figure page's data table: units in the headings; a year in a float column (beside
    Rupp's fractional years) reads 1971, not 1971.0, and a fractional one keeps its digits."""
    page = (public / "figures" / "cpu-clock-speed" / "index.html").read_text(encoding="utf-8")
    table = page.split('id="data-cpu-clock-speed"', 1)[1].split("</table>", 1)[0]
    heads = re.findall(r'<th scope="col">([^<]*)</th>', table)
    assert heads == ["Series", "Year", "Clock (MHz)", "Processor", "Source"], heads
    years = [r[1] for r in re.findall(r"<tr><td>([^<]*)</td><td>([^<]*)</td>", table)]
    csv_years = [line.split(",")[1] for line in
                 (public / "figures" / "cpu-clock-speed" / "cpu-clock-speed.csv").read_text().splitlines()[1:]]
    assert len(years) == len(csv_years) and "1971" in years and "1971.875" in years
    assert all(y == c.removesuffix(".0") for y, c in zip(years, csv_years))
