"""Build analysis/reference/regions.csv, every regency and city of Indonesia with its province, from the npm package
idn-area-data (https://github.com/fityannugroho/idn-area-data), which follows the Kemendagri code list.

    npm pack idn-area-data@4.0.1 && tar xzf idn-area-data-4.0.1.tgz
    .venv/bin/python scripts/build_regions.py package          # the folder npm pack unpacked

The CSV is committed, so nothing is downloaded when pasarkerja runs; run this again when the package follows a new
Kepmendagri. The package's data are under the Open Database License (ODbL), its code under MIT: the CSV's header
says so, and the CSV stays under the ODbL.
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

OUTPUT = Path(__file__).resolve().parent.parent / "analysis" / "reference" / "regions.csv"
# The newest official source the package's docs/references.md lists for this version.
REGULATION = (
    "Keputusan Menteri Dalam Negeri Nomor 300.2.2-2L38 Tahun 2025 tentang Pemberian dan Pemutakhiran Kode, "
    "Data Wilayah Administrasi Pemerintahan, dan Pulau"
)
COLUMNS = ("code", "name", "kind", "province_code", "province")


def regions(package: Path) -> list[dict[str, str]]:
    """The rows of regions.csv from the unpacked package: one per regency (kabupaten) or city (kota)."""
    with open(package / "data" / "provinces.csv", encoding="utf-8", newline="") as file:
        provinces = {row["code"]: row["name"] for row in csv.DictReader(file)}
    with open(package / "data" / "regencies.csv", encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    built = []
    for row in rows:
        kind = row["name"].split(" ", 1)[0].lower()
        if kind not in ("kabupaten", "kota"):
            raise SystemExit(f"{row['code']} {row['name']!r} is neither a Kabupaten nor a Kota")
        province = provinces[row["province_code"]]
        built.append({"code": row["code"], "name": row["name"], "kind": kind, "province_code": row["province_code"],
                      "province": province})  # fmt: skip
    return built


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package", type=Path, help="the folder `npm pack idn-area-data` unpacked (holds data/)")
    parser.add_argument("--out", type=Path, default=OUTPUT, help=f"the CSV to write (default: {OUTPUT})")
    args = parser.parse_args()
    version = json.loads((args.package / "package.json").read_text(encoding="utf-8"))["version"]
    rows = regions(args.package)
    kinds = {kind: sum(row["kind"] == kind for row in rows) for kind in ("kabupaten", "kota")}
    header = [
        "Every regency (kabupaten) and city (kota) of Indonesia with its province: analysis/regions.py reads it.",
        f"Built by scripts/build_regions.py from the npm package idn-area-data {version}",
        "(https://github.com/fityannugroho/idn-area-data), data under the Open Database License (ODbL) 1.0;",
        f"its source: {REGULATION}.",
        f"{len(rows)} rows: {kinds['kabupaten']} kabupaten, {kinds['kota']} kota. Do not edit by hand: run the script.",
    ]
    with open(args.out, "w", encoding="utf-8", newline="") as file:
        file.writelines(f"# {line}\n" for line in header)
        writer = csv.DictWriter(file, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} regions to {args.out}")


if __name__ == "__main__":
    main()
