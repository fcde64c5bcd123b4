#!/usr/bin/env python3
"""Regenerate ontology.tsv from the reference CAMEO and PLOVER tables.

Only facts are kept: code, root, quad class, the three Goldstein variants, the PLOVER type of the code and
the code's name. Descriptions, usage notes and examples are not copied.
Usage: gen_ontology.py CAMEO_EVENT_CODES.tsv CAMEO_TO_PLOVER.tsv > ontology.tsv
"""
import csv
import sys

cameo_path, plover_path = sys.argv[1], sys.argv[2]
plover = {}
with open(plover_path, encoding="utf-8") as f:
    for row in csv.DictReader(f, delimiter="\t"):
        plover.setdefault(row["cameo_code"].strip(), row["plover_event"].strip())
# The table drops CAMEO 02 (appeal), but PLOVER's REQUEST is "all requests, demands, and orders": appeals are requests.
APPEAL_AS_REQUEST = "REQUEST"
# Easing a curfew or a state of emergency is a civil concession (PLOVER CONCEDE); RETREAT is for military de-escalation.
PLOVER_OVERRIDES = {"0813": "CONCEDE", "0814": "CONCEDE"}
print("# code\troot\tquad\tgoldstein_gdelt\tgoldstein_icews\tgoldstein_phoenix\tplover\tname")
with open(cameo_path, encoding="utf-8") as f:
    for row in csv.DictReader(f, delimiter="\t"):
        code = row["code"].strip()
        root = code[:2]
        quad = {r: q for q, rs in ((1, range(1, 6)), (2, range(6, 9)), (3, range(9, 14)), (4, range(14, 21))) for r in rs}[int(root)]
        name = " ".join(row["name"].replace('""', '"').strip('"').split())
        vals = [row[k].strip() for k in ("goldstein_gdelt", "goldstein_icews", "goldstein_phoenix")]
        ptype = PLOVER_OVERRIDES.get(code) or plover.get(code, "") or (APPEAL_AS_REQUEST if root == "02" else "")
        print("\t".join([code, root, str(quad), *vals, ptype, name]))
