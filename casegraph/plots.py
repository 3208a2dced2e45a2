"""Pictures of an :class:`~casegraph.analyze.Analysis`: the epicurve, the interval histogram
and the offspring distribution, as SVG files (matplotlib, the ``analyze`` extra).

Each plot is drawn without a display and written atomically; the page shows them (``view``).
"""
from __future__ import annotations

import io
from pathlib import Path

from casegraph.analyze import Analysis, daily_counts
from casegraph.errors import CasegraphError
from casegraph.io import write_bytes_atomic

__all__ = ["write_plots", "PLOT_FILES"]

#: The files :func:`write_plots` writes, by what they show.
PLOT_FILES = {"epicurve": "epicurve.svg", "intervals": "serial_interval.svg",
              "offspring": "offspring.svg"}
#: Fonts tried in turn for Chinese labels (whichever is installed).
CJK_FONTS = ["Noto Sans CJK SC", "WenQuanYi Zen Hei", "Source Han Sans SC", "SimHei",
             "Microsoft YaHei", "DejaVu Sans"]


def write_plots(report: Analysis, folder: str | Path) -> dict[str, Path]:
    """Write the plots of ``report`` into ``folder`` (made if missing); return their paths.

    Raises
    ------
    CasegraphError
        If matplotlib is not installed (``pip install 'casegraph[analyze]'``).
    """
    try:
        import matplotlib
        matplotlib.use("Agg")
        from matplotlib import pyplot as plt
    except ImportError:
        raise CasegraphError("plots need matplotlib: pip install 'casegraph[analyze]' "
                             "(or --no-plots)") from None
    plt.rcParams["font.sans-serif"] = CJK_FONTS
    plt.rcParams["svg.hashsalt"] = "casegraph"  # the same report gives the same file
    plt.rcParams["svg.fonttype"] = "none"
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, draw in (("epicurve", _epicurve), ("intervals", _intervals), ("offspring", _offspring)):
        fig, ax = plt.subplots(figsize=(8, 3.2))
        draw(ax, report)
        fig.tight_layout()
        buffer = io.BytesIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None})
        plt.close(fig)
        written[name] = folder / PLOT_FILES[name]
        write_bytes_atomic(written[name], buffer.getvalue())
    return written


def _epicurve(ax, report: Analysis) -> None:
    counts = daily_counts(report.epicurve)
    ax.bar([d for d, _ in counts], [c for _, c in counts], width=0.9, color="#d9534f")
    used = ", ".join(f"{k} {v}" for k, v in report.epicurve["dates_used"].items())
    ax.set_title(f"Cases per day by {report.epicurve['date_kind']} date ({used or 'no dates'}; "
                 f"{report.epicurve['undated']} undated)", fontsize=9)
    ax.set_ylabel("cases")
    ax.figure.autofmt_xdate()


def _intervals(ax, report: Analysis) -> None:
    days = [p["days"] for p in report.serial_interval["pairs"]]
    if days:
        ax.hist(days, bins=range(min(days), max(days) + 2), align="left", color="#337ab7")
    ax.axvline(0, color="#777", linewidth=0.8)
    s = report.serial_interval
    ax.set_title(f"Serial interval, infectee minus infector onset (n {s['n']}, mean {s['mean']}, "
                 f"sd {s['sd']}, negative {s['share_negative']})", fontsize=9)
    ax.set_xlabel("days")
    ax.set_ylabel("pairs")


def _offspring(ax, report: Analysis) -> None:
    dist = {int(k): v for k, v in report.offspring["distribution"].items()}
    ax.bar(list(dist), list(dist.values()), color="#5cb85c")
    fit = report.offspring.get("negative_binomial") or {}
    ax.set_title(f"Secondary cases per case (mean {report.offspring['mean']}, k {fit.get('k')}; "
                 "recent cases right-censored)", fontsize=9)
    ax.set_xlabel("secondary cases")
    ax.set_ylabel("cases")
