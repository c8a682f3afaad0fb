// Places a service catalog in layers, left to right: facilities (and vendors), then infrastructure,
// then business services. A kind whose services depend on each other gets several columns, so every
// edge runs rightwards from a dependency to what depends on it. Pure: no DOM, easy to test.

export interface GraphService {
  id: string;
  name: string;
  kind: string;
  dependsOn: readonly string[];
}

export interface PlacedNode {
  service: GraphService;
  x: number;
  y: number;
  column: number;
}

export interface PlacedEdge {
  from: PlacedNode; // the dependency
  to: PlacedNode; // the service that depends on it
}

export interface LayerLabel {
  kind: string;
  x: number;
}

export interface GraphLayout {
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  layers: LayerLabel[];
  width: number;
  height: number;
}

export const NODE_WIDTH = 176;
export const NODE_HEIGHT = 56;
const COLUMN_GAP = 72;
const ROW_GAP = 16;
const HEADER = 32;
const PAD = 8;

export const KIND_ORDER = ['facility', 'vendor', 'infrastructure', 'business'];
const rankOf = (kind: string) => {
  const rank = KIND_ORDER.indexOf(kind);
  return rank === -1 ? KIND_ORDER.length : rank;
};

/** Depth among services of the same kind (0: depends on none of its own kind). Cycles are cut. */
function depths(services: GraphService[], byId: Map<string, GraphService>): Map<string, number> {
  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  const visit = (s: GraphService): number => {
    const known = depth.get(s.id);
    if (known !== undefined) return known;
    if (visiting.has(s.id)) return 0;
    visiting.add(s.id);
    let d = 0;
    for (const id of s.dependsOn) {
      const dep = byId.get(id);
      if (dep && dep !== s && dep.kind === s.kind) d = Math.max(d, visit(dep) + 1);
    }
    visiting.delete(s.id);
    depth.set(s.id, d);
    return d;
  };
  services.forEach(visit);
  return depth;
}

/** Orders each column by the mean position of its neighbours (two sweeps), which untangles most edges. */
function orderColumns(columns: GraphService[][], byId: Map<string, GraphService>): void {
  const position = new Map<string, number>();
  const remember = (col: GraphService[]) => col.forEach((s, i) => position.set(s.id, i));
  const dependents = new Map<string, string[]>();
  for (const col of columns) {
    for (const s of col) {
      for (const d of s.dependsOn) {
        const list = dependents.get(d);
        if (list) list.push(s.id);
        else dependents.set(d, [s.id]);
      }
    }
  }
  const sortBy = (col: GraphService[], neighbours: (s: GraphService) => readonly string[]) => {
    const key = (s: GraphService, index: number) => {
      const known = neighbours(s).flatMap((id) => (byId.has(id) && position.has(id) ? [position.get(id) ?? 0] : []));
      return known.length ? known.reduce((a, b) => a + b, 0) / known.length : index;
    };
    const keyed = col.map((s, i) => ({ s, k: key(s, i) }));
    keyed.sort((a, b) => a.k - b.k);
    col.splice(0, col.length, ...keyed.map((e) => e.s));
  };
  columns.forEach(remember);
  for (let pass = 0; pass < 2; pass++) {
    for (const col of columns.slice(1)) {
      sortBy(col, (s) => s.dependsOn);
      remember(col);
    }
    for (const col of columns.slice(0, -1).reverse()) {
      sortBy(col, (s) => dependents.get(s.id) ?? []);
      remember(col);
    }
  }
}

export function layoutGraph(input: readonly GraphService[]): GraphLayout {
  const services = [...input].sort((a, b) => a.name.localeCompare(b.name));
  const byId = new Map(services.map((s) => [s.id, s]));
  const depth = depths(services, byId);

  // Columns: per kind (in KIND_ORDER), as many as that kind's deepest chain needs.
  const kinds = [...new Set(services.map((s) => s.kind))].sort((a, b) => rankOf(a) - rankOf(b) || a.localeCompare(b));
  const columns: GraphService[][] = [];
  const layers: LayerLabel[] = [];
  for (const kind of kinds) {
    const ofKind = services.filter((s) => s.kind === kind);
    const count = Math.max(...ofKind.map((s) => depth.get(s.id) ?? 0)) + 1;
    layers.push({ kind, x: PAD + columns.length * (NODE_WIDTH + COLUMN_GAP) });
    const start = columns.length;
    for (let i = 0; i < count; i++) columns.push([]);
    for (const s of ofKind) columns[start + (depth.get(s.id) ?? 0)]?.push(s);
  }
  orderColumns(columns, byId);

  const tallest = Math.max(0, ...columns.map((c) => c.length));
  const bodyHeight = tallest * NODE_HEIGHT + Math.max(0, tallest - 1) * ROW_GAP;
  const placed = new Map<string, PlacedNode>();
  columns.forEach((col, column) => {
    const height = col.length * NODE_HEIGHT + Math.max(0, col.length - 1) * ROW_GAP;
    const top = HEADER + PAD + (bodyHeight - height) / 2;
    col.forEach((service, row) => {
      placed.set(service.id, { service, column, x: PAD + column * (NODE_WIDTH + COLUMN_GAP), y: top + row * (NODE_HEIGHT + ROW_GAP) });
    });
  });

  const nodes = [...placed.values()];
  const edges: PlacedEdge[] = [];
  for (const to of nodes) {
    for (const id of to.service.dependsOn) {
      const from = placed.get(id);
      if (from && from !== to) edges.push({ from, to });
    }
  }
  const width = columns.length ? PAD * 2 + columns.length * NODE_WIDTH + (columns.length - 1) * COLUMN_GAP : 0;
  return { nodes, edges, layers, width, height: HEADER + PAD * 2 + bodyHeight };
}
