"""Data page: every input the product reads, what it must hold, a template, and an upload.

What each input holds and where its rows come from is `views.data` (no Streamlit); this module
draws it and holds the uploads. An upload is validated like the data folder's files and refused
whole with the loader's messages; an accepted one replaces that table for this viewer's session
only (see `workspace`): every page then plans on it, and the trends are refitted in the background.
"""

from __future__ import annotations

import hashlib

import streamlit as st

from imaging_plan.data import schemas, templates
from imaging_plan.data.uploads import MAX_UPLOAD_BYTES, MAX_UPLOAD_ROWS
from imaging_plan.i18n import t
from imaging_plan.views import data
from imaging_plan.views.snapshot import Snapshot
from imaging_plan.app import workspace

REFUSED = "_data_refused"  # table -> (content hash and sheet, message) of the last refused file
GENERATION = "_data_upload_generation"  # bumped to empty the uploaders when a file is removed


def _uploader_key(name: str) -> str:
    return f"data_upload_{name}_{st.session_state.get(GENERATION, 0)}"


def _handle_upload(name: str, lang: str) -> None:
    """Validate the file in the uploader of table `name`; accept it whole or keep its problems to show."""
    file = st.session_state.get(_uploader_key(name))
    if file is None:
        return
    content = file.getvalue()
    digest = hashlib.sha256(content).hexdigest()
    uploads = workspace.session_uploads()
    if name in uploads and uploads[name].sha256 == digest:
        return
    sheet = (st.session_state.get(f"data_sheet_{name}") or "").strip() or None
    refused = st.session_state.setdefault(REFUSED, {})
    if refused.get(name, (None,))[0] == (digest, sheet):
        return
    others = {k: v for k, v in uploads.items() if k != name}
    try:
        upload = workspace.accept(name, content, file.name, others, sheet=sheet)
    except schemas.InputDataError as err:
        refused[name] = ((digest, sheet), str(err))
        return
    refused.pop(name, None)
    uploads[name] = upload
    st.session_state["_data_accepted"] = (name, file.name)
    st.rerun()  # the shell reads the session's data folder before the page: start over with it


def _empty_uploaders() -> None:
    st.session_state[GENERATION] = st.session_state.get(GENERATION, 0) + 1


def _remove(name: str) -> None:
    workspace.session_uploads().pop(name, None)
    st.session_state.get(REFUSED, {}).pop(name, None)
    _empty_uploaders()  # else the file still in the uploader would be accepted again


def _remove_all() -> None:
    workspace.session_uploads().clear()
    st.session_state.pop(REFUSED, None)
    st.query_params.pop(workspace.LINK_PARAM, None)
    _empty_uploaders()


@st.fragment(run_every=2.0)
def refit_progress(lang: str) -> None:
    """Show the background refit's progress; redrawn every two seconds while the page is open."""
    uploads = workspace.session_uploads()
    if not uploads:
        return
    status = workspace.refit_status(workspace.root() / workspace.key(uploads))
    if status.state == "running":
        st.progress(status.fraction, text=t("data_refit_progress", lang, done=status.done, total=status.total or "?"))
    elif status.state == "done":
        st.success(t("data_refit_done", lang))
    elif status.state == "failed":
        st.error(t("data_refit_failed_long", lang))
        st.code(status.log_tail, language=None)
        st.button(
            t("data_refit_retry", lang),
            key="data_refit_retry",
            on_click=workspace.reset_refit,
            args=(workspace.root() / workspace.key(uploads),),
        )


def table_block(item: data.InputView, lang: str) -> None:
    """Draw one input: what it is, where its rows come from, columns, codes and rules, templates, upload."""
    name, spec = item.name, schemas.TABLES[item.name]
    mark = " :material/check_circle:" if item.uploaded is not None else ""
    with st.expander(f"{item.title} · `{item.file}`{mark}", expanded=item.uploaded is not None or bool(item.problems)):
        st.markdown(item.about)
        st.caption(f"{t('source', lang)}: {item.source}")
        st.markdown(f"**{t('data_columns', lang)}**")
        st.dataframe(item.schema.columns, hide_index=True, width="stretch")
        if item.schema.optional:
            st.caption(item.optional_note)
        st.markdown(f"**{t('data_rules', lang)}**\n\n" + "\n".join(f"- {r}" for r in item.schema.rules))
        if not item.schema.codes.empty:
            with st.popover(t("data_codes", lang)):
                st.dataframe(item.schema.codes, hide_index=True)
        left, right = st.columns(2)
        left.download_button(
            t("data_template_csv", lang),
            templates.template_csv(name, workspace.paths.data_dir()),
            file_name=spec.file,
            mime="text/csv",
            key=f"data_tpl_csv_{name}",
            icon=":material/download:",
            on_click="ignore",
        )
        right.download_button(
            t("data_template_xlsx", lang),
            lambda: templates.template_xlsx(name, workspace.paths.data_dir()),
            file_name=spec.file.replace(".csv", ".xlsx"),
            key=f"data_tpl_xlsx_{name}",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            icon=":material/download:",
            on_click="ignore",  # a rerun on the click would revoke the file the browser is fetching
        )
        st.file_uploader(
            t("data_upload", lang),
            type=["csv", "xlsx"],
            key=_uploader_key(name),
            help=t(
                "data_upload_help",
                lang,
                mb=MAX_UPLOAD_BYTES // (1024 * 1024),
                rows=f"{MAX_UPLOAD_ROWS:,}".replace(",", " "),
            ),
        )
        st.text_input(t("data_sheet", lang), key=f"data_sheet_{name}", placeholder=t("data_sheet_hint", lang))
        if item.problems:
            st.error(t("data_refused", lang) + "\n\n" + "\n".join(f"- {line}" for line in item.problems))
        if item.uploaded is not None:
            st.success(t("data_in_use", lang, file=item.uploaded))
            st.button(t("data_remove", lang), key=f"data_remove_{name}", on_click=_remove, args=(name,))


def render(snapshot: Snapshot) -> None:
    lang = snapshot.lang
    st.title(t("data_title", lang))
    st.markdown(t("data_intro", lang))
    for name in schemas.TABLES:  # the files in the uploaders (from the last run): accepted or refused first
        _handle_upload(name, lang)
    uploads = workspace.session_uploads()
    refused = st.session_state.get(REFUSED, {})
    view = data.compute(
        snapshot,
        tuple((n, u.file_name) for n, u in sorted(uploads.items())),
        tuple((n, message) for n, (_, message) in sorted(refused.items())),
    )
    accepted = st.session_state.pop("_data_accepted", None)
    if accepted:
        st.toast(t("data_accepted_toast", lang, file=accepted[1]))
    if view.planning_on:
        st.info(view.planning_on)
        refit_progress(lang)
        st.button(t("data_remove_all", lang), on_click=_remove_all, key="data_remove_all")
    if view.data_error:
        st.error(f"{t('data_error', lang)}\n\n```\n{view.data_error}\n```")
    st.dataframe(view.overview, hide_index=True, width="stretch")
    for item in view.inputs:
        table_block(item, lang)
