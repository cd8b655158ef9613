#!/usr/bin/env python3
"""Generate the named-entity table of the XML reader: src/ingest/entity_table.rs.

Source: the HTML5 named character references as Python ships them (`html.entities.html5`,
part of the Python standard library, PSF licence), i.e. the W3C/WHATWG list that also
covers the ISO 8879 sets (ISOlat1, ISOlat2, ISOnum, ISOpub, ISOtech, ISOcyr1...) that the
USPTO, EPO and JATS DTDs declare. HTML5 lacks some names those DTDs and the data use; they
are listed below in EXTRA with the reason, and their values were carried over from the table
tisc used before this script existed.

Names written in capitals (`&SACUTE;` in DOCDB records) are not rows: the reader maps them
by one rule in code (src/ingest/entities.rs).

Usage:
    python3 scripts/make_entities.py                 # rewrite src/ingest/entity_table.rs
    python3 scripts/make_entities.py --compare OLD   # also list the names that decode
                                                     # differently from the table in OLD (a
                                                     # previous entities.rs or entity_table.rs)
The output is deterministic: running it twice gives the same file.
"""

import argparse
import html.entities
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "ingest" / "entity_table.rs"

# Names the patent and journal DTDs declare that HTML5 does not have, as code points.
EXTRA = {
    # ISO 8879 Greek letters (ISOgrk1) and accented Greek (ISOgrk2): `&agr;`, `&aacgr;`.
    # HTML5 names Greek letters `alpha`, `Alpha`..., not these; the USPTO grants in
    # ../shared/data use them (`&lgr;`, `&Dgr;`, `&PHgr;`, `&agr;`, `&mgr;`).
    "Aacgr": "0386",
    "Agr": "0391",
    "Bgr": "0392",
    "Dgr": "0394",
    "EEacgr": "0389",
    "EEgr": "0397",
    "Eacgr": "0388",
    "Egr": "0395",
    "Ggr": "0393",
    "Iacgr": "038A",
    "Idigr": "03AA",
    "Igr": "0399",
    "KHgr": "03A7",
    "Kgr": "039A",
    "Lgr": "039B",
    "Mgr": "039C",
    "Ngr": "039D",
    "OHacgr": "038F",
    "OHgr": "03A9",
    "Oacgr": "038C",
    "Ogr": "039F",
    "PHgr": "03A6",
    "PSgr": "03A8",
    "Pgr": "03A0",
    "Rgr": "03A1",
    "Sgr": "03A3",
    "THgr": "0398",
    "Tgr": "03A4",
    "Uacgr": "038E",
    "Udigr": "03AB",
    "Ugr": "03A5",
    "Xgr": "039E",
    "Zgr": "0396",
    "aacgr": "03AC",
    "agr": "03B1",
    "bgr": "03B2",
    "dgr": "03B4",
    "eacgr": "03AD",
    "eeacgr": "03AE",
    "eegr": "03B7",
    "egr": "03B5",
    "ggr": "03B3",
    "iacgr": "03AF",
    "idiagr": "0390",
    "idigr": "03CA",
    "igr": "03B9",
    "kgr": "03BA",
    "khgr": "03C7",
    "lgr": "03BB",
    "mgr": "03BC",
    "ngr": "03BD",
    "oacgr": "03CC",
    "ogr": "03BF",
    "ohacgr": "03CE",
    "ohgr": "03C9",
    "pgr": "03C0",
    "phgr": "03C6",
    "psgr": "03C8",
    "rgr": "03C1",
    "sfgr": "03C2",
    "sgr": "03C3",
    "tgr": "03C4",
    "thgr": "03B8",
    "uacgr": "03CD",
    "udiagr": "03B0",
    "udigr": "03CB",
    "ugr": "03C5",
    "xgr": "03BE",
    "zgr": "03B6",
    # ISO 9573 bold Greek (ISOgrk4): `&b.alpha;`, mapped to MATHEMATICAL BOLD letters.
    "b.Delta": "1D6AB",
    "b.Gamma": "1D6AA",
    "b.Gammad": "03DC",
    "b.Lambda": "1D6B2",
    "b.Omega": "1D6C0",
    "b.Phi": "1D6BD",
    "b.Pi": "1D6B7",
    "b.Psi": "1D6BF",
    "b.Sigma": "1D6BA",
    "b.Theta": "1D6AF",
    "b.Upsi": "1D6BC",
    "b.Xi": "1D6B5",
    "b.alpha": "1D6C2",
    "b.beta": "1D6C3",
    "b.chi": "1D6D8",
    "b.delta": "1D6C5",
    "b.epsi": "1D6C6",
    "b.epsiv": "1D6DC",
    "b.eta": "1D6C8",
    "b.gamma": "1D6C4",
    "b.gammad": "03DD",
    "b.iota": "1D6CA",
    "b.kappa": "1D6CB",
    "b.kappav": "1D6DE",
    "b.lambda": "1D6CC",
    "b.mu": "1D6CD",
    "b.nu": "1D6CE",
    "b.omega": "1D6DA",
    "b.phi": "1D6D7",
    "b.phiv": "1D6DF",
    "b.pi": "1D6D1",
    "b.piv": "1D6E1",
    "b.psi": "1D6D9",
    "b.rho": "1D6D2",
    "b.rhov": "1D6E0",
    "b.sigma": "1D6D4",
    "b.sigmav": "1D6D3",
    "b.tau": "1D6D5",
    "b.thetas": "1D6C9",
    "b.thetav": "1D6DD",
    "b.upsi": "1D6D6",
    "b.xi": "1D6CF",
    "b.zeta": "1D6C7",
    # Glyph names without a Unicode character (`&Dotlhalfcircle;`...), mapped to the private
    # use area as the previous table did (which DTD declares them was not recorded). Kept so
    # that a record using them decodes as before instead of becoming malformed.
    "Brketclosest": "E00F",
    "Brketopenst": "E00E",
    "Dotlhalfcircle": "E002",
    "Dotrhalfcircle": "E003",
    "Dotthalfcircle": "E001",
    "LeftBracketingBar": "F603",
    "Lhalfcircle": "E005",
    "Linevertsplit": "E00B",
    "Ovalhollow": "E008",
    "Ovalsolid": "E00A",
    "Parenclosest": "E00D",
    "Parenopenst": "E00C",
    "Quadbond": "E006",
    "Rhalfcircle": "E007",
    "RightBracketingBar": "F604",
    # Other names outside HTML5 that the previous table decoded (`&degree;`, `&percent;`,
    # `&litre;`, kept for the same reason), and capital-initial spellings (`Check`, `Mldr`,
    # `Trade`) that the previous table also decoded.
    "Check": "2713",
    "Mldr": "2026",
    "Trade": "2122",
    "circlef": "25CF",
    "degree": "00B0",
    "efdot": "2252",
    "litre": "2113",
    "lparstr": "2032",
    "newline": "000A",
    "percent": "0025",
    "phis": "03C6",
    "rlarr2": "21C4",
    "rparstr": "2036",
    "sl0": "00D8",
    "supl": "00B9",
    "thetas": "03B8",
}


