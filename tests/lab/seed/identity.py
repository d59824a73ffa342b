"""Keystone seed (get-or-create): projects, roles, users, role assignments, catalog,
application credentials. Writes data/identity.json."""
from seedlib import Api, log, run, save_part, session
import spec


def get_or_create(api, collection, key, name, body, **filters):
    found = api.first("/" + collection, collection, name=name, **filters)
    if found:
        return found, False
    log("create %s %s" % (key, name))
    return api.post("/" + collection, {key: dict(body, name=name)})[key], True


def ensure_catalog(ks):
    services = {}
    for stype, (sname, url) in spec.CATALOG.items():
        svc = ks.first("/services", "services", type=stype)
        if not svc:
            log("create service %s" % stype)
            svc = ks.post("/services", {"service": {"type": stype, "name": sname}})["service"]
        eps = ks.get("/endpoints", service_id=svc["id"])["endpoints"]
        for iface in ("public", "internal", "admin"):
            mine = [e for e in eps if e["interface"] == iface and e.get("region_id") == spec.REGION]
            if not mine:
                log("create %s endpoint %s" % (iface, url))
                ks.post("/endpoints", {"endpoint": {"service_id": svc["id"], "interface": iface,
                                                    "url": url, "region_id": spec.REGION}})
            elif mine[0]["url"] != url:
                ks.call("PATCH", "/endpoints/" + mine[0]["id"], {"endpoint": {"url": url}})
        services[stype] = svc["id"]
    return services


def ensure_app_credential(user_name, user_id, password, project):
    name, secret = spec.APP_CREDENTIALS[user_name]
    # Created by the user itself (scoped to its project), with the lab's fixed secret.
    api = Api(session(user_name, password, project), spec.AUTH_URL)
    path = "/users/%s/application_credentials" % user_id
    found = api.get(path, name=name)["application_credentials"]
    if found:
        ac = found[0]
    else:
        log("create application credential %s" % name)
        ac = api.post(path, {"application_credential": {
            "name": name, "secret": secret,
            "description": "StackLens lab (fixed secret)"}})["application_credential"]
    return {"id": ac["id"], "name": name, "secret": secret, "userId": user_id,
            "projectId": ac["project_id"]}


def main():
    ks = Api(session(), spec.AUTH_URL)
    projects = {}
    for name in spec.PROJECTS:
        p, _ = get_or_create(ks, "projects", "project", name,
                             {"domain_id": "default", "description": "StackLens lab"},
                             domain_id="default")
        projects[name] = p["id"]

    roles = {}
    for name in ("admin", "member", "reader", "service"):
        r, _ = get_or_create(ks, "roles", "role", name, {})
        roles[name] = r["id"]

    users = {}
    for name, (password, project, role) in spec.USERS.items():
        u, _ = get_or_create(ks, "users", "user", name,
                             {"domain_id": "default", "password": password,
                              "default_project_id": projects[project]}, domain_id="default")
        ks.put("/projects/%s/users/%s/roles/%s" % (projects[project], u["id"], roles[role]))
        users[name] = {"id": u["id"], "password": password, "project": project,
                       "projectId": projects[project], "role": role}
    # lab-admin-domain: a domain-scoped token needs a role on the domain.
    ks.put("/domains/default/users/%s/roles/%s" % (users["admin"]["id"], roles["admin"]))
    # An operator who is also a member of the tenant projects, so switching project is real.
    for project in ("alpha", "beta"):
        ks.put("/projects/%s/users/%s/roles/%s" % (projects[project], users["admin"]["id"], roles["member"]))

    service_users = {}
    for name, password in spec.SERVICE_USERS.items():
        u, _ = get_or_create(ks, "users", "user", name,
                             {"domain_id": "default", "password": password,
                              "default_project_id": projects["service"]}, domain_id="default")
        for role in ("admin", "service"):
            ks.put("/projects/%s/users/%s/roles/%s" % (projects["service"], u["id"], roles[role]))
        service_users[name] = {"id": u["id"], "password": password, "project": "service"}

    services = ensure_catalog(ks)

    app_creds = {}
    for user_name in spec.APP_CREDENTIALS:
        u = users[user_name]
        app_creds[user_name] = ensure_app_credential(user_name, u["id"], u["password"], u["project"])

    save_part("identity", {"projects": projects, "roles": roles, "users": users,
                           "serviceUsers": service_users, "services": services,
                           "appCredentials": app_creds})
    log("identity: %d projects, %d users, %d app credentials"
        % (len(projects), len(users) + len(service_users), len(app_creds)))


if __name__ == "__main__":
    run(main)
