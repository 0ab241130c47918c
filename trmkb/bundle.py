"""Bundle: zip the built site for people who download it once and open it with no network."""
from __future__ import annotations

import os
import zipfile
from pathlib import Path

from .incremental import link_or_copy
from .model import build_date
from .stage import DOWNLOAD

# Already compressed (Pagefind's index and fragments are gzip, its wasm too): deflating them again
# takes time and gains nothing.
COMPRESSED = {".pf_fragment", ".pf_index", ".pf_meta", ".pagefind", ".gz", ".png", ".zip"}


DOWNLOAD_DIR = DOWNLOAD.split("/")[0]


def publish(zip_file: Path, site: Path):
    """A copy of the zip inside the site, where the offline page's download button points, so
    the served site offers itself for download (a hard link when it can be; replaced atomically).
    Not inside the zip itself: there the button is hidden (trm.js, on file://)."""
    dest = site / DOWNLOAD
    dest.parent.mkdir(exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.tmp-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    link_or_copy(zip_file, tmp)
    tmp.replace(dest)


def bundle(root: Path, site: Path | None = None, dist: Path | None = None, quiet: bool = False) -> Path:
    site = site or root / "site"
    dist = dist or root / "dist"
    if not (site / "index.html").exists():
        raise FileNotFoundError(f"{site}/index.html not found: run 'trmkb build' first")
    name = f"trm-kb-offline-{build_date().isoformat()}"
    dist.mkdir(parents=True, exist_ok=True)
    target = dist / f"{name}.zip"
    tmp = dist / f".{name}.zip.tmp-{os.getpid()}"
    # Level 6: half the time of level 9 for a zip 0.3% larger (benchmarks/bench.py).
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        for path in sorted(site.rglob("*")):
            if path.is_file() and path.relative_to(site).parts[0] != DOWNLOAD_DIR:
                stored = path.suffix in COMPRESSED
                z.write(path, f"{name}/{path.relative_to(site).as_posix()}",
                        compress_type=zipfile.ZIP_STORED if stored else None)
    tmp.replace(target)
    publish(target, site)
    if not quiet:
        print(f"offline bundle: {target} ({target.stat().st_size / 1e6:.1f} MB); unzip it and open {name}/index.html")
    return target
