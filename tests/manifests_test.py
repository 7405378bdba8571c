#!/usr/bin/python3
"""Checks deploy/kubernetes/ against the server and the Dockerfile.

Every file there must be well-formed YAML holding one object. The Parley
Deployment and the import Job must use only flags the server binary knows
and run the image's own binary; the Deployment reads its corpus from the
PostgreSQL store (`--database`, whose host is the store's Service, with the
password from a Secret, never in the URI), caches the store snapshot on an
emptyDir, and probes the gRPC port with the health service the server
registers (startup, readiness, liveness). Pods run as the Dockerfile's
non-root user with a read-only root filesystem and resource limits. Services,
the PodDisruptionBudget and the StatefulSet's governing Service select the
pods they are meant for and target ports that exist; every Secret referenced
is defined here, with placeholder values only. Uses Debian's python3-yaml.

usage: manifests_test.py --server PATH_TO_parley-server --root SOURCE_DIR
"""
import argparse
import json
import re
import subprocess
import sys
import unittest
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import yaml

ARGS = None

# The image's bundled corpus (Dockerfile: COPY data /srv/parley/data).
BUNDLED_CORPUS = "/srv/parley/data"


def manifest_dir():
    return Path(ARGS.root) / "deploy/kubernetes"


def load_all():
    """{(kind, name): object} of every *.yaml file, one object per file."""
    objects = {}
    files = sorted(manifest_dir().glob("*.yaml"))
    assert files, f"no manifests in {manifest_dir()}"
    for path in files:
        with open(path) as f:
            docs = [d for d in yaml.safe_load_all(f) if d is not None]
        assert len(docs) == 1, f"{path.name}: expected one document, got {len(docs)}"
        doc = docs[0]
        for field in ("apiVersion", "kind", "metadata"):
            assert field in doc, f"{path.name}: no {field}"
        key = (doc["kind"], doc["metadata"]["name"])
        assert key not in objects, f"{path.name}: {key[0]} {key[1]} defined twice"
        objects[key] = doc
    return objects


def flag_args(container):
    """{flag: value} of a container's --flag=value / --flag arguments."""
    flags = {}
    for arg in container.get("args", []):
        assert arg.startswith("--"), f"{arg}: not a flag"
        name, _, value = arg[2:].partition("=")
        assert name not in flags, f"--{name} given twice"
        flags[name] = value
    return flags


def secret_keys(secret):
    return {**secret.get("stringData", {}), **secret.get("data", {})}


def pod_containers(pod):
    return pod.get("initContainers", []) + pod["containers"]


def selects(selector, labels):
    return bool(selector) and all(labels.get(k) == v for k, v in selector.items())


