"""The capsule: the best k purchases together, chosen greedily on the marginal gain."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from neo4j import Driver

from graph.recommend.next_piece import NextPiece, add_reasons, cluster_gains, rank_next
from graph.recommend.pairs import DEFAULT_MIN_SUPPORT, PairTable
from graph.recommend.wearable import Piece, closet_outfits, enumerate_outfits, shopping_scope
from graph.recommend.wording import sentence
from graph.wardrobe import Closet

GREEDY_NOTE = sentence(
    "Greedy: each step buys the piece with the largest marginal gain given the pieces bought "
    "before. Outfit counts are not submodular (a new top makes every bottom worth more), so "
    "greedy carries no 1-1/e guarantee; it is good enough here because each step re-scores "
    "with the earlier picks in the closet (so it completes the pairs it opens), steps with no "
    "gain go to the piece pairing with the most owned pieces, and the exact search over k "
    "clusters is exponential. Against exhaustive search over pairs of the 30 best clusters, "
    "greedy reached the optimum for k = 2 on every closet of bench/closet_next.py.",
    "탐욕 방식: 매 단계 앞서 산 아이템을 고려해 코디가 가장 많이 늘어나는 아이템을 삽니다. "
    "코디 수는 부분 모듈 함수가 아니어서(상의 하나가 모든 하의의 가치를 올림) 1-1/e 보장은 "
    "없지만, 매 단계 앞서 고른 아이템을 옷장에 넣고 다시 계산하고(열어 둔 조합을 완성), "
    "이득이 없는 단계는 내 아이템과 가장 많이 어울리는 아이템을 고르며, k개 종류의 완전 "
    "탐색은 지수적이라 충분합니다. 가장 좋은 30개 종류의 쌍에 대한 완전 탐색과 비교하면 "
    "bench/closet_next.py의 모든 옷장에서 k = 2일 때 최적에 도달했습니다.",
)


@dataclass
class CapsuleStep:
    """One purchase of the capsule and the outfits it adds given the earlier ones."""

    pick: NextPiece
    total: int


@dataclass
class Capsule:
    """The outfits a closet wears before the capsule, and its purchases in order."""

    start_outfits: int
    steps: list[CapsuleStep]

    @property
    def end_outfits(self) -> int:
        """The outfits after every purchase."""
        return self.steps[-1].total if self.steps else self.start_outfits


def capsule(
    driver: Driver,
    closet: Closet,
    k: int = 3,
    category: str | None = None,
    budget: int | None = None,
    min_support: int = DEFAULT_MIN_SUPPORT,
    model: str | None = None,
    brands: str = "any",
) -> Capsule:
    """The outfits now and k purchases chosen greedily on the marginal gain."""
    now = closet_outfits(driver, closet, min_support)
    pieces, book = now.pieces, now.book
    scope = shopping_scope(closet, category, brands)
    wanted, exclude = scope.categories, scope.exclude
    start = len(now.outfits)
    steps: list[CapsuleStep] = []
    total = start
    for _ in range(k):
        picks = rank_next(driver, pieces, book, exclude, wanted, budget, 1, 1, model, scope.brands)
        if not picks:
            break
        best = picks[0]
        add_reasons(driver, pieces, book, [best])
        pieces = [*pieces, best.piece]
        exclude.append(best.piece.id)
        total += best.gain.gain
        steps.append(CapsuleStep(best, total))
    return Capsule(start, steps)


def best_pair_gain(
    pieces: Sequence[Piece], book: PairTable, wanted: Sequence[str], top: int = 30
) -> int:
    """Exhaustive best total gain of two purchases at cluster level (for the greedy check)."""
    gains = cluster_gains(pieces, book, wanted)[:top]
    now = len(enumerate_outfits(pieces, book))
    best = 0
    for a, b in itertools.combinations_with_replacement(gains, 2):
        extra = [
            Piece(f"virtual-{n}", g.category, g.cluster, {"id": f"virtual-{n}"}, "catalog")
            for n, g in enumerate((a, b))
        ]
        book.ensure(p.cluster for p in extra)
        best = max(best, len(enumerate_outfits([*pieces, *extra], book)) - now)
    return best
