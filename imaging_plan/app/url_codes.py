"""Choice widgets whose URL value is a code (`staff_roles=radiographer`), whatever the language on screen.

Streamlit's `bind="query-params"` writes the displayed label into the URL
(`staff_roles=Radiograf`), so a link would change meaning with the language
switch. These widgets keep the label on screen and the code in the URL: the
code is read from the URL when the session first draws the widget, and the
URL is rewritten after each change (left out when the value is the default,
as Streamlit does for bound widgets). A code that is not an option is skipped.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping, Sequence

import streamlit as st


def from_url(
    key: str, options: Sequence[str], default: Any, multi: bool, aliases: Mapping[str, str] | None = None
) -> Any:
    """Return the value the URL asks for: the valid codes under `key`, or `default` when there are none.

    `aliases` maps other spellings an older link may carry (a label) to their code.
    """
    given = [(aliases or {}).get(value, value) for value in st.query_params.get_all(key)]
    valid = [code for code in dict.fromkeys(given) if code in options]
    if not valid:
        return default
    return valid if multi else valid[0]


def to_url(key: str, value: Any, default: Any, multi: bool) -> None:
    """Write the chosen codes under `key` in the URL, or drop the key when the value is the default."""
    if value == default or value is None:
        if key in st.query_params:
            del st.query_params[key]
        return
    codes = [str(v) for v in value] if multi else [str(value)]
    if st.query_params.get_all(key) != codes:
        st.query_params[key] = codes if multi else codes[0]


def coded(
    widget: Callable,
    label: str,
    options: Sequence[str],
    *,
    key: str,
    default: Any,
    format_func: Callable[[Any], str] = str,
    multi: bool = False,
    aliases: Mapping[str, str] | None = None,
    **kwargs,
) -> Any:
    """Draw `widget` (st.multiselect, st.selectbox, st.segmented_control, ...) over codes, bound to the URL by code.

    `aliases` (spelling -> code) lets an older link's label open the same choice; the URL is then
    rewritten with the code.
    """
    options = list(options)
    current = st.session_state.get(key)
    stale = key in st.session_state and (
        current is not None and (any(v not in options for v in current) if multi else current not in options)
    )
    if key not in st.session_state or stale:
        st.session_state[key] = from_url(key, options, default, multi, aliases)
    value = widget(label, options, key=key, format_func=format_func, **kwargs)
    to_url(key, value, default, multi)
    return value
