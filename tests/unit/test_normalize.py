"""From snap records to graph rows (shared by the importer and the spiders), no database."""

from __future__ import annotations

from core.records import SnapItem, SnapOutfit
from graph.ingest.normalize import hashtags, normalize_item, normalize_outfit


def test_an_item_gets_its_big_category_mid_class_colour_and_cluster() -> None:
    row = normalize_item(
        SnapItem.model_validate(
            {
                "item_id": 12,  # numeric ids become text
                "category": "상의",
                "name": "Navy Oxford Shirt",
                "brand": "",
                "price": 39000,
                "image_urls": ["http://x/1.jpg"],
                "fabric": "cotton",
                "Bad-Key": 1,
                "sizes": [1, "a"],
                "tags": ["a", "b"],
                "normal_price": 45000,  # a field the goods spider adds: named, so stored
            }
        )
    )
    assert row is not None
    assert (row.id, row.category, row.mid_class, row.color, row.cluster) == (
        "12",
        "top",
        "shirt",
        "navy",
        "shirt|navy",
    )
    assert row.brand is None  # an empty brand is no brand
    assert row.image_url == "http://x/1.jpg"  # the first of image_urls
    # fields the record model does not name are dropped (and listed), never stored
    assert row.extra == {"normal_price": 45000}
    assert row.ignored == ["Bad-Key", "fabric", "sizes", "tags"]


def test_items_of_dropped_categories_are_not_kept() -> None:
    ring = SnapItem.model_validate({"item_id": "x", "category": "액세서리", "name": "Ring"})
    assert normalize_item(ring) is None


def test_an_outfit_maps_style_season_gender_and_merges_tags() -> None:
    outfit = normalize_outfit(
        SnapOutfit.model_validate(
            {
                "outfit_id": 1,
                "gender": "male",
                "style": "캐주얼",
                "season": "봄",
                "description": "오늘 #데일리룩 #OOTD #데일리룩",
                "tags": ["#Minimal"],
                "items": [
                    {"item_id": "1", "category": "상의", "name": "Navy Oxford Shirt"},
                    {"item_id": "1", "category": "상의", "name": "Navy Oxford Shirt"},
                    {"item_id": "2", "category": "액세서리", "name": "Ring"},
                    {
                        "item_id": "3",
                        "category": "하의",
                        "name": "Black Denim Jeans",
                        "position": 7,
                    },
                ],
            }
        )
    )
    assert (outfit.id, outfit.style, outfit.season, outfit.gender) == (
        "1",
        "casual",
        "spring",
        "men",
    )
    assert outfit.tags == ["데일리룩", "ootd", "minimal"]  # in order, once each, lower case
    assert [i.id for i in outfit.items] == ["1", "3"]  # the duplicate is dropped
    assert outfit.positions == [1, 7]  # given positions win, else the order in the record
    assert outfit.dropped_items == 1


def test_hashtags_are_distinct_and_ordered() -> None:
    assert hashtags("#a #b_ #a") == ["a", "b"]
    assert hashtags(None) == []
