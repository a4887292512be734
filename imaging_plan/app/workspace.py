"""Which data and forecasts a viewer's session plans with: the shipped folders, or a workspace of their uploads.

An accepted upload never touches `data/`. It lives in the session (as validated
bytes) and in a workspace folder named by the content hash of all of the
session's uploads: `<root>/<hash>/data` holds the data folder's files with the
uploaded ones in their place, `<root>/<hash>/forecasts` the forecasts refitted on
them. The refit runs the notebooks with the runner, in the background, like
`python -m imaging_plan.pipeline.runner --if-stale --data-dir ... --output-dir ...`:
it starts from a copy of the current forecasts, so only the notebooks whose
inputs changed are rerun, and a second opening of the same data (same hash)
costs nothing. A session only reaches a workspace through the bytes it
uploaded, so two viewers' uploads never meet; workspaces unused for a day are
removed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path


from imaging_plan import paths
from imaging_plan.data.inputs import is_excel, load_inputs
from imaging_plan.data.schemas import TABLES, InputDataError
from imaging_plan.data.uploads import read_uploaded
from imaging_plan.pipeline import build
from imaging_plan.pipeline.store import is_stale, list_forecasts

SESSION_KEY = "_data_uploads"
LINK_PARAM = "data"
MAX_AGE_SECONDS = 24 * 3600
REFIT_LOG = "refit.log"
# The refit of a workspace as one build in its forecasts folder (lock and progress records of the store).
REFIT = "_refit"
# The tables the app and the notebooks read; an upload is checked with them, as the app loads them.
CHECKED_TABLES = ("physician_ftes", "staff_ftes", "equipment_units", "exams_by_modality", "equipment_register")


def root() -> Path:
    """The folder holding the workspaces (env IMAGING_PLAN_WORKSPACES overrides; a temp folder by default)."""
    configured = os.environ.get("IMAGING_PLAN_WORKSPACES")
    return Path(configured) if configured else Path(tempfile.gettempdir()) / "imaging_plan_workspaces"


@dataclass(frozen=True)
class Upload:
    """An accepted upload: the table it replaces, the planner's file name, its content hash and its CSV."""

    table: str
    file_name: str
    sha256: str
    csv: bytes  # the file itself for a CSV upload; the validated sheet written as CSV for Excel


def accept(table: str, content: bytes, file_name: str, others: dict[str, Upload], sheet: str | None = None) -> Upload:
    """Return the upload of `content` as table `table`, or raise InputDataError with the loader's messages.

    Validated with the table's schema, then together with the session's other uploads and
    the data folder's files exactly as the app loads them (e.g. the register against
    Tabell 5), so a file the app could not load is refused whole and nothing is applied.
    """
    frame = read_uploaded(table, content, file_name, sheet=sheet)
    if is_excel(file_name, content):
        csv = frame.to_csv(index=False).encode("utf-8")
    else:
        csv = content
    upload = Upload(table, file_name, hashlib.sha256(content).hexdigest(), csv)
    candidate = {**others, table: upload}
    with tempfile.TemporaryDirectory(prefix="imaging_plan_check_") as scratch:
        data = _fill_data_dir(Path(scratch), candidate)
        try:
            load_inputs(data, tuple(n for n in CHECKED_TABLES if (data / TABLES[n].file).exists()))
        except InputDataError as err:  # name the planner's file, and the others without the scratch folder
            message = str(err).replace(str(data / TABLES[table].file), file_name).replace(f"{data}{os.sep}", "")
            raise InputDataError(message) from None
    return upload


def key(uploads: dict[str, Upload]) -> str:
    """Return the workspace's name: one hash over the tables and content hashes of the uploads."""
    digest = hashlib.sha256()
    for table in sorted(uploads):
        digest.update(f"{table}:{uploads[table].sha256};".encode())
    return digest.hexdigest()[:24]


def link_fingerprint(uploads: dict[str, Upload]) -> str:
    """Return the short mark a scenario link carries for uploaded data (not the workspace's name)."""
    return hashlib.sha256(("link:" + key(uploads)).encode()).hexdigest()[:10]


