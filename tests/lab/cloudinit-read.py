"""cloud-init's own OpenStack metadata reader, as a booting instance runs it. Run it inside an
instance namespace (tests/lab/curl.sh --cloud-init NAME does); prints what it read as JSON.
Usage: /usr/bin/python3 cloudinit-read.py [BASE_URL]   (default http://169.254.169.254)"""
import json
import sys
import time

from cloudinit.sources.helpers import openstack


def main():
    base = sys.argv[1] if len(sys.argv) > 1 else "http://169.254.169.254"
    t0 = time.monotonic()
    data = openstack.MetadataReader(base, timeout=5, retries=2).read_v2()
    data["_seconds"] = round(time.monotonic() - t0, 3)
    json.dump(data, sys.stdout, indent=1, sort_keys=True,
              default=lambda v: v.decode("utf-8", "replace") if isinstance(v, bytes) else str(v))
    print()


if __name__ == "__main__":
    main()
