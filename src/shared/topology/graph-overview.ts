/**
 * The overview of a big graph. External networks stay; every other connected component (routers
 * with the networks, subnets and instances behind them) is one node until expanded into a frame.
 * With many components in all-projects mode, components are grouped by project first: one node
 * per project, expanded into a frame of its components.
 */
import { naturalCompare, projectLabel, type TopologyModel } from './build-model';
import { refKey } from './entity';
import type { FullGraph, GraphComponent, GraphEdge, GraphFrame, GraphNode, TopologyGraph } from './graph-model';

/** More components than this (in all-projects mode, over several projects) are grouped by project. */
export const MAX_TOP_LEVEL_COMPONENTS = 40;

/** Union-find over node ids. */
function connected(nodeIds: readonly string[], edges: readonly GraphEdge[], skip: ReadonlySet<string>): string[][] {
  const parent = new Map<string, string>(nodeIds.filter((id) => !skip.has(id)).map((id) => [id, id]));
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    for (let at = x; at !== root;) {
      const next = parent.get(at)!;
      parent.set(at, root);
      at = next;
    }
    return root;
  };
  for (const edge of edges) {
    if (!parent.has(edge.source) || !parent.has(edge.target)) continue;
    const a = find(edge.source);
    const b = find(edge.target);
    if (a !== b) parent.set(a, b);
  }
  const groups = new Map<string, string[]>();
  for (const id of parent.keys()) {
    const root = find(id);
    const list = groups.get(root);
    if (list) list.push(id);
    else groups.set(root, [id]);
  }
  return [...groups.values()];
}

