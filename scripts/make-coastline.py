#!/usr/bin/python3
"""Build patrolscope's bundled land polygons from Natural Earth (via the npm package world-atlas).

Natural Earth is public domain. world-atlas 2.x ships it as TopoJSON (land-50m.json,
land-10m.json): one MultiPolygon, no SRS, and rings stored for spherical (d3) use, so a ring
that crosses the antimeridian jumps from ~+180 to ~-180 between consecutive vertices, and
Antarctica's ring winds once around the South Pole. Read as planar lon/lat that draws bands of
false land across the Arctic and an inverted Chukotka. This script turns it into planar
WGS 84 polygons split at +-180:

  1. every ring is "unwrapped": a step with |dlon| > 180 is a crossing of the antimeridian, so
     the next vertices get -+360 added and the ring becomes continuous (it may then reach past
     +-180, e.g. 170..190);
  2. a ring whose unwrapped longitude winds a full +-360 encloses a pole; it is closed along that
     pole (down to -90 and back along it for Antarctica), which makes it an ordinary polygon
     spanning 360 degrees of longitude;
  3. each unwrapped polygon is cut into the windows [-180+k*360, 180+k*360] and every piece is
     shifted back by -k*360. The cuts interpolate the crossing latitude on the +-180 meridian and
     the pieces on each side are closed along it (GEOS intersection with the window box);
  4. holes are cut the same way and subtracted; everything is made valid (GEOS MakeValid,
     Buffer(0) as a fallback), unioned, exploded to one Polygon per feature and written as
     FlatGeobuf, EPSG:4326 in traditional lon/lat order.

Usage (run with Debian's python3, which has python3-gdal):
  /usr/bin/python3 scripts/make-coastline.py                 # fetch world-atlas@2.0.2 with npm, build
  /usr/bin/python3 scripts/make-coastline.py --source DIR    # use an unpacked package or its .tgz
  /usr/bin/python3 scripts/make-coastline.py --check [--png-dir DIR]   # verify the written assets

Output is byte-for-byte reproducible for the same inputs and the same GDAL/GEOS versions.
"""

import argparse
import hashlib
import math
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile

try:
    from osgeo import gdal, ogr, osr
except ModuleNotFoundError:
    # A python3 first on PATH (pyenv, venv) may lack Debian's python3-gdal: use the system one.
    if os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3") \
            and os.path.exists("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3", os.path.abspath(__file__)] + sys.argv[1:])
    sys.exit("osgeo not found: install Debian's python3-gdal (apt-get install python3-gdal)")

ogr.UseExceptions()
osr.UseExceptions()
gdal.UseExceptions()
# IsValid() reports every self-intersection of the source as a GDAL warning; they are expected
# here (that is what MakeValid is for), so keep the console readable.
gdal.PushErrorHandler("CPLQuietErrorHandler")

WORLD_ATLAS_VERSION = "2.0.2"
# sha256 of the npm tarball world-atlas-2.0.2.tgz, so a different download is noticed.
WORLD_ATLAS_SHA256 = "032e7765f2ce00edaeafec23ff22bc3b77e42987c257da944cc585b452c05b97"
RESOLUTIONS = ("50m", "10m")
MAX_BYTES = 15 * 1024 * 1024
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_OUT = os.path.join(REPO, "assets", "coastline")

# A ring that winds around a pole and lies entirely within this many degrees of it is the
# remnant of the source's polar edge (a zero-size cap on the sphere), not land or a hole.
POLE_REMNANT_DEG = 0.01
# Spacing of the vertices added along a pole when closing a ring that encloses it.
POLE_EDGE_STEP_DEG = 1.0
# Polygons smaller than this (deg^2) after cutting are slivers from the seam; dropped.
MIN_AREA = 1e-12

