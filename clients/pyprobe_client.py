#!/usr/bin/env python3
"""Attach to a Python process through a pyprobe server and print every thread's stack.

Speaks the Debug Adapter Protocol over TCP (optionally TLS), using only the standard
library: initialize, attach (with the server's token if it wants one), pause, one
stackTrace per thread, disconnect. The target keeps running; pyprobe only reads it.

Output, one block per thread, innermost frame first:

    Thread 1 "MainThread"
      work (/srv/app/jobs.py:42)
      main (/srv/app/jobs.py:90)

Exit status: 0 on success, 1 when the server refuses or fails a request, 2 on bad
usage, 3 when the connection or the protocol breaks.
"""

import argparse
import hashlib
import json
import socket
import ssl
import sys

MAX_HEADER_BYTES = 8 * 1024
MAX_BODY_BYTES = 64 * 1024 * 1024


class ProtocolError(Exception):
    """The server's bytes are not DAP, or the connection ended too early."""


class RequestFailed(Exception):
    """The server answered a request with success=false."""

    def __init__(self, command, message):
        Exception.__init__(self, "%s failed: %s" % (command, message))
        self.command = command


class DapConnection(object):
    """DAP's base protocol over a socket: numbered requests, responses matched by
    request_seq, events kept in arrival order for whoever waits for them."""

    def __init__(self, sock):
        self._sock = sock
        self._buffer = b""
        self._seq = 0
        self._events = []

    def request(self, command, arguments=None):
        self._seq += 1
        message = {"seq": self._seq, "type": "request", "command": command}
        if arguments is not None:
            message["arguments"] = arguments
        self._send(message)
        while True:
            reply = self.read_message()
            if reply.get("type") == "event":
                self._events.append(reply)
            elif reply.get("type") == "response" and reply.get("request_seq") == self._seq:
                if not reply.get("success"):
                    raise RequestFailed(command, reply.get("message") or _error_text(reply))
                return reply.get("body") or {}
            # Reverse requests (runInTerminal...) are not ours to serve; anything else is noise.

    def wait_event(self, name):
        while True:
            for i, event in enumerate(self._events):
                if event.get("event") == name:
                    return self._events.pop(i)
            message = self.read_message()
            if message.get("type") == "event":
                self._events.append(message)

    def read_message(self):
        length = self._read_header()
        body = self._read_exactly(length)
        try:
            message = json.loads(body.decode("utf-8"))
        except ValueError as e:
            raise ProtocolError("server sent a body that is not JSON: %s" % e)
        if not isinstance(message, dict):
            raise ProtocolError("server sent JSON that is not an object")
        return message

    def _send(self, message):
        body = json.dumps(message).encode("utf-8")
        self._sock.sendall(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def _read_header(self):
        while b"\r\n\r\n" not in self._buffer:
            if len(self._buffer) > MAX_HEADER_BYTES:
                raise ProtocolError("server sent a header longer than %d bytes" % MAX_HEADER_BYTES)
            self._fill()
        end = self._buffer.index(b"\r\n\r\n")
        if end > MAX_HEADER_BYTES:
            raise ProtocolError("server sent a header longer than %d bytes" % MAX_HEADER_BYTES)
        header, self._buffer = self._buffer[:end], self._buffer[end + 4:]
        length = None
        for line in header.split(b"\r\n"):
            name, sep, value = line.partition(b":")
            if sep and name.strip().lower() == b"content-length":
                value = value.strip()
                if not value.isdigit() or int(value) > MAX_BODY_BYTES:
                    raise ProtocolError("server sent a bad Content-Length: %r" % value[:40])
                length = int(value)
        if length is None:
            raise ProtocolError("server sent a header without Content-Length")
        return length

    def _read_exactly(self, length):
        while len(self._buffer) < length:
            self._fill()
        data, self._buffer = self._buffer[:length], self._buffer[length:]
        return data

    def _fill(self):
        try:
            chunk = self._sock.recv(65536)
        except socket.timeout:
            raise ProtocolError("server sent nothing for too long")
        if not chunk:
            raise ProtocolError("server closed the connection")
        self._buffer += chunk


def _error_text(reply):
    error = (reply.get("body") or {}).get("error") or {}
    return error.get("format") or "no message"


def connect(args):
    sock = socket.create_connection((args.host, args.port), timeout=args.timeout)
    # One small request at a time: with Nagle, a request sent while the TLS handshake's last
    # flight is unacknowledged waits for the server's delayed ACK (~40 ms).
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    if not (args.tls or args.cafile or args.fingerprint or args.insecure):
        return sock
    if args.cafile:
        context = ssl.create_default_context(cafile=args.cafile)
    elif args.fingerprint or args.insecure:
        # Pinning replaces CA checks: the certificate is compared byte for byte below.
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    else:
        context = ssl.create_default_context()
    tls = context.wrap_socket(sock, server_hostname=args.host)
    if args.fingerprint:
        actual = hashlib.sha256(tls.getpeercert(binary_form=True)).hexdigest()
        wanted = args.fingerprint.replace(":", "").lower()
        if actual != wanted:
            tls.close()
            raise ProtocolError("server certificate fingerprint %s does not match %s" % (actual, wanted))
    elif args.insecure:
        sys.stderr.write("pyprobe_client: warning: TLS certificate not verified (--insecure)\n")
    return tls


def print_stacks(dap, pid, token, out):
    dap.request("initialize", {"clientID": "pyprobe_client", "clientName": "pyprobe_client",
                               "adapterID": "pyprobe", "linesStartAt1": True,
                               "columnsStartAt1": True, "pathFormat": "path"})
    attach = {"processId": pid}
    if token is not None:
        attach["token"] = token
    dap.request("attach", attach)
    dap.request("configurationDone")
    threads = dap.request("threads").get("threads", [])
    if threads:
        dap.request("pause", {"threadId": threads[0]["id"]})
        dap.wait_event("stopped")
    for thread in threads:
        body = dap.request("stackTrace", {"threadId": thread["id"], "startFrame": 0, "levels": 0})
        out.write(thread_title(thread) + "\n")
        for frame in body.get("stackFrames", []):
            out.write("  %s\n" % frame_line(frame))
    if threads:
        dap.request("continue", {"threadId": threads[0]["id"]})
    dap.request("disconnect", {"terminateDebuggee": False})


def thread_title(thread):
    return 'Thread %d "%s"' % (thread["id"], thread.get("name", ""))


def frame_line(frame):
    source = frame.get("source") or {}
    where = source.get("path") or source.get("name") or "?"
    return "%s (%s:%s)" % (frame.get("name", "?"), where, frame.get("line", "?"))


def parse_args(argv):
    parser = argparse.ArgumentParser(description="Print every thread's stack of a Python process "
                                                 "through a pyprobe server.")
    parser.add_argument("pid", type=int, help="process to attach to (on the server's host)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=4711)
    tokens = parser.add_mutually_exclusive_group()
    tokens.add_argument("--token", help="the server's token (visible in ps: prefer --token-file)")
    tokens.add_argument("--token-file", help="file whose first line is the server's token")
    parser.add_argument("--tls", action="store_true", help="connect with TLS, checking the system CAs")
    parser.add_argument("--cafile", help="TLS: trust this CA or certificate (PEM)")
    parser.add_argument("--fingerprint", help="TLS: accept only the certificate with this SHA-256 "
                                              "(as printed by 'pyprobe serve --tls')")
    parser.add_argument("--insecure", action="store_true", help="TLS without any certificate check")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for the server")
    return parser.parse_args(argv)


def read_token(args):
    if args.token is not None:
        return args.token
    if args.token_file is not None:
        with open(args.token_file) as f:
            return f.readline().strip()
    return None


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        token = read_token(args)
    except OSError as e:
        sys.stderr.write("pyprobe_client: cannot read the token: %s\n" % e)
        return 2
    try:
        sock = connect(args)
    except (OSError, ssl.SSLError, ProtocolError) as e:
        sys.stderr.write("pyprobe_client: cannot connect to %s:%d: %s\n" % (args.host, args.port, e))
        return 3
    try:
        print_stacks(DapConnection(sock), args.pid, token, sys.stdout)
        return 0
    except RequestFailed as e:
        sys.stderr.write("pyprobe_client: %s\n" % e)
        return 1
    except (OSError, ProtocolError) as e:
        sys.stderr.write("pyprobe_client: %s\n" % e)
        return 3
    finally:
        sock.close()


if __name__ == "__main__":
    sys.exit(main())