def _fill_data_dir(folder: Path, uploads: dict[str, Upload], source: Path | None = None) -> Path:
    """Write the data folder's files into `folder`, then each upload in its table's place; return `folder`."""
    source = source or paths.data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    for path in Path(source).glob("*.csv"):
        shutil.copy2(path, folder / path.name)
    for table, upload in uploads.items():
        (folder / TABLES[table].file).write_bytes(upload.csv)
    return folder


def prepare(uploads: dict[str, Upload]) -> Path:
    """Return the workspace of `uploads`, creating its data folder whole (staged, then renamed) if new."""
    base = root()
    base.mkdir(parents=True, exist_ok=True)
    sweep(base)
    target = base / key(uploads)
    if not (target / "data").exists():
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=base))
        try:
            _fill_data_dir(staging / "data", uploads)
            (staging / "forecasts").mkdir()
            os.replace(staging, target)
        except OSError:
            shutil.rmtree(staging, ignore_errors=True)
            if not (target / "data").exists():  # another session made the same one meanwhile: fine
                raise
    os.utime(target)  # in use: keeps it from the sweep for another day
    return target


def sweep(base: Path, max_age: float = MAX_AGE_SECONDS, now: float | None = None) -> list[str]:
    """Remove the workspaces not used for `max_age` seconds; return their names."""
    now = now or time.time()
    removed = []
    for folder in Path(base).iterdir() if Path(base).exists() else []:
        if folder.is_dir() and now - folder.stat().st_mtime > max_age:
            if _refit_running(folder):
                continue
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder.name)
    return removed


def _refit_running(folder: Path) -> bool:
    """Return True while the workspace's runner is alive (its build record says running, its process lives)."""
    status = build.build_status(folder / "forecasts", REFIT)
    return status is not None and status["state"] == "running"


def start_refit(folder: Path, forecasts: Path | None = None, only: list[str] | None = None) -> bool:
    """Start refitting the workspace's forecasts in the background, once; return True if started now.

    Begins from a copy of the current forecasts (`forecasts`, the app's folder by default)
    and runs the runner with --if-stale, so notebooks whose inputs did not change are kept.
    The refit as a whole is one build (`REFIT`) in the workspace's forecasts folder: its lock
    makes it start once, its progress record says whether it runs and how it ended.
    """
    started = threading.Event()
    outcome: list[bool | Exception] = []

    def refit() -> None:
        try:
            with build.build_lock(folder / "forecasts", REFIT, command="refit of uploaded data"):
                if build.read_progress(folder / "forecasts", REFIT) is not None:  # started before: once
                    outcome.append(False)
                    started.set()
                    return
                build.start_progress(folder / "forecasts", REFIT)  # before the runner's own records
                try:
                    process, log, names = _launch(folder, forecasts or paths.forecasts_dir(), only)
                except Exception as err:
                    build.finish_progress(folder / "forecasts", REFIT, ok=False, message=str(err))
                    raise
                # The runner's pid: a server restart leaves a record whose process may live on or be gone.
                build.write_progress(folder / "forecasts", REFIT, pid=process.pid, total=len(names), names=names)
                outcome.append(True)
                started.set()
                rc = process.wait()
                log.close()
                build.finish_progress(folder / "forecasts", REFIT, ok=rc == 0, message=f"exit code {rc}")
        except build.StoreBusy:  # another session's request is starting it
            outcome.append(False)
        except Exception as err:  # raised on the page that asked, as when it ran there
            outcome.append(err)
        finally:
            started.set()

    (folder / "forecasts").mkdir(parents=True, exist_ok=True)
    threading.Thread(target=refit, daemon=True, name=f"refit-{folder.name}").start()
    started.wait()
    if outcome and isinstance(outcome[0], Exception):
        raise outcome[0]
    return bool(outcome and outcome[0])