# (name, lon, lat, expected land?)
PROBES = [
    ("Honshu", 138.0, 36.0, True),
    ("open Pacific at the antimeridian", 180.0, 30.0, False),
    ("open Pacific at the antimeridian (-180)", -180.0, 30.0, False),
    ("Chukotka", -175.0, 66.0, True),
    ("central Pacific", -150.0, 0.0, False),
    ("Antarctica", 0.0, -80.0, True),
    ("Antarctica near the pole", 120.0, -89.5, True),
    ("Arctic Ocean", 0.0, 85.0, False),
    ("Bering Strait", -169.0, 65.8, False),
    ("Arctic Ocean north of Siberia (false-band zone)", 100.0, 78.5, False),
    ("Arctic Ocean north of Alaska (false-band zone)", -150.0, 74.0, False),
    ("Wrangel Island", -179.5, 71.2, True),
    ("Wrangel Island (west of 180)", 179.5, 71.2, True),
    ("Alaska interior", -150.0, 64.0, True),
    ("Attu Island, Aleutians", 173.0, 52.9, True),
    ("Kodiak Island", -153.5, 57.5, True),
]


def log(*args):
    print(*args, file=sys.stderr)


# ---------------------------------------------------------------------------------------------
# Fetching the source

def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def unpack_tgz(tgz, workdir):
    digest = sha256(tgz)
    if digest != WORLD_ATLAS_SHA256:
        log(f"warning: {tgz} sha256 {digest} differs from the pinned world-atlas@"
            f"{WORLD_ATLAS_VERSION} ({WORLD_ATLAS_SHA256})")
    with tarfile.open(tgz) as t:
        members = [m for m in t.getmembers()
                   if m.isfile() and m.name.startswith("package/") and ".." not in m.name]
        t.extractall(workdir, members=members)
    return os.path.join(workdir, "package")


def fetch_source(source, workdir):
    """Returns the directory that holds land-50m.json and land-10m.json."""
    if source:
        if os.path.isdir(source):
            return source
        return unpack_tgz(source, workdir)
    npm = shutil.which("npm")
    if not npm:
        sys.exit("npm not found: install it or pass --source with an unpacked world-atlas package")
    subprocess.run([npm, "pack", f"world-atlas@{WORLD_ATLAS_VERSION}", "--silent"],
                   cwd=workdir, check=True, stdout=subprocess.DEVNULL)
    return unpack_tgz(os.path.join(workdir, f"world-atlas-{WORLD_ATLAS_VERSION}.tgz"), workdir)


# ---------------------------------------------------------------------------------------------
# Cutting at the antimeridian

def unwrap(points):
    """Makes a ring's longitudes continuous. Returns (points, crossings, winding in turns)."""
    out = []
    offset = 0.0
    crossings = 0
    prev = None
    for lon, lat in points:
        if prev is not None:
            d = lon - prev
            if d > 180.0:
                offset -= 360.0
                crossings += 1
            elif d < -180.0:
                offset += 360.0
                crossings += 1
        out.append((lon + offset, lat))
        prev = lon
    # A closed ring's last vertex repeats the first; in unwrapped form they differ by the winding.
    winding = round((out[-1][0] - out[0][0]) / 360.0) if len(out) > 1 else 0
    return out, crossings, winding


def ring_geometry(points):
    ring = ogr.Geometry(ogr.wkbLinearRing)
    for lon, lat in points:
        ring.AddPoint_2D(lon, lat)
    ring.CloseRings()
    poly = ogr.Geometry(ogr.wkbPolygon)
    poly.AddGeometryDirectly(ring)
    return poly


def box(xmin, ymin, xmax, ymax):
    return ring_geometry([(xmin, ymin), (xmax, ymin), (xmax, ymax), (xmin, ymax), (xmin, ymin)])


def shifted(geom, dx):
    """A copy of a (multi)polygon with dx added to every longitude."""
    g = geom.Clone()
    if dx == 0:
        return g
    stack = [g]
    while stack:
        h = stack.pop()
        if h.GetGeometryCount() > 0:
            stack.extend(h.GetGeometryRef(i) for i in range(h.GetGeometryCount()))
        else:
            for i in range(h.GetPointCount()):
                h.SetPoint_2D(i, h.GetX(i) + dx, h.GetY(i))
    return g


