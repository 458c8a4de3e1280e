"""The portal's seal: a PAdES signature on every signed agreement, so that anyone can check in a
PDF reader that ICLD's portal issued the document and that nobody has changed it since.

The certificate and key come from the environment (`AGREEMENT_SEAL_CERT`, `AGREEMENT_SEAL_KEY`:
a file path or the PEM text itself). Without them, in development and tests (DEBUG on), a
throwaway self-signed certificate is generated on first use under `AGREEMENT_SEAL_DIR`
(var/seal/, never committed); with DEBUG off a missing seal stops the sealing loudly.
"""

from __future__ import annotations

import asyncio
import datetime
import io
import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from pyhanko.keys import load_private_key_from_pemder_data
from pyhanko.keys.pemder import load_certs_from_pemder_data
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

SEAL_FIELD = "ICLD-portal-seal"
T = TypeVar("T")
_lock = threading.Lock()


@dataclass(frozen=True)
class SealCredentials:
    cert_pem: bytes
    key_pem: bytes

    @property
    def certificate(self) -> asn1_x509.Certificate:
        return next(iter(load_certs_from_pemder_data(self.cert_pem)))


def _pem(value: str) -> bytes:
    """A setting's value as PEM: the text itself, or the file it names."""
    if "-----BEGIN" in value:
        return value.encode()
    return Path(value).read_bytes()


def _self_signed(directory: Path) -> SealCredentials:
    """A development seal: made once, kept under `directory`, never valid outside the machine."""
    cert_path, key_path = directory / "seal-cert.pem", directory / "seal-key.pem"
    with _lock:
        if not (cert_path.is_file() and key_path.is_file()):
            directory.mkdir(parents=True, exist_ok=True)
            key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
            name = x509.Name(
                [
                    x509.NameAttribute(NameOID.COUNTRY_NAME, "SE"),
                    x509.NameAttribute(NameOID.ORGANIZATION_NAME, "ICLD (development seal)"),
                    x509.NameAttribute(NameOID.COMMON_NAME, "ICLD portal – development only"),
                ]
            )
            now = datetime.datetime.now(datetime.UTC)
            cert = (
                x509.CertificateBuilder()
                .subject_name(name)
                .issuer_name(name)
                .public_key(key.public_key())
                .serial_number(x509.random_serial_number())
                .not_valid_before(now - datetime.timedelta(days=1))
                .not_valid_after(now + datetime.timedelta(days=3650))
                .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
                .add_extension(
                    x509.KeyUsage(
                        digital_signature=True,
                        content_commitment=True,
                        key_encipherment=False,
                        data_encipherment=False,
                        key_agreement=False,
                        key_cert_sign=True,
                        crl_sign=False,
                        encipher_only=False,
                        decipher_only=False,
                    ),
                    critical=True,
                )
                .sign(key, hashes.SHA256())
            )
            key_bytes = key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
            # The key is readable by the portal's user only.
            fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(key_bytes)
            cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return SealCredentials(cert_path.read_bytes(), key_path.read_bytes())


def seal_credentials() -> SealCredentials:
    """The seal's certificate and key from the settings, or the development one."""
    cert, key = settings.AGREEMENT_SEAL_CERT, settings.AGREEMENT_SEAL_KEY
    if cert and key:
        return SealCredentials(_pem(cert), _pem(key))
    if cert or key:
        raise ImproperlyConfigured("Set both AGREEMENT_SEAL_CERT and AGREEMENT_SEAL_KEY.")
    if not settings.AGREEMENT_SEAL_SELF_SIGNED:
        raise ImproperlyConfigured(
            "AGREEMENT_SEAL_CERT and AGREEMENT_SEAL_KEY are not set: signed agreements need "
            "the portal's seal (a certificate and its key, as files or PEM)."
        )
    return _self_signed(Path(settings.AGREEMENT_SEAL_DIR))


def apply_seal(pdf: bytes, *, reason: str, location: str = "Visby") -> bytes:
    """`pdf` with the portal's PAdES signature (baseline B-B) added as an incremental update."""
    credentials = seal_credentials()
    signer = signers.SimpleSigner(
        signing_cert=credentials.certificate,
        signing_key=load_private_key_from_pemder_data(credentials.key_pem, passphrase=None),
        cert_registry=SimpleCertificateStore(),
    )
    meta = signers.PdfSignatureMetadata(
        field_name=SEAL_FIELD,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        location=location,
        name="ICLD",
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    pdf_signer = signers.PdfSigner(meta, signer=signer)
    return _outside_event_loop(lambda: pdf_signer.sign_pdf(writer).getvalue())


def _outside_event_loop(work: Callable[[], T]) -> T:
    """`work()`, in a thread of its own when this one runs an event loop: pyHanko's synchronous
    API starts one (asyncio.run), which a thread already running one (a browser driven from the
    same process) cannot."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return work()
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(work).result()
