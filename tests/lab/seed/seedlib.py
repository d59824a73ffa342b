"""Helpers shared by the seed scripts: lab paths, JSON parts, a small REST client."""
import json
import os
import sys

from keystoneauth1 import session as ks_session
from keystoneauth1.identity import v3

import spec

LAB_DIR = os.environ.get("LAB_DIR", "/var/tmp/stacklens-lab")
DATA = os.path.join(LAB_DIR, "data")


def load_part(name):
    """A part written by an earlier seed (data/<name>.json), or {} if there is none."""
    path = os.path.join(DATA, name + ".json")
    if not os.path.exists(path):
        return {}
    with open(path) as f:
        return json.load(f)


def save_part(name, data):
    write_json(os.path.join(DATA, name + ".json"), data)


def write_json(path, data, mode=0o644):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(data, f, indent=2, sort_keys=False)
        f.write("\n")
    os.chmod(tmp, mode)
    os.replace(tmp, path)


def session(username="admin", password="adminpass", project="admin"):
    auth = v3.Password(auth_url=spec.AUTH_URL, username=username, password=password,
                       user_domain_id="default", project_name=project,
                       project_domain_id="default")
    return ks_session.Session(auth=auth)


class SeedError(RuntimeError):
    pass


class Api:
    """JSON over a keystoneauth session against one endpoint; raises SeedError on >= 400."""

    def __init__(self, sess, endpoint):
        self.sess = sess
        self.endpoint = endpoint.rstrip("/")

    def call(self, method, path, body=None, params=None, ok=()):
        resp = self.sess.request(self.endpoint + path, method, json=body, params=params,
                                 raise_exc=False, connect_retries=2)
        if resp.status_code >= 400 and resp.status_code not in ok:
            raise SeedError("%s %s -> %s %s" % (method, path, resp.status_code, resp.text[:400]))
        if resp.status_code == 204 or not resp.content:
            return None
        return resp.json()

    def get(self, path, **params):
        return self.call("GET", path, params=params)

    def post(self, path, body):
        return self.call("POST", path, body)

    def put(self, path, body=None):
        return self.call("PUT", path, body)

    def first(self, path, key, **params):
        """The single object named by the filters, or None."""
        items = self.get(path, **params)[key]
        return items[0] if items else None


def log(msg):
    print("[seed] " + msg, flush=True)


def run(main):
    try:
        main()
    except SeedError as e:
        print("[seed] ERROR: %s" % e, file=sys.stderr)
        sys.exit(1)
