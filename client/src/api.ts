// Typed fetch calls to the server's JSON API.
export interface WireNode {
  id: string;
  labels: string[];
  caption: string;
  properties: Record<string, unknown>;
}

export interface WireEdge {
  id: string;
  type: string;
  source: string;
  target: string;
  properties: Record<string, unknown>;
}

export interface Subgraph {
  nodes: WireNode[];
  edges: WireEdge[];
}

/** An error answered by the API, with its code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

async function getJson<T>(path: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, 'network', 'the server cannot be reached');
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const error = body?.error ?? {};
    throw new ApiError(response.status, error.code ?? 'http_' + response.status, error.message ?? response.statusText);
  }
  return body as T;
}

export function fetchOverview(limit = 300): Promise<Subgraph & { total: number; truncated: boolean }> {
  return getJson(`/api/graph?limit=${limit}`);
}
