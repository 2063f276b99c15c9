"""The demo in Korean and English.

English is the source text and the key: `say(lang, text, **parts)` gives a message in the page's
language (the Korean of `text` from `KOREAN`, else the English), and `translated(component)`
registers a component whose label, text, placeholder and choice labels follow the page's
language switch. The switch (a radio at the top of the page) defaults to the browser's
language, is kept in a cookie, and every handler reads it from its request (`lang_of`), so
messages built by the server follow it too. The API's explanations come in the same language
through its `lang` parameter. `closet ui` serves it; the browser test runs the main flow in
both languages.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any, TypeVar

import gradio as gr

from demo.i18n_ko import KOREAN

LANGS = ("ko", "en")
LANG_COOKIE = "closet_lang"
SWITCH_CHOICES = [("한국어", "ko"), ("English", "en")]
# On load: the cookie's language, else the browser's (Korean for ko-*, English otherwise).
JS_INITIAL = f"""() => {{
  const kept = document.cookie.split('; ').find(c => c.startsWith('{LANG_COOKIE}='));
  if (kept) return kept.split('=')[1];
  return (navigator.language || 'en').toLowerCase().startsWith('ko') ? 'ko' : 'en';
}}"""
# On a switch: keep the choice for the next requests (handlers read it) and the next visit.
JS_REMEMBER = f"""(...inputs) => {{
  const lang = inputs[0];
  document.cookie = '{LANG_COOKIE}=' + lang + '; path=/; max-age=31536000; SameSite=Lax';
  document.documentElement.lang = lang;
  return inputs;
}}"""
PROPS = ("label", "value", "placeholder", "info")

C = TypeVar("C", bound=gr.components.Component | gr.blocks.BlockContext)


def say(lang: str, text: str, **parts: Any) -> str:
    """`text` in `lang` (English when no Korean is known), with its parts filled in."""
    template = KOREAN.get(text, text) if lang == "ko" else text
    return template.format(**parts) if parts else template


def lang_of(request: gr.Request | None) -> str:
    """The page's language, from the switch's cookie (English without one)."""
    if request is None:
        return "en"
    raw = request.headers.get("cookie") or ""
    cookie = SimpleCookie()
    try:
        cookie.load(raw)
    except Exception:  # a malformed cookie header: the default language
        return "en"
    found = cookie.get(LANG_COOKIE)
    return found.value if found is not None and found.value in LANGS else "en"


@dataclass
class Entry:
    """A component and its English texts per property (and its choices, label → value). A
    `dynamic` component's value is replaced by handlers; a switch translates it only while it
    still shows its first text."""

    component: Any
    texts: dict[str, str]
    choices: list[tuple[str, Any]] | None = None
    dynamic: bool = False


@dataclass
class Translated:
    """The components whose texts follow the language switch, in creation order."""

    entries: list[Entry] = field(default_factory=list)

    @property
    def components(self) -> list[Any]:
        return [e.component for e in self.entries]

    @property
    def dynamic(self) -> list[Any]:
        """The components whose current value the switch needs: those handlers fill, and
        those with choices (their value is kept while the choice labels change)."""
        return [e.component for e in self.entries if e.dynamic or e.choices is not None]

    def updates(self, lang: str, *shown: Any) -> list[Any]:
        """One update per registered component, its texts in `lang`; `shown` are the current
        values of `dynamic`, in order."""
        current = iter(shown)
        out = []
        for entry in self.entries:
            props: dict[str, Any] = {k: say(lang, v) for k, v in entry.texts.items()}
            now = next(current, None) if entry.dynamic or entry.choices is not None else None
            if entry.dynamic and "value" in entry.texts:
                first = entry.texts["value"]
                if now not in (first, say("ko", first)):
                    del props["value"]
            if entry.choices is not None:
                props["choices"] = [(say(lang, label), value) for label, value in entry.choices]
                if now in [value for _, value in entry.choices]:
                    props["value"] = now
            out.append(gr.update(**props))
        return out


CURRENT: ContextVar[Translated | None] = ContextVar("closet_demo_translated", default=None)


@contextmanager
def translating() -> Iterator[Translated]:
    """Collect the components `translated` registers while the Blocks are built."""
    found = Translated()
    token = CURRENT.set(found)
    try:
        yield found
    finally:
        CURRENT.reset(token)


def translated(component: C, dynamic: bool = False) -> C:
    """Register a component's English texts (those with a Korean translation) and choices;
    `dynamic` for one whose value handlers replace (see `Entry`)."""
    registry = CURRENT.get()
    if registry is None:
        return component
    texts = {
        prop: value
        for prop in PROPS
        if isinstance(value := getattr(component, prop, None), str) and value in KOREAN
    }
    choices = None
    raw = getattr(component, "choices", None)
    if isinstance(raw, list) and raw:
        pairs = [(c[0], c[1]) if isinstance(c, tuple | list) else (str(c), c) for c in raw]
        if any(label in KOREAN for label, _ in pairs):
            choices = pairs
    if texts or choices:
        registry.entries.append(Entry(component, texts, choices, dynamic))
    return component


def language_switch() -> gr.Radio:
    """The page's language switch (its value set on load from the cookie or the browser)."""
    return gr.Radio(
        SWITCH_CHOICES,
        value="en",
        show_label=False,
        container=False,
        elem_id="lang-switch",
        scale=0,
        min_width=200,
    )


def wire_switch(app: gr.Blocks, switch: gr.Radio, registry: Translated) -> Any:
    """On load, pick the language; on a switch, remember it and re-label the page (the event,
    for handlers that should follow it with `.then`)."""
    app.load(None, None, [switch], js=JS_INITIAL)
    inputs = [switch, *registry.dynamic]

    def relabel(*values: Any) -> list[Any]:
        return registry.updates(*values)

    # a fixed list of parameters: Gradio's client maps inputs to named ones, not to *args
    relabel.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [
            inspect.Parameter(f"a{n}", inspect.Parameter.POSITIONAL_OR_KEYWORD)
            for n in range(len(inputs))
        ]
    )
    return switch.change(
        relabel,
        inputs,
        registry.components,
        js=JS_REMEMBER,
        show_progress="hidden",
    )


def with_language(fn: Callable[..., Any], inputs: int) -> Callable[..., Any]:
    """`fn(*inputs, lang=...)` as a Gradio handler of `inputs` values that also receives the
    request (Gradio injects a parameter annotated `gr.Request`), so its text follows the page."""

    def run(*values: Any) -> Any:
        *given, request = values
        return fn(*given, lang=lang_of(request))

    names = [
        inspect.Parameter(f"a{n}", inspect.Parameter.POSITIONAL_OR_KEYWORD) for n in range(inputs)
    ]
    asked = inspect.Parameter(
        "request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=gr.Request
    )
    run.__signature__ = inspect.Signature([*names, asked])  # type: ignore[attr-defined]
    run.__annotations__ = {"request": gr.Request}
    return run
