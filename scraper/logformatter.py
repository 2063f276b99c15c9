"""Log dropped items as one line with their reason (Scrapy's default dumps the whole item)."""

from __future__ import annotations

import logging
from typing import Any

from scrapy import logformatter
from scrapy.http import Response
from twisted.python.failure import Failure


class ConciseLogFormatter(logformatter.LogFormatter):
    """Dropped items: INFO, reason only; their counts are in closet/dropped/<reason>."""

    def dropped(
        self,
        item: Any,
        exception: BaseException,
        response: Response | Failure | None,
        spider: Any = None,
    ) -> logformatter.LogFormatterResult:
        return {
            "level": logging.INFO,
            "msg": "Dropped: %(exception)s",
            "args": {"exception": exception},
        }
