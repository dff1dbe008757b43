"""The bare endpoint of the benchmark is not part of the service: it exists only when the bench asks."""

from routewijzer import create_app

BODY = {"content_types": ["intimate_image"], "platform": "telegram", "as_of": "2025-03-01"}


def test_the_bare_bench_endpoint_exists_only_when_the_bench_asks_for_it():
    assert create_app().test_client().post("/v1/_bench/parse", json=BODY).status_code == 404
    bench = create_app({"BENCH_ENDPOINTS": True}).test_client()
    ok = bench.post("/v1/_bench/parse", json=BODY)
    assert ok.status_code == 200 and ok.get_json()["valid"] is True
    bad = bench.post("/v1/_bench/parse", json={"content_types": ["intimate_image"], "victim_age": "12"})
    assert bad.status_code == 422 and "victim_age" in bad.get_json()["errors"]
