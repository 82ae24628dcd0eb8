#!/usr/bin/env python3
"""Generates src/accrue/money/iso4217_table.inc from the official ISO 4217 list one.

Minor units come from ISO (via data/currency/iso4217_list_one_table_a1.xml), never from
ICU/CLDR, which disagree for about 13 codes (IQD is 3 in ISO, 0 in CLDR).

Usage (from anywhere):
    python3 scripts/gen_currency_table.py          # rewrite the table
    python3 scripts/gen_currency_table.py --check  # exit 1 if the checked-in table is stale

Python 3 standard library only.
"""

import argparse
import pathlib
import sys
import xml.etree.ElementTree as ET

ROOT = pathlib.Path(__file__).resolve().parent.parent
XML_PATH = ROOT / "data/currency/iso4217_list_one_table_a1.xml"
OUT_PATH = ROOT / "src/accrue/money/iso4217_table.inc"
NOT_APPLICABLE = "N.A."
# Marks a code whose minor unit is "N.A." (gold, SDR, test code): it exists but is not billable.
NOT_BILLABLE_EXPONENT = -1


def read_rows(xml_path):
    """Returns {code: (numeric, exponent)}; several countries share one code, so rows repeat."""
    root = ET.parse(xml_path).getroot()
    rows = {}
    for entry in root.iter("CcyNtry"):
        code = entry.findtext("Ccy")
        if code is None:  # e.g. ANTARCTICA: "No universal currency"
            continue
        numeric = int(entry.findtext("CcyNbr"))
        minor = entry.findtext("CcyMnrUnts")
        exponent = NOT_BILLABLE_EXPONENT if minor == NOT_APPLICABLE else int(minor)
        if len(code) != 3 or not code.isascii() or not code.isupper():
            sys.exit(f"unexpected currency code {code!r}")
        if code in rows and rows[code] != (numeric, exponent):
            sys.exit(f"conflicting rows for {code}: {rows[code]} vs {(numeric, exponent)}")
        rows[code] = (numeric, exponent)
    return root.get("Pblshd"), rows


def render(published, rows):
    lines = [
        "// GENERATED FILE - do not edit by hand.",
        "// Source: data/currency/iso4217_list_one_table_a1.xml (ISO 4217 list one, published "
        f"{published}).",
        "// Regenerate from the repository root with: python3 scripts/gen_currency_table.py",
        "// One row per distinct code, sorted by code: {code, numeric code, exponent}, where the",
        f'// exponent is the number of minor-unit digits and {NOT_BILLABLE_EXPONENT} means "N.A." '
        "(not billable).",
    ]
    for code in sorted(rows):
        numeric, exponent = rows[code]
        lines.append(f'{{"{code}", {numeric}, {exponent}}},')
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the table is stale")
    args = parser.parse_args()
    published, rows = read_rows(XML_PATH)
    text = render(published, rows)
    if args.check:
        if OUT_PATH.read_text(encoding="utf-8") != text:
            sys.exit(f"{OUT_PATH} is stale; run python3 scripts/gen_currency_table.py")
        return
    OUT_PATH.write_text(text, encoding="utf-8")
    print(f"wrote {len(rows)} currencies to {OUT_PATH.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
