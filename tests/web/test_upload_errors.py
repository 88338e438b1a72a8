"""Upload errors fully in the interface language (issue 10 part 4: they were half English)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from .conftest import Demo

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
CASES = [
    ("规划.xyz", "坪山区计划".encode(), "无法读取 .xyz 类型的文件"),
    ("规划", "坪山区计划".encode(), "没有扩展名"),
    ("扫描件.txt", PNG, "扫描图像"),
    ("坏文件.docx", b"PK\x03\x04 not really a zip", "已损坏"),
    # the reader's reason had no pattern here and came out as the general 内容无法读取
    ("加密.pdf", (Path(__file__).parents[1] / "data" / "documents" / "password.pdf").read_bytes(), "设有密码"),
]


@pytest.mark.parametrize(("name", "data", "expected"), CASES)
def test_upload_errors_are_in_chinese(client: TestClient, demo: Demo, name: str, data: bytes, expected: str) -> None:
    response = client.post("/api/plans", files={"file": (name, data, "application/octet-stream")},
                           headers={"Authorization": f"Bearer {demo.tokens['admin']}"})
    assert response.status_code in (400, 415, 422), response.text[:300]
    message = response.json()["error"]["message"]
    assert expected in message and message.startswith(name)
    english = [w for w in re.findall(r"[A-Za-z]{3,}", message.replace(name, ""))
               if w not in ("txt", "docx", "pdf", "html", "OCR", "xyz", "PDF")]
    assert not english, message
    assert response.json()["error"]["details"]["detail"]  # the library's own line, for administrators


def test_upload_errors_follow_the_interface_language(client: TestClient, demo: Demo) -> None:
    response = client.post("/api/plans?lang=en", files={"file": ("plan.xyz", b"text", "text/plain")},
                           headers={"Authorization": f"Bearer {demo.tokens['admin']}"})
    assert "cannot be read" in response.json()["error"]["message"]


# A GB18030 plan that reads fine but names no government (review ux2 #16: "nogov-gb.txt 无法读取：内容无法读取").
NO_GOVERNMENT = "关于2027年某某计划\n\n地区生产总值增长6%左右。\n".encode("gb18030")


def test_a_plan_without_a_government_asks_for_the_government_field(client: TestClient, demo: Demo) -> None:
    admin = {"Authorization": f"Bearer {demo.tokens['admin']}"}
    response = client.post("/api/plans", files={"file": ("nogov-gb.txt", NO_GOVERNMENT, "text/plain")}, headers=admin)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["message"] == "nogov-gb.txt：无法判断发文政府，请在“政府”一栏填写后重新上传"
    assert "无法读取" not in error["message"] and error["details"]["field"] == "government"
    english = client.post("/api/plans?lang=en", files={"file": ("nogov-gb.txt", NO_GOVERNMENT, "text/plain")},
                          headers=admin).json()["error"]["message"]
    assert english == "nogov-gb.txt: cannot tell which government issued this plan; fill in the Government field and " \
                      "upload it again"
    done = client.post("/api/plans", files={"file": ("nogov-gb.txt", NO_GOVERNMENT, "text/plain")},
                       data={"government": "深圳市坪山区"}, headers=admin)  # the field it asked for
    assert done.status_code == 201 and done.json()["plan"]["government"] == "深圳市坪山区"


def test_the_form_without_javascript_comes_back_filled(client: TestClient, demo: Demo) -> None:
    from .conftest import csrf_of, login

    login(client, "admin")
    response = client.post("/upload", files={"file": ("nogov-gb.txt", NO_GOVERNMENT, "text/plain")},
                           data={"year": "2027", "csrf_token": csrf_of(client)}, follow_redirects=False)
    assert response.status_code == 422
    page = response.text
    assert 'id="upload-error"' in page and "无法判断发文政府" in page
    government = re.search(r'<input name="government"[^>]*>', page).group(0)  # type: ignore[union-attr]
    assert 'aria-invalid="true"' in government and "autofocus" in government
    assert re.search(r'<input name="year"[^>]*value="2027"', page)  # what was typed is kept


def _reasons_raised() -> set[str]:
    """Every `reason` the document readers give a DocumentError (string constants of the keyword)."""
    import planwatch.documents

    found: set[str] = set()
    for source in Path(planwatch.documents.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "DocumentError":
                given = [k.value for k in node.keywords if k.arg == "reason"]
                assert given, f"{source.name}:{node.lineno}: a DocumentError without a reason code"
                found |= {c.value for c in ast.walk(given[0]) if isinstance(c, ast.Constant) and isinstance(c.value, str)}
    return found


def test_every_reason_the_readers_give_has_words() -> None:
    """The page words a reader's problem from its code; it matched the English line with patterns, so a reworded
    or new problem fell through to the general line."""
    from planwatch.web.upload_errors import READ_WORDS

    raised = _reasons_raised()
    assert {"pdf_scanned", "pdf_password", "encoding", "time_budget"} <= raised
    assert raised <= set(READ_WORDS), sorted(raised - set(READ_WORDS))
