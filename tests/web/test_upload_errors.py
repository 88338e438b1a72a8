"""Upload errors fully in the interface language (issue 10 part 4: they were half English)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from .conftest import Demo

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
CASES = [
    ("规划.xyz", "坪山区计划".encode(), "无法读取 .xyz 类型的文件"),
    ("规划", "坪山区计划".encode(), "没有扩展名"),
    ("扫描件.txt", PNG, "扫描图像"),
    ("坏文件.docx", b"PK\x03\x04 not really a zip", "已损坏"),
]


@pytest.mark.parametrize(("name", "data", "expected"), CASES)
def test_upload_errors_are_in_chinese(client: TestClient, demo: Demo, name: str, data: bytes, expected: str) -> None:
    response = client.post("/api/plans", files={"file": (name, data, "application/octet-stream")},
                           headers={"Authorization": f"Bearer {demo.tokens['admin']}"})
    assert response.status_code in (400, 415, 422), response.text[:300]
    message = response.json()["error"]["message"]
    assert expected in message and message.startswith(name)
    english = [w for w in re.findall(r"[A-Za-z]{3,}", message.replace(name, "")) if w not in ("txt", "docx", "pdf", "html", "OCR", "xyz")]
    assert not english, message
    assert response.json()["error"]["details"]["detail"]  # the library's own line, for administrators


def test_upload_errors_follow_the_interface_language(client: TestClient, demo: Demo) -> None:
    response = client.post("/api/plans?lang=en", files={"file": ("plan.xyz", b"text", "text/plain")},
                           headers={"Authorization": f"Bearer {demo.tokens['admin']}"})
    assert "cannot be read" in response.json()["error"]["message"]
