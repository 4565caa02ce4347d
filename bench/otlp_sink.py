"""An OTLP/HTTP sink for bench/observability.sh: answers every POST /v1/traces with 200 and an
empty ExportTraceServiceResponse, and counts the bytes received. Usage: otlp_sink.py PORT"""
import http.server
import sys
import threading


class Sink(http.server.BaseHTTPRequestHandler):
    received = 0
    lock = threading.Lock()

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        self.rfile.read(length)
        with Sink.lock:
            Sink.received += length
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Sink).serve_forever()