def planar_ring(points, stats):
    """One source ring as a list of planar polygons inside [-180, 180] (possibly empty)."""
    pts, crossings, winding = unwrap(points)
    if crossings == 0:
        return [ring_geometry(pts)]
    stats["crossing_rings"] += 1
    if winding != 0:
        if abs(winding) != 1:
            raise ValueError(f"ring winds {winding} times around a pole")
        lats = [lat for _, lat in pts]
        mean = sum(lats) / len(lats)
        pole = -90.0 if mean < 0 else 90.0
        if all(abs(lat - pole) < POLE_REMNANT_DEG for lat in lats):
            stats["pole_remnants"] += 1
            return []
        stats["pole_rings"] += 1
        # Close the ring along the pole: from its unwrapped end down to the pole, back along the
        # pole to the longitude it started at (a vertex every degree, so that no edge of the
        # output spans more than 180 degrees of longitude: consumers read such a step as a
        # crossing of the antimeridian), up to the first vertex.
        x_end, x_start = pts[-1][0], pts[0][0]
        steps = max(1, math.ceil(abs(x_end - x_start) / POLE_EDGE_STEP_DEG))
        pts = pts + [(x_end + (x_start - x_end) * i / steps, pole) for i in range(steps + 1)]
        pts.append(pts[0])
    poly = ring_geometry(pts)
    if not poly.IsValid():
        poly = make_valid(poly)
    xmin, xmax, _, _ = poly.GetEnvelope()
    pieces = []
    for k in range(math.floor((xmin + 180.0) / 360.0), math.floor((xmax + 180.0) / 360.0) + 1):
        window = box(-180.0 + 360.0 * k, -90.0, 180.0 + 360.0 * k, 90.0)
        piece = poly.Intersection(window)
        if piece is None or piece.IsEmpty() or piece.GetArea() <= 0:
            continue
        pieces.append(shifted(piece, -360.0 * k))
    return pieces


def union_all(geoms):
    if not geoms:
        return None
    if len(geoms) == 1:
        return geoms[0]
    coll = ogr.Geometry(ogr.wkbMultiPolygon)
    for g in geoms:
        for p in polygons_of(g):
            coll.AddGeometry(p)
    return coll.UnionCascaded()  # GDAL 3.6's Python has no UnaryUnion


def polygons_of(geom):
    """The polygons in any geometry (MakeValid may return collections with lines/points)."""
    out = []
    if geom is None or geom.IsEmpty():
        return out
    t = ogr.GT_Flatten(geom.GetGeometryType())
    if t == ogr.wkbPolygon:
        out.append(geom.Clone())
    elif t in (ogr.wkbMultiPolygon, ogr.wkbGeometryCollection):
        for i in range(geom.GetGeometryCount()):
            out.extend(polygons_of(geom.GetGeometryRef(i)))
    return out


def make_valid(geom):
    if geom.IsValid():
        return geom
    try:
        fixed = geom.MakeValid(["METHOD=STRUCTURE"])
    except (RuntimeError, TypeError):
        fixed = geom.MakeValid()
    if fixed is None or not fixed.IsValid():
        fixed = geom.Buffer(0)
    polys = polygons_of(fixed)
    out = ogr.Geometry(ogr.wkbMultiPolygon)
    for p in polys:
        out.AddGeometry(p)
    return out


def planar_polygon(poly, stats):
    """One source polygon (exterior + holes) as a planar geometry inside [-180, 180]."""
    rings = [poly.GetGeometryRef(i).GetPoints() for i in range(poly.GetGeometryCount())]
    if not rings or len(rings[0]) < 4:
        return None
    outer = planar_ring(rings[0], stats)
    result = make_valid(union_all([make_valid(p) for p in outer]) or ogr.Geometry(ogr.wkbPolygon))
    holes = []
    for r in rings[1:]:
        if len(r) >= 4:
            holes.extend(make_valid(p) for p in planar_ring(r, stats))
    if holes:
        stats["holes"] += 1
        result = make_valid(result.Difference(union_all(holes)))
    return result


