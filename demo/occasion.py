"""What the person is dressing for, on both tabs: style, season and who the pieces are for, as
the API's `style`, `season` and `gender` parameters ("any" leaves one out)."""

from __future__ import annotations

import gradio as gr

from core.vocabulary import SEASONS, STYLES
from demo.i18n import translated

ANY = "any"
Occasion = dict[str, str | None]  # style, season, gender (None: any), as query parameters


def occasion_of(style: str, season: str, gender: str) -> Occasion:
    """The occasion controls' choices as query parameters ("any" left out as None)."""
    return {
        "style": None if style in (ANY, "") else style,
        "season": None if season in (ANY, "") else season,
        "gender": None if gender in (ANY, "") else gender,
    }


def occasion_controls(prefix: str) -> tuple[gr.Dropdown, gr.Dropdown, gr.Radio]:
    """Style and season dropdowns and the men / women radio, their ids `<prefix>-style` …"""
    style = translated(
        gr.Dropdown(
            [ANY, *sorted(set(STYLES.values()))],
            value=ANY,
            label="Style",
            elem_id=f"{prefix}-style",
        )
    )
    season = translated(
        gr.Dropdown([ANY, *SEASONS.values()], value=ANY, label="Season", elem_id=f"{prefix}-season")
    )
    gender = translated(
        gr.Radio([ANY, "men", "women"], value=ANY, label="For", elem_id=f"{prefix}-gender")
    )
    return style, season, gender
