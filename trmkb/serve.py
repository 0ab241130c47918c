"""Live preview: build, serve site/ on 127.0.0.1, rebuild when sources change."""
from __future__ import annotations

import functools
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer

from .build import build, preview
from .i18n import languages
from .load import LoadError

WATCHED = ("data", "content", "i18n", "overrides", "schemas")


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *a):
        pass


class _Changes(FileSystemEventHandler):
    def __init__(self):
        self.dirty = threading.Event()

    def on_any_event(self, event):
        if not event.is_directory and not event.src_path.endswith(("~", ".swp")):
            self.dirty.set()


def serve(root: Path, port: int = 8000, lang: str | None = None) -> int:
    if lang:
        try:
            codes = {l.code: l.prefix for l in languages(root)}
        except LoadError as e:
            print(e.problem, file=sys.stderr)
            return 1
        if lang not in codes:
            print(f"unknown language: {lang} (this site has {', '.join(codes)})", file=sys.stderr)
            return 2
        site = preview(root, lang) or root / "build" / f"preview-{lang}"
        rebuild = lambda: preview(root, lang)
        start = codes[lang] + "index.html"
    else:
        site, start = root / "site", ""
        build(root)
        rebuild = lambda: build(root)
    handler = functools.partial(_Quiet, directory=str(site))
    httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    changes = _Changes()
    obs = Observer()
    for d in WATCHED:
        if (root / d).exists():
            obs.schedule(changes, str(root / d), recursive=True)
    obs.start()
    print(f"serving http://127.0.0.1:{port}/{start} (Ctrl+C to stop); watching {', '.join(WATCHED)}", flush=True)
    try:
        while True:
            if changes.dirty.wait(0.5):
                time.sleep(0.3)          # let an editor finish writing
                changes.dirty.clear()
                rebuild()
    except KeyboardInterrupt:
        pass
    finally:
        obs.stop()
        httpd.shutdown()
    return 0
