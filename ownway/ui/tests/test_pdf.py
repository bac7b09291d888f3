"""Making PDFs: real A4 PDFs, tagged, that load nothing from anywhere."""

import io
import os
import re
import shutil
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from pypdf import PdfReader

from ownway.ui.pdf import council, html_to_pdf, pdf_response

PAGE = """<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>A test letter</title>
<style>@page {{ size: A4 }}</style>{extra_head}</head>
<body><h1>Dear Ada</h1><p>Your support plan is agreed.</p>{extra_body}</body></html>"""


def test_a_tagged_a4_pdf_with_its_title_and_text():
    pdf = html_to_pdf(PAGE.format(extra_head="", extra_body=""))
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.metadata.title == "A test letter"
    assert "Your support plan is agreed." in reader.pages[0].extract_text()
    box = reader.pages[0].mediabox
    assert (round(box.width), round(box.height)) == (595, 842)  # A4 in points
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "en-GB"
    assert bool(catalog["/MarkInfo"]["/Marked"])  # tagged, for screen readers
    assert "/StructTreeRoot" in catalog


@pytest.fixture
def listener():
    """A web server on this machine that counts the requests it gets."""
    hits = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", hits
    server.shutdown()
    server.server_close()


def test_nothing_is_fetched_from_the_network_or_the_disk(listener, tmp_path):
    base, hits = listener
    secret = tmp_path / "secret.css"
    secret.write_text("h1 { color: red }")
    html = PAGE.format(
        extra_head=f'<link rel="stylesheet" href="{base}/style.css"><link rel="stylesheet" href="file://{secret}">',
        extra_body=f'<img src="{base}/track.png" alt=""><img src="file:///etc/passwd" alt="">'
        '<p style="background: url(http://127.0.0.1:9/x.png)">Still here.</p>',
    )
    reader = PdfReader(io.BytesIO(html_to_pdf(html)))
    assert "Still here." in reader.pages[0].extract_text()
    assert hits == []


def test_the_response_is_private_and_named():
    response = pdf_response(b"%PDF-1.7 test", filename="letter-P0000001.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="letter-P0000001.pdf"'
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Length"] == "13"


def test_the_council_comes_from_settings(settings):
    settings.OWNWAY_COUNCIL_NAME = "Birmingham City Council"
    settings.OWNWAY_COUNCIL_ADDRESS = ["PO Box 16465", "Birmingham", "B2 2DE"]
    settings.OWNWAY_COUNCIL_PHONE = "0121 303 1234"
    assert council() == {
        "name": "Birmingham City Council",
        "address_lines": ["PO Box 16465", "Birmingham", "B2 2DE"],
        "phone": "0121 303 1234",
    }


#: A name in Latin letters with accents, Chinese, Arabic and Greek.
ANY_NAME = "Zoë Ní Bhriain-Øster 李小龍 محمد Γιώργος Łukasz"
ROOT = Path(__file__).resolve().parents[3]


def _letter_html(name: str) -> str:
    from django.template import engines

    template = engines["jinja2"].from_string(
        '{% extends "ui/pdf/letter.html" %}{% block title %}A letter{% endblock %}'
        "{% block recipient %}{{ name }}{% endblock %}{% block content %}<p>Dear {{ name }},</p>{% endblock %}"
    )
    return template.render({"council": council(), "name": name, "explain_terms": False})  # fonts only: no terms


def _embedded_fonts(reader: PdfReader) -> set[str]:
    return {
        str(font.get_object()["/BaseFont"]).split("+")[-1]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }


def test_a_letter_shows_any_name_in_the_letters_own_fonts():
    reader = PdfReader(io.BytesIO(html_to_pdf(_letter_html(ANY_NAME))))
    assert f"Dear {ANY_NAME}," in reader.pages[0].extract_text()
    fonts = _embedded_fonts(reader)
    assert any("CJK" in font for font in fonts), fonts


def test_the_fonts_the_install_names_are_enough_for_any_name(tmp_path):
    """Made on a machine with only the fonts that .ci/run and the README install, a letter shows every character
    of any name (a missing font shows a box, and the name does not come back out of the PDF)."""
    if shutil.which("dpkg") is None:
        pytest.skip("This check reads the fonts of the Debian packages the install names")
    ci = (ROOT / ".ci" / "run").read_text()
    packages = sorted(set(re.findall(r"\bfonts-[a-z0-9-]+", ci)))
    readme = (ROOT / "README.md").read_text()
    install = next(line for line in readme.splitlines() if "apt-get install" in line and "fonts-" in line)
    assert set(re.findall(r"\bfonts-[a-z0-9-]+", install)) == set(packages)
    folder = tmp_path / "fonts"
    folder.mkdir()
    for package in packages:
        listed = subprocess.run(["dpkg", "-L", package], capture_output=True, text=True, check=True)  # noqa: S603, S607
        files = listed.stdout.split()
        for number, file in enumerate(f for f in files if f.endswith((".ttf", ".otf", ".ttc"))):
            (folder / f"{number}-{Path(file).name}").symlink_to(file)
    config = tmp_path / "fonts.conf"
    config.write_text(
        f'<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><dir>{folder}</dir>'
        f"<cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>"
    )
    made = subprocess.run(
        [sys.executable, "-c", "import sys; from ownway.ui.pdf import html_to_pdf; "
         "sys.stdout.buffer.write(html_to_pdf(sys.stdin.read()))"],
        input=_letter_html(ANY_NAME).encode(),
        capture_output=True,
        env={**os.environ, "FONTCONFIG_FILE": str(config)},
        cwd=ROOT,
        check=True,
    )  # fmt: skip
    reader = PdfReader(io.BytesIO(made.stdout))
    assert f"Dear {ANY_NAME}," in reader.pages[0].extract_text(), (packages, _embedded_fonts(reader))
