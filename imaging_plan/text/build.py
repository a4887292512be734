"""A forecast built in the background (the backtest after `make app`): app/build_progress.py.

Each entry is key: (bokmål, English); `imaging_plan.i18n` merges the catalogues.
"""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "build_running": (
        "{what}: beregnes, om lag {left} igjen{fits}.",
        "{what}: being computed, about {left} left{fits}.",
    ),
    "build_fits": (" ({done} av {total} modelltilpasninger ferdige)", " ({done} of {total} model fits done)"),
    "build_running_started": (
        "{what}: beregnes (startet for {elapsed} s siden).",
        "{what}: being computed (started {elapsed} s ago).",
    ),
    "build_meanwhile": (
        "Siden fyller seg selv ut når beregningen er ferdig; de andre sidene kan brukes imens.",
        "This page fills in by itself when it is done; the other pages work meanwhile.",
    ),
    "build_previous": ("Til da vises forrige beregning.", "Until then the previous result is shown."),
    "build_failed": (
        "{what}: siste beregning feilet ({message}). Kjør `{cmd}` for å se hele feilen.",
        "{what}: the last build failed ({message}). Run `{cmd}` to see the whole error.",
    ),
    "build_stopped": (
        "{what}: siste beregning ble avbrutt før den var ferdig. Kjør `{cmd}` for å lage den.",
        "{what}: the last build was stopped before it finished. Run `{cmd}` to make it.",
    ),
}
