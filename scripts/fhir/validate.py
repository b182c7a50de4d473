#!/usr/bin/env python3
"""Validates FHIR R5 resources against an independent model: Python's fhir.resources (R5).

Reads a JSON array of resources on stdin and writes a JSON array of verdicts, one per resource,
in order: {"valid": true} or {"valid": false, "errors": ["<element>: <message>", ...]}. A Bundle
is validated with every resource it holds. With --round-trip, a valid resource's verdict also
holds "resource": the resource as the model writes it back (parsed, then serialised), so a caller
can check that what CareChain writes survives an independent implementation unchanged in meaning. Exit status 0 whenever the input could be read, so the
caller decides what an invalid resource means (the e2e also expects some fixtures to be valid and
asserts on the verdicts).
"""

import json
import sys

from fhir.resources import get_fhir_model_class
from pydantic import ValidationError


def verdict(resource, round_trip=False):
    resource_type = resource.get("resourceType") if isinstance(resource, dict) else None
    if not isinstance(resource_type, str):
        return {"valid": False, "errors": ["resourceType: missing"]}
    try:
        model = get_fhir_model_class(resource_type)
    except KeyError:
        return {"valid": False, "errors": [f"resourceType: `{resource_type}` is not an R5 resource"]}
    try:
        parsed = model.model_validate(resource)
    except ValidationError as error:
        errors = [
            ".".join(str(part) for part in detail["loc"]) + ": " + detail["msg"]
            for detail in error.errors()
        ]
        return {"valid": False, "errors": errors}
    if round_trip:
        return {"valid": True, "resource": json.loads(parsed.model_dump_json())}
    return {"valid": True}


def main():
    round_trip = "--round-trip" in sys.argv[1:]
    resources = json.load(sys.stdin)
    json.dump([verdict(resource, round_trip) for resource in resources], sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
