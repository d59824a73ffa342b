/**
 * The graph view's nodes and edges: external network -> router (gateway), router -> subnet
 * (interface), network -> subnet, subnet -> instance (port). Nodes are keyed by id, so equal CIDRs
 * stay separate. Big groups start collapsed: a subnet with many instances shows one group node,
 * and a big graph starts as an overview where each connected component (routers and the
 * networks, subnets and instances behind them) is one node until expanded.
 */
import type { Server } from '../models/topology';
import {
  displayName,
  naturalCompare,
  projectLabel,
  sortedNetworks,
  sortedRouters,
  type TopologyModel,
} from './build-model';
import type { EntityRef } from './entity';
import { refKey } from './entity';
import { overview } from './graph-overview';

export type GraphNodeKind = 'router' | 'network' | 'subnet' | 'instance' | 'instance-group' | 'component' | 'project';
export type GraphEdgeKind = 'gateway' | 'interface' | 'subnet' | 'port';

export interface GraphNode {
  id: string;
  kind: GraphNodeKind;
  ref?: EntityRef;
  label: string;
  sublabel?: string;
  status?: string;
  badges?: string[];
  /** instance-group / component: how many instances it stands for, and the key that expands it. */
  groupSize?: number;
  groupKey?: string;
  /** Overview mode: the expanded component or project (a frame) this node is laid out in. */
  parentId?: string;
}

/** An expanded component or project, drawn as a frame around its nodes (overview mode). */
export interface GraphFrame {
  key: string;
  label: string;
  kind: 'component' | 'project';
  /** The project frame an expanded component sits in. */
  parentKey?: string;
  /** Nodes directly inside (components and projects alike). */
  size: number;
}

export interface GraphComponent {
  key: string;
  label: string;
  expanded: boolean;
  /** Nodes it holds when expanded. */
  size: number;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  kind: GraphEdgeKind;
  label?: string;
}

export interface TopologyGraph {
  /** 'full': everything, one layered layout. 'overview': components as nodes or frames. */
  mode: 'full' | 'overview';
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Keys of every group that can be expanded or collapsed (collapsed unless in expandedGroups). */
  groupKeys: string[];
  /** Overview mode: the components, expanded or not. */
  components: GraphComponent[];
  /** Overview mode: expanded projects and components, parents before children. */
  frames: GraphFrame[];
  /** Hidden node id -> the visible node standing for it (an instance group, a collapsed component). */
  aliases: Map<string, string>;
}

/** The visible node showing an entity (itself, its group or its component), if any. */
export function graphNodeFor(graph: TopologyGraph, model: TopologyModel, ref: EntityRef): string | undefined {
  let id: string | undefined;
  if (ref.kind === 'port' || ref.kind === 'floatingIp') {
    const port = model.ports.get(ref.kind === 'port' ? ref.id : (model.floatingIps.get(ref.id)?.portId ?? ''));
    if (!port) return undefined;
    id = model.servers.has(port.deviceId)
      ? refKey({ kind: 'server', id: port.deviceId })
      : model.routers.has(port.deviceId)
        ? refKey({ kind: 'router', id: port.deviceId })
        : port.fixedIps[0]
          ? refKey({ kind: 'subnet', id: port.fixedIps[0].subnetId })
          : refKey({ kind: 'network', id: port.networkId });
  } else id = refKey(ref);
  const shown = graph.aliases.get(id) ?? id;
  const final = graph.aliases.get(shown) ?? shown;
  return graph.nodes.some((n) => n.id === final) ? final : undefined;
}

export interface GraphOptions {
  /** Group keys the user expanded. */
  expandedGroups?: ReadonlySet<string>;
  /** A subnet with more instances than this shows them as one group node. */
  groupThreshold?: number;
  /** A graph with more nodes than this starts as an overview of collapsed components. */
  maxFullNodes?: number;
  /** Overview in all-projects mode: more components than this are grouped by project. */
  maxTopLevelComponents?: number;
}

export const DEFAULT_GROUP_THRESHOLD = 6;
export const DEFAULT_MAX_FULL_NODES = 150;

/** Group key of a subnet's instances. */
export function subnetGroupKey(subnetId: string): string {
  return `group:subnet:${subnetId}`;
}

