"""The lab's seeded data, in one place: every name, address and fixed id the seeds create.

Instance UUIDs and MACs are fixed so tests (and re-created labs) can rely on them.
"""

AUTH_URL = "http://127.0.0.1:5000/v3"
REGION = "RegionOne"
NETWORK_URL = "http://127.0.0.1:9696"
COMPUTE_URL = "http://127.0.0.1:8774/v2.1"
SECRET = "stacklens-lab-shared-secret"

PROJECTS = ["admin", "service", "alpha", "beta"]

# name -> (password, project, role); admin comes from keystone-manage bootstrap.
USERS = {
    "admin": ("adminpass", "admin", "admin"),
    "alice": ("userpass", "alpha", "member"),
    "bob": ("userpass", "beta", "member"),
    "reader": ("userpass", "alpha", "reader"),
}
SERVICE_USERS = {"neutron": "neutronpass", "nova": "novapass"}

# user -> (application credential name, secret); created by the user, scoped to its project.
APP_CREDENTIALS = {
    "alice": ("alice-appcred", "alice-appcred-secret"),
    "admin": ("admin-appcred", "admin-appcred-secret"),
}

# service type -> (name, url); each gets public, internal and admin endpoints in RegionOne.
CATALOG = {
    "identity": ("keystone", AUTH_URL),
    "network": ("neutron", NETWORK_URL),
    "compute": ("nova", COMPUTE_URL),
}

# network -> project, subnets {name: (cidr, extra attributes)}
NETWORKS = {
    "public": {"project": "admin", "external": True, "subnets": {
        "public-subnet": ("203.0.113.0/24", {
            "gateway_ip": "203.0.113.1", "enable_dhcp": False,
            "allocation_pools": [{"start": "203.0.113.100", "end": "203.0.113.250"}]})}},
    "alpha-net": {"project": "alpha", "subnets": {
        "alpha-subnet": ("10.0.0.0/24", {"gateway_ip": "10.0.0.1"}),
        "alpha-subnet-v6": ("2001:db8:a::/64", {
            "ip_version": 6, "gateway_ip": "2001:db8:a::1",
            "ipv6_ra_mode": "slaac", "ipv6_address_mode": "slaac"})}},
    "beta-net": {"project": "beta", "subnets": {
        "beta-subnet": ("10.0.0.0/24", {"gateway_ip": "10.0.0.1"})}},
    "beta-net2": {"project": "beta", "subnets": {
        "beta-subnet2": ("192.168.10.0/24", {"gateway_ip": "192.168.10.1"})}},
    "beta-isolated": {"project": "beta", "subnets": {
        "beta-isolated-subnet": ("172.16.0.0/24", {"gateway_ip": "172.16.0.1"})}},
}

# router -> project, pinned gateway IP (neutron would pick one at random from the pool,
# which once took a floating IP's address), subnets attached as interfaces.
ROUTERS = {
    "alpha-router": {"project": "alpha", "gateway_ip": "203.0.113.101",
                     "subnets": ["alpha-subnet", "alpha-subnet-v6"]},
    "beta-router": {"project": "beta", "gateway_ip": "203.0.113.102",
                    "subnets": ["beta-subnet", "beta-subnet2"]},
}

# instance -> uuid, project, user, network, subnet, IPv4, MAC, key, config drive, user data.
# alpha-vm1/beta-vm1 share 10.0.0.10 and alpha-vm2/beta-vm3 share 10.0.0.11 on purpose.
INSTANCES = {
    "alpha-vm1": ("11111111-1111-4111-8111-111111111101", "alpha", "alice", "alpha-net",
                  "alpha-subnet", "10.0.0.10", "fa:16:3e:a1:00:01", "alpha-key", True, "cloud-config"),
    "alpha-vm2": ("11111111-1111-4111-8111-111111111102", "alpha", "alice", "alpha-net",
                  "alpha-subnet", "10.0.0.11", "fa:16:3e:a1:00:02", "alpha-key", False, None),
    "beta-vm1": ("22222222-2222-4222-8222-222222222201", "beta", "bob", "beta-net",
                 "beta-subnet", "10.0.0.10", "fa:16:3e:b1:00:01", "beta-key", False, "shell"),
    "beta-vm2": ("22222222-2222-4222-8222-222222222202", "beta", "bob", "beta-net2",
                 "beta-subnet2", "192.168.10.10", "fa:16:3e:b1:00:02", "beta-key", True, None),
    "beta-vm3": ("22222222-2222-4222-8222-222222222203", "beta", "bob", "beta-net",
                 "beta-subnet", "10.0.0.11", "fa:16:3e:b1:00:03", "beta-key", False, None),
    "beta-vm4": ("22222222-2222-4222-8222-222222222204", "beta", "bob", "beta-isolated",
                 "beta-isolated-subnet", "172.16.0.10", "fa:16:3e:b1:00:04", "beta-key", False, None),
}
INSTANCE_FIELDS = ("id", "project", "user", "network", "subnet", "ip", "mac", "key",
                   "config_drive", "user_data")


def instances():
    return {name: dict(zip(INSTANCE_FIELDS, row)) for name, row in INSTANCES.items()}


# DHCP ports (network:dhcp at .2) like a DHCP agent would make; no agent runs here.
# network -> (subnet, MAC). Every seeded port has a fixed MAC: deterministic SLAAC addresses,
# and Zed's bulk port create fails on a SLAAC network for a port without one.
DHCP_PORTS = {"alpha-net": ("alpha-subnet", "fa:16:3e:d0:00:01"),
              "beta-net": ("beta-subnet", "fa:16:3e:d0:00:02"),
              "beta-isolated": ("beta-isolated-subnet", "fa:16:3e:d0:00:03")}
DHCP_HOST_ID = "5a4b0d9e-6c3f-5e1a-9d7b-1f2e3d4c5b6a"  # stands for uuid5(host) in device_id

# A port with no device on alpha-net.
SPARE_PORTS = {"alpha-spare": ("alpha-net", "alpha-subnet", "10.0.0.50", "alpha", "fa:16:3e:a1:00:50")}

# floating IP -> instance
FLOATING_IPS = {"203.0.113.110": "alpha-vm1", "203.0.113.120": "beta-vm2"}

USER_DATA = {
    "cloud-config": "#cloud-config\nhostname: alpha-vm1\nwrite_files:\n"
                    "  - path: /etc/stacklens-lab\n    content: seeded by tests/lab\n",
    "shell": "#!/bin/sh\necho 'hello from beta-vm1' > /tmp/stacklens-lab\n",
}

# Public halves of throwaway ed25519 keys (the private halves were discarded).
KEYPAIRS = {
    "alpha-key": ("alice", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIL3mPMXWuBj6sm2Hzez5N28xmmIHRoREXSEDKJE5SeDn "
                           "alpha-key@stacklens-lab"),
    "beta-key": ("bob", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPuLoenJXZPTII9Eh0X+5TwnA6l+SPT8XurQ1kKPiUbH "
                        "beta-key@stacklens-lab"),
}

FLAVOR = {"name": "m1.tiny", "flavorid": "1", "memory_mb": 512, "vcpus": 1, "root_gb": 1,
          "ephemeral_gb": 0, "swap": 0}
