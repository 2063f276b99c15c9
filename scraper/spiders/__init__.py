"""The spiders: `snaps` (outfits from the snap list) and `goods` (from products)."""