/** The subnet an instance is grouped under: its first port's first fixed IP. */
function primarySubnet(model: TopologyModel, server: Server): string | undefined {
  for (const port of model.portsByDevice.get(server.id) ?? []) {
    for (const fixed of port.fixedIps) if (model.subnets.has(fixed.subnetId)) return fixed.subnetId;
  }
  return undefined;
}

/** Builds the graph; O(resources). */
export function buildGraph(model: TopologyModel, options: GraphOptions = {}): TopologyGraph {
  const full = buildFullGraph(model, options);
  if (full.nodes.length <= (options.maxFullNodes ?? DEFAULT_MAX_FULL_NODES))
    return { mode: 'full', ...full, components: [], frames: [] };
  return overview(model, full, options.expandedGroups ?? new Set(), options.maxTopLevelComponents);
}

export type FullGraph = Omit<TopologyGraph, 'mode' | 'components' | 'frames'>;

/** The graph as it is built: nodes, and edges once each. */
interface GraphSink {
  nodes: GraphNode[];
  edges: GraphEdge[];
  addEdge: (edge: GraphEdge) => void;
}

function graphSink(): GraphSink {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const edgeIds = new Set<string>();
  const addEdge = (edge: GraphEdge) => {
    if (edgeIds.has(edge.id)) return;
    edgeIds.add(edge.id);
    edges.push(edge);
  };
  return { nodes, edges, addEdge };
}

/** Networks with their subnets. */
function addNetworks(model: TopologyModel, g: GraphSink, allProjects: boolean): void {
  for (const network of sortedNetworks(model)) {
    const badges = [network.external ? 'external' : undefined, network.shared ? 'shared' : undefined].filter(
      (b): b is string => !!b,
    );
    g.nodes.push({
      id: refKey({ kind: 'network', id: network.id }),
      kind: 'network',
      ref: { kind: 'network', id: network.id },
      label: displayName(network),
      sublabel: allProjects ? `project ${projectLabel(model, network.projectId)}` : undefined,
      status: network.status,
      badges,
    });
    for (const subnet of model.subnetsByNetwork.get(network.id) ?? []) {
      const id = refKey({ kind: 'subnet', id: subnet.id });
      g.nodes.push({
        id,
        kind: 'subnet',
        ref: { kind: 'subnet', id: subnet.id },
        label: subnet.cidr,
        sublabel: displayName(subnet),
      });
      g.addEdge({
        id: `subnet:${network.id}:${subnet.id}`,
        source: refKey({ kind: 'network', id: network.id }),
        target: id,
        kind: 'subnet',
      });
    }
  }
}

/** Routers, their gateway to an external network and their interfaces on subnets. */
function addRouters(model: TopologyModel, g: GraphSink, allProjects: boolean): void {
  for (const router of sortedRouters(model)) {
    const id = refKey({ kind: 'router', id: router.id });
    g.nodes.push({
      id,
      kind: 'router',
      ref: { kind: 'router', id: router.id },
      label: displayName(router),
      sublabel: allProjects ? `project ${projectLabel(model, router.projectId)}` : undefined,
      status: router.status,
    });
    const gateway = router.externalGateway;
    if (gateway && model.networks.has(gateway.networkId)) {
      g.addEdge({
        id: `gw:${router.id}`,
        source: refKey({ kind: 'network', id: gateway.networkId }),
        target: id,
        kind: 'gateway',
        label: gateway.fixedIps.map((f) => f.ip).join(', ') || undefined,
      });
    }
    for (const port of model.routerInterfaces.get(router.id) ?? []) {
      for (const fixed of port.fixedIps) {
        if (!model.subnets.has(fixed.subnetId)) continue;
        g.addEdge({
          id: `if:${port.id}:${fixed.subnetId}`,
          source: id,
          target: refKey({ kind: 'subnet', id: fixed.subnetId }),
          kind: 'interface',
          label: fixed.ip,
        });
      }
    }
  }
}

