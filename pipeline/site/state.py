"""The page build's state: one `Site` per build of the site (both editions), made from the
figure stage's manifest and mkdocs' config, and kept on the config object that mkdocs hands to
every event (mkdocs-static-i18n builds the Chinese edition with the same config object)."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import PluginError

from pipeline.site.caches import Caches

ROOT = Path(__file__).resolve().parents[2]
SHARING_FIGURE = "cpu-clock-speed"  # the sharing image of a page without a figure of its own


@dataclass(frozen=True)
class Manifest:
    """What the figure stage hands the page stage (pipeline/build.py `figure_stage`): each
    figure's metadata and folder, the computed values and claims, the datasets, the Vega runtime
    and the chart faces' licence."""
    figures: dict[str, dict]
    values: dict[str, dict]
    claims: dict[str, dict]
    resources: dict[str, dict]
    meta: dict[str, str]
    runtime: str
    fonts_licence: str

    @classmethod
    def read(cls, path: Path) -> Manifest:
        d = json.loads(path.read_text(encoding="utf-8"))
        return cls(figures=d["figures"], values=d["values"], claims=d["claims"], resources=d["resources"],
                   meta=d.get("meta", {}), runtime=d["runtime"], fonts_licence=d["fonts_licence"])

    @classmethod
    def from_environment(cls) -> Manifest:
        path = os.environ.get("SCALING_MANIFEST")
        if not path:
            raise PluginError("the page build reads the figures' manifest ($SCALING_MANIFEST), which `build.py build` "
                              "and `build.py serve` write: build with one of them (mkdocs alone builds no figure)")
        return cls.read(Path(path))


@dataclass
class Site:
    """The state of one edition's page build. `lang` is the edition (mkdocs-static-i18n builds
    English, then Chinese under zh/); `placed`/`claimed`: where each figure and claim stands in
    this edition's pages; `slots`: the HTML blocks a page's Markdown set aside (markers.py)."""
    manifest: Manifest
    ledger: dict
    site_url: str
    lang: str = "en"
    meta: dict[str, str] = field(default_factory=dict)
    placed: dict[str, str] = field(default_factory=dict)
    claimed: dict[str, tuple[str, str]] = field(default_factory=dict)
    catalogue: dict[str, dict] = field(default_factory=dict)  # data/datapackage.zh.json, in the Chinese build
    slots: dict[str, list[str]] = field(default_factory=dict)
    caches: Caches | None = None  # kept from the English build for the Chinese one (one used-set each)
    _memo: dict = field(default_factory=dict)

    @property
    def figures(self) -> dict[str, dict]:
        return self.manifest.figures

    def memo(self, key, make):
        """A value computed once a build (the record, a chapter's title, the glossary)."""
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]

    def record(self) -> tuple[list[dict], list[dict]]:
        """The essay's claims and the record since publication (data/essay_claims.csv and
        data/since_publication.csv, validated by the build; pipeline/record.py checks the rules
        across the two files)."""
        def load():
            from pipeline import essay, record

            res = self.manifest.resources
            if "since_publication" not in res or "essay_claims" not in res:
                return [], []
            try:
                return record.load(ROOT, essay.DATE, res["since_publication"].get("as_of"))
            except record.RecordError as e:
                raise PluginError(str(e)) from e
        return self.memo("record", load)

    def since(self) -> dict[str, list[dict]]:
        """The record's entries by the chapter of the claim each bears on."""
        from pipeline import record

        return self.memo("since", lambda: record.by_chapter(*self.record()))

    def chapter_title(self, chapter: str, lang: str) -> str:
        """A chapter's title, from the front matter of its page (site/chapters/<chapter>[.zh].md)."""
        def read():
            import yaml

            path = ROOT / "site" / "chapters" / f"{chapter}{'' if lang == 'en' else '.' + lang}.md"
            text = path.read_text(encoding="utf-8")
            front = yaml.safe_load(text.split("---", 2)[1]) if text.startswith("---") else {}
            return front.get("title") or chapter
        return self.memo(("chapter-title", chapter, lang), read)


def open_site(config, lang: str) -> Site:
    """This edition's `Site`, from the manifest and the release ledger. A published slug never
    dies: a figure that was released but no longer exists needs a redirect."""
    from pipeline.release import load_ledger

    manifest = Manifest.from_environment()
    site = Site(manifest=manifest, ledger=load_ledger(ROOT), site_url=config["site_url"] or "http://127.0.0.1:8000/",
                lang=lang)
    site.meta = {**manifest.meta, "site-url": site.site_url}
    redirects = {}
    for plugin in config["plugins"].values():
        redirects.update(getattr(plugin, "config", {}).get("redirect_maps", {}) or {})
    dead = [slug for slug in site.ledger["figures"] if slug not in manifest.figures
            and f"figures/{slug}/index.md" not in redirects]
    if dead:
        raise PluginError(f"releases/ledger.json: published figure(s) {', '.join(dead)} no longer exist; add a "
                          "redirect (plugins: redirects: redirect_maps: 'figures/<old>/index.md': "
                          "'figures/<new>/index.md') in mkdocs.yml")
    return site
