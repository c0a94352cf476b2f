"""Ways to make the endpoint open a connection (SERVICE, LOAD) in disguise, and legitimate queries that look
like them, shared by the guard's unit tests and the tests against a running server.

`reaches` marks the disguises that pyoxigraph 0.5 really turns into a request when nothing guards it (on the
data of tests.test_sparql_guard.bait_store): the tests check that they still do, so that they keep testing
something."""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass

G = "{ ?x ?y ?z }"


@dataclass(frozen=True)
class Vector:
    name: str
    text: str
    update: bool = False
    reaches: bool = True


def service_vectors(url: str) -> list[Vector]:
    u = f"<{url}>"
    return [
        Vector("plain", f"SELECT * WHERE {{ SERVICE {u} {G} }}"),
        Vector("lower case", f"select * where {{ service {u} {G} }}"),
        Vector("mixed case", f"SELECT * WHERE {{ SeRvIcE {u} {G} }}"),
        Vector("after a < comparison", f"SELECT * WHERE {{ FILTER(1 < 2) SERVICE {u} {G} }}"),
        Vector("after a <= comparison", f"SELECT * WHERE {{ BIND(1 <= 2 AS ?b) SERVICE {u} {G} }}"),
        Vector("after a \\# escape", f"PREFIX ex: <http://example.org/> SELECT * WHERE {{ BIND(ex:a\\# AS ?q) "
                                     f"SERVICE {u} {G} }}"),
        Vector("ASK", f"ASK {{ SERVICE {u} {G} }}"),
        Vector("CONSTRUCT", f"CONSTRUCT {{ ?x ?y ?z }} WHERE {{ SERVICE {u} {G} }}"),
        Vector("DESCRIBE", f"DESCRIBE ?x WHERE {{ SERVICE {u} {G} }}"),
        Vector("after a comment", f"SELECT * WHERE {{ # a comment }} with SELECT\n SERVICE {u} {G} }}"),
        Vector("after a string with #", f'SELECT * WHERE {{ ?s ?p "#" . SERVICE {u} {G} }}'),
        Vector("after a \"\"\" string", f'SELECT * WHERE {{ ?s ?p """a"b#""" . SERVICE {u} {G} }}'),
        Vector("after a ''' string", f"SELECT * WHERE {{ ?s ?p '''a'b#''' . SERVICE {u} {G} }}"),
        Vector("newlines and tabs", f"SELECT * WHERE {{\n\tSERVICE\n\t{u}\n{G}\n}}"),
        Vector("no spaces", f"SELECT*WHERE{{?s ?p ?o.SERVICE{u}{{?x ?y ?z}}}}"),
        Vector("nested groups", f"SELECT * WHERE {{ ?s ?p ?o {{ {{ OPTIONAL {{ SERVICE {u} {G} }} }} }} }}"),
        Vector("in a subquery", f"SELECT * WHERE {{ ?s ?p ?o {{ SELECT * WHERE {{ SERVICE {u} {G} }} }} }}"),
        Vector("in FILTER EXISTS", f"SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ SERVICE {u} {G} }} }}"),
        Vector("in a UNION", f"SELECT * WHERE {{ {{ ?s ?p ?o }} UNION {{ SERVICE {u} {G} }} }}"),
        Vector("SILENT", f"SELECT * WHERE {{ SERVICE SILENT {u} {G} }}"),
        Vector("SILENT glued", f"SELECT * WHERE {{ SERVICESILENT{u} {G} }}"),
        Vector("a variable", f"SELECT * WHERE {{ BIND({u} AS ?u) SERVICE ?u {G} }}", reaches=False),
        Vector("glued to true", f"SELECT * WHERE {{ ?s ?p trueSERVICE {u} {G} }}"),
        Vector("glued to a number", f"SELECT * WHERE {{ ?s ?p 1SERVICE {u} {G} }}"),
        Vector("as a prefix", f"PREFIX : {u} SELECT * WHERE {{ SERVICE:x {G} }}"),
        Vector("as a bare prefix", f"PREFIX : {u} SELECT * WHERE {{ SERVICE: {G} }}"),
        Vector("local name of a bad IRI", f"PREFIX p: <http://h:80> SELECT * WHERE {{ ?s ?p p:SERVICE {u} {G} }}"),
        Vector("local name with two #", f"PREFIX ex: <http://h/#> PREFIX : {u} SELECT * WHERE {{ ?s ?p "
                                        f"ex:SERVICE:a\\# {G} }}"),
        Vector("after a dotted name", f"PREFIX ex: <urn:ex:> SELECT * WHERE {{ ?s ?p ex:a.b.SERVICE {u} {G} }}"),
        Vector("\\u escape", f"SELECT * WHERE {{ \\u0053ERVICE {u} {G} }}", reaches=False),
        Vector("in an update", f"INSERT {{ ?x ?y ?z }} WHERE {{ SERVICE {u} {G} }}", update=True),
    ]