/** Instances, grouped per primary subnet when a subnet has more than `threshold` of them. */
function addInstances(
  model: TopologyModel,
  g: GraphSink,
  aliases: Map<string, string>,
  options: { threshold: number; expanded: ReadonlySet<string>; allProjects: boolean },
) {
  const { threshold, expanded, allProjects } = options;
  // Instances: grouped per primary subnet when a subnet has more than `threshold` of them.
  const bySubnet = new Map<string, Server[]>();
  const servers = [...model.servers.values()].sort((a, b) => naturalCompare(a.name, b.name) || (a.id < b.id ? -1 : 1));
  for (const server of servers) {
    const subnet = primarySubnet(model, server) ?? '';
    const list = bySubnet.get(subnet);
    if (list) list.push(server);
    else bySubnet.set(subnet, [server]);
  }
  const groupKeys: string[] = [];
  const shownAs = new Map<string, string>(); // server id -> graph node id (itself or its group)
  for (const [subnetId, list] of bySubnet) {
    const groupKey = subnetGroupKey(subnetId || 'none');
    const collapse = list.length > threshold;
    if (collapse) groupKeys.push(groupKey);
    if (collapse && !expanded.has(groupKey)) {
      const subnet = model.subnets.get(subnetId);
      g.nodes.push({
        id: groupKey,
        kind: 'instance-group',
        label: `${list.length} instances`,
        sublabel: subnet ? subnet.cidr : 'no subnet',
        groupSize: list.length,
        groupKey,
      });
      for (const server of list) {
        shownAs.set(server.id, groupKey);
        aliases.set(refKey({ kind: 'server', id: server.id }), groupKey);
      }
      continue;
    }
    for (const server of list) {
      const id = refKey({ kind: 'server', id: server.id });
      const fips = (model.portsByDevice.get(server.id) ?? []).flatMap((p) => model.floatingIpsByPort.get(p.id) ?? []);
      g.nodes.push({
        id,
        kind: 'instance',
        ref: { kind: 'server', id: server.id },
        label: displayName(server),
        sublabel: fips.length
          ? `FIP ${fips.map((f) => f.floatingIp).join(', ')}`
          : allProjects
            ? `project ${projectLabel(model, server.projectId)}`
            : undefined,
        status: server.status,
        badges: server.configDrive ? ['config drive'] : [],
      });
      shownAs.set(server.id, id);
    }
  }
  return { servers, groupKeys, shownAs };
}

/** Each instance's ports: an edge from its subnet (or network) to the instance or its group. */
function addInstanceEdges(model: TopologyModel, g: GraphSink, servers: Server[], shownAs: Map<string, string>): void {
  for (const server of servers) {
    const target = shownAs.get(server.id)!;
    const grouped = target !== refKey({ kind: 'server', id: server.id });
    for (const port of model.portsByDevice.get(server.id) ?? []) {
      const onSubnet = port.fixedIps.filter((f) => model.subnets.has(f.subnetId));
      for (const fixed of onSubnet) {
        const source = refKey({ kind: 'subnet', id: fixed.subnetId });
        g.addEdge(
          grouped
            ? { id: `grp:${fixed.subnetId}:${target}`, source, target, kind: 'port' }
            : { id: `port:${port.id}:${fixed.subnetId}`, source, target, kind: 'port', label: fixed.ip },
        );
      }
      if (!onSubnet.length && model.networks.has(port.networkId)) {
        const source = refKey({ kind: 'network', id: port.networkId });
        g.addEdge({
          id: grouped ? `grp:${port.networkId}:${target}` : `port:${port.id}`,
          source,
          target,
          kind: 'port',
        });
      }
    }
  }
}

function buildFullGraph(model: TopologyModel, options: GraphOptions): FullGraph {
  const aliases = new Map<string, string>();
  const expanded = options.expandedGroups ?? new Set<string>();
  const threshold = options.groupThreshold ?? DEFAULT_GROUP_THRESHOLD;
  const allProjects = model.snapshot.source.allProjects;
  const g = graphSink();
  addNetworks(model, g, allProjects);
  addRouters(model, g, allProjects);
  const { servers, groupKeys, shownAs } = addInstances(model, g, aliases, { threshold, expanded, allProjects });
  addInstanceEdges(model, g, servers, shownAs);
  return { nodes: g.nodes, edges: g.edges, groupKeys, aliases };
}
