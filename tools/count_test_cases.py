#!/usr/bin/env python3
"""Counts GoogleTest cases from this run's test.xml files; prints `N passed, M failed`."""
import json
import sys
import xml.etree.ElementTree as ET
from urllib.parse import unquote, urlparse

bep_path, bazel_rc = sys.argv[1], int(sys.argv[2])
# Checks run outside Bazel, each `name=exit status`: one case each.
extra_checks = [arg.split("=", 1) for arg in sys.argv[3:]]

results = {}  # (label, run, shard) -> (attempt, status, xml path)
broken_targets = set()
try:
    with open(bep_path) as f:
        for line in f:
            if not line.strip():
                continue
            event = json.loads(line)
            eid = event.get("id", {})
            if "testResult" in eid and "testResult" in event:
                key = eid["testResult"]
                xml = None
                for out in event["testResult"].get("testActionOutput", []):
                    if out.get("name") == "test.xml":
                        xml = unquote(urlparse(out["uri"]).path)
                k = (key["label"], key.get("run", 1), key.get("shard", 1))
                attempt = key.get("attempt", 1)
                if k not in results or results[k][0] < attempt:
                    results[k] = (attempt, event["testResult"].get("status", "NO_STATUS"), xml)
            elif "targetCompleted" in eid:
                completed = event.get("completed")
                if completed is None or not completed.get("success", False):
                    broken_targets.add(eid["targetCompleted"]["label"])
except OSError:
    pass

passed = failed = skipped = 0
for (label, _, _), (_, status, xml) in sorted(results.items()):
    t_passed = t_failed = t_skipped = 0
    try:
        for case in ET.parse(xml).iter("testcase"):
            if case.find("failure") is not None or case.find("error") is not None:
                t_failed += 1
            elif (case.find("skipped") is not None or case.get("result") in ("skipped", "suppressed")
                  or case.get("status") == "notrun"):
                t_skipped += 1
            else:
                t_passed += 1
    except (OSError, TypeError, ET.ParseError):
        pass
    if status not in ("PASSED", "FLAKY") and t_failed == 0:
        # The target failed but its XML shows no failing case: crash after the XML was
        # written (sanitizer at exit), timeout, or no XML at all. Count the target once.
        print(f"counted as a failure: {label} ({status})")
        t_failed = 1
    passed, failed, skipped = passed + t_passed, failed + t_failed, skipped + t_skipped

for label in sorted(broken_targets):
    print(f"counted as a failure: {label} (failed to build)")
failed += len(broken_targets)

if bazel_rc not in (0, 4) and failed == 0:
    print(f"counted as a failure: bazel exited with code {bazel_rc}")
    failed = 1

if skipped:
    print(f"not run (GTEST_SKIP or DISABLED_): {skipped}")
for name, status in extra_checks:
    if status == "0":
        passed += 1
    else:
        failed += 1
        print(f"counted as a failure: {name} (exit status {status})")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
