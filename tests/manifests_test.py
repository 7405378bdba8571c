#!/usr/bin/python3
"""Checks deploy/kubernetes/ against the server and the Dockerfile.

The manifests must be well-formed YAML of the expected kinds, use only flags
the server binary knows, probe the gRPC port with the health service the
server registers, run as the Dockerfile's non-root user with a read-only root
filesystem and resource limits, and have Services whose selectors and ports
match the Deployment. Uses Debian's python3-yaml.

usage: manifests_test.py --server PATH_TO_parley-server --root SOURCE_DIR
"""
import argparse
import re
import subprocess
import sys
import unittest
from pathlib import Path

import yaml

ARGS = None


def load(name):
    with open(Path(ARGS.root) / "deploy/kubernetes" / name) as f:
        docs = [d for d in yaml.safe_load_all(f) if d is not None]
    assert len(docs) == 1, f"{name}: expected one document, got {len(docs)}"
    return docs[0]


class ManifestsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.deployment = load("deployment.yaml")
        cls.service = load("service.yaml")
        cls.headless = load("service-headless.yaml")
        cls.pod = cls.deployment["spec"]["template"]["spec"]
        cls.container = cls.pod["containers"][0]
        help_text = subprocess.run([ARGS.server, "--helpfull"], capture_output=True,
                                   text=True, timeout=30).stdout
        cls.server_flags = set(re.findall(r"^\s+--([a-z_]+) ", help_text, re.M))
        cls.dockerfile = (Path(ARGS.root) / "Dockerfile").read_text()

    def test_kinds_and_replicas(self):
        self.assertEqual(self.deployment["kind"], "Deployment")
        self.assertEqual(self.deployment["spec"]["replicas"], 3)
        self.assertEqual(self.service["kind"], "Service")
        self.assertEqual(self.headless["kind"], "Service")
        self.assertEqual(self.headless["spec"]["clusterIP"], "None")

    def test_every_argument_is_a_flag_of_the_server(self):
        self.assertIn("listen", self.server_flags)  # the help was read
        for arg in self.container["args"]:
            flag = arg.split("=", 1)[0].lstrip("-")
            self.assertIn(flag, self.server_flags, f"{arg}: parley-server has no --{flag}")

    def test_ports_match_the_arguments_and_the_image(self):
        args = dict(a.lstrip("-").split("=", 1) for a in self.container["args"])
        ports = {p["name"]: p["containerPort"] for p in self.container["ports"]}
        self.assertEqual(args["listen"], f"0.0.0.0:{ports['grpc']}")
        self.assertEqual(args["metrics_listen"], f"0.0.0.0:{ports['metrics']}")
        self.assertTrue(args["admin_listen"].startswith("127.0.0.1:"),
                        "the admin listener must stay inside the pod")
        self.assertIn(f"EXPOSE {ports['grpc']}", self.dockerfile)
        self.assertEqual(args["data"], "/srv/parley/data")
        self.assertIn("/srv/parley/data", self.dockerfile)

    def test_probes_use_the_grpc_health_service(self):
        grpc_port = next(p["containerPort"] for p in self.container["ports"] if p["name"] == "grpc")
        readiness = self.container["readinessProbe"]["grpc"]
        liveness = self.container["livenessProbe"]["grpc"]
        self.assertEqual(readiness["port"], grpc_port)
        self.assertEqual(liveness["port"], grpc_port)
        # The server reports SERVING for "" and for its service name.
        self.assertEqual(readiness["service"], "parley.v1.LookupService")
        self.assertLess(self.pod["terminationGracePeriodSeconds"],
                        60, "keep shutdown prompt")
        grace = next(a for a in self.container["args"] if a.startswith("--grace_period="))
        self.assertLess(int(grace.split("=")[1].rstrip("s")),
                        self.pod["terminationGracePeriodSeconds"],
                        "the server's grace period must end before Kubernetes kills the pod")

    def test_non_root_read_only_and_limited(self):
        user = re.search(r"^USER (\d+)", self.dockerfile, re.M).group(1)
        self.assertTrue(self.pod["securityContext"]["runAsNonRoot"])
        self.assertEqual(str(self.pod["securityContext"]["runAsUser"]), user)
        security = self.container["securityContext"]
        self.assertTrue(security["readOnlyRootFilesystem"])
        self.assertFalse(security["allowPrivilegeEscalation"])
        for kind in ("requests", "limits"):
            self.assertIn("cpu", self.container["resources"][kind])
            self.assertIn("memory", self.container["resources"][kind])

    def test_services_select_the_pods_and_target_named_ports(self):
        labels = self.deployment["spec"]["template"]["metadata"]["labels"]
        self.assertEqual(self.deployment["spec"]["selector"]["matchLabels"], labels)
        names = {p["name"] for p in self.container["ports"]}
        for service in (self.service, self.headless):
            self.assertEqual(service["spec"]["selector"], labels)
            for port in service["spec"]["ports"]:
                self.assertIn(port["targetPort"], names)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", required=True)
    parser.add_argument("--root", required=True)
    ARGS, rest = parser.parse_known_args()
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)