def _launch(folder: Path, shipped: Path, only: list[str] | None):
    """Copy the forecasts still true of the uploaded data and start the runner; return (process, log, names)."""
    from imaging_plan.pipeline.runner import forecast_name, notebooks

    for notebook in notebooks():
        name = forecast_name(notebook)
        # Only forecasts still true of the uploaded data are kept; the others are rebuilt, and
        # until then the pages say the forecast is missing rather than show a trend of other data.
        if (
            name in list_forecasts(shipped)
            and not (folder / "forecasts" / name).exists()
            and is_stale(shipped, name, folder / "data", notebook) is None
        ):
            shutil.copytree(shipped / name, folder / "forecasts" / name)
    command = [
        sys.executable,
        "-m",
        "imaging_plan.pipeline.runner",
        "--if-stale",
        "--no-progress",
        "--data-dir",
        str(folder / "data"),
        "--output-dir",
        str(folder / "forecasts"),
    ]
    if only:
        command += ["--only", *only]
    log = open(folder / REFIT_LOG, "w", encoding="utf-8")
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(paths.PROJECT_ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]),
    }
    process = subprocess.Popen(
        command, cwd=paths.PROJECT_ROOT, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True
    )
    return process, log, [forecast_name(nb) for nb in notebooks(only)]


def reset_refit(folder: Path) -> None:
    """Forget a failed or interrupted refit, so the next rerun starts it again."""
    if not _refit_running(folder):
        (folder / "forecasts" / build.PROGRESS / f"{REFIT}.json").unlink(missing_ok=True)


@dataclass(frozen=True)
class RefitStatus:
    state: str  # "not_started", "running", "done", "failed"
    done: int
    total: int
    log_tail: str = ""

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else 0.0


def refit_status(folder: Path) -> RefitStatus:
    """Return how far the workspace's refit is, from the build records the runner and the refit write.

    A notebook counts as done once its forecast's build ended (done or failed) after the refit
    started, or when its forecast is there and not being built (kept as up to date).
    """
    forecasts = folder / "forecasts"
    refit = build.read_progress(forecasts, REFIT)
    if refit is None:
        return RefitStatus("not_started", 0, 0)
    names = refit.get("names") or []
    present = set(list_forecasts(forecasts))
    done = 0
    for name in names:
        record = build.read_progress(forecasts, name) or {}
        if record.get("state") == "running":
            continue
        if (record.get("started") or 0) >= (refit.get("started") or 0) or name in present:
            done += 1
    text = (folder / REFIT_LOG).read_text(encoding="utf-8", errors="replace") if (folder / REFIT_LOG).exists() else ""
    tail = "\n".join(line for line in text.splitlines() if not line.startswith("[IPKernelApp]"))[-1500:]
    state = build.build_status(forecasts, REFIT)["state"]
    total = len(names)
    if state == "done":
        return RefitStatus("done", done, total or done, tail)
    if state in ("failed", "stopped"):
        return RefitStatus(
            "failed", done, total, tail + ("\n(the refit was interrupted)" if state == "stopped" else "")
        )
    return RefitStatus("running", done, total, tail)


def session_uploads() -> dict[str, Upload]:
    """Return this viewer's accepted uploads (kept in the Streamlit session only)."""
    import streamlit as st

    return st.session_state.setdefault(SESSION_KEY, {})


def session_dirs() -> tuple[Path, Path, str | None]:
    """Return the data folder, forecasts folder and a label of what this session plans with.

    Without uploads: the app's folders and no label. With uploads: the workspace's, the
    refit started in the background, the link marked with the data's fingerprint; a link
    made on uploaded data opened without it says so on the page.
    """
    import streamlit as st

    from imaging_plan.i18n import t

    lang = st.session_state.get("lang") or "nb"
    uploads = session_uploads()
    wanted = st.query_params.get(LINK_PARAM)
    if not uploads:
        if wanted:
            st.warning(t("data_link_without_data", lang, mark=wanted))
        return paths.data_dir(), paths.forecasts_dir(), None
    folder = prepare(uploads)
    if os.environ.get("IMAGING_PLAN_REFIT", "on") != "off":  # off: plan on the uploads, keep the old trends
        start_refit(folder)
    mark = link_fingerprint(uploads)
    if wanted and wanted != mark:
        st.warning(t("data_link_other_data", lang, mark=wanted))
    if wanted != mark:
        st.query_params[LINK_PARAM] = mark
    files = ", ".join(f"{u.file_name} ({TABLES[name].file})" for name, u in sorted(uploads.items()))
    label = t("data_uploaded_label", lang, files=files, mark=mark)
    status = refit_status(folder)
    if status.state == "running":
        label += " " + t("data_refit_running", lang, done=status.done, total=status.total or "?")
    elif status.state == "failed":
        label += " " + t("data_refit_failed", lang)
    st.sidebar.info(label)
    return folder / "data", folder / "forecasts", label
