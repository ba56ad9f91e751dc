"""Prints a compose file without its services' `ports:` entries (host networking refuses them).

Usage: python3 without-ports.py docker-compose.yml > base.yml   (needs PyYAML, which docker-compose brings)
"""
import sys

import yaml

with open(sys.argv[1], encoding="utf-8") as source:
    compose = yaml.safe_load(source)
for service in compose.get("services", {}).values():
    service.pop("ports", None)
yaml.safe_dump(compose, sys.stdout, sort_keys=False)