def convert(src_json, dst_fgb, simplify=0.0):
    stats = dict(source_polygons=0, source_rings=0, source_vertices=0, crossing_rings=0,
                 pole_rings=0, pole_remnants=0, holes=0, invalid_source=0, slivers=0)
    ds = ogr.Open(src_json)
    parts = []
    for layer in ds:
        for feature in layer:
            geom = feature.GetGeometryRef()
            if geom is None:
                continue
            for poly in polygons_of(geom):
                stats["source_polygons"] += 1
                stats["source_rings"] += poly.GetGeometryCount()
                for i in range(poly.GetGeometryCount()):
                    stats["source_vertices"] += poly.GetGeometryRef(i).GetPointCount()
                if not poly.IsValid():
                    stats["invalid_source"] += 1
                planar = planar_polygon(poly, stats)
                if planar is not None:
                    parts.extend(polygons_of(planar))
    # The source polygons overlap and touch along shared arcs: union them into one valid set.
    land = make_valid(union_all(parts))
    if simplify > 0:
        land = make_valid(land.SimplifyPreserveTopology(simplify))
    polys = []
    for p in polygons_of(land):
        if p.GetArea() < MIN_AREA:
            stats["slivers"] += 1
            continue
        xmin, xmax, ymin, ymax = p.GetEnvelope()
        assert -180.0 <= xmin and xmax <= 180.0 and -90.0 <= ymin and ymax <= 90.0, p.GetEnvelope()
        assert p.IsValid()
        polys.append(p)
    # A deterministic order (the FlatGeobuf spatial index re-sorts along a Hilbert curve anyway).
    polys.sort(key=lambda p: (-p.GetArea(), p.GetEnvelope()))

    write_fgb(dst_fgb, polys)
    stats["polygons"] = len(polys)
    stats["rings"] = sum(p.GetGeometryCount() for p in polys)
    stats["vertices"] = sum(p.GetGeometryRef(i).GetPointCount()
                            for p in polys for i in range(p.GetGeometryCount()))
    stats["bytes"] = os.path.getsize(dst_fgb)
    return stats


def wgs84():
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


def write_fgb(path, polys):
    if os.path.exists(path):
        os.remove(path)
    drv = ogr.GetDriverByName("FlatGeobuf")
    ds = drv.CreateDataSource(path)
    layer = ds.CreateLayer("land", wgs84(), ogr.wkbPolygon, ["SPATIAL_INDEX=YES"])
    layer.CreateField(ogr.FieldDefn("id", ogr.OFTInteger))
    defn = layer.GetLayerDefn()
    for i, p in enumerate(polys):
        f = ogr.Feature(defn)
        f.SetField("id", i)
        f.SetGeometry(p)
        layer.CreateFeature(f)
    layer = None
    ds = None


# ---------------------------------------------------------------------------------------------
# Checks

def is_land(layer, lon, lat):
    pt = ogr.Geometry(ogr.wkbPoint)
    pt.AddPoint_2D(lon, lat)
    layer.SetSpatialFilter(pt)
    layer.ResetReading()
    try:
        return any(f.GetGeometryRef().Intersects(pt) for f in layer)
    finally:
        layer.SetSpatialFilter(None)


