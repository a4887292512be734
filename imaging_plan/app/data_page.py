"""Data page: every input the product reads, what it must hold, a template, and an upload.

The columns, codes and rules shown come from the loader's own schemas
(`templates.column_rules`), so the page and the loader cannot disagree. An
upload is validated like the data folder's files and refused whole with the
loader's messages; an accepted one replaces that table for this viewer's
session only (see `workspace`): every page then plans on it, and the trends
are refitted in the background.
"""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from imaging_plan.data import codes, inputs, templates
from imaging_plan.data.uploads import MAX_UPLOAD_BYTES, MAX_UPLOAD_ROWS
from imaging_plan.i18n import TEXT, t
from imaging_plan.app import workspace

REFUSED = "_data_refused"  # table -> (content hash and sheet, message) of the last refused file
GENERATION = "_data_upload_generation"  # bumped to empty the uploaders when a file is removed


def _uploader_key(name: str) -> str:
    return f"data_upload_{name}_{st.session_state.get(GENERATION, 0)}"


def _text(key: str, lang: str, fallback: str) -> str:
    return t(key, lang) if key in TEXT else fallback


def _code_names(lang: str) -> dict[str, str]:
    """Return every code's name in `lang` (trusts, specialties, categories, roles, modalities, areas)."""
    i = 1 if lang == "en" else 0
    names: dict[str, str] = {}
    for table in (codes.SPECIALTIES, codes.PHYSICIAN_CATEGORIES, codes.STAFF_ROLES, codes.MODALITY_NAMES):
        names.update({code: pair[i] for code, pair in table.items()})
    names.update(codes.TRUSTS)
    names.update(codes.PRIVATE_PROVIDERS)
    names.update(codes.HOSPITAL_AREAS)
    names.update(codes.HSO_COUNTIES)
    names.update({code: pair[i] for code, pair in codes.POPULATION_SCENARIOS.items()})
    return names


def codes_table(name: str, lang: str) -> pd.DataFrame:
    """Return the allowed codes of each coded column of table `name`, with their names."""
    names = _code_names(lang)
    rows = []
    for column, col in inputs.TABLES[name].columns.items():
        for check in col.checks:
            if check.name == "isin":
                rows += [
                    {
                        t("data_col_column", lang): column,
                        t("data_col_code", lang): code,
                        t("data_col_name", lang): names.get(code, ""),
                    }
                    for code in check.statistics["allowed_values"]
                ]
    return pd.DataFrame(rows)


def source_text(name: str, ctx, lang: str) -> str:
    """Return where the rows in use come from: the plan's table, illustrative, the planner's file, or absent."""
    uploads = workspace.session_uploads()
    if name in uploads:
        return t("data_source_uploaded", lang, file=uploads[name].file_name)
    path = workspace.paths.data_dir() / inputs.TABLES[name].file
    if not path.exists():
        return t("data_source_absent", lang)
    if inputs.illustrative_files(path.parent, [path.name]):
        return _text(f"data_source_{name}", lang, t("data_source_illustrative", lang))
    return _text(f"data_source_{name}", lang, t("data_source_plan", lang))


def problems_list(message: str) -> list[str]:
    """Return the loader's message as its lines: the heading, then one problem a line."""
    return [line.strip().removeprefix("- ") for line in message.splitlines() if line.strip()]


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
    except inputs.InputDataError as err:
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


def table_block(name: str, ctx, lang: str) -> None:
    """Draw one input: what it is, where its rows come from, columns, codes and rules, templates, upload."""
    spec = inputs.TABLES[name]
    uploads = workspace.session_uploads()
    title = _text(f"data_title_{name}", lang, name)
    mark = " :material/check_circle:" if name in uploads else ""
    with st.expander(
        f"{title} · `{spec.file}`{mark}", expanded=name in uploads or name in st.session_state.get(REFUSED, {})
    ):
        st.markdown(_text(f"data_about_{name}", lang, ""))
        st.caption(f"{t('source', lang)}: {source_text(name, ctx, lang)}")
        optional = [c for c, col in spec.columns.items() if not col.required]
        st.markdown(f"**{t('data_columns', lang)}**")
        st.dataframe(templates.column_rules(name), hide_index=True, width="stretch")
        if optional:
            st.caption(_text(f"data_optional_{name}", lang, ""))
        st.markdown(f"**{t('data_rules', lang)}**\n\n" + "\n".join(f"- {r}" for r in templates.table_rules(name)))
        coded = codes_table(name, lang)
        if not coded.empty:
            with st.popover(t("data_codes", lang)):
                st.dataframe(coded, hide_index=True)
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
        _handle_upload(name, lang)
        refused = st.session_state.get(REFUSED, {}).get(name)
        if refused is not None:
            lines = problems_list(refused[1])
            st.error(t("data_refused", lang) + "\n\n" + "\n".join(f"- {line}" for line in lines))
        if name in uploads:
            st.success(t("data_in_use", lang, file=uploads[name].file_name))
            st.button(t("data_remove", lang), key=f"data_remove_{name}", on_click=_remove, args=(name,))


def inputs_table(ctx, lang: str) -> pd.DataFrame:
    """Return one row per input: what it is, its file, where the rows in use come from, and how many."""
    rows = []
    for name, spec in inputs.TABLES.items():
        path = ctx.data_dir / spec.file
        rows.append(
            {
                t("data_col_input", lang): _text(f"data_title_{name}", lang, name),
                t("data_col_file", lang): spec.file,
                t("source", lang): source_text(name, ctx, lang),
                t("data_col_rows", lang): len(pd.read_csv(path, usecols=[0])) if path.exists() else 0,
            }
        )
    return pd.DataFrame(rows)


def render(ctx) -> None:
    lang = ctx.lang
    st.title(t("data_title", lang))
    st.markdown(t("data_intro", lang))
    uploads = workspace.session_uploads()
    accepted = st.session_state.pop("_data_accepted", None)
    if accepted:
        st.toast(t("data_accepted_toast", lang, file=accepted[1]))
    if uploads:
        st.info(
            t(
                "data_planning_on",
                lang,
                files=", ".join(f"{u.file_name} → {inputs.TABLES[n].file}" for n, u in sorted(uploads.items())),
            )
        )
        refit_progress(lang)
        st.button(t("data_remove_all", lang), on_click=_remove_all, key="data_remove_all")
    if ctx.data_error:
        st.error(f"{t('data_error', lang)}\n\n```\n{ctx.data_error}\n```")
    st.dataframe(inputs_table(ctx, lang), hide_index=True, width="stretch")
    for name in inputs.TABLES:
        table_block(name, ctx, lang)