def table():
    """Name -> replacement text: HTML5 (names with their `;`), then EXTRA."""
    t = {}
    for name, value in html.entities.html5.items():
        # HTML5 also lists legacy names without `;` (`amp`); XML entities always end in `;`.
        if name.endswith(";"):
            t[name[:-1]] = value
    for name, cps in EXTRA.items():
        if name in t:
            sys.exit(f"EXTRA name `{name}` is in HTML5 already: remove it from EXTRA")
        t[name] = "".join(chr(int(cp, 16)) for cp in cps.split())
    return t


def rust_str(s):
    out = []
    for c in s:
        if c in "\\\"" or not (0x20 <= ord(c) < 0x7F):
            out.append("\\u{%x}" % ord(c))
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def render(t):
    rows = "".join(f"    ({rust_str(k)}, {rust_str(v)}),\n" for k, v in sorted(t.items()))
    return (
        "// Generated by scripts/make_entities.py from Python's html.entities.html5 (PSF\n"
        "// licence) and the script's EXTRA list. Do not edit: change the script and rerun it.\n"
        "\n"
        "/// Named entities: name -> replacement text, sorted by name for binary search.\n"
        "#[rustfmt::skip]\n"
        "static TABLE: &[(&str, &str)] = &[\n" + rows + "];\n"
    )


def is_capitals(name):
    return len(name) > 1 and all(c.isascii() and (c.isupper() or c.isdigit()) for c in name)


def decode(t, name):
    """What the reader makes of `&name;` with table `t`: the rule of entities::lookup."""
    if name in t:
        return t[name]
    if is_capitals(name):
        lower = name.lower()
        cap = lower[0].upper() + lower[1:]
        if cap in t:
            return t[cap]
        if lower in t:
            return t[lower].upper()
    return None


def old_table(path):
    src = Path(path).read_text(encoding="utf-8")
    rows = re.findall(r'^\s*\("([^"]+)", "((?:[^"\\]|\\.)*)"\),$', src, re.M)
    unesc = lambda v: re.sub(r"\\u\{([0-9a-f]+)\}", lambda m: chr(int(m.group(1), 16)), v)
    return {k: unesc(v) for k, v in rows}


def show(v):
    if v is None:
        return "(not decoded)"
    return " ".join("U+%04X %s" % (ord(c), c if c.isprintable() else "") for c in v).strip()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--compare", metavar="OLD", help="list names decoding differently than in OLD")
    ap.add_argument("--out", default=str(OUT), help="where to write the table")
    args = ap.parse_args()
    t = table()
    Path(args.out).write_text(render(t), encoding="utf-8")
    print(f"{args.out}: {len(t)} names", file=sys.stderr)
    if args.compare:
        old = old_table(args.compare)
        names = set(old) | set(t)
        names |= {n.upper() for n in names}
        changed = sorted(n for n in names if decode(old, n) != decode(t, n))
        for n in changed:
            print(f"- `&{n};`: {show(decode(old, n))} -> {show(decode(t, n))}")
        print(f"{len(changed)} names decode differently", file=sys.stderr)


if __name__ == "__main__":
    main()
