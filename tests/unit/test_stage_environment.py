"""The staging templates' environment, and the theme's (mkdocs_hooks.on_env), read `record.name` on
a plain dict as the key at once (stage.dict_first_getattr), where Jinja tries the attribute first:
what every expression gives must not change."""
import pytest
from jinja2 import ChainableUndefined, Environment

from trmkb import mkdocs_hooks
from trmkb.stage import TEMPLATES

RECORD = {"id": "AL", "summary": {"en": "Text", "fr": "Texte"}, "items": [1, 2], "get": "a key named get",
          "roles": ["origin"], "n": 0, "empty": None}

EXPRESSIONS = [
    "{{ r.id }}", "{{ r.summary.fr }}", "{{ r.summary.sq }}", "{{ r.missing }}", "{{ r.missing.deeper.still }}",
    "{{ r.items() | list | length }}", "{{ r['items'] | join(',') }}", "{{ r.get('id') }}", "{{ r['get'] }}",
    "{{ r.keys() | list | length }}", "{{ r.n }}", "{{ r.empty }}", "{{ r.missing is defined }}",
    "{{ r.summary is defined }}", "{{ r.roles | join(' ') }}", "{{ r.__class__.__name__ }}",
    "{% for k, v in r.summary.items() %}{{ k }}={{ v }};{% endfor %}", "{{ r.summary.get('fr', 'x') }}",
    "{{ r.roles.append }}", "{{ 'abc'.upper() }}", "{{ r.id.lower() }}",
]


@pytest.mark.parametrize("expr", EXPRESSIONS)
def test_every_expression_gives_what_jinja_gives(expr):
    plain = Environment(undefined=ChainableUndefined, autoescape=True)
    ours = TEMPLATES.overlay()
    assert type(ours).getattr is type(TEMPLATES).getattr is not Environment.getattr
    assert ours.from_string(expr).render(r=RECORD) == plain.from_string(expr).render(r=RECORD)


def test_a_dict_subclass_keeps_jinjas_order():
    class Odd(dict):
        @property
        def id(self):
            return "attribute"
    expr = "{{ r.id }}"
    assert TEMPLATES.overlay().from_string(expr).render(r=Odd(id="key")) == "attribute"


def outcome(env, expr):
    try:
        return env.from_string(expr).render(r=RECORD)
    except Exception as e:      # (a plain Undefined raises where ChainableUndefined does not)
        return type(e)


@pytest.mark.parametrize("expr", EXPRESSIONS)
def test_the_themes_environment_gives_what_jinja_gives(expr):
    plain = Environment(autoescape=True)
    theme = mkdocs_hooks.on_env(Environment(autoescape=True), {"extra": {}}, None)
    assert theme.getattr.__func__ is not Environment.getattr
    assert outcome(theme, expr) == outcome(plain, expr)
