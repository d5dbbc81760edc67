"""Optional TLS for seats: a self-signed certificate made on first use, pinned by its fingerprint.

Where the room's network is not trusted, the server speaks TLS with a certificate of its own. No
authority vouches for it; instead the console shows its SHA-256 fingerprint beside the join codes
and ``whitecell join --fingerprint FP`` checks it, so a machine in the middle can neither read
the traffic nor pose as the server. The certificate and its key are kept beside the journal
(``<journal>.seats-cert.pem``, ``<journal>.seats-key.pem``, the key owner-only), so a resumed
session keeps its fingerprint; a session without a journal makes one that lives as long as it.
Generating needs the ``cryptography`` package, imported only here and only then.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import os
import secrets
import ssl
import tempfile
from pathlib import Path

import attrs

from engine.journal.sidefiles import read_plain_file
from engine.seats.files import write_private

__all__ = [
    "FINGERPRINT_PREFIX_DIGITS",
    "TlsIdentity",
    "client_context",
    "fingerprint",
    "fingerprint_matches",
    "parse_fingerprint",
]

FINGERPRINT_PREFIX_DIGITS = 32
"""The fewest hex digits of a fingerprint `join` accepts (128 bits: out of reach of a forger)."""


def fingerprint(der: bytes) -> str:
    """A certificate's SHA-256 fingerprint as shown to people: ``AB:CD:...`` (32 pairs)."""
    digest = hashlib.sha256(der).hexdigest().upper()
    return ":".join(digest[i : i + 2] for i in range(0, len(digest), 2))


def parse_fingerprint(text: str) -> str:
    """A fingerprint as typed (any case, colons or spaces or none) as hex digits; ValueError if it is not one."""
    digits = "".join(char for char in text if char not in ": -").upper()
    if not digits or any(char not in "0123456789ABCDEF" for char in digits):
        raise ValueError("a fingerprint is hex digits, in pairs separated by colons (AB:CD:...)")
    if not FINGERPRINT_PREFIX_DIGITS <= len(digits) <= 64:
        raise ValueError(f"give the whole fingerprint, or at least its first {FINGERPRINT_PREFIX_DIGITS} hex digits")
    return digits


def fingerprint_matches(expected: str, der: bytes) -> bool:
    """Whether a certificate has the fingerprint `parse_fingerprint` gave (or begins with it)."""
    actual = hashlib.sha256(der).hexdigest().upper()[: len(expected)]
    return hmac.compare_digest(actual.encode("ascii"), expected.encode("ascii"))


def client_context() -> ssl.SSLContext:
    """The client's TLS: encrypted, with the certificate checked by its pinned fingerprint, not by an authority."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # the fingerprint is checked after the handshake (engine.seats.client)
    return context


@attrs.frozen
class TlsIdentity:
    """The server's certificate and key, in PEM."""

    certificate: bytes
    key: bytes = attrs.field(repr=False)

    @classmethod
    def generate(cls) -> TlsIdentity:
        """A new self-signed certificate (ECDSA P-256, ten years) for a seat server."""
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import NameOID

        key = ec.generate_private_key(ec.SECP256R1())
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "whitecell seat server")])
        now = datetime.datetime.now(datetime.UTC)
        certificate = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(key.public_key())
            .serial_number(secrets.randbits(64) + 1)
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=3650))
            .sign(key, hashes.SHA256())
        )
        return cls(
            certificate.public_bytes(serialization.Encoding.PEM),
            key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()),
        )

    @classmethod
    def for_journal(cls, journal: str | os.PathLike[str]) -> TlsIdentity:
        """The identity kept beside a journal, made and saved on first use; OSError when it cannot be kept."""
        certificate_path, key_path = identity_paths(journal)
        if certificate_path.exists() and key_path.exists():  # read only as plain files, never through a planted link
            return cls(read_plain_file(certificate_path), read_plain_file(key_path))
        identity = cls.generate()
        write_private(key_path, identity.key, 0o600)
        write_private(certificate_path, identity.certificate, 0o644)
        return identity

    @property
    def der(self) -> bytes:
        return ssl.PEM_cert_to_DER_cert(self.certificate.decode("ascii"))

    @property
    def fingerprint(self) -> str:
        """The SHA-256 fingerprint to show beside the join codes."""
        return fingerprint(self.der)

    def server_context(self) -> ssl.SSLContext:
        """The server's TLS context with this certificate."""
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        with tempfile.TemporaryDirectory(prefix="whitecell-tls-") as folder:  # created 0700
            certificate, key = Path(folder) / "cert.pem", Path(folder) / "key.pem"
            write_private(key, self.key, 0o600)
            write_private(certificate, self.certificate, 0o600)
            context.load_cert_chain(certificate, key)
        return context


def identity_paths(journal: str | os.PathLike[str]) -> tuple[Path, Path]:
    """Where a journal's certificate and key are kept."""
    path = Path(journal)
    return path.with_name(path.name + ".seats-cert.pem"), path.with_name(path.name + ".seats-key.pem")
