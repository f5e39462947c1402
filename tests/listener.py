"""A listener on 127.0.0.1 that counts every connection made to it: the outbound-request probe.

Hostile-input tests point SERVICE, LOAD and contexts at it and expect zero hits.
"""

from __future__ import annotations

import contextlib
import socket
import threading


class Listener:
    """Accept connections on a free loopback port, answer an empty SPARQL result, count them."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/sparql"
        self.hits = 0
        self._stop = False
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        body = b'{"head":{"vars":["s"]},"results":{"bindings":[]}}'
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            if self._stop:
                conn.close()
                return
            self.hits += 1
            with contextlib.suppress(OSError):
                conn.settimeout(1)
                conn.recv(65536)
                conn.sendall(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
                    b"Content-Length: "
                    + str(len(body)).encode()
                    + b"\r\nConnection: close\r\n\r\n"
                    + body
                )
            conn.close()

    def close(self) -> None:
        self._stop = True
        with contextlib.suppress(OSError):
            socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
        self.sock.close()
        self._thread.join(5)


@contextlib.contextmanager
def listening():
    """Yield a running :class:`Listener`; close it afterwards."""
    listener = Listener()
    try:
        yield listener
    finally:
        listener.close()


def bypasses(url: str) -> list[str]:
    """Return one query or update of every family known to smuggle a request past a guard."""
    rest = url[1:]
    return [
        f"PREFIX ex: <urn:x/> SELECT ?s {{ VALUES ?z {{ ex:o\\# }} SERVICE <{url}> {{?s ?p ?o}} }}",
        "PREFIX ex: <urn:x/> SELECT ?s { BIND(ex:a\\#b AS ?z) "
        f"SERVICE SILENT <{url}> {{?s ?p ?o}} }}",
        f"SELECT * {{ VALUES (?o ?s) {{ (1 2) }} FILTER(?o<?s)SERVICE<{url}>{{ ?a ?b ?c }} }}",
        f"SELECT * {{ SERVICE#c\n<{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ service <{url}> {{ ?s ?p ?o }} }}",
        f"PREFIX ex: <{url}#> SELECT * {{ SERVICEex:x {{ ?s ?p ?o }} }}",
        f"PREFIX : <{url}#> SELECT * {{ SERVICE:x {{ ?s ?p ?o }} }}",
        f"BASE <{url}> SELECT * {{ SERVICE <#x> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ SERVICE <\\u0068{rest}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ BIND('it\\'s' AS ?q) SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ FILTER EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
        f"SELECT * {{ SERVICE <http://localhost:{url.split(':')[2]}> {{ ?s ?p ?o }} }}",
        f"SELECT * FROM <{url}> {{ ?s ?p ?o }}",
    ]


def update_bypasses(url: str) -> list[str]:
    """Return updates of every family known to make the engine fetch."""
    return [
        f"PREFIX ex: <urn:x/> INSERT DATA {{ ex:o\\# ex:p ex:o }} ; LOAD <{url}>",
        f"LOAD SILENT <{url}> INTO GRAPH <urn:g>",
        f"PREFIX : <{url}#> LOAD :x",
        f"PREFIX ex: <{url}#> LOADex:x",
        f"BASE <{url}> LOAD <#x>",
        f"load<{url}>",
        f"INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        "PREFIX ex: <urn:x/> DELETE { ?s ?p ex:o\\# } "
        f"WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    ]
