"""gunicorn's threaded worker, hardened against slow clients, with problem+json for its own refusals.

Slow clients: gunicorn's gthread worker hands a connection to a thread as soon as it is open, and the
thread then reads the request with blocking reads: a dozen clients sending one byte a second hold
every thread, and health probes go unanswered. Here the worker's event loop reads each request
(head, and a body of up to BUFFER_LIMIT bytes) without blocking, and only a complete request reaches
a thread. A request must arrive within ``GUNICORN_READ_TIMEOUT`` seconds (default 10) of its first
chance to be read; otherwise the client gets a 408 and the connection is closed. Whatever a thread
still reads past the buffer (a longer chunked body, pipelined requests) has the same deadline, and
answers are written within ``GUNICORN_TIMEOUT`` seconds. A reverse proxy in front (deploy/nginx/)
limits connections per client; this worker limits what each connection can hold.

Refusals before the app sees a request (a malformed request line or header: 400; a request line over
``limit_request_line``: 414; too many or too long headers: 431; a transfer coding other than chunked:
501; a request that does not arrive in time: 408) are answered as problem+json with the same security
headers as every other answer and a request id, and logged as one JSON line with that id and the
status: never the client address or the request line.
"""

from __future__ import annotations

import errno
import json
import os
import selectors
import time
import uuid
from functools import partial

from gunicorn import glogging, util
from gunicorn.http import errors as http_errors
from gunicorn.workers.gthread import TConn, ThreadWorker

from routewijzer.schemas.messages import DETAILS, TITLES

from .observability import API_CSP, SECURITY_HEADERS, JsonFormatter

HEAD_LIMIT = 64 * 1024  # a head longer than this goes to gunicorn's parser, which answers 414 or 431
BUFFER_LIMIT = 64 * 1024  # body bytes read ahead; the app takes at most 16 KiB (larger: 413)
REASONS = {400: "Bad Request", 403: "Forbidden", 408: "Request Timeout", 414: "URI Too Long",
           417: "Expectation Failed", 431: "Request Header Fields Too Large", 500: "Internal Server Error",
           501: "Not Implemented"}


class ReadDeadline(http_errors.NoMoreData, TimeoutError):
    """The request did not arrive in time (gunicorn closes the connection; the app answers 408)."""


def request_complete(data: bytes) -> bool:
    """Whether ``data`` holds a whole request head and its body, or enough for gunicorn's parser to
    answer (a head over HEAD_LIMIT, a body over BUFFER_LIMIT, a length it cannot read)."""
    end = data.find(b"\r\n\r\n")
    if end < 0:
        return len(data) > HEAD_LIMIT
    body = data[end + 4:]
    length, chunked = 0, False
    for line in data[:end].split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            try:
                length = int(value.strip())
            except ValueError:
                return True
        elif name == b"transfer-encoding":
            chunked = b"chunked" in value.lower()
    if len(body) > BUFFER_LIMIT:
        return True
    if chunked:
        return _chunked_complete(body)
    return length > BUFFER_LIMIT or len(body) >= length


def _chunked_complete(body: bytes) -> bool:
    at = 0
    while True:
        eol = body.find(b"\r\n", at)
        if eol < 0:
            return False
        try:
            size = int(body[at:eol].split(b";", 1)[0].strip() or b"x", 16)
        except ValueError:
            return True  # malformed: the parser answers 400
        if size == 0:  # the last chunk, then trailers up to an empty line
            return body.startswith(b"\r\n", eol + 2) or body.find(b"\r\n\r\n", eol) >= 0
        if size > BUFFER_LIMIT:
            return True
        at = eol + 2 + size + 2
        if at > len(body):
            return False


def status_of(exc: BaseException) -> int:
    """The status of an answer to a request gunicorn could not read (as gunicorn's own handle_error)."""
    if isinstance(exc, (http_errors.InvalidResponseHeader, http_errors.InvalidResponseHeaderName,
                        http_errors.ConfigurationProblem)):
        return 500
    for kind, status in ((http_errors.LimitRequestLine, 414), (http_errors.LimitRequestHeaders, 431),
                         (http_errors.UnsupportedTransferCoding, 501), (http_errors.ExpectationFailed, 417),
                         (http_errors.ForbiddenProxyRequest, 403), (http_errors.ParseException, 400)):
        if isinstance(exc, kind):
            return status
    return 500


