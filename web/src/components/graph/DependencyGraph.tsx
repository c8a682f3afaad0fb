// The service catalog drawn as SVG, facilities → infrastructure → business, with the services an
// incident touches highlighted. The drawing is for eyes (and mice); screen readers get the same
// graph as a list, which anyone can also switch to (and pick a service from, by keyboard).
import { useId, useMemo, useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { GraphList } from './GraphList';
import { layoutGraph, NODE_HEIGHT, NODE_WIDTH, type GraphService, type PlacedEdge, type PlacedNode } from './layout';
import './graph.css';

export type { GraphService } from './layout';

export interface DependencyGraphProps {
  services: readonly GraphService[];
  /**
   * Services to mark, with how they are hit: an impact as the API names it (`outage`, `degraded`, …)
   * or `reached` for a service affected through what it depends on.
   */
  highlight?: ReadonlyMap<string, string>;
  /** Makes services selectable: a click on a node, or a button in the list view. */
  onSelect?: (serviceId: string) => void;
}

/** Cuts a name to what fits a node (CJK characters count double), keeping the whole in a tooltip. */
function fit(name: string, room = 22): string {
  let used = 0;
  for (let i = 0; i < name.length; i++) {
    used += name.charCodeAt(i) > 0x2e80 ? 2 : 1;
    if (used > room) return `${name.slice(0, i - 1)}…`;
  }
  return name;
}

export function DependencyGraph({ services, highlight, onSelect }: DependencyGraphProps) {
  const { t } = useI18n();
  const g = t.graph;
  const [asList, setAsList] = useState(false);
  const layout = useMemo(() => layoutGraph(services), [services]);
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const affected = services.filter((s) => highlight?.has(s.id)).length;

  if (services.length === 0) return <p className="muted">{g.empty}</p>;
  return (
    <figure className="dep-graph" data-view={asList ? 'list' : 'graph'}>
      <figcaption className="dep-graph-bar">
        <span>
          <strong>{g.title}</strong> <span className="muted">{g.summary(services.length, affected)}</span>
        </span>
        <button type="button" className="button" aria-pressed={asList} onClick={() => setAsList(!asList)}>
          {g.showList}
        </button>
      </figcaption>
      {!asList && (
        <div className="dep-graph-scroll">
          <svg
            className="dep-graph-svg"
            width={layout.width}
            height={layout.height}
            viewBox={`0 0 ${layout.width} ${layout.height}`}
            aria-hidden="true"
            focusable="false"
          >
            <defs>
              <marker
                id={`${uid}-arrow`}
                className="dep-arrow"
                viewBox="0 0 10 10"
                refX="9"
                refY="5"
                markerWidth="7"
                markerHeight="7"
                orient="auto"
              >
                <path d="M0,0 L10,5 L0,10 z" />
              </marker>
              <marker
                id={`${uid}-hot`}
                className="dep-arrow-hot"
                viewBox="0 0 10 10"
                refX="9"
                refY="5"
                markerWidth="7"
                markerHeight="7"
                orient="auto"
              >
                <path d="M0,0 L10,5 L0,10 z" />
              </marker>
            </defs>
            {layout.layers.map((layer) => (
              <text key={layer.kind} className="dep-layer" x={layer.x} y={20}>
                {g.kinds[layer.kind] ?? layer.kind}
              </text>
            ))}
            {layout.edges.map((edge) => (
              <Edge key={`${edge.from.service.id}>${edge.to.service.id}`} edge={edge} highlight={highlight} uid={uid} />
            ))}
            {layout.nodes.map((node) => (
              <Node key={node.service.id} node={node} impact={highlight?.get(node.service.id)} onSelect={onSelect} />
            ))}
          </svg>
        </div>
      )}
      <GraphList services={services} highlight={highlight} onSelect={asList ? onSelect : undefined} visuallyHidden={!asList} />
    </figure>
  );
}

function Edge({ edge, highlight, uid }: { edge: PlacedEdge; highlight?: ReadonlyMap<string, string>; uid: string }) {
  const x1 = edge.from.x + NODE_WIDTH;
  const y1 = edge.from.y + NODE_HEIGHT / 2;
  const x2 = edge.to.x - 2;
  const y2 = edge.to.y + NODE_HEIGHT / 2;
  const bend = Math.max(24, Math.abs(x2 - x1) / 2);
  const hot = !!highlight?.has(edge.from.service.id) && !!highlight.has(edge.to.service.id);
  return (
    <path
      className="dep-edge"
      data-hot={hot ? true : undefined}
      d={`M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`}
      markerEnd={`url(#${uid}-${hot ? 'hot' : 'arrow'})`}
    />
  );
}

function Node({ node, impact, onSelect }: { node: PlacedNode; impact?: string; onSelect?: (id: string) => void }) {
  const { t } = useI18n();
  const { service } = node;
  const sub = impact ? (t.graph.impacts[impact] ?? impact) : (t.graph.kinds[service.kind] ?? service.kind);
  return (
    <g
      className="dep-node"
      data-service-id={service.id}
      data-impact={impact}
      data-selectable={onSelect ? true : undefined}
      transform={`translate(${node.x},${node.y})`}
      onClick={onSelect ? () => onSelect(service.id) : undefined}
    >
      <title>{`${service.name} (${service.id})`}</title>
      <rect width={NODE_WIDTH} height={NODE_HEIGHT} rx={8} />
      <text className="dep-node-name" x={10} y={23}>
        {fit(service.name)}
      </text>
      <text className="dep-node-sub" x={10} y={43}>
        {fit(sub, 26)}
      </text>
    </g>
  );
}
