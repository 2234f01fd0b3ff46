#!/usr/bin/env python3
"""Draws target/bench/latency.png from results.json: latency percentiles
(p50, p90, p99, p99.9) per scenario, log scale, labels coloured by group
(slow disk red, browser green, the counter app's cold start blue: its p50 is
the median launch, its max the worst). Usage: chart.py RESULTS PNG"""
import json
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def main():
    results_path, png = sys.argv[1], sys.argv[2]
    with open(results_path) as f:
        results = json.load(f)
    rows = [
        r for r in results["rows"]
        if r["group"] not in ("memory", "micro") and r.get("p50_ms") is not None
    ]
    rows.reverse()
    keys = [("p50_ms", "p50"), ("p90_ms", "p90"), ("p99_ms", "p99"), ("p999_ms", "p99.9")]
    colors = {
        "ceiling": "#9e9e9e", "reference": "#bdbdbd", "crema": "#6d4c41", "rush": "#ef6c00",
        "slowdisk": "#c62828", "browser": "#2e7d32", "desktop": "#1565c0",
    }
    height = 0.2
    fig, ax = plt.subplots(figsize=(12, 0.55 * len(rows) + 1.8))
    for k, (key, label) in enumerate(keys):
        ys = [i + (k - 1.5) * height for i in range(len(rows))]
        xs = [max(r.get(key) or 0.0, 0.001) for r in rows]
        ax.barh(ys, xs, height=height, label=label, alpha=0.35 + 0.2 * k, color="#3949ab")
    ax.set_yticks(range(len(rows)))
    labels = []
    for r in rows:
        rps = r.get("rps")
        labels.append(f'{r["scenario"]}  ({rps:,.0f}/s)' if rps else r["scenario"])
    ax.set_yticklabels(labels, fontsize=8)
    for tick, r in zip(ax.get_yticklabels(), rows):
        tick.set_color(colors.get(r["group"], "black"))
    ax.set_xscale("log")
    ax.set_xlabel("latency, ms (log scale)")
    m = results.get("machine", {})
    ax.set_title(
        f'Crema make bench: latency percentiles per scenario\n'
        f'{m.get("cpu", "")}, {m.get("cores", "?")} cores, {results.get("generated_at", "")[:19]}',
        fontsize=10,
    )
    for x, style in ((10, ":"), (20, "--")):
        ax.axvline(x, color="#c62828", linestyle=style, linewidth=0.8)
    ax.grid(axis="x", which="both", alpha=0.3)
    ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    fig.savefig(png, dpi=110)


if __name__ == "__main__":
    main()
