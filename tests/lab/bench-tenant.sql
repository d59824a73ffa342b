-- Clones the template port :tpl until its project has :want ports (bench-tenant.sh up).
-- Every row Neutron wrote for the template is copied; new id, MAC (fa:16:3f:..., a prefix
-- Neutron's generator never uses), IPv4 address (the lowest free ones of its subnet) and name.
begin;

create temp table tpl as
  select p.*, a.ip_address as tpl_ip, a.subnet_id, s.id as ipam_subnet_id
  from ports p
  join ipallocations a on a.port_id = p.id
  join ipamsubnets s on s.neutron_subnet_id = a.subnet_id
  where p.id = :'tpl';

-- One row per new port: its number, id, MAC and the next free address of the subnet.
create temp table clone as
  with free as (
    select host(network(cidr::inet) + k) as ip, row_number() over (order by k) as n
    from subnets, generate_series(2, 8190) k
    where subnets.id = (select subnet_id from tpl)
      and host(network(cidr::inet) + k) not in (select ip_address from ipallocations where subnet_id = subnets.id)
  )
  select n, gen_random_uuid()::text as id,
         'fa:16:3f:' || lpad(to_hex((n >> 16) & 255), 2, '0') || ':' || lpad(to_hex((n >> 8) & 255), 2, '0') || ':' || lpad(to_hex(n & 255), 2, '0') as mac,
         ip, nextval('standardattributes_id_seq') as sa
  from free where n <= :want - :have;

insert into standardattributes (id, resource_type, created_at, updated_at, description, revision_number)
  select c.sa, 'ports', now(), now(), '', 1 from clone c;
insert into ports (project_id, id, name, network_id, mac_address, admin_state_up, status, device_id, device_owner, standard_attr_id, ip_allocation)
  select t.project_id, c.id, 'bench-' || (c.n + :have), t.network_id, c.mac, t.admin_state_up, t.status, t.device_id, t.device_owner, c.sa, t.ip_allocation
  from clone c, tpl t;
insert into ipallocations (port_id, ip_address, subnet_id, network_id)
  select c.id, c.ip, t.subnet_id, t.network_id from clone c, tpl t;
insert into ipamallocations (ip_address, status, ipam_subnet_id)
  select c.ip, 'ALLOCATED', t.ipam_subnet_id from clone c, tpl t;
insert into portsecuritybindings (port_id, port_security_enabled)
  select c.id, b.port_security_enabled from clone c, portsecuritybindings b where b.port_id = :'tpl';
insert into securitygroupportbindings (port_id, security_group_id)
  select c.id, b.security_group_id from clone c, securitygroupportbindings b where b.port_id = :'tpl';
insert into ml2_port_bindings (port_id, host, vif_type, vnic_type, profile, vif_details, status)
  select c.id, b.host, b.vif_type, b.vnic_type, b.profile, b.vif_details, b.status
  from clone c, ml2_port_bindings b where b.port_id = :'tpl';

commit;
