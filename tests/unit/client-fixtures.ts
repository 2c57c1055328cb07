// Small wire-shaped graphs and a schema for the client's state tests (no server, no browser).
import type { GraphSchema, WireEdge, WireNode } from '../../client/src/api.ts';

export function node(id: string, labels: string[] = ['Organization'], properties: Record<string, unknown> = {}): WireNode {
  return { id, labels, caption: properties.name ? String(properties.name) : id, properties };
}

export function edge(id: string, source: string, target: string, type = 'ACCUSED', properties: Record<string, unknown> = {}): WireEdge {
  return { id, type, source, target, properties };
}

export const schema = {
  labels: [
    { label: 'Organization', count: 10, declared: true, caption: 'name', color: '#4e79a7', shape: 'round-rectangle', properties: [] },
    { label: 'Person', count: 5, declared: true, caption: 'name', color: '#e15759', shape: 'ellipse', properties: [] },
    { label: 'Entity', count: 15, declared: false, caption: 'name', color: '#bab0ac', shape: 'ellipse', properties: [] },
  ],
  relationshipTypes: [
    { type: 'ACCUSED', count: 3, declared: true, color: '#f28e2b', from: ['Organization'], to: ['Organization'], properties: [] },
    { type: 'DISSOLVED', count: 2, declared: true, color: 'javascript:alert(1)', from: ['Organization'], to: ['Organization'], properties: [] },
  ],
  search: { mode: 'fulltext', index: 'entity_search' },
} as unknown as GraphSchema;
