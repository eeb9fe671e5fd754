"""The self-hosted Vega runtime: Vega and its expression interpreter, from the npm registry.

The pages ship precompiled Vega specs, so the browser needs neither Vega-Lite nor
vega-embed: only `vega` (its UMD build) and `vega-interpreter`, which evaluates expressions
without eval() so that the Content-Security-Policy can forbid it. The packages are pinned
in `runtime.lock.json` by version, registry address and sha512 integrity; the build
downloads each tarball once into .cache/npm, checks its integrity, and assembles one script:

    vega.min.js  +  vega-interpreter (an ES module, exposed as window.vegaExpressionInterpreter)

Nothing third-party is committed to the repository; the licences travel with the bundle.
"""
from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import tarfile
import urllib.request
from pathlib import Path

LOCK = "runtime.lock.json"


class RuntimeBundleError(Exception):
    pass


def lock(root: Path) -> dict:
    return json.loads((root / LOCK).read_text(encoding="utf-8"))


def _fetch(pkg: dict, cache: Path) -> bytes:
    """The package tarball, from the cache or the registry; its sha512 must match the lock."""
    name = f"{pkg['name']}-{pkg['version']}.tgz"
    path = cache / name
    algo, _, want = pkg["integrity"].partition("-")
    if path.exists():
        data = path.read_bytes()
    else:
        try:
            with urllib.request.urlopen(pkg["tarball"], timeout=60) as r:
                data = r.read()
        except OSError as e:
            raise RuntimeBundleError(f"{LOCK}: could not download {pkg['name']} {pkg['version']} from {pkg['tarball']}: "
                                f"{e} (the build needs the npm registry once; the tarball is cached in {cache})") from e
    got = base64.b64encode(hashlib.new(algo, data).digest()).decode()
    if got != want:
        raise RuntimeBundleError(f"{LOCK}: {pkg['name']} {pkg['version']}: integrity mismatch "
                            f"({algo} {got[:16]}… is not the locked {want[:16]}…)")
    if not path.exists():
        cache.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".part")
        tmp.write_bytes(data)
        tmp.replace(path)
    return data


def _member(tgz: bytes, inner: str) -> str:
    with tarfile.open(fileobj=io.BytesIO(tgz), mode="r:gz") as t:
        return t.extractfile(f"package/{inner}").read().decode("utf-8")


def _esm_to_global(src: str, imports_from: str, global_name: str, export: str) -> str:
    """Run an ES module that imports only from `imports_from` (which the `vega` global
    re-exports) as a plain script, exposing one export on window."""
    imp = re.compile(r"^import \{([^}]*)\} from '" + re.escape(imports_from) + r"';\n", re.M)
    names = [n.strip() for m in imp.finditer(src) for n in m.group(1).split(",") if n.strip()]
    body = imp.sub("", src)
    if re.search(r"^import ", body, re.M):
        raise RuntimeBundleError(f"{LOCK}: {global_name}: unexpected import in the module")
    exp = re.search(r"^export \{ (\w+) as " + re.escape(export) + r" \};\n?", body, re.M)
    if not exp or names == []:
        raise RuntimeBundleError(f"{LOCK}: {global_name}: the module no longer has the expected shape")
    body = body[:exp.start()] + body[exp.end():]
    return (f"(function (vega) {{\n\"use strict\";\nconst {{ {', '.join(names)} }} = vega;\n{body}\n"
            f"window.{global_name} = {exp.group(1)};\n}})(window.vega);\n")


def bundle(root: Path, cache: Path) -> tuple[str, str]:
    """(the runtime script, its licences) from the locked packages."""
    pkgs = {p["name"]: p for p in lock(root)["packages"]}
    vega_tgz = _fetch(pkgs["vega"], cache)
    interp_tgz = _fetch(pkgs["vega-interpreter"], cache)
    vega = _member(vega_tgz, "build/vega.min.js")
    interp = _esm_to_global(_member(interp_tgz, "build/vega-interpreter.js"), "vega-util",
                            "vegaExpressionInterpreter", "expressionInterpreter")
    head = "".join(f"/*! {p['name']} {p['version']} ({p['license']}): see vega-runtime.LICENSE.txt */\n"
                   for p in pkgs.values())
    licences = "\n\n".join(f"== {name} {pkgs[name]['version']} ==\n\n{_member(tgz, 'LICENSE')}"
                           for name, tgz in (("vega", vega_tgz), ("vega-interpreter", interp_tgz)))
    script = re.sub(r"^//# sourceMappingURL=.*$", "", head + vega.rstrip() + "\n" + interp, flags=re.M)
    return script, licences
