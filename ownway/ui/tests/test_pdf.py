"""Making PDFs: real A4 PDFs, tagged, that load nothing from anywhere."""

import io
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

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
