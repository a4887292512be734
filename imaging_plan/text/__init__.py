"""The on-screen text, one catalogue per page or topic; `imaging_plan.i18n` merges them and looks keys up.

A key lives in the catalogue of the page that shows it (a page's sentence on the overview
too: physicians.py holds ov_phys_sentence); text that several pages show lives in common.py.
Each module holds `TEXT: dict[str, tuple[str, str]]`, key: (bokmål, English).
"""
