"""Run every benchmark once and print the ratios against the reference libraries, then time
the per-article measures at scale (benchmarks/scale.py: 1,000 and 10,000 articles) and the whole
report on 1,000 articles (benchmarks/report.py; give it 10000 too for the issue's target)."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import readability  # noqa: E402
import report  # noqa: E402
import scale  # noqa: E402
import sentiment  # noqa: E402

if __name__ == "__main__":
    readability.main()
    sentiment.main()
    try:
        import overlap  # noqa: E402
    except ImportError:
        pass
    else:
        overlap.main([])
    scale.main(["1000", "10000"])
    report.main(["1000"])
