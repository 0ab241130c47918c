"""MkDocs hook: the language switcher links each page to the same page in every language.

Every language is built as its own MkDocs site (in parallel) into one shared site root, so a
page's URL is '<lang>/<path>' (no prefix for the default language). Links are written relative
to the site root; Material's 'url' filter turns them into links relative to the page, which
keeps them working from file:// and under any subfolder."""


def on_page_context(context, page, config, nav):
    langs = config["extra"].get("trm_languages") or []
    me = config["extra"].get("trm_language", {})
    path = page.url[len(me.get("prefix", "")):]
    config["extra"]["alternate"] = [{"name": l["name"], "lang": l["code"], "link": l["prefix"] + path} for l in langs]
    return context
