"""The explanations' two languages: every sentence exists in both with the same parts, every
colour and kind of the taxonomy has a Korean name, and the explanations read in each."""

from __future__ import annotations

import string

import pytest

from core.vocabulary import COLOR_FAMILIES, COLORS_KO, SEASONS, STYLES
from enrich.taxonomy import MID_CLASS_NAMES
from graph.recommend.explain import explain_note, explain_occasion, explain_outfit
from graph.recommend.wearable import PairStep, WearableOutfit
from graph.recommend.wording import KINDS_KO, TEMPLATES, wording


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_sentence_has_both_languages_with_the_same_parts() -> None:
    assert set(TEMPLATES["en"]) == set(TEMPLATES["ko"])
    for key, english in TEMPLATES["en"].items():
        assert fields(english) == fields(TEMPLATES["ko"][key]), key


def test_every_colour_kind_style_and_season_has_a_korean_name() -> None:
    assert set(COLORS_KO) == set(COLOR_FAMILIES)
    assert set(KINDS_KO) == set(MID_CLASS_NAMES)
    ko = wording("ko")
    for name in [*STYLES.values(), *SEASONS.values()]:
        assert ko.label(name) != name


def test_explanations_read_in_each_language() -> None:
    path = [PairStep("shirt|navy", "slacks|beige", 3)]
    outfit = WearableOutfit((), path, 3)
    assert explain_outfit(outfit) == (
        "no real outfit has these pieces, but each pair is worn together: "
        "navy shirt with beige slacks in 3 outfits"
    )
    assert explain_outfit(outfit, wording("ko")) == (
        "이 조합 그대로인 실제 코디는 없지만 두 벌씩은 함께 입힘: "
        "네이비 셔츠·베이지 슬랙스 코디 3개"
    )
    assert explain_occasion("street", "winter", 1.83) == "suits street, winter (×1.8)"
    assert explain_occasion("street", None, 0.4, wording("ko")) == "스트릿에는 잘 입지 않음 (×0.4)"
    assert explain_note("missing", wording("ko"), categories="bottom") == (
        "아직 하의 아이템이 없음: 다음에 살 아이템을 확인하세요"
    )
    assert explain_note("no_outer", season="winter") == (
        "no outer of yours goes with these for winter: see the next piece"
    )


def test_counts_in_each_language() -> None:
    assert wording("en").count(1, "outfit") == "1 outfit"
    assert wording("en").count(2, "real outfit") == "2 real outfits"
    assert wording("ko").count(2, "real outfit") == "실제 코디 2개"


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="en, ko"):
        wording("fr")


def test_the_demo_has_korean_for_every_text_it_shows() -> None:
    """Every label the page registers for the switch, and every message a handler words with
    `say`, has its Korean (a missing one would show English on the Korean page)."""
    import ast
    from pathlib import Path

    from demo import tiles
    from demo.i18n_ko import KOREAN

    root = Path(__file__).resolve().parents[2] / "demo"
    missing = []
    for path in sorted(root.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "say":
                text = node.args[1] if len(node.args) > 1 else None
                if (
                    isinstance(text, ast.Constant)
                    and isinstance(text.value, str)
                    and text.value.strip()
                    and text.value not in KOREAN
                ):
                    missing.append(text.value)
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "empty":
                text = node.args[0] if node.args else None
                if isinstance(text, ast.Constant) and tiles.empty(text.value) not in KOREAN:
                    missing.append(tiles.empty(text.value))  # a static empty state
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "translated":
                inner = node.args[0] if node.args else None
                if not isinstance(inner, ast.Call):
                    continue
                kind = getattr(inner.func, "attr", "")
                texts = [k.value for k in inner.keywords if k.arg in ("label", "placeholder")]
                if kind in ("Button", "Markdown", "Accordion", "Tab") and inner.args:
                    texts.append(inner.args[0])
                missing += [
                    t.value
                    for t in texts
                    if isinstance(t, ast.Constant) and t.value and t.value not in KOREAN
                ]
    assert not missing, missing


def test_every_sentence_the_recommenders_write_has_its_korean() -> None:
    from graph.recommend import capsule, ranking, wearable
    from graph.recommend.wording import SENTENCES_KO

    written = [
        ranking.NO_MODEL_NOTE,
        ranking.NO_SCORES_NOTE,
        ranking.NO_RANKER_NOTE,
        wearable.DEFINITION,
        capsule.GREEDY_NOTE,
    ]
    assert set(written) == set(SENTENCES_KO)
    assert wording("ko").sentence(wearable.DEFINITION).format(min_support=2).endswith("조합")
    assert wording("en").sentence(capsule.GREEDY_NOTE) == capsule.GREEDY_NOTE


def test_the_notes_of_a_look_read_in_each_language() -> None:
    assert explain_note("not_worn_together", a="shirt|navy", b="shorts|grey") == (
        "navy shirt and grey shorts are not worn together in real outfits: no wearable look "
        "holds both"
    )
    assert explain_note("no_fill", wording("ko"), categories="outer,shoes") == (
        "고른 아이템 모두와 실제 코디에서 함께 입힌 아우터, 신발이(가) 없음"
    )
    assert explain_note("no_combination") == (
        "the candidate pieces are never worn with each other in real outfits"
    )
