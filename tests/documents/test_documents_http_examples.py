"""Real HTTP exchanges of the documents, written to docs/http-examples/ for docs/documents.md.

Like tests/platform/test_http_examples.py: the request is made, its answer
asserted, then request and response are saved with the volatile parts (port,
UIDs) replaced. A binary answer is summarised by its type and size.
"""

from imio.municipal.testing import require_libreoffice
from pathlib import Path

import json
import re


EXAMPLES = Path(__file__).parents[2] / "docs" / "http-examples"
ACT = "/namur/actes/reglement-redevance-sur-loccupation-du-domaine-public-par-les-terrasses"


def scrub(text: str) -> str:
    text = re.sub(r"http://localhost:\d+/plone", "http://localhost:8080/Plone", text)
    text = re.sub(r"/\+\+api\+\+", "", text)
    return re.sub(r"[0-9a-f]{32}", "<uid>", text)


def save(name: str, response, accept: str = "application/json") -> None:
    request = response.request
    lines = [f"{request.method} {request.path_url} HTTP/1.1", f"Accept: {accept}"]
    lines.append("Authorization: Basic <user:password>")
    (EXAMPLES / f"{name}.req").write_text(scrub("\n".join(lines)) + "\n", encoding="utf-8")
    content_type = response.headers["Content-Type"]
    answer = [f"HTTP/1.1 {response.status_code} {response.reason}", f"Content-Type: {content_type}"]
    if content_type.startswith("application/json"):
        body = json.dumps(response.json(), indent=2, ensure_ascii=False, sort_keys=True)
    else:
        disposition = response.headers.get("Content-Disposition", "")
        answer.append(f"Content-Disposition: {disposition}")
        body = f"<{content_type} document, {len(response.content)} bytes>"
    answer += ["", body]
    (EXAMPLES / f"{name}.resp").write_text(scrub("\n".join(answer)) + "\n", encoding="utf-8")


def test_list_generate_and_refuse(api_as, functional):
    require_libreoffice(functional)
    secretary = api_as("namur-secretaire")
    listed = secretary.get(f"{ACT}/@documents")
    assert listed.status_code == 200
    save("documents_get", listed)

    pdf_url = listed.json()["items"][0]["formats"]["pdf"]
    generated = secretary.get(pdf_url, headers={"Accept": "*/*"})
    assert generated.status_code == 200
    assert generated.content.startswith(b"%PDF")
    save("document_generation_pdf", generated, accept="*/*")

    refused = secretary.get(pdf_url.replace("output_format=pdf", "output_format=xlsx"))
    assert refused.status_code == 400
    assert refused.json()["error"]["type"] == "BadRequest"
    save("document_generation_400", refused)
