"""Many crawler processes, one crawl: scrapy-redis underneath (`closet crawl --redis URL`).

What the processes share, all in one Redis under the key prefix `closet:<spider>`:

- `requests`   the frontier: scrapy-redis' priority queue (a sorted set), JSON-encoded requests;
- `dupefilter` scrapy-redis' fingerprint set (a product page is fetched once, by one process);
- `snap_depth`, `goods_depth`, `emitted`: the relation-depth bookkeeping of the spiders
  (`memory.RedisMemory`), claimed atomically so two processes never schedule the same snap;
- `items`      the item queue: every kept record, as JSON (scrapy-redis' RedisPipeline);
- `workers`, `alive:<id>`, `inflight:<id>`: who is crawling, their heartbeats, and the requests
  each has taken but whose results are not yet safely stored (`frontier.Frontier`).

A request moves from `requests` to its worker's `inflight` in one atomic step, and leaves it only
once what it produced is in Neo4j (or, without Neo4j, in the feed and the item queue). A worker
that dies (its heartbeat expires) has its in-flight requests put back in the queue by any other
worker, so killing a process loses nothing; an idle worker stays up while the queue or another
worker still has work (`workers.Workers`). The co-occurrence refresh runs once, after the last
write (`refresh.refresh_once`).
"""