class ManifestsTest(unittest.TestCase):
    maxDiff = None

    @classmethod
    def setUpClass(cls):
        cls.objects = load_all()

        def get(kind, name):
            assert (kind, name) in cls.objects, f"no {kind} {name} in deploy/kubernetes/"
            return cls.objects[(kind, name)]

        cls.deployment = get("Deployment", "parley")
        cls.service = get("Service", "parley")
        cls.headless = get("Service", "parley-headless")
        cls.admin_service = get("Service", "parley-admin")
        cls.pdb = get("PodDisruptionBudget", "parley")
        cls.job = get("Job", "parley-import")
        statefulsets = cls.of_kind("StatefulSet")
        assert len(statefulsets) == 1, "expected one StatefulSet (PostgreSQL)"
        cls.statefulset = statefulsets[0]
        cls.pod = cls.deployment["spec"]["template"]["spec"]
        cls.container = cls.pod["containers"][0]
        cls.args = flag_args(cls.container)
        cls.job_pod = cls.job["spec"]["template"]["spec"]
        help_text = subprocess.run([ARGS.server, "--helpfull"], capture_output=True,
                                   text=True, timeout=30).stdout
        cls.server_flags = set(re.findall(r"^\s+--([a-z_]+) ", help_text, re.M))
        cls.dockerfile = (Path(ARGS.root) / "Dockerfile").read_text()

    @classmethod
    def of_kind(cls, kind):
        return [o for (k, _), o in cls.objects.items() if k == kind]

    def container_port(self, container, name_or_number):
        for port in container.get("ports", []):
            if name_or_number in (port.get("name"), port["containerPort"]):
                return port["containerPort"]
        self.fail(f"container {container['name']} has no port {name_or_number}")

    def parley_containers(self):
        """(where, container) of every container that runs parley-server."""
        return [(f"Deployment/parley {c['name']}", c) for c in pod_containers(self.pod)] + \
               [(f"Job/parley-import {c['name']}", c) for c in pod_containers(self.job_pod)]

    def pod_templates(self):
        """(where, pod template) of every workload in the directory."""
        for kind in ("Deployment", "StatefulSet", "Job", "DaemonSet"):
            for obj in self.of_kind(kind):
                yield f"{kind}/{obj['metadata']['name']}", obj["spec"]["template"]

    # --- kinds, flags, image ------------------------------------------------

    def test_kinds_and_replicas(self):
        self.assertEqual(self.deployment["spec"]["replicas"], 3)
        self.assertEqual(self.headless["spec"]["clusterIP"], "None")
        self.assertEqual(self.admin_service["spec"].get("type", "ClusterIP"), "ClusterIP")
        self.assertEqual(self.statefulset["spec"]["replicas"], 1)

    def test_every_argument_is_a_flag_of_the_server(self):
        self.assertIn("listen", self.server_flags)  # the help was read
        unknown = [f"{where}: --{flag}" for where, container in self.parley_containers()
                   for flag in flag_args(container) if flag not in self.server_flags]
        self.assertEqual(unknown, [], "flags parley-server does not know")

    def test_containers_run_the_images_own_binary(self):
        # `command` replaces the ENTRYPOINT (and with it the ENTRYPOINT's --data).
        entrypoint = json.loads(re.search(r"^ENTRYPOINT (\[.*\])$", self.dockerfile,
                                          re.M).group(1))
        for where, container in self.parley_containers():
            self.assertEqual(container["image"], self.container["image"],
                             f"{where}: not the Deployment's image")
            self.assertEqual(container["command"], entrypoint[:1], where)

    # --- the PostgreSQL store -------------------------------------------------

    def test_the_deployment_reads_the_store_named_by_the_postgres_service(self):
        self.assertIn("database", self.args)
        self.assertNotIn("data", self.args, "--data is ignored with --database: leave it out")
        uri = urlsplit(self.args["database"])
        self.assertIn(uri.scheme, ("postgresql", "postgres"))
        self.assertIsNone(uri.password, "the password comes from PGPASSWORD, not the URI")
        self.assertTrue(uri.username)
        host = uri.hostname
        service = self.objects.get(("Service", host.split(".")[0]))
        self.assertIsNotNone(service, f"--database host {host}: no Service of that name")
        if "." in host:
            self.assertRegex(host, r"^[a-z0-9-]+\.[a-z0-9-]+(\.svc(\.cluster\.local)?)?$")
        self.assertIn(uri.port or 5432, [p["port"] for p in service["spec"]["ports"]])
        # ... and that Service is the StatefulSet's, and leads to PostgreSQL's port.
        sts_spec = self.statefulset["spec"]
        self.assertEqual(sts_spec["serviceName"], service["metadata"]["name"])
        postgres = sts_spec["template"]["spec"]["containers"][0]
        self.assertTrue(postgres["image"].startswith("postgres:15"), postgres["image"])
        for port in service["spec"]["ports"]:
            self.assertEqual(self.container_port(postgres, port["targetPort"]), 5432)
        env = {e["name"]: e for e in postgres["env"]}
        self.assertEqual(uri.path.lstrip("/"), env["POSTGRES_DB"]["value"])
        # Every container given --database gets the same URI and a password.
        for where, container in self.parley_containers():
            flags = flag_args(container)
            self.assertEqual(flags.get("database"), self.args["database"], where)
            names = {e["name"] for e in container.get("env", [])}
            self.assertIn("PGPASSWORD", names, where)

    def test_the_store_service_is_the_statefulsets_headless_service(self):
        spec = self.statefulset["spec"]
        service = self.objects.get(("Service", spec["serviceName"]))
        self.assertIsNotNone(service, f"StatefulSet serviceName {spec['serviceName']}: no Service")
        self.assertEqual(service["spec"].get("clusterIP"), "None")
        labels = spec["template"]["metadata"]["labels"]
        self.assertEqual(spec["selector"]["matchLabels"], labels)
        self.assertEqual(service["spec"]["selector"], labels)

    def test_the_statefulset_keeps_its_data_on_a_claim(self):
        spec = self.statefulset["spec"]
        claims = {t["metadata"]["name"] for t in spec["volumeClaimTemplates"]}
        postgres = spec["template"]["spec"]["containers"][0]
        mounts = {m["name"]: m["mountPath"] for m in postgres["volumeMounts"]}
        data = next(n for n in claims if n in mounts)
        env = {e["name"]: e.get("value") for e in postgres["env"]}
        self.assertTrue(env["PGDATA"].startswith(mounts[data] + "/"),
                        "PGDATA must be a directory on the claim (not its root: lost+found)")
        volumes = {v["name"] for v in spec["template"]["spec"].get("volumes", [])}
        self.assertEqual(set(mounts), claims | volumes)

    def test_parley_logs_in_with_the_role_the_init_script_creates(self):
        user = urlsplit(self.args["database"]).username
        postgres = self.statefulset["spec"]["template"]["spec"]["containers"][0]
        init_mount = next(m for m in postgres["volumeMounts"]
                          if m["mountPath"] == "/docker-entrypoint-initdb.d")
        volume = next(v for v in self.statefulset["spec"]["template"]["spec"]["volumes"]
                      if v["name"] == init_mount["name"])
        config_map = self.objects.get(("ConfigMap", volume["configMap"]["name"]))
        self.assertIsNotNone(config_map)
        scripts = "\n".join(config_map["data"].values())
        self.assertRegex(scripts, rf"CREATE ROLE {re.escape(user)} LOGIN")
        # The password the script sets is the one Parley sends.
        pgpassword = next(e for e in self.container["env"] if e["name"] == "PGPASSWORD")
        ref = pgpassword["valueFrom"]["secretKeyRef"]
        set_from = [e for e in postgres["env"]
                    if e.get("valueFrom", {}).get("secretKeyRef") == ref]
        self.assertEqual(len(set_from), 1, "no env of the StatefulSet carries PGPASSWORD's key")
        self.assertIn(set_from[0]["name"], scripts)

    def test_the_store_snapshot_is_cached_on_an_empty_dir(self):
        cache = self.args["store_cache_dir"]
        mount = next((m for m in self.container["volumeMounts"] if m["mountPath"] == cache), None)
        self.assertIsNotNone(mount, f"nothing mounted at --store_cache_dir={cache}")
        self.assertFalse(mount.get("readOnly", False))
        volume = next(v for v in self.pod["volumes"] if v["name"] == mount["name"])
        self.assertIn("emptyDir", volume)

    # --- Secrets --------------------------------------------------------------

    def test_every_secret_referenced_is_defined_here_with_placeholders(self):
        secrets = {name: obj for (kind, name), obj in self.objects.items() if kind == "Secret"}
        for name, secret in secrets.items():
            values = secret.get("stringData", {})
            self.assertNotIn("data", secret, f"Secret {name}: placeholders go in stringData")
            self.assertTrue(values, f"Secret {name} is empty")
            for key, value in values.items():
                self.assertIn("REPLACE_ME", str(value),
                              f"Secret {name} key {key}: only placeholders belong here")
        referenced = 0
        for where, template in self.pod_templates():
            spec = template["spec"]
            for container in pod_containers(spec):
                for env in container.get("env", []):
                    ref = env.get("valueFrom", {}).get("secretKeyRef")
                    if ref:
                        referenced += 1
                        self.assertIn(ref["name"], secrets, f"{where}: env {env['name']}")
                        self.assertIn(ref["key"], secret_keys(secrets[ref["name"]]),
                                      f"{where}: env {env['name']}")
            for volume in spec.get("volumes", []):
                if "secret" in volume:
                    referenced += 1
                    name = volume["secret"]["secretName"]
                    self.assertIn(name, secrets, f"{where}: volume {volume['name']}")
                    for item in volume["secret"].get("items", []):
                        self.assertIn(item["key"], secret_keys(secrets[name]),
                                      f"{where}: volume {volume['name']}")
        self.assertGreater(referenced, 0)

    def test_token_and_key_files_are_keys_of_a_mounted_secret(self):
        volumes = {v["name"]: v for v in self.pod["volumes"]}
        for flag in ("admin_token_file", "page_token_key_file"):
            path = PurePosixPath(self.args[flag])
            mount = next((m for m in self.container["volumeMounts"]
                          if path.parent == PurePosixPath(m["mountPath"])), None)
            self.assertIsNotNone(mount, f"--{flag}={path}: no volume mounted at {path.parent}")
            self.assertIn("secret", volumes[mount["name"]], f"--{flag}: not from a Secret")
            secret = volumes[mount["name"]]["secret"]
            items = {i["path"]: i["key"] for i in secret.get("items", [])}
            key = items.get(path.name, None if items else path.name)
            self.assertIsNotNone(key, f"--{flag}={path}: not an item of the volume")
            defined = self.objects.get(("Secret", secret["secretName"]))
            self.assertIsNotNone(defined, f"--{flag}: no Secret {secret['secretName']}")
            self.assertIn(key, secret_keys(defined), f"--{flag}={path}")
            # The user the server runs as can read it (group via fsGroup).
            mode = secret.get("defaultMode", 0o644)
            readable = mode & 0o004 or (mode & 0o040 and self.pod["securityContext"].get(
                "fsGroup") == self.pod["securityContext"]["runAsGroup"])
            self.assertTrue(readable, f"--{flag}: mode {oct(mode)} not readable by the server")

    # --- ports, probes, Services ------------------------------------------------

    def test_ports_match_the_arguments_and_the_image(self):
        ports = {p["name"]: p["containerPort"] for p in self.container["ports"]}
        self.assertEqual(self.args["listen"], f"0.0.0.0:{ports['grpc']}")
        self.assertEqual(self.args["metrics_listen"], f"0.0.0.0:{ports['metrics']}")
        self.assertEqual(self.args["admin_listen"], f"0.0.0.0:{ports['admin']}")
        self.assertTrue(self.args.get("admin_token_file"),
                        "an admin listener off loopback needs --admin_token_file")
        self.assertIn(f"EXPOSE {ports['grpc']}", self.dockerfile)

    def test_the_import_job_loads_the_bundled_corpus_after_migrating(self):
        self.assertIn(f"COPY --chown=root:root data {BUNDLED_CORPUS}", self.dockerfile)
        steps = [flag_args(c) for c in pod_containers(self.job_pod)]
        migrate = [i for i, f in enumerate(steps) if "migrate" in f]
        imports = [i for i, f in enumerate(steps) if "import" in f]
        self.assertEqual(len(migrate), 1)
        self.assertEqual(len(imports), 1)
        self.assertLess(migrate[0], imports[0])
        self.assertEqual(self.job_pod["initContainers"][migrate[0]]["name"], "migrate")
        self.assertEqual(steps[imports[0]]["import"], BUNDLED_CORPUS)
        self.assertIn(self.job_pod["restartPolicy"], ("Never", "OnFailure"))

    def test_probes_use_the_grpc_health_service(self):
        grpc_port = self.container_port(self.container, "grpc")
        startup = self.container["startupProbe"]
        readiness = self.container["readinessProbe"]["grpc"]
        liveness = self.container["livenessProbe"]["grpc"]
        for probe in (startup["grpc"], readiness, liveness):
            self.assertEqual(probe["port"], grpc_port)
        # The server reports SERVING for "" and for its service name.
        self.assertEqual(readiness["service"], "parley.v1.LookupService")
        self.assertIn(startup["grpc"].get("service", ""), ("", "parley.v1.LookupService"))
        # Generous: the store may be slow to come up, and a large corpus takes
        # its time to read and index (21 s at 1M entities, docs/SCALING.md).
        self.assertGreaterEqual(startup["periodSeconds"] * startup["failureThreshold"], 300)
        self.assertLess(self.pod["terminationGracePeriodSeconds"],
                        60, "keep shutdown prompt")
        grace = self.args["grace_period"]
        self.assertLess(int(grace.rstrip("s")), self.pod["terminationGracePeriodSeconds"],
                        "the server's grace period must end before Kubernetes kills the pod")

    def test_non_root_read_only_and_limited(self):
        user = re.search(r"^USER (\d+)", self.dockerfile, re.M).group(1)
        for where, pod in (("Deployment/parley", self.pod), ("Job/parley-import", self.job_pod)):
            self.assertTrue(pod["securityContext"]["runAsNonRoot"], where)
            self.assertEqual(str(pod["securityContext"]["runAsUser"]), user, where)
        for where, template in self.pod_templates():
            for container in pod_containers(template["spec"]):
                name = f"{where} {container['name']}"
                security = container["securityContext"]
                self.assertFalse(security["allowPrivilegeEscalation"], name)
                self.assertEqual(security["capabilities"]["drop"], ["ALL"], name)
                for kind in ("requests", "limits"):
                    self.assertIn("cpu", container["resources"][kind], name)
                    self.assertIn("memory", container["resources"][kind], name)
        for where, container in self.parley_containers():
            self.assertTrue(container["securityContext"]["readOnlyRootFilesystem"], where)
        self.assertTrue(self.statefulset["spec"]["template"]["spec"]["securityContext"]
                        ["runAsNonRoot"])

    def test_services_select_the_pods_and_target_named_ports(self):
        labels = self.deployment["spec"]["template"]["metadata"]["labels"]
        self.assertEqual(self.deployment["spec"]["selector"]["matchLabels"], labels)
        names = {p["name"] for p in self.container["ports"]}
        for service in (self.service, self.headless, self.admin_service):
            self.assertEqual(service["spec"]["selector"], labels)
            for port in service["spec"]["ports"]:
                self.assertIn(port["targetPort"], names)
        # The admin port only behind parley-admin, never on the public Services.
        for service in (self.service, self.headless):
            self.assertNotIn("admin", [p["targetPort"] for p in service["spec"]["ports"]])
        admin_ports = self.admin_service["spec"]["ports"]
        self.assertEqual([p["targetPort"] for p in admin_ports], ["admin"])
        admin_port = int(self.args["admin_listen"].rsplit(":", 1)[1])
        self.assertEqual(self.container_port(self.container, "admin"), admin_port)
        self.assertEqual(admin_ports[0]["port"], admin_port)

    def test_the_disruption_budget_keeps_two_replicas(self):
        spec = self.pdb["spec"]
        labels = self.deployment["spec"]["template"]["metadata"]["labels"]
        self.assertEqual(spec["selector"]["matchLabels"], labels)
        replicas = self.deployment["spec"]["replicas"]
        if "maxUnavailable" in spec:
            self.assertEqual(spec["maxUnavailable"], 1)
        else:
            self.assertGreaterEqual(spec["minAvailable"], 2)
            self.assertLess(spec["minAvailable"], replicas, "a drain could never evict")

    def test_selectors_pick_only_the_pods_meant(self):
        # The Parley Services and PDB must not pick up the store's or the
        # Job's pods (a Job pod without a readiness probe would get traffic).
        parley = [self.service, self.headless, self.admin_service]
        for where, template in self.pod_templates():
            labels = template["metadata"]["labels"]
            is_parley = where == "Deployment/parley"
            for service in parley:
                self.assertEqual(selects(service["spec"]["selector"], labels), is_parley,
                                 f"Service {service['metadata']['name']} and {where}")
            self.assertEqual(selects(self.pdb["spec"]["selector"]["matchLabels"], labels),
                             is_parley, f"PodDisruptionBudget and {where}")
        for (kind, name), service in self.objects.items():
            if kind != "Service":
                continue
            matched = [w for w, t in self.pod_templates()
                       if selects(service["spec"]["selector"], t["metadata"]["labels"])]
            self.assertEqual(len(matched), 1, f"Service {name} selects {matched}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", required=True)
    parser.add_argument("--root", required=True)
    ARGS, rest = parser.parse_known_args()
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)
