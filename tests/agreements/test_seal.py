"""The portal's seal: a PAdES signature that pyHanko validates against the seal's certificate,
and that no longer validates once a byte of the signed document changes."""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import ImproperlyConfigured
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from agreements.seal import SEAL_FIELD, apply_seal, seal_credentials
from core.pdf import render_pdf


@pytest.fixture
def seal_dir(settings, tmp_path):
    settings.AGREEMENT_SEAL_CERT = ""
    settings.AGREEMENT_SEAL_KEY = ""
    settings.AGREEMENT_SEAL_DIR = str(tmp_path / "seal")
    settings.AGREEMENT_SEAL_SELF_SIGNED = True
    return tmp_path / "seal"


@pytest.fixture
def document() -> bytes:
    return render_pdf(
        template="core/pdf/base.html", context={"title": "Avtal KP-2026-1"}, language="sv"
    )


def validate(signature, context):
    # In a thread of its own: pyHanko runs an event loop, and the browser tests leave one
    # running in the main thread.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(validate_pdf_signature, signature, context).result()


def status_of(pdf: bytes):
    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    (signature,) = reader.embedded_signatures
    context = ValidationContext(trust_roots=[seal_credentials().certificate])
    return signature, validate(signature, context)


def test_a_sealed_pdf_validates_against_the_seal_certificate(seal_dir, document):
    sealed = apply_seal(document, reason="Avtal undertecknat")

    signature, status = status_of(sealed)

    assert signature.field_name == SEAL_FIELD
    assert status.intact and status.valid and status.trusted
    assert status.bottom_line
    assert signature.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"  # PAdES


def test_changing_a_byte_of_the_signed_content_breaks_the_seal(seal_dir, document):
    sealed = bytearray(apply_seal(document, reason="Avtal undertecknat"))
    # A byte inside the first revision (the agreement itself), not in the signature.
    position = sealed.index(b"/Type") + 1
    sealed[position : position + 4] = b"Tipe"

    _signature, status = status_of(bytes(sealed))

    assert not status.intact
    assert not status.bottom_line


def test_a_seal_from_another_certificate_is_not_trusted(seal_dir, document, tmp_path, settings):
    sealed = apply_seal(document, reason="Avtal")
    settings.AGREEMENT_SEAL_DIR = str(tmp_path / "other")  # another throwaway seal

    _signature, status = status_of(sealed)

    assert status.intact
    assert not status.trusted
    assert not status.bottom_line


def test_the_development_seal_is_made_once_and_its_key_kept_private(seal_dir):
    first = seal_credentials()

    assert seal_credentials() == first
    assert (seal_dir / "seal-key.pem").stat().st_mode & 0o077 == 0


def test_a_seal_from_the_environment_is_used_as_pem_text(seal_dir, settings, document):
    made = seal_credentials()
    settings.AGREEMENT_SEAL_DIR = str(seal_dir.parent / "unused")
    settings.AGREEMENT_SEAL_CERT = made.cert_pem.decode()
    settings.AGREEMENT_SEAL_KEY = str(seal_dir / "seal-key.pem")  # or a path

    sealed = apply_seal(document, reason="Avtal")

    assert seal_credentials() == made
    assert not (seal_dir.parent / "unused").exists()
    reader = PdfFileReader(io.BytesIO(sealed), strict=False)
    context = ValidationContext(trust_roots=[made.certificate])
    assert validate(reader.embedded_signatures[0], context).bottom_line


def test_in_production_a_missing_seal_stops_loudly(seal_dir, settings):
    settings.AGREEMENT_SEAL_SELF_SIGNED = False

    with pytest.raises(ImproperlyConfigured, match="AGREEMENT_SEAL_CERT"):
        seal_credentials()


def test_half_a_seal_configuration_stops_loudly(seal_dir, settings):
    settings.AGREEMENT_SEAL_CERT = "/nowhere/cert.pem"

    with pytest.raises(ImproperlyConfigured):
        seal_credentials()
