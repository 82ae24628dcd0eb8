#!/usr/bin/env python3
"""Generates src/accrue/domain/tax/eu_vat_rates.inc, the built-in EU VAT rate table.

Source: ../shared/data/vat/ (see its PROVENANCE.md). The dated history comes from
ibericode/vat-rates (vat-rates.json, data of 2025-08-12, MIT), the only table there with
effective dates for the reduced rates. Two changes after that date are taken from vatnode's
TEDB extract (eu_vat_rates_data 2026-03-27, MIT) and listed in LATER_CHANGES with their legal
effective date; the script fails if vatnode's current rates and the resulting table disagree
anywhere else that we have not explained in KNOWN_DIFFERENCES, so a newer vatnode file cannot
be ignored silently.

Normalisation: the EU-27 only (GB is not in the EU VAT area). Every reduced-type rate of a
period ("reduced", "reduced1", "reduced2", and Estonia's "press_publications") is sorted and
becomes `reduced` (the lowest) and `reduced2` (the next); `super_reduced` and `parking` keep
their names. A period ends the day the next one starts; "0000-01-01" means the source records
no start. Postcode exceptions (Canary Islands, Livigno, ...) are territories outside the EU VAT
area and are handled by the decision rules, not by this table.

Usage (from anywhere):
    python3 scripts/gen_vat_rates.py          # rewrite the table
    python3 scripts/gen_vat_rates.py --check  # exit 1 if the checked-in table is stale
    python3 scripts/gen_vat_rates.py --source DIR  # read the JSON files from DIR

Python 3 standard library only.
"""

import argparse
import json
import pathlib
import sys
from decimal import Decimal

ROOT = pathlib.Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT.parent / "shared/data/vat"
IBERICODE = "ibericode_vat-rates.json"
VATNODE = "vatnode_eu_vat_rates_data_2026-03-27.json"
OUT_PATH = ROOT / "src/accrue/domain/tax/eu_vat_rates.inc"

EU27 = sorted("AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK".split())
REDUCED_KEYS = ("reduced", "reduced1", "reduced2", "press_publications")
KINDS = ("standard", "reduced", "reduced2", "super_reduced", "parking")

# Changes after ibericode's 2025-08-12 data, each confirmed by vatnode's 2026-03-27 TEDB
# extract (the rates) and a published legal source (the date).
LATER_CHANGES = [
    # Finland: the 14 % rate became 13.5 % (noted in ../shared/data/vat/PROVENANCE.md).
    ("FI", "2026-01-01", {"standard": 25.5, "reduced": 10, "reduced2": 13.5}),
    # Lithuania: the 9 % rate was replaced by 12 %, books moved to 5 % (Law XV-287 amending
    # Article 19 of the VAT Law).
    ("LT", "2026-01-01", {"standard": 21, "reduced": 5, "reduced2": 12}),
]

# Where vatnode's TEDB list of current rates has more (or other) rates than our table, and why
# we do not follow it. Regional rates are not country rates; tenants add them as overrides.
KNOWN_DIFFERENCES = {
    "AT": "TEDB lists 19 % (Jungholz and Mittelberg only)",
    "CY": "TEDB lists a 3 % super-reduced rate that ibericode has no date for",
    "FR": "TEDB lists Corsica and overseas-department rates (0.9, 1.05, 8.5, 13)",
    "GR": "TEDB lists the reduced island rates (4, 17) and 13 as parking",
    "IE": "ibericode keeps the 4.8 % livestock rate; TEDB's extract omits it",
    "MT": "TEDB lists 12 % as parking; ibericode has no date for it",
    "PL": "TEDB lists 8 % as super-reduced; it is the second reduced rate",
    "PT": "TEDB lists Madeira and Azores rates (16, 22) and 6 as super-reduced",
}


