#!/usr/bin/env python3
"""Makes assets/context/borders-50m.geojson from Natural Earth's 1:50m admin-0 land boundary
lines as GeoJSON (ne_50m_admin_0_boundary_lines_land.json of the CC0 repository
martynafford/natural-earth-geojson; see assets/context/README.md).

Keeps the geometry as it is (rounded to 1e-5 degrees, about a metre) and only the line's class:
`kind` is international, disputed, line_of_control or indefinite (Natural Earth's featurecla),
so the map can draw disputed lines as Natural Earth marks them.

    python3 scripts/make-borders.py ne_50m_admin_0_boundary_lines_land.json assets/context/borders-50m.geojson
"""
import json
import sys

KINDS = {
    "International boundary (verify)": "international",
    "Disputed (please verify)": "disputed",
    "Line of control (please verify)": "line_of_control",
    "Indefinite (please verify)": "indefinite",
}


def rounded(coords):
    return [[round(x, 5), round(y, 5)] for x, y in coords]


def main(source, target):
    with open(source, encoding="utf-8") as f:
        data = json.load(f)
    features = []
    for feature in data["features"]:
        kind = KINDS[feature["properties"]["featurecla"]]  # a new class stops the script: decide how to draw it
        geometry = feature["geometry"]
        if geometry["type"] == "LineString":
            lines = [geometry["coordinates"]]
        elif geometry["type"] == "MultiLineString":
            lines = geometry["coordinates"]
        else:
            raise SystemExit(f"unexpected geometry {geometry['type']}")
        for line in lines:
            features.append({"type": "Feature", "properties": {"kind": kind},
                             "geometry": {"type": "LineString", "coordinates": rounded(line)}})
    out = {"type": "FeatureCollection", "name": "borders", "features": features}
    with open(target, "w", encoding="utf-8") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")
    print(f"{target}: {len(features)} lines")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