def check(out_dir, png_dir=None):
    ok = True
    for res in RESOLUTIONS:
        path = os.path.join(out_dir, f"ne_{res}_land.fgb")
        ds = ogr.Open(path)
        layer = ds.GetLayer(0)
        srs = layer.GetSpatialRef()
        n = layer.GetFeatureCount()
        verts = 0
        bad = []
        for f in layer:
            g = f.GetGeometryRef()
            if ogr.GT_Flatten(g.GetGeometryType()) != ogr.wkbPolygon:
                bad.append(f"feature {f.GetFID()} is {g.GetGeometryName()}")
            if not g.IsValid():
                bad.append(f"feature {f.GetFID()} is invalid")
            xmin, xmax, ymin, ymax = g.GetEnvelope()
            if xmin < -180 or xmax > 180 or ymin < -90 or ymax > 90:
                bad.append(f"feature {f.GetFID()} outside lon/lat range: {g.GetEnvelope()}")
            for i in range(g.GetGeometryCount()):
                pts = g.GetGeometryRef(i).GetPoints()
                verts += len(pts)
                steps = [abs(b[0] - a[0]) for a, b in zip(pts, pts[1:])]
                if steps and max(steps) > 180:
                    bad.append(f"feature {f.GetFID()} ring {i} has an edge spanning "
                               f"{max(steps)} degrees of longitude (reads as a 180 crossing)")
        if srs is None or srs.GetAuthorityCode(None) != "4326":
            bad.append(f"SRS is not EPSG:4326: {srs.ExportToWkt() if srs else None}")
        size = os.path.getsize(path)
        if size > MAX_BYTES:
            bad.append(f"{size} bytes, over {MAX_BYTES}")
        print(f"{path}: {n} polygons, {verts} vertices, {size} bytes")
        for name, lon, lat, want in PROBES:
            got = is_land(layer, lon, lat)
            status = "ok " if got == want else "BAD"
            print(f"  {status} {name:48s} {lat:7.2f} {lon:8.2f}: "
                  f"{'land' if got else 'sea'} (want {'land' if want else 'sea'})")
            if got != want:
                ok = False
        for b in bad:
            print("  BAD", b)
            ok = False
        if png_dir:
            os.makedirs(png_dir, exist_ok=True)
            tif = os.path.join(png_dir, f"ne_{res}_land.tif")
            png = os.path.join(png_dir, f"ne_{res}_land.png")
            gdal.Rasterize(tif, path, format="GTiff", outputType=gdal.GDT_Byte, burnValues=[1],
                           width=3600, height=1800, outputBounds=[-180, -90, 180, 90])
            gdal.Translate(png, tif, format="PNG", scaleParams=[[0, 1, 0, 255]])
            # Close-ups: the Bering Strait / Chukotka seam and Antarctica's pole edge.
            gdal.Translate(os.path.join(png_dir, f"ne_{res}_bering.png"), tif, format="PNG",
                           scaleParams=[[0, 1, 0, 255]], projWin=[150, 80, 180, 45])
            gdal.Translate(os.path.join(png_dir, f"ne_{res}_bering_east.png"), tif, format="PNG",
                           scaleParams=[[0, 1, 0, 255]], projWin=[-180, 80, -150, 45])
            os.remove(tif)
            print(f"  wrote {png}")
    print("all checks passed" if ok else "CHECKS FAILED")
    return ok


# ---------------------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source", help="unpacked world-atlas package dir or its .tgz "
                                     "(default: npm pack world-atlas@" + WORLD_ATLAS_VERSION + ")")
    ap.add_argument("--out", default=DEFAULT_OUT, help="output dir (default: assets/coastline)")
    ap.add_argument("--simplify-10m", type=float, default=0.0,
                    help="simplification tolerance in degrees for the 10m asset (default 0: none)")
    ap.add_argument("--check", action="store_true", help="only verify the assets in --out")
    ap.add_argument("--png-dir", help="with --check: write plate carree rasterizations here")
    args = ap.parse_args()

    if args.check:
        sys.exit(0 if check(args.out, args.png_dir) else 1)

    os.makedirs(args.out, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        src = fetch_source(args.source, tmp)
        for res in RESOLUTIONS:
            dst = os.path.join(args.out, f"ne_{res}_land.fgb")
            simplify = args.simplify_10m if res == "10m" else 0.0
            stats = convert(os.path.join(src, f"land-{res}.json"), dst, simplify)
            log(f"{dst}: " + ", ".join(f"{k}={v}" for k, v in stats.items()))
            if stats["bytes"] > MAX_BYTES:
                log(f"warning: {dst} is over {MAX_BYTES} bytes; rerun with --simplify-10m 0.001")
    sys.exit(0 if check(args.out) else 1)


if __name__ == "__main__":
    main()
