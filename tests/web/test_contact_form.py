"""The inbox's reminder-address form (a unit's contact e-mail), refused (browser tour: a bare error page, "出错 422",
with a link home and what was typed lost).

A refused address — not an address, or a unit that is not registered — shows the inbox again with the message
beside the form, the unit still chosen and the address as typed, as every other refused form of the supervision
pages; the page's links lead to /inbox, not to the POST-only /contacts. The store refuses what cannot be sent to
(a@b@c, a@, a@b..cn), for the CLI (`planwatch contacts set`) as for the web.
"""

from __future__ import annotations

import html
import re

import pytest
from fastapi.testclient import TestClient

from .conftest import Demo, csrf_of, login

BAD = ["not-an-address", "duban@@example.org", "duban@", "@example.org", "duban@example..org", "duban@example.org.",
       "du ban@example.org", "x" * 330 + "@example.org"]


def _form(page: str) -> str:
    start = page.index('id="contact"')
    return page[start:page.index("</section>", start)]


@pytest.mark.parametrize("address", BAD)
def test_a_refused_address_shows_the_inbox_again_with_the_message_and_the_input(client: TestClient, demo: Demo,
                                                                                address: str) -> None:
    login(client, "office")
    response = client.post("/contacts", data={"unit": demo.unit, "email": address, "csrf_token": csrf_of(client)},
                           follow_redirects=False)
    assert response.status_code == 422
    page = response.text
    assert 'id="digests"' in page and "出错" not in page.split("<main")[1][:200]  # the inbox, not the error page
    form = _form(page)
    message = re.search(r'id="contact-error"[^>]*>([^<]*)<', form)
    assert message and "不是有效的电子邮箱地址" in html.unescape(message.group(1))
    field = re.search(r'<input type="email" name="email"[^>]*>', form).group(0)  # type: ignore[union-attr]
    assert f'value="{html.escape(address.strip())}"' in field and 'aria-invalid="true"' in field
    assert f'<option value="{demo.unit}" selected>' in form
    assert 'href="/inbox?lang=en"' in page  # the page shown again is the inbox


def test_the_message_is_in_the_interface_language_and_the_api_keeps_its_shape(client: TestClient, demo: Demo) -> None:
    login(client, "office")
    page = client.post("/contacts?lang=en", data={"unit": demo.unit, "email": "duban@", "csrf_token": csrf_of(client)})
    assert page.status_code == 422 and "duban@ is not an e-mail address" in _form(page.text)
    api = client.post("/api/contacts", json={"unit": demo.unit, "email": "duban@"}, headers={"X-CSRF-Token": csrf_of(client)})
    assert api.status_code == 422 and api.json()["error"]["details"]["reason"] == "bad_email"


def test_an_unregistered_unit_is_marked_on_the_unit(client: TestClient) -> None:
    login(client, "office")
    response = client.post("/contacts", data={"unit": "区火星局", "email": "duban@example.org",
                                              "csrf_token": csrf_of(client)})
    assert response.status_code == 422
    form = _form(response.text)
    assert "区火星局" in form and re.search(r'<select name="unit" aria-invalid="true"', form)
    assert 'value="duban@example.org"' in form


def test_a_good_address_is_saved_and_the_inbox_says_so(client: TestClient, demo: Demo) -> None:
    login(client, "office")
    response = client.post("/contacts", data={"unit": demo.unit, "email": " duban@example.org ",
                                              "csrf_token": csrf_of(client)}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/inbox?saved=contact"
    assert "已保存" in client.get(response.headers["location"]).text


@pytest.mark.parametrize("address", ["duban@example.org", "jyj-duban@qu.example.gov.cn", "a@b", "联络员@例子.中国"])
def test_the_store_takes_addresses_it_can_send_to(address: str) -> None:
    from planwatch.store.supervision import is_email

    assert is_email(address)


@pytest.mark.parametrize("address", BAD)
def test_the_store_refuses_what_it_cannot_send_to(address: str) -> None:
    from planwatch.store.supervision import is_email

    assert not is_email(address.strip())
