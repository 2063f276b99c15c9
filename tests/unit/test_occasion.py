"""The occasion's arithmetic, worked by hand: the smoothed lift, the odds update, a look's
lift, the gender rule and the check of labels against the known ones."""

from __future__ import annotations

import pytest

from core.errors import UnknownLabel
from graph.recommend.occasion import (
    Affinity,
    Labels,
    Occasion,
    boosted,
    lift,
    look_lift,
)

LABELS = Labels(100, {"street": 0.25, "casual": 0.5}, {"winter": 0.2})


def test_lift_is_the_smoothed_share_over_the_base_rate() -> None:
    # 3 of 4 outfits street, base 0.25, 2 pseudo-outfits: (3 + 0.5) / 6 / 0.25
    assert lift(4, 3, 0.25) == pytest.approx(3.5 / 6 / 0.25)
    assert lift(4, 0, 0.25) == pytest.approx(0.5 / 6 / 0.25)
    assert lift(4, 1, 0.25) == pytest.approx(1.5 / 6 / 0.25)
    # a piece worn exactly at the base rate is not moved, however often it is worn
    assert lift(100, 25, 0.25) == pytest.approx(1.0)


def test_lift_is_one_without_evidence() -> None:
    assert lift(0, 0, 0.25) == 1.0  # in no outfit
    assert lift(5, 2, 0.0) == 1.0  # a label no outfit carries


def test_more_outfits_move_a_piece_further() -> None:
    assert lift(1, 1, 0.25) < lift(10, 10, 0.25) < 1 / 0.25
    assert lift(1, 0, 0.25) > lift(10, 0, 0.25) > 0.0


def test_boosted_updates_the_odds() -> None:
    assert boosted(0.5, 3.0) == pytest.approx(0.75)  # odds 1 → 3
    assert boosted(0.2, 1.0) == pytest.approx(0.2)
    assert boosted(0.8, 0.25) == pytest.approx(0.5)  # odds 4 → 1
    assert 0.0 < boosted(0.0, 10.0) < 1e-6
    assert boosted(1.0, 0.1) < 1.0


def test_affinity_multiplies_the_asked_labels_only() -> None:
    seen = Affinity("men", 4, style_outfits=3, season_outfits=0)
    street = lift(4, 3, 0.25)
    winter = lift(4, 0, 0.2)
    assert seen.lift(Occasion(style="street"), LABELS) == pytest.approx(street)
    assert seen.lift(Occasion(season="winter"), LABELS) == pytest.approx(winter)
    assert seen.lift(Occasion("street", "winter"), LABELS) == pytest.approx(street * winter)
    assert seen.lift(Occasion(gender="men"), LABELS) == 1.0


def test_look_lift_is_the_geometric_mean() -> None:
    assert look_lift([2.0, 0.5]) == pytest.approx(1.0)
    assert look_lift([4.0, 1.0, 2.0]) == pytest.approx(2.0)
    assert look_lift([]) == 1.0


def test_gender_keeps_unisex_and_unworn_pieces() -> None:
    men = Occasion(gender="men")
    assert men.allows("men")
    assert men.allows("unisex")
    assert men.allows(None)
    assert not men.allows("women")
    assert Occasion().allows("women")
    assert men.allows_item({"worn_by": "unisex"})
    assert not men.allows_item({"worn_by": "women"})


def test_the_pool_grows_only_for_an_occasion() -> None:
    assert Occasion().pool(10) == 10
    assert Occasion(style="street").pool(10) == 40
    assert Occasion(gender="men").pool(30, cap=100) == 100
    assert not Occasion().active
    assert Occasion(season="winter").boosts
    assert Occasion(gender="women").active
    assert not Occasion(gender="women").boosts


def test_unknown_labels_name_the_known_ones() -> None:
    assert LABELS.check(Occasion("street", "winter", "men")) == Occasion("street", "winter", "men")
    with pytest.raises(UnknownLabel) as raised:
        LABELS.check(Occasion(style="formal"))
    # the vocabulary's labels are known before any outfit carries them, and the graph's own too
    assert raised.value.known == ["casual", "minimal", "sporty", "street"]
    assert "known styles are casual, minimal, sporty, street" in str(raised.value)
    graph_only = Labels(1, {"formal": 1.0}, {})
    assert graph_only.check(Occasion(style="formal")).style == "formal"
    assert LABELS.check(Occasion(style="sporty")).style == "sporty"
    with pytest.raises(UnknownLabel, match="known seasons are autumn, spring, summer, winter"):
        LABELS.check(Occasion(season="monsoon"))
    with pytest.raises(UnknownLabel, match="men, women"):
        LABELS.check(Occasion(gender="kids"))
