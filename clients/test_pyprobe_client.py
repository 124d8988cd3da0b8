"""Tests of pyprobe_client's DAP reader over real socket pairs: it must read whatever a
correct server sends, however it is split, and fail clearly (never hang) on anything else."""

import json
import os
import socket
import sys
import threading
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pyprobe_client  # noqa: E402


def frame(message):
    body = json.dumps(message).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


class ClientProtocolTest(unittest.TestCase):
    def setUp(self):
        self.client_sock, self.server_sock = socket.socketpair()
        self.client_sock.settimeout(5)
        self.server_sock.settimeout(5)
        self.dap = pyprobe_client.DapConnection(self.client_sock)

    def tearDown(self):
        self.client_sock.close()
        self.server_sock.close()

    def serve(self, reply):
        """Reads one request on the server side, then sends reply(request) as raw bytes."""
        def run():
            data = b""
            while b"\r\n\r\n" not in data:
                data += self.server_sock.recv(4096)
            header, rest = data.split(b"\r\n\r\n", 1)
            length = int(header.split(b":")[1])
            while len(rest) < length:
                rest += self.server_sock.recv(4096)
            request = json.loads(rest[:length].decode("utf-8"))
            payload = reply(request)
            try:
                for i in range(0, len(payload), 7):  # split awkwardly on purpose
                    self.server_sock.sendall(payload[i:i + 7])
            except OSError:
                pass  # the client gave up on this payload and closed: what some tests expect
        t = threading.Thread(target=run)
        t.daemon = True
        t.start()
        return t

    def response(self, request, success=True, body=None, message=None):
        r = {"seq": 0, "type": "response", "request_seq": request["seq"], "command": request["command"],
             "success": success}
        if body is not None:
            r["body"] = body
        if message is not None:
            r["message"] = message
        return r

    def test_matches_the_response_and_keeps_events_for_later(self):
        self.serve(lambda req: frame({"seq": 1, "type": "event", "event": "output", "body": {}})
                   + frame({"seq": 2, "type": "event", "event": "stopped", "body": {"reason": "pause"}})
                   + frame(self.response(req, body={"threads": [{"id": 1, "name": "MainThread"}]})))
        body = self.dap.request("threads")
        self.assertEqual(body["threads"][0]["name"], "MainThread")
        self.assertEqual(self.dap.wait_event("stopped")["body"]["reason"], "pause")

    def test_a_failed_request_raises_with_the_server_message(self):
        self.serve(lambda req: frame(self.response(req, success=False, message="authentication failed")))
        with self.assertRaises(pyprobe_client.RequestFailed) as caught:
            self.dap.request("attach", {"processId": 1})
        self.assertIn("authentication failed", str(caught.exception))

    def test_an_endless_header_is_refused_not_buffered(self):
        self.serve(lambda req: b"X" * (pyprobe_client.MAX_HEADER_BYTES + 100000))
        with self.assertRaises(pyprobe_client.ProtocolError) as caught:
            self.dap.request("threads")
        self.assertIn("header longer", str(caught.exception))

    def test_bad_lengths_and_bodies_are_refused(self):
        for payload in (b"Content-Length: -1\r\n\r\n{}", b"Content-Length: 999999999999\r\n\r\n",
                        b"Content-Type: x\r\n\r\n{}", b"Content-Length: 3\r\n\r\n{x}",
                        b"Content-Length: 2\r\n\r\n[]"):
            self.tearDown()
            self.setUp()
            self.serve(lambda req, p=payload: p)
            with self.assertRaises(pyprobe_client.ProtocolError):
                self.dap.request("threads")

    def test_a_connection_closed_mid_body_is_an_error(self):
        def reply(req):
            data = b"Content-Length: 100\r\n\r\n{\"seq\":"
            self.server_sock.sendall(data)
            self.server_sock.shutdown(socket.SHUT_WR)
            return b""
        self.serve(reply)
        with self.assertRaises(pyprobe_client.ProtocolError) as caught:
            self.dap.request("threads")
        self.assertIn("closed", str(caught.exception))

    def test_a_silent_server_times_out(self):
        self.client_sock.settimeout(0.2)
        with self.assertRaises(pyprobe_client.ProtocolError) as caught:
            self.dap.request("threads")
        self.assertIn("too long", str(caught.exception))


class FormatTest(unittest.TestCase):
    def test_frame_lines_show_function_file_and_line(self):
        frame_ = {"name": "work", "line": 42, "source": {"path": "/srv/jobs.py", "name": "jobs.py"}}
        self.assertEqual(pyprobe_client.frame_line(frame_), "work (/srv/jobs.py:42)")
        self.assertEqual(pyprobe_client.frame_line({"name": "f", "line": 1, "source": {"name": "<string>"}}),
                         "f (<string>:1)")


if __name__ == "__main__":
    unittest.main()