def normalise(rates):
    """ibericode's rate dict -> {kind: Decimal}."""
    out = {"standard": Decimal(str(rates["standard"]))}
    reduced = sorted(Decimal(str(rates[k])) for k in REDUCED_KEYS if k in rates)
    if len(reduced) > 2:
        sys.exit(f"more than two reduced rates in {rates}")
    for kind, value in zip(("reduced", "reduced2"), reduced):
        out[kind] = value
    for kind in ("super_reduced", "parking"):
        if kind in rates:
            out[kind] = Decimal(str(rates[kind]))
    unknown = set(rates) - set(REDUCED_KEYS) - {"standard", "super_reduced", "parking"}
    if unknown:
        sys.exit(f"unknown rate names {unknown}")
    return out


def build_periods(source):
    items = json.loads((source / IBERICODE).read_text(encoding="utf-8"))["items"]
    periods = {}  # country -> [(from, {kind: Decimal})], ascending
    for country in EU27:
        rows = [(p["effective_from"], normalise(p["rates"])) for p in items[country]]
        for later_country, start, rates in LATER_CHANGES:
            if later_country == country:
                if any(start <= f for f, _ in rows):
                    sys.exit(f"{country}: {start} is already in the source; drop LATER_CHANGES")
                rows.append((start, {k: Decimal(str(v)) for k, v in rates.items()}))
        rows.sort(key=lambda row: row[0])
        periods[country] = rows
    return periods


def check_against_vatnode(source, periods):
    current = json.loads((source / VATNODE).read_text(encoding="utf-8"))["rates"]
    for country in EU27:
        ours = periods[country][-1][1]
        theirs = current[country]
        if Decimal(str(theirs["standard"])) != ours["standard"]:
            sys.exit(f"{country}: standard {theirs['standard']} in vatnode, {ours['standard']} here")
        their_set = {Decimal(str(r)) for r in theirs["reduced"]}
        for key in ("super_reduced", "parking"):
            if theirs[key] is not None:
                their_set.add(Decimal(str(theirs[key])))
        our_set = {v for k, v in ours.items() if k != "standard"}
        if their_set != our_set and country not in KNOWN_DIFFERENCES:
            sys.exit(f"{country}: vatnode has {sorted(their_set)}, we have {sorted(our_set)}")


def day(text):
    y, m, d = (int(x) for x in text.split("-"))
    return f"{y}, {m}, {d}"


def render(periods):
    lines = [
        "// GENERATED FILE - do not edit by hand; regenerate with python3 scripts/gen_vat_rates.py",
        "// Source: ../shared/data/vat/" + IBERICODE + " (github.com/ibericode/vat-rates, data of",
        "// 2025-08-12, MIT) plus FI and LT from 2026-01-01 (" + VATNODE + ",",
        "// European Commission TEDB extract, MIT). Checked against vatnode's current rates.",
        "// Rows: {country, kind, percent, from y, m, d, until y, m, d}; `from` is inclusive and",
        "// 0, 1, 1 means the source records no start; `until` is exclusive and 0, 0, 0 means open.",
    ]
    for country in EU27:
        rows = periods[country]
        for i, (start, rates) in enumerate(rows):
            until = rows[i + 1][0] if i + 1 < len(rows) else None
            for kind in KINDS:
                if kind not in rates:
                    continue
                percent = format(rates[kind].normalize(), "f")
                until_text = day(until) if until else "0, 0, 0"
                start_text = "0, 1, 1" if start == "0000-01-01" else day(start)
                lines.append(
                    f'{{"{country}", RateKind::k{kind.title().replace("_", "")}, "{percent}", '
                    f"{start_text}, {until_text}}},"
                )
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the table is stale")
    parser.add_argument("--source", type=pathlib.Path, default=DEFAULT_SOURCE)
    args = parser.parse_args()
    periods = build_periods(args.source)
    check_against_vatnode(args.source, periods)
    text = render(periods)
    if args.check:
        if OUT_PATH.read_text(encoding="utf-8") != text:
            sys.exit(f"{OUT_PATH} is stale; run python3 scripts/gen_vat_rates.py")
        return
    OUT_PATH.write_text(text, encoding="utf-8")
    print(f"wrote {text.count(chr(10)) - 6} rates to {OUT_PATH.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
