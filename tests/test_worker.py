"""The gunicorn worker's reading of a request before a thread takes it (service/ops/worker.py).

Through the real server: test_server.py (trickling clients, 408, refusals as problem+json).
"""

import pytest

from routewijzer.ops.worker import BUFFER_LIMIT, HEAD_LIMIT, problem_answer, request_complete, status_of

HEAD = b"POST /v1/decisions HTTP/1.1\r\nHost: x\r\n"


@pytest.mark.parametrize("data,complete", [
    (b"GET /v1/health HTTP/1.1\r\nHost: x\r\n", False),
    (b"GET /v1/health HTTP/1.1\r\nHost: x\r\n\r\n", True),
    (HEAD + b"Content-Length: 5\r\n\r\n{}", False),
    (HEAD + b"content-length: 2\r\n\r\n{}", True),
    (HEAD + b"Content-Length: abc\r\n\r\n", True),  # the parser answers 400
    (HEAD + b"Content-Length: %d\r\n\r\n" % (BUFFER_LIMIT + 1), True),  # the app answers 413
    (HEAD + b"Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n", False),
    (HEAD + b"Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n", True),
    (HEAD + b"Transfer-Encoding: chunked\r\n\r\n2;x=1\r\n{}\r\n0\r\nTrailer: y\r\n", False),
    (HEAD + b"Transfer-Encoding: chunked\r\n\r\n2;x=1\r\n{}\r\n0\r\nTrailer: y\r\n\r\n", True),
    (HEAD + b"Transfer-Encoding: chunked\r\n\r\nzz\r\n{}", True),  # malformed: the parser answers 400
    (HEAD + b"Transfer-Encoding: chunked\r\n\r\nffffffff\r\n{}", True),
    (b"GET /" + b"a" * HEAD_LIMIT, True),  # the parser answers 414
])
def test_a_request_is_handed_to_a_thread_once_it_has_arrived(data, complete):
    assert request_complete(data) is complete


def test_a_refusal_is_a_problem_with_the_security_headers():
    answer = problem_answer(431, "abc123")
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 431 ") and b"X-Request-ID: abc123" in head
    assert b"X-Frame-Options: DENY" in head and b"Content-Type: application/problem+json" in head
    assert int(head.split(b"Content-Length: ")[1].split(b"\r\n")[0]) == len(body)


def test_gunicorns_errors_map_to_their_statuses():
    from gunicorn.http import errors

    assert status_of(errors.LimitRequestLine(5000, 4094)) == 414
    assert status_of(errors.LimitRequestHeaders("too many")) == 431
    assert status_of(errors.InvalidRequestLine("x")) == 400
    assert status_of(RuntimeError("x")) == 500
