"""Bundle: zip the built site for people who download it once and open it with no network.

`trmkb build --bundle` (what scripts/build runs) writes the zip while the site is being built
(Bundle, in a thread of its own): each language's pages are zipped as soon as they are done, while
the workers go on with the other languages and the search indexes. `trmkb bundle` zips a site
already built, with the same class. The zip is written by stream-zip (entries as they come, no
seeking back), deflated with zlib-ng."""
from __future__ import annotations

import datetime as dt
import os
import stat
import threading
from pathlib import Path
from typing import Iterable

from .incremental import link_or_copy
from .model import build_date
from .stage import DOWNLOAD

# Already compressed (the sitemap's .gz, images): deflating them again takes time and gains nothing.
COMPRESSED = {".gz", ".png", ".zip"}
# Deflate level 6: half the time of level 9 for a zip 0.3% larger (benchmarks/bench.py). Deflated by
# zlib-ng, which gives the same format as zlib in 55% of its time on the site's 30 MB of text (0.29
# against 0.53 s), for a zip 0.5% larger with stream-zip's data descriptors.
LEVEL = 6

DOWNLOAD_DIR = DOWNLOAD.split("/")[0]
PAGEFIND = "pagefind"       # each language's Pagefind bundle: <prefix>pagefind/ (build.pagefind)


def in_zip(rel: str) -> bool:
    """Whether a file of the site (its path in it) goes into the zip: not the zip's own copy, and no
    Pagefind bundle. Pagefind cannot run from file://, where the search page uses the offline index
    (search/offline-<lang>.js); served over http, an unzipped copy falls back to it too (trm.js).
    The bundles were 3.7 MB of the 11.2 MB zip."""
    parts = rel.split("/", 2)
    return parts[0] not in (DOWNLOAD_DIR, PAGEFIND) and not (len(parts) > 2 and parts[1] == PAGEFIND)


Files = Iterable[tuple[Path, str]]      # (a file on disk, its path in the site)


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


def files_in(folder: Path, prefix: str = "") -> list[tuple[Path, str]]:
    """Every file under folder, sorted, with its path in the site: prefix + its path in folder."""
    return [(p, prefix + p.relative_to(folder).as_posix()) for p in sorted(folder.rglob("*")) if p.is_file()]


def site_files(site: Path) -> list[tuple[Path, str]]:
    """Every file of a built site the zip holds (in_zip), sorted by path."""
    return [(p, rel) for p, rel in files_in(site) if in_zip(rel)]


class _Stopped(Exception):
    pass