interface Component {
  key: string;
  label: string;
  projectId: string;
  members: GraphNode[];
  routers: number;
  networks: number;
  subnets: number;
  instances: number;
  status?: string;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

function describe(model: TopologyModel, members: GraphNode[]): Component {
  const routers = members.filter((n) => n.kind === 'router').sort((a, b) => naturalCompare(a.label, b.label));
  const networks = members.filter((n) => n.kind === 'network').sort((a, b) => naturalCompare(a.label, b.label));
  const anchor = routers[0] ?? networks[0] ?? members[0];
  const named = routers.length ? routers : networks.length ? networks : members;
  const ref = anchor.ref;
  const projectId =
    (ref?.kind === 'router'
      ? model.routers.get(ref.id)?.projectId
      : ref?.kind === 'network'
        ? model.networks.get(ref.id)?.projectId
        : undefined) ?? '';
  return {
    key: `component:${anchor.id}`,
    label: named.length > 1 ? `${named[0].label} +${named.length - 1}` : named[0].label,
    projectId,
    members,
    routers: routers.length,
    networks: networks.length,
    subnets: members.filter((n) => n.kind === 'subnet').length,
    instances: members.reduce(
      (sum, n) => sum + (n.kind === 'instance' ? 1 : n.kind === 'instance-group' ? (n.groupSize ?? 0) : 0),
      0,
    ),
    status: routers[0]?.status ?? networks[0]?.status,
  };
}

function counts(c: { routers: number; networks: number; subnets?: number; instances: number }): string {
  return [
    c.routers ? plural(c.routers, 'router') : undefined,
    plural(c.networks, 'network'),
    c.subnets !== undefined ? plural(c.subnets, 'subnet') : undefined,
    plural(c.instances, 'instance'),
  ]
    .filter(Boolean)
    .join(' \u00b7 ');
}

/** The external networks and their subnets: shared by every component, always shown. */
function externalKeys(model: TopologyModel): Set<string> {
  const external = new Set<string>();
  for (const network of model.networks.values()) {
    if (!network.external) continue;
    external.add(refKey({ kind: 'network', id: network.id }));
    for (const subnet of model.subnetsByNetwork.get(network.id) ?? [])
      external.add(refKey({ kind: 'subnet', id: subnet.id }));
  }
  return external;
}

function groupByProject(comps: Component[]): Map<string, Component[]> {
  const byProject = new Map<string, Component[]>();
  for (const comp of comps) {
    const list = byProject.get(comp.projectId);
    if (list) list.push(comp);
    else byProject.set(comp.projectId, [comp]);
  }
  return byProject;
}

/** What the overview has placed so far. */
interface Placed {
  nodes: GraphNode[];
  visible: Set<string>;
  frames: GraphFrame[];
  list: GraphComponent[];
  aliases: Map<string, string>;
}

/** A component: its members in a frame when expanded, else one node standing for them. */
function placeComponent(out: Placed, expanded: ReadonlySet<string>, comp: Component, container?: string): void {
  const open = expanded.has(comp.key);
  out.list.push({ key: comp.key, label: comp.label, expanded: open, size: comp.members.length });
  if (open) {
    out.frames.push({
      key: comp.key,
      label: comp.label,
      kind: 'component',
      parentKey: container,
      size: comp.members.length,
    });
    for (const member of comp.members) {
      out.nodes.push({ ...member, parentId: comp.key });
      out.visible.add(member.id);
    }
    return;
  }
  for (const member of comp.members) out.aliases.set(member.id, comp.key);
  out.nodes.push({
    id: comp.key,
    kind: 'component',
    label: comp.label,
    sublabel: counts(comp),
    groupKey: comp.key,
    groupSize: comp.instances,
    status: comp.status,
    parentId: container,
  });
  out.visible.add(comp.key);
}

/** A collapsed project: one node standing for all its components, with their totals. */
function collapseProject(out: Placed, key: string, name: string, members: Component[]): void {
  const total = members.reduce(
    (t, c) => ({
      routers: t.routers + c.routers,
      networks: t.networks + c.networks,
      instances: t.instances + c.instances,
    }),
    { routers: 0, networks: 0, instances: 0 },
  );
  for (const comp of members) {
    out.list.push({ key: comp.key, label: comp.label, expanded: false, size: comp.members.length });
    for (const member of comp.members) out.aliases.set(member.id, key);
  }
  out.nodes.push({
    id: key,
    kind: 'project',
    label: name,
    sublabel: `${plural(members.length, 'component')} \u00b7 ${counts(total)}`,
    groupKey: key,
    groupSize: total.instances,
  });
  out.visible.add(key);
}

export function overview(
  model: TopologyModel,
  full: FullGraph,
  expanded: ReadonlySet<string>,
  maxTopLevel = MAX_TOP_LEVEL_COMPONENTS,
): TopologyGraph {
  const aliases = new Map(full.aliases);
  const byId = new Map(full.nodes.map((n) => [n.id, n]));
  const external = externalKeys(model);
  const comps = connected(
    full.nodes.map((n) => n.id),
    full.edges,
    external,
  )
    .map((ids) =>
      describe(
        model,
        ids.map((id) => byId.get(id)!),
      ),
    )
    .sort((a, b) => naturalCompare(a.label, b.label));
  const nodes: GraphNode[] = full.nodes.filter((n) => external.has(n.id));
  const visible = new Set(nodes.map((n) => n.id));
  const frames: GraphFrame[] = [];
  const list: GraphComponent[] = [];
  const projectKeys: string[] = [];

  const out: Placed = { nodes, visible, frames, list, aliases };
  const place = (comp: Component, container?: string) => placeComponent(out, expanded, comp, container);

  const byProject = groupByProject(comps);
  if (model.snapshot.source.allProjects && comps.length > maxTopLevel && byProject.size > 1) {
    const projects = [...byProject.entries()].sort((a, b) =>
      naturalCompare(projectLabel(model, a[0]), projectLabel(model, b[0])),
    );
    for (const [projectId, members] of projects) {
      const key = `project:${projectId || 'none'}`;
      projectKeys.push(key);
      const name = projectLabel(model, projectId);
      if (expanded.has(key)) {
        frames.push({ key, label: `project ${name}`, kind: 'project', size: members.length });
        for (const comp of members) place(comp, key);
        continue;
      }
      collapseProject(out, key, name, members);
    }
  } else {
    for (const comp of comps) place(comp);
  }

  // Instances hidden in a group that is itself hidden (in a component or project): follow the chain.
  for (const [hidden, shown] of full.aliases) {
    const target = aliases.get(shown);
    if (target && target !== shown) aliases.set(hidden, target);
  }
  const edges = full.edges.filter((e) => visible.has(e.source) && visible.has(e.target));
  return {
    mode: 'overview',
    nodes,
    edges,
    groupKeys: [...full.groupKeys, ...projectKeys, ...list.map((c) => c.key)],
    components: list,
    frames,
    aliases,
  };
}