def problem_answer(status: int, request_id: str) -> bytes:
    """A complete HTTP/1.1 problem+json answer (Dutch, the service's default language), closing."""
    detail = DETAILS["request_timeout" if status == 408 else "unreadable_request"]["nl"]
    body = json.dumps({"type": f"urn:routewijzer:problem:http-{status}",
                       "title": TITLES.get(status, {}).get("nl", REASONS.get(status, "Error")),
                       "status": status, "detail": detail}, ensure_ascii=False).encode()
    headers = {"Connection": "close", "Content-Type": "application/problem+json", "Content-Length": str(len(body)),
               "Content-Language": "nl", **SECURITY_HEADERS, "Content-Security-Policy": API_CSP,
               "X-Request-ID": request_id}
    head = f"HTTP/1.1 {status} {REASONS.get(status, 'Error')}\r\n" + "".join(
        f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
    return head.encode("latin-1") + body


class _DeadlineSocket:
    """The parser's view of a socket: every read ends by ``deadline``; writes keep their own timeout."""

    def __init__(self, sock, write_timeout: float):
        self.sock, self.write_timeout, self.deadline = sock, write_timeout, time.monotonic()

    def recv(self, size: int) -> bytes:
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise ReadDeadline(b"")
        self.sock.settimeout(remaining)
        try:
            return self.sock.recv(size)
        except TimeoutError:
            raise ReadDeadline(b"") from None
        finally:
            self.sock.settimeout(self.write_timeout)

    def __getattr__(self, name):
        return getattr(self.sock, name)


class GuardedWorker(ThreadWorker):
    """gthread, but a request reaches a thread only once it has arrived (see the module docstring)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.read_timeout = float(os.environ.get("GUNICORN_READ_TIMEOUT", "10"))
        self.write_timeout = float(self.cfg.timeout or 30)
        self.reading: dict = {}  # connection -> deadline, in deadline order (one timeout for all)

    # -- the event loop: read requests without a thread -------------------------------------------
    def accept(self, listener):
        try:
            sock, addr = listener.accept()
        except OSError as e:
            if e.errno not in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                raise
            return
        self.nr_conns += 1
        self._read(TConn(self.cfg, sock, addr, listener.getsockname()))

    def on_client_socket_readable(self, conn, client):
        """A kept-alive connection has a next request: read it here too."""
        self.poller.unregister(client)
        self.keepalived_conns.remove(conn)
        self._read(conn)

    def _read(self, conn):
        conn.rw_buffer = bytearray()
        conn.sock.setblocking(False)
        self.reading[conn] = time.monotonic() + self.read_timeout
        self.poller.register(conn.sock, selectors.EVENT_READ, partial(self._on_readable, conn))

    def _on_readable(self, conn, _sock):
        try:
            data = conn.sock.recv(65536)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:  # the client closed the connection
            self._forget(conn)
            return
        conn.rw_buffer += data
        if request_complete(conn.rw_buffer):
            self.poller.unregister(conn.sock)
            del self.reading[conn]
            conn.data_ready = True  # no waiting for data in the thread
            self.enqueue_req(conn)

    def _forget(self, conn, answer: bytes = b""):
        try:
            self.poller.unregister(conn.sock)
        except (KeyError, ValueError, OSError):
            pass
        self.reading.pop(conn, None)
        if answer:
            try:
                conn.sock.send(answer)  # non-blocking, best effort: the client is slow anyway
            except OSError:
                pass
        self.nr_conns -= 1
        conn.close()

    def murder_pending(self):
        """Also close connections whose request did not arrive in time (408 once bytes came)."""
        super().murder_pending()
        now = time.monotonic()
        for conn, deadline in list(self.reading.items()):
            if deadline > now:
                break
            if conn.rw_buffer:
                request_id = uuid.uuid4().hex
                self._refused(408, request_id, "ReadDeadline")
                self._forget(conn, problem_answer(408, request_id))
            else:
                self._forget(conn)

    # -- the thread: the request is here --------------------------------------------------------
    def handle(self, conn):
        buffered = bytes(getattr(conn, "rw_buffer", b""))
        conn.rw_buffer = bytearray()
        if not conn.initialized:
            conn.sock.setblocking(True)
            conn.init()
            conn.parser.unreader.sock = _DeadlineSocket(conn.sock, self.write_timeout)
        if buffered:
            conn.parser.unreader.unread(buffered)
        conn.parser.unreader.sock.deadline = time.monotonic() + self.read_timeout
        conn.data_ready = True
        return super().handle(conn)

    def handle_request(self, req, conn):
        conn.sock.settimeout(self.write_timeout)  # an answer is written within GUNICORN_TIMEOUT
        return super().handle_request(req, conn)

    def handle_error(self, req, client, addr, exc):
        """gunicorn's refusals as problem+json with the security headers; logged without address or URI."""
        status = status_of(exc)
        request_id = uuid.uuid4().hex
        self._refused(status, request_id, type(exc).__name__)
        try:
            util.write_nonblock(client, problem_answer(status, request_id))
        except OSError:
            self.log.debug("could not send the error answer", extra={"request_id": request_id})

    def _refused(self, status: int, request_id: str, error: str) -> None:
        level = self.log.error if status >= 500 else self.log.info
        level("request refused by the server: %s", error,
              extra={"event": "refused", "request_id": request_id, "status": status})


class JsonLogger(glogging.Logger):
    """gunicorn's own log lines (boot, signals, worker timeouts, refusals) as the service's JSON lines."""

    def setup(self, cfg):
        super().setup(cfg)
        for handler in self.error_log.handlers:
            handler.setFormatter(JsonFormatter())
