"""Reads every export of a running ci-graph with the Python tools researchers use (rdflib,
networkx, csv) and prints what each found as JSON, for PythonReadersIT to check against the API.

Usage: python3 read_exports.py http://localhost:PORT
"""
import csv
import io
import json
import sys
import urllib.request
import zipfile

import networkx
import rdflib

BASE = sys.argv[1]
RDF = rdflib.RDF


def get(path):
    with urllib.request.urlopen(BASE + path) as response:
        return response.read()


def rdf(found):
    formats = [("turtle", "turtle", False), ("ntriples", "nt", False), ("trig", "trig", True),
               ("nquads", "nquads", True), ("jsonld", "json-ld", True)]
    for name, parser, quads in formats:
        for profile in ["rdf11"] + (["rdf11-graphs"] if quads else []):
            g = rdflib.ConjunctiveGraph() if quads else rdflib.Graph()
            g.parse(data=get("/api/export?format=%s&profile=%s" % (name, profile)), format=parser)
            statements = set(g.subjects(RDF.type, RDF.Statement))
            found["%s/%s" % (name, profile)] = {
                "quads": sum(1 for _ in g.quads((None, None, None))) if quads else len(g),
                "statements": len(statements),
                "graphs": len([c for c in g.contexts() if len(c) > 0]) if quads else 1,
            }


def graphml(found):
    g = networkx.read_graphml(io.BytesIO(get("/api/export?format=graphml")))
    confidences = {type(d["confidence"]).__name__ for _, _, d in g.edges(data=True) if "confidence" in d}
    found["graphml"] = {
        "nodes": g.number_of_nodes(),
        "edges": g.number_of_edges(),
        "confidenceTypes": sorted(confidences),
        "huaweiLabel": g.nodes["huawei"].get("kg_label"),
        "huaweiAliasesZh": g.nodes["huawei"].get("aliases@zh"),
    }


def rows(data):
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def csvs(found):
    nodes = rows(get("/api/export?format=csv-nodes"))
    relations = rows(get("/api/export?format=csv-relations"))
    with zipfile.ZipFile(io.BytesIO(get("/api/export?format=csv"))) as z:
        zipped = {name: len(rows(z.read(name))) for name in z.namelist() if name.endswith(".csv")}
    huawei = next(r for r in nodes if r["id"] == "huawei")
    found["csv"] = {
        "nodes": len(nodes),
        "relations": len(relations),
        "zip": zipped,
        "huaweiAliasesZh": huawei["aliases@zh"],
        "relationColumns": list(relations[0].keys()) if relations else [],
    }


found = {"versions": {"rdflib": rdflib.__version__, "networkx": networkx.__version__}}
rdf(found)
graphml(found)
csvs(found)
print(json.dumps(found, ensure_ascii=False, indent=1))
