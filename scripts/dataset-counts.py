#!/usr/bin/env python3
"""Per-year counts of the bundled dataset's events, next to the seed paper's Table 1.

Usage: scripts/dataset-counts.py [DATASET.geojson] [PAPER-TABLE1.csv]

Prints a Markdown table (the one in docs/dataset.md). Events are counted in the year they start.
"Military" counts every event except the coast guards' (kind coast_guard_patrol, or only the
coast_guard domain), as section E of the reference does. The paper's columns are read from its
Table 1 as published and are never mixed into the dataset's counts.
"""
import csv
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KINDS = ["air_patrol", "naval_patrol", "exercise", "coast_guard_patrol", "transit", "other"]


def main() -> int:
    dataset = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "assets/data/china-russia-joint-activity.geojson"
    paper_csv = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "assets/data/paper-table1.csv"

    features = json.loads(dataset.read_text(encoding="utf-8"))["features"]
    by_year: dict[int, Counter] = defaultdict(Counter)
    for f in features:
        p = f["properties"]
        year = int(str(p["start"])[:4])
        kind = p["kind"]
        domains = p["domains"] if isinstance(p["domains"], list) else [d.strip() for d in p["domains"].split(",")]
        coast_guard = kind == "coast_guard_patrol" or set(domains) == {"coast_guard"}
        by_year[year]["total"] += 1
        by_year[year][kind] += 1
        by_year[year]["military"] += 0 if coast_guard else 1

    with paper_csv.open(newline="", encoding="utf-8") as fh:
        paper = {int(row["year"]): row for row in csv.DictReader(fh)}

    kinds = [k for k in KINDS if any(c[k] for c in by_year.values())]
    years = range(min(by_year) if by_year else 2019, max(max(by_year), max(paper, default=0)) + 1)
    head = (["year", "events (all)"] + [f"{k}" for k in kinds] + ["military drills (dataset)"]
            + ["paper's Table 1: drills", "paper's Table 1: personnel"])
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    totals = Counter()
    for y in years:
        c = by_year.get(y, Counter())
        totals.update(c)
        row = [str(y), str(c["total"])] + [str(c[k]) for k in kinds] + [str(c["military"])]
        row += [paper[y]["drills"], paper[y]["personnel"]] if y in paper else ["–", "–"]
        print("| " + " | ".join(row) + " |")
    print("| **all** | " + " | ".join([str(totals["total"])] + [str(totals[k]) for k in kinds]
                                      + [str(totals["military"]), "", ""]) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