def load_vectors(url: str) -> list[Vector]:
    u = f"<{url}data.nt>"
    return [
        Vector("LOAD", f"LOAD {u}", update=True),
        Vector("LOAD SILENT INTO", f"load silent {u} into graph <urn:g>", update=True),
        Vector("after a comment", f"# LOAD nothing\nLoAd {u}", update=True),
        Vector("after ;", f"INSERT DATA {{ <urn:a> <urn:b> <urn:c> }} ; LOAD {u} INTO GRAPH <urn:g>", update=True),
        Vector("after a \\# escape", f"PREFIX ex: <http://example.org/> INSERT DATA {{ ex:a ex:b ex:c\\# }} ; "
                                     f"LOAD {u} INTO GRAPH <urn:g>", update=True),
        Vector("glued", f"CLEAR ALL;LOAD{u}", update=True),
        Vector("as a prefix", f"PREFIX : <{url}> LOAD:x", update=True),
        Vector("glued to true", f"PREFIX : <{url}> INSERT DATA {{ <urn:a> <urn:b> true }} ;LOAD:x", update=True),
        Vector("after a string", f"INSERT DATA {{ <urn:a> <urn:b> 'LOAD' }} ;\n LOAD {u}", update=True),
    ]


# Legitimate queries that look like the disguises: (query, kind)
LEGITIMATE = [
    ("SELECT ?e WHERE { ?e ?p ?o FILTER(1 < 2 && 3 >= 2) } LIMIT 3", "select"),
    ("SELECT ?e WHERE { ?e ?p ?o FILTER(?o < 5 || ?o <= 6) } LIMIT 3", "select"),
    ("SELECT ?e WHERE { ?e <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> ?o } LIMIT 3", "select"),
    ('SELECT ?e WHERE { ?e ?p ?o FILTER(?o != "SERVICE <x> # LOAD") } LIMIT 3', "select"),
    ("SELECT ?e WHERE { ?e ?p ?o FILTER(?o != '''a ' SERVICE''') } LIMIT 3", "select"),
    ('SELECT ?e WHERE { ?e ?p ?o FILTER(?o != """ LOAD "" # """) } LIMIT 3', "select"),
    ("# SERVICE <http://x/> in a comment\nASK { ?s ?p ?o }", "ask"),
    ("SELECT ?s WHERE { ?s rel:load ?o } LIMIT 3", "select"),
    ("SELECT ?s WHERE { ?s rel:service ?o } LIMIT 3", "select"),
    ("PREFIX ex: <http://example.org/> SELECT * WHERE { BIND(ex:a\\#b AS ?q) } LIMIT 1", "select"),
    ("SELECT ?x WHERE { BIND(<urn:x#SERVICE> AS ?x) }", "select"),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 2", "construct"),
    ("DESCRIBE <https://w3id.org/heroku-kg/id/e/service>", "describe"),
    ("select ?serviceName where { ?s ?p ?serviceName } limit 2", "select"),
]


class Listener:
    """A TCP listener on 127.0.0.1 that counts connections and closes each at once (so a client that got
    through fails fast instead of waiting for an answer). `hits` is counted before the close."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.sock.settimeout(0.05)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/"
        self.hits = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.hits += 1
            conn.close()

    def __enter__(self) -> Listener:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.sock.close()
