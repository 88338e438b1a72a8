"""All settings in one typed object; each has a default and a help line.

Values come from the environment (prefix ``PLANWATCH_``) or a ``.env`` file.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """planwatch configuration."""

    model_config = SettingsConfigDict(env_prefix="PLANWATCH_", env_file=".env", extra="ignore")

    db: Path = Field(Path("planwatch.db"), description="SQLite database file used when no database_url is set.")
    database_url: str | None = Field(
        None, description="SQLAlchemy URL, e.g. postgresql+psycopg://user:pw@host/db; overrides `db`."
    )
    host: str = Field("127.0.0.1", description="Address the web dashboard listens on.")
    port: int = Field(8000, description="Port the web dashboard listens on.")
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
    language: str = Field("zh", description="Default interface language of the dashboard: zh or en.")
    secure_cookies: bool = Field(False, description="Mark session cookies Secure (set when the dashboard is served over HTTPS).")

    @property
    def url(self) -> str:
        """The SQLAlchemy URL in force: database_url if set, else the SQLite file `db`."""
        return self.database_url or f"sqlite:///{self.db}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings (read once; tests call ``get_settings.cache_clear()``)."""
    return Settings()