class Bundle:
    """The offline zip dist/trm-kb-offline-<date>.zip of the site being built in `site`, written by
    a thread while the build goes on.

    The build hands it groups of finished files (add), under keys given at the start (order); they
    are written in that order, whichever is done first, so that the zip does not depend on which
    language finished first. A file handed over may be moved into `site` before it is read (the
    build merges each language's part into it): it is then read from there, under its path in the
    site. finish() then adds every file of the finished site not yet in the zip (the files made
    once the languages are merged), checks that each file zipped is in the site, and puts a copy of
    the zip in the site's download/ folder; keep() moves the zip into dist once the site is in
    place, and abandon() deletes it when the build fails. Every entry is dated the build's day
    (model.build_date), so the same site gives the same zip."""

    def __init__(self, dist: Path, site: Path, order: Iterable = ()):
        self.name = f"trm-kb-offline-{build_date().isoformat()}"
        self.site = site
        self.target = dist / f"{self.name}.zip"
        try:
            dist.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise RuntimeError(f"offline bundle: cannot make the folder {dist}: {e.strerror}") from e
        self.tmp = dist / f".{self.name}.zip.tmp-{os.getpid()}"
        self._order = list(order) + [_REST]
        self._ready: dict = {}
        self._stop = False
        self._error: BaseException | None = None
        self._written: set[str] = set()
        self._in_site: set[str] = set()     # what the finished site holds, listed once (for the rest)
        self._cond = threading.Condition()
        # Imported here, not in the thread: the build forks its workers right after, and a fork
        # while this thread was importing (stream-zip imports asyncio) left the lock of a module
        # held in the workers for good; a worker importing it too (Pagefind's runner imports
        # asyncio) then waited forever. Seen in the test suite, where MkDocs is already imported
        # and the fork comes within milliseconds.
        import stream_zip
        from zlib_ng import zlib_ng
        self._stream_zip, self._zlib = stream_zip, zlib_ng
        self._thread = threading.Thread(target=self._write, name="bundle", daemon=True)
        self._thread.start()

    def add(self, key, files: Files):
        """Hand over a group of finished files, (file, its path in the site); those the zip does not
        hold (in_zip) are left out."""
        with self._cond:
            if key not in self._order or key in self._ready:
                raise ValueError(f"bundle: unexpected group {key!r}")
            self._ready[key] = [(path, rel) for path, rel in files if in_zip(rel)]
            self._cond.notify()

    def finish(self):
        """Zip the rest of the finished site, wait for the zip, and link it into the site's
        download/ folder. Raises RuntimeError when the zip could not be written or does not
        match the site."""
        with self._cond:
            self._ready[_REST] = None       # (listed in the thread, once the groups before are written)
            self._cond.notify()
        self._thread.join()
        if self._error is not None:
            raise RuntimeError(f"offline bundle: could not write {self.target}: {self._error}") from self._error
        missing = self._written - self._in_site
        if missing:
            raise RuntimeError(f"offline bundle: the zip holds {len(missing)} file(s) the site does not, "
                               f"e.g. {sorted(missing)[0]}")
        publish(self.tmp, self.site)

    def keep(self) -> Path:
        """Move the finished zip into dist (its copy in the site is a link to the same file)."""
        self.tmp.replace(self.target)
        return self.target

    def abandon(self):
        """Stop writing (between two files) and delete the unfinished zip."""
        with self._cond:
            self._stop = True
            self._cond.notify()
        self._thread.join()
        self.tmp.unlink(missing_ok=True)

    def _groups(self):
        for key in self._order:
            with self._cond:
                self._cond.wait_for(lambda: self._stop or key in self._ready)
                if self._stop:
                    raise _Stopped
                files = self._ready[key]
            if key is _REST:
                listed = site_files(self.site)
                self._in_site = {rel for _, rel in listed}
                files = [(p, rel) for p, rel in listed if rel not in self._written]
            yield from files

    def _read(self, path: Path, rel: str) -> bytes:
        try:
            return path.read_bytes()
        except FileNotFoundError:       # moved into the site meanwhile (renames are atomic)
            return (self.site / rel).read_bytes()

    def _write(self):
        sz, zlib_ng = self._stream_zip, self._zlib
        when = dt.datetime.combine(build_date(), dt.time())

        def members():
            for path, rel in self._groups():
                if self._stop:
                    raise _Stopped
                method = sz.NO_COMPRESSION_32 if path.suffix in COMPRESSED else sz.ZIP_32
                yield f"{self.name}/{rel}", when, stat.S_IFREG | 0o644, method, (self._read(path, rel),)
                self._written.add(rel)
        try:
            with open(self.tmp, "wb") as f:
                for chunk in sz.stream_zip(members(), extended_timestamps=False,
                                           get_compressobj=lambda: zlib_ng.compressobj(LEVEL, zlib_ng.DEFLATED, -15)):
                    f.write(chunk)
        except _Stopped:
            pass
        except BaseException as e:      # (reported by finish)
            self._error = e


_REST = ("the rest of the site",)


def bundle(root: Path, site: Path | None = None, dist: Path | None = None, quiet: bool = False) -> Path:
    """Zip a site already built (`trmkb bundle`)."""
    site = site or root / "site"
    dist = dist or root / "dist"
    if not (site / "index.html").exists():
        raise FileNotFoundError(f"{site}/index.html not found: run 'trmkb build' first")
    b = Bundle(dist, site)
    try:
        b.finish()
    except BaseException:
        b.abandon()
        raise
    target = b.keep()
    if not quiet:
        say_bundle(target, b.name)
    return target


def say_bundle(target: Path, name: str):
    print(f"offline bundle: {target} ({target.stat().st_size / 1e6:.1f} MB); unzip it and open {name}/index.html")
