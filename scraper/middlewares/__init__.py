"""Downloader middlewares: Selenium rendering for JS pages, and the robots.txt guard."""
