"""All settings in one typed object; each has a default and a help line.

Values come from the environment (prefix ``PLANWATCH_``) or a ``.env`` file.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from pydantic_settings import SettingsError as PydanticSettingsError

from planwatch.errors import SettingsError

LogLevel = Literal["debug", "info", "warning", "error"]
Language = Literal["zh", "en"]  # the dashboard's translations (web/i18n.py LANGUAGES); another one is refused


class Settings(BaseSettings):
    """planwatch configuration."""

    model_config = SettingsConfigDict(env_prefix="PLANWATCH_", env_file=".env", extra="ignore")

    db: Path = Field(Path("planwatch.db"), description="SQLite database file used when no database_url is set.")
    database_url: str | None = Field(
        None, description="SQLAlchemy URL, e.g. postgresql+psycopg://user:pw@host/db; overrides `db`."
    )
    host: str = Field("127.0.0.1", description="Address the web dashboard listens on.")
    port: int = Field(8000, ge=1, le=65535, description="Port the web dashboard listens on.")
    log_level: LogLevel = Field(
        "info", description="Level of `planwatch serve`'s log on stderr: info writes a line per request (the access "
        "log) and every login, failed login, refused login and logout (the auth log); warning only failed and refused "
        "logins and errors; error only errors; debug, everything.")
    approx_tolerance_points: float = Field(
        0.5, description="≈ (左右) targets in %, shares and points are met within this many percentage points."
    )
    approx_tolerance_relative: float = Field(
        0.02, description="≈ (左右) level targets are met within this relative deviation (0.02 = ±2 %)."
    )
    user: str | None = Field(None, description="Name written to the audit log for CLI writes; unset: the OS user.")
    secret_key: str | None = Field(
        None, description="Key that signs session cookies; unset: a random key per process (sessions end on restart)."
    )
    anonymous_read: bool = Field(True, description="Let visitors who are not logged in read every page (writes always need a login).")
    language: Language = Field("zh", description="Interface language: the dashboard's default (a visitor may switch) and "
                               "the CLI's words: `planwatch assess`'s verdicts (完成 / met), headings, margins and "
                               "explanations (`rule_text`, `basis_text`, `gap_text` in jsonl and csv), and "
                               "`planwatch actuals import`'s refusals and bad rows, and refusals such as an "
                               "existing user, worded as the pages word them: zh or en (zh-CN, en-US and the like name the same).")
    secure_cookies: bool = Field(False, description="Mark session cookies Secure (set when the dashboard is served over HTTPS).")
    # hardening (issue 12): limits on work, login rate limits
    max_file_mb: float = Field(
        50, gt=0, description="Largest plan or import file read (CLI and uploads), in MB; a larger one is refused with one line.")
    document_seconds: float = Field(
        120, gt=0, description="Time budget for extracting one document, in CPU seconds of the thread doing it "
        "(waiting for a core does not count); past it the document is refused (DocumentError).")
    login_attempts: int = Field(
        5, ge=1, description="Failed logins allowed per account from one client address within "
        "login_window_seconds; then that account waits out the window from that address only (the right password "
        "from another address still logs in). Each lock-out is logged (logger planwatch.auth, WARNING).")
    login_attempts_per_address: int = Field(20, ge=1, description="Failed logins allowed per client address within login_window_seconds.")
    login_window_seconds: int = Field(900, ge=1, description="Window of the login rate limits, in seconds.")
    # supervision (督办): evidence files, reminders
    evidence_dir: Path = Field(
        Path("planwatch-files"), description=(
            "Folder where evidence files of task reports are kept (by SHA-256, outside the database). Unset: "
            "`planwatch-files` beside the SQLite database file (PLANWATCH_DB), or, for PostgreSQL, "
            "`$XDG_DATA_HOME/planwatch/files` (`~/.local/share/planwatch/files`). A relative path is taken from the "
            "folder planwatch starts in, once, and used as an absolute path from then on (`serve` prints it)."))
    evidence_max_bytes: int = Field(
        20 * 1024 * 1024, gt=0, description="Largest evidence file accepted, in bytes (default 20 MB: 20 × 1024 × 1024).")
    evidence_types: list[str] = Field(
        ["pdf", "png", "jpg", "jpeg", "gif", "webp", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp"],
        description="File name extensions accepted as evidence (PDF, images, Office documents); the content must match.")
    evidence_public: bool = Field(
        False, description="Serve evidence files to visitors who are not logged in (default: logged-in users only).")
    due_soon_days: int = Field(
        7, ge=0, description="A task or milestone due within this many days is listed as due soon in reminders and the inbox.")
    password_memory_kib: int = Field(
        65536, ge=1024, description="Memory in KiB that hashing or checking one password takes (argon2id; default 64 MiB, "
        "the recommendation of RFC 9106 for memory-constrained use, about a quarter of a second a login). Lower it only on "
        "a machine short of memory: a smaller value makes stolen hashes cheaper to guess. A stored hash is remade with "
        "the current value at its user's next login.")
    round_close_days: int = Field(
        30, ge=0, description="A reporting round still open this many days after its due date ends by itself: units "
        "owe no more reports in it, reminders and 我的任务 no longer name it, and the rounds page and `planwatch rounds "
        "list` show it as 逾期自动结束 (the office's `rounds close` ends it sooner). Until then a report not made by the "
        "due date is listed as 逾期未报. 0: rounds end only when the office closes them.")
    smtp_host: str | None = Field(
        None, description="SMTP server that `planwatch remind` sends through; unset: reminders cannot be sent.")
    smtp_port: int = Field(25, description="Port of the SMTP server.")
    smtp_user: str | None = Field(None, description="SMTP login, if the server needs one.")
    smtp_password: str | None = Field(None, description="SMTP password, if the server needs one.")
    smtp_starttls: bool = Field(False, description="Upgrade the SMTP connection with STARTTLS before logging in.")
    mail_from: str = Field("planwatch@localhost", description="Sender address of reminder e-mails.")
    dashboard_url: str = Field("http://127.0.0.1:8000", description=(
        "Address of the dashboard as the units reach it, used for links in reminder e-mails; `planwatch remind` "
        "sends nothing while it is this default or another loopback address (the links would open the reader's "
        "own machine)."))
    search_connections: int = Field(
        3, ge=1, le=3, description="Database connections one search page uses at once on PostgreSQL: 3 searches plans, "
        "records and tasks at the same time, each on a connection of its own (a page in about the time of its slowest "
        "kind when the server has idle cores); 2 searches records on a connection of its own while plans, then tasks, "
        "are searched on the page's; 1 searches them one after the other. SQLite always does the latter.")
    evaluation_system: Path | None = Field(
        None, description="Indicator system YAML used by `planwatch evaluate` and the evaluation page; unset: the bundled one.")

    @field_validator("log_level", mode="before")
    @classmethod
    def _log_level_name(cls, value: Any) -> Any:
        """'INFO', ' Warning ' → 'info', 'warning' (as Python's logging writes them)."""
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("language", mode="before")
    @classmethod
    def _language_code(cls, value: Any) -> Any:
        """'zh-CN', 'EN_us' → their language ('zh', 'en'), as the dashboard reads a browser's choice."""
        if isinstance(value, str) and value.strip():
            return value.strip().lower().replace("_", "-").split("-")[0]
        return value

    @model_validator(mode="after")
    def _evidence_folder(self) -> Settings:
        """The evidence folder as an absolute path, fixed once: never the working directory of whichever command (a
        service manager, cron) reads it later (review ux4 #2: started elsewhere, every attachment answered 404 and a
        backup held none of them)."""
        folder = (self.evidence_dir if "evidence_dir" in self.model_fields_set
                  else default_evidence_dir(self.database_url or f"sqlite:///{self.db}"))
        object.__setattr__(self, "evidence_dir", Path(folder).expanduser().resolve())
        return self

    @property
    def url(self) -> str:
        """The SQLAlchemy URL in force: database_url if set, else the SQLite file `db`."""
        return self.database_url or f"sqlite:///{self.db}"


EVIDENCE_FOLDER = "planwatch-files"  # the evidence folder's name beside a SQLite database


def default_evidence_dir(url: str) -> Path:
    """The evidence folder when PLANWATCH_EVIDENCE_DIR is unset: `planwatch-files` beside the SQLite database file
    (a backup of the file and its folder then holds both), else (PostgreSQL, an in-memory SQLite) the user's data
    folder, `$XDG_DATA_HOME/planwatch/files` (default `~/.local/share/planwatch/files`). Absolute either way."""
    import os

    if url.startswith("sqlite:///"):
        database = url[len("sqlite:///"):].split("?", 1)[0]
        if database and database != ":memory:" and not database.startswith("file:"):
            return Path(database).expanduser().resolve().parent / EVIDENCE_FOLDER
    data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data).expanduser().resolve() / "planwatch" / "files"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings (read once; tests call ``get_settings.cache_clear()``).

    A value that does not fit its setting is a SettingsError in one line naming the variable,
    the value and the problem (not pydantic's report of several lines).
    """
    try:
        return Settings()
    except ValidationError as exc:
        problems = [_problem(error) for error in exc.errors()]
        raise SettingsError("; ".join(problems)) from None
    except PydanticSettingsError as exc:  # a list or other complex setting that is not valid JSON
        field = exc.args[0].split('"')[1] if exc.args and str(exc.args[0]).count('"') >= 2 else ""
        name = f"PLANWATCH_{field.upper()}" if field else "a PLANWATCH_ setting"
        raise SettingsError(f"setting {name}: not valid JSON (a list is written like [\"pdf\", \"docx\"])") from None


def _problem(error: Any) -> str:
    """One pydantic error as "setting PLANWATCH_PORT='abc' is not a whole number" (`errors.value_problem`: never
    pydantic's "Input should be a valid integer, unable to parse string as an integer")."""
    from planwatch.errors import value_problem

    field = str(error["loc"][0]) if error.get("loc") else ""
    name = f"PLANWATCH_{field.upper()}" if field else "a PLANWATCH_ setting"
    value = error.get("input")
    shown = f"={value!r}" if isinstance(value, str | int | float) else ""
    problem = value_problem(error)
    if error.get("type") == "list_type":
        problem += ' (a list is written like ["pdf", "docx"])'
    return f"setting {name}{shown} {problem}"
