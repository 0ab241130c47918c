"""MkDocs hook: the language switcher links each page to the same page in every language.

Every language is built as its own MkDocs site (in parallel) into one shared site root, so a
page's URL is '<lang>/<path>' (no prefix for the default language). Links are written relative
to the site root; Material's 'url' filter turns them into links relative to the page, which
keeps them working from file:// and under any subfolder.

Staged pages carry their generated HTML blocks at the end, after a marker (see stage.stash_html):
Markdown converts only the rest, and the blocks are put back into the rendered page."""
import json

from jinja2 import FileSystemBytecodeCache

from trmkb.incremental import ThemeLoader
from trmkb.stage import RAW_MARKER, RAW_PLACEHOLDER


def on_page_markdown(markdown, page, config, files):
    text, sep, frags = markdown.partition(RAW_MARKER)
    page.trm_raw = json.loads(frags) if sep else []
    return text


def on_page_content(html, page, config, files):
    # the heading permalinks (a pilcrow) are not words: keep them out of both search indexes
    html = html.replace('class="headerlink"', 'class="headerlink" data-pagefind-ignore')
    frags = getattr(page, "trm_raw", None)
    if not frags:
        return html
    return RAW_PLACEHOLDER.sub(lambda m: frags[int(m.group(1))], html)


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
    return env


def on_page_context(context, page, config, nav):
    langs = config["extra"].get("trm_languages") or []
    me = config["extra"].get("trm_language", {})
    path = page.url[len(me.get("prefix", "")):]
    config["extra"]["alternate"] = [{"name": l["name"], "lang": l["code"], "link": l["prefix"] + path} for l in langs]
    return context
