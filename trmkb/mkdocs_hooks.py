"""MkDocs hook: the language switcher links each page to the same page in every language.

Every language is built as its own MkDocs site (in parallel) into one shared site root, so a
page's URL is '<lang>/<path>' (no prefix for the default language). Links are written relative
to the site root; Material's 'url' filter turns them into links relative to the page, which
keeps them working from file:// and under any subfolder.

Staged pages carry their generated HTML blocks at the end, after a marker (see stage.stash_html):
Markdown converts only the rest, and the blocks are put back into the rendered page."""
import json
import os
import posixpath
import re
import types

from jinja2 import FileSystemBytecodeCache, pass_context

from trmkb import typography
from trmkb.csp import with_script_hashes
from trmkb.i18n import text_direction
from trmkb.incremental import ThemeLoader
from trmkb.stage import RAW_MARKER, RAW_PLACEHOLDER, dict_first_getattr


# The published site shares its pages with the output MkDocs keeps for the next build (hard links:
# build._language_pages), which MkDocs updates in place (--dirty). Before it writes a file again, the
# file is unlinked, so that it writes a new one and the published site stays as it is until the
# new one replaces it (also when this build fails). MkDocs' own test decides what it writes again
# (File.is_modified, as in _populate_page and copy_static_files); the theme's static templates are
# written every time.
def _detach(path):
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def on_pre_build(config):
    for name in ("404.html", "sitemap.xml", "sitemap.xml.gz"):
        _detach(os.path.join(config["site_dir"], name))


def on_pre_page(page, config, files):
    _detach(page.file.abs_dest_path)     # called only for pages MkDocs builds again
    return page


def on_page_markdown(markdown, page, config, files):
    text, sep, frags = markdown.partition(RAW_MARKER)
    page.trm_raw = json.loads(frags) if sep else []
    return text


def on_page_content(html, page, config, files):
    # the heading permalinks (a pilcrow) are not words: keep them out of both search indexes
    html = html.replace('class="headerlink"', 'class="headerlink" data-pagefind-ignore')
    frags = getattr(page, "trm_raw", None)
    if frags:
        html = RAW_PLACEHOLDER.sub(lambda m: frags[int(m.group(1))], html)
    return typography.apply(html, config["extra"].get("trm_language", {}).get("code", ""))


def on_config(config):
    """Give the theme's environment a loader that lists the installed theme's files once per
    process (see incremental.ThemeLoader); everything else about the environment is MkDocs' own."""
    theme = config.theme
    make_env = type(theme).get_env

    def get_env():
        env = make_env(theme)
        loader = env.loader
        env.loader = ThemeLoader(loader.searchpath, [d for d in theme.dirs if d != theme.custom_dir],
                                 encoding=loader.encoding, followlinks=loader.followlinks)
        return env
    theme.get_env = get_env
    return config


def on_env(env, config, files):
    """Share compiled theme templates between the languages' builds and across builds (Jinja's
    bytecode cache: keyed by template file, checked against its source, written atomically)."""
    cache = config["extra"].get("trm_jinja_cache")
    if cache:
        env.bytecode_cache = FileSystemBytecodeCache(cache)
    env.globals["trm_memo"] = _fragment_memo()
    env.getattr = types.MethodType(dict_first_getattr, env)     # (the same results, see there)
    return env


def _nav_items(items):
    for item in items:
        yield item
        yield from _nav_items(getattr(item, "children", None) or [])


def _fragment_memo():
    """trm_memo(name), for {% call %} around a partial of the theme's that is the same on many
    pages (overrides/partials/): its output is kept for the pages that see it the same. The
    navigation and the tabs make up a third of the time the theme's templates take for a page,
    and differ only by the folder the page is in (their links are relative), which items of the
    navigation are active, and, for a page in the navigation, the page itself (its table of
    contents). One memo per build of a language (on_env)."""
    kept = {}

    @pass_context
    def memo(context, name, caller):
        page, nav = context.get("page"), context.get("nav")
        if page is None or nav is None or getattr(page, "url", None) is None:
            return caller()
        items = list(_nav_items(nav.items))
        key = (name, posixpath.dirname(page.url),       # (base_url follows from the folder)
               tuple(n for n, item in enumerate(items) if item.active),
               page.url if page in nav.pages else None)
        if key not in kept:
            kept[key] = caller()
        return kept[key]
    return memo


# Theme files no page of ours loads: Material's own search (its worker and the lunr languages; the
# site searches with Pagefind, and offline with MiniSearch) and source maps. 2.5 MB per language
# that every build copied and every offline bundle carried.
_UNUSED_THEME_FILES = re.compile(r"^assets/javascripts/(lunr|workers)/|\.map$")


def on_files(files, config):
    docs = config["docs_dir"]
    for f in [f for f in files if _UNUSED_THEME_FILES.search(f.src_uri)]:
        if not (f.abs_src_path or "").startswith(docs):      # the theme's, not a page of ours
            files.remove(f)
    for f in files:
        if not f.is_documentation_page() and f.is_modified():    # copied again (see _detach)
            _detach(f.abs_dest_path)
    return files


# Material writes <link rel="alternate" hreflang> into every page's head, and its script then fetches
# sitemap.xml from the folder of each of those links (ar/countries/sitemap.xml...): five requests that
# fail on every page served and on every page opened from the zip. Search engines ignore hreflang
# links that are not absolute, which ours cannot be (the site works under any host and from files),
# and the language list in the header does not need them.
_HEAD_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


def on_post_page(output, page, config):
    head, sep, rest = output.partition("</head>")
    # The header's logo sits in a link named with the site's name: its English alt "logo" only
    # made screen readers say "logo" in every language.
    # the page's direction on <html> too (Material puts it on <body> only), for what reads the root
    code = config["extra"].get("trm_language", {}).get("code", "")
    head = head.replace(f'<html lang="{code}" ', f'<html lang="{code}" dir="{text_direction(code)}" ', 1) if code else head
    return with_script_hashes(_HEAD_ALTERNATE.sub("", head) + sep + rest.replace('alt="logo"', 'alt=""'))


def on_post_template(output_content, template_name, config):
    return with_script_hashes(output_content)     # the 404 page


def on_page_context(context, page, config, nav):
    langs = config["extra"].get("trm_languages") or []
    me = config["extra"].get("trm_language", {})
    path = page.url[len(me.get("prefix", "")):]
    config["extra"]["alternate"] = [{"name": l["name"], "lang": l["code"], "link": l["prefix"] + path} for l in langs]
    return context
