"""A writer of SIE 4 files (the Swedish standard for moving bookkeeping between programs), for
the payments exported to ICLD's finance system.

What the file holds, in the order the format asks for: the identification (#FLAGGA, #FORMAT,
#SIETYP, #PROGRAM, #GEN, #FNAMN, #ORGNR, #RAR), the chart of the accounts used (#KONTO), then
one voucher per payment (#VER with its #TRANS rows, which sum to zero). Text is written in
code page 437 (#FORMAT PC8, as the format requires); a character the code page lacks becomes
"?". Fields are separated by spaces; text with spaces or quotes is quoted, a quote inside
escaped with a backslash; dates are YYYYMMDD and amounts kronor with two decimals and a
point. Lines end with CR LF. Pure: no database, no settings."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

ENCODING = "cp437"
PROGRAM = "ICLD-portalen"
VERSION = "1.0"


@dataclass(frozen=True)
class Transaction:
    account: str
    amount: Decimal | int  # debit positive, credit negative
    text: str = ""


@dataclass(frozen=True)
class Voucher:
    series: str
    number: int
    date: datetime.date
    text: str
    transactions: Sequence[Transaction]


_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


def field(value: object) -> str:
    """One field of a line: text quoted where it must be, control characters made spaces."""
    if isinstance(value, datetime.date):
        return value.strftime("%Y%m%d")
    if isinstance(value, (int, Decimal)):
        return amount(value)
    text = _CONTROL.sub(" ", str(value))
    if text and not re.search(r'[\s"{}\\]', text):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def amount(value: Decimal | int) -> str:
    if isinstance(value, float):  # never float: money is int or Decimal
        raise TypeError("an amount is int or Decimal")
    return f"{Decimal(value).quantize(Decimal('0.01'))}"


def line(label: str, *fields: object) -> str:
    return " ".join([label, *(field(f) for f in fields)])


def sie_lines(
    *,
    company: str,
    org_number: str,
    generated_on: datetime.date,
    generated_by: str,
    fiscal_year: tuple[datetime.date, datetime.date],
    accounts: Mapping[str, str],
    vouchers: Iterable[Voucher],
) -> Iterator[str]:
    """The file's lines (without line ends). Refuses a voucher that does not balance."""
    yield line("#FLAGGA", "0")
    yield line("#FORMAT", "PC8")
    yield line("#SIETYP", "4")
    yield line("#PROGRAM", PROGRAM, VERSION)
    yield line("#GEN", generated_on, generated_by)
    yield line("#FNAMN", company)
    if org_number:
        yield line("#ORGNR", org_number)
    yield line("#RAR", "0", fiscal_year[0], fiscal_year[1])
    for number, name in sorted(accounts.items()):
        yield line("#KONTO", number, name)
    for voucher in vouchers:
        if sum(Decimal(t.amount) for t in voucher.transactions) != 0:
            raise ValueError(f"voucher {voucher.series}{voucher.number} does not balance")
        yield line("#VER", voucher.series, str(voucher.number), voucher.date, voucher.text)
        yield "{"
        for t in voucher.transactions:
            # #TRANS account {objects} amount date text
            yield " ".join(
                ["#TRANS", field(t.account), "{}", amount(t.amount), field(voucher.date)]
                + ([field(t.text)] if t.text else [])
            )
        yield "}"


def encode(lines: Iterable[str]) -> bytes:
    """The file's bytes: CP437, CR LF line ends."""
    return "".join(f"{text}\r\n" for text in lines).encode(ENCODING, errors="replace")
