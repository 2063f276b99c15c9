"""Scrapy spiders that crawl MUSINSA outfits ("snaps") and products straight into Neo4j.

`scraper.musinsa` holds every URL pattern, JSON path and selector; `scraper.spiders` the
crawl logic (relation-depth crawling); `scraper.middlewares` the Selenium rendering and the
robots.txt guard; `scraper.pipelines` validation, normalisation and batched Neo4j writes.
Run with `closet crawl snaps|goods` or `scrapy crawl snaps` from this folder.
"""
