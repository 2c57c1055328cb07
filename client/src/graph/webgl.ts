// Which renderer draws a view: the 2D canvas or Cytoscape's WebGL one, by size, by what rasterizes WebGL here, or as the user forced it.

export type RendererMode = 'canvas' | 'webgl';

/** Above this many elements the canvas switches to Cytoscape's WebGL renderer (when the browser has hardware WebGL 2). */
export const WEBGL_THRESHOLD = 2000;

/**
 * Software rasterizers as WEBGL_debug_renderer_info names them (Debian's headless Chromium reports
 * SwiftShader, Mesa without a GPU llvmpipe or softpipe). WebGL there is slower than the 2D canvas:
 * 20k elements panned at 3.5 s a frame against 16.8 ms on the canvas (npm run bench -- --only ui).
 */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software rasterizer|microsoft basic render/i;

export function isSoftwareRenderer(name: string): boolean {
  return SOFTWARE_RENDERER.test(name);
}

/** What the browser offers: WebGL 2 at all, and whether a software rasterizer draws it. */
export interface WebglSupport {
  available: boolean;
  software: boolean;
  /** UNMASKED_RENDERER_WEBGL (or RENDERER), for the test hook and bug reports. */
  name: string;
}

/** Where the user can force a renderer: `?renderer=webgl|canvas` in the address, or this localStorage key. */
export const RENDERER_KEY = 'civic-graph.renderer';

/** The renderer forced by the address's `renderer=` parameter (first) or localStorage; null: chosen by size. */
export function forcedRenderer(search: string, stored: string | null): RendererMode | null {
  const wanted = new URLSearchParams(search).get('renderer') ?? stored;
  return wanted === 'webgl' || wanted === 'canvas' ? wanted : null;
}

/**
 * WebGL above WEBGL_THRESHOLD elements when the browser has hardware WebGL 2; a forced choice wins
 * (WebGL only where it exists at all).
 */
export function chooseRenderer(size: number, webgl: Pick<WebglSupport, 'available' | 'software'>, forced: RendererMode | null): RendererMode {
  if (!webgl.available) return 'canvas';
  if (forced) return forced;
  return size > WEBGL_THRESHOLD && !webgl.software ? 'webgl' : 'canvas';
}

let support: WebglSupport | undefined;

/** Probes WebGL 2 once per page, on a throwaway canvas whose context is released at once. */
export function webglSupport(): WebglSupport {
  if (support) return support;
  support = { available: false, software: false, name: '' };
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    if (gl) {
      const info = gl.getExtension('WEBGL_debug_renderer_info');
      const name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
      support = { available: true, software: isSoftwareRenderer(name), name };
      gl.getExtension('WEBGL_lose_context')?.loseContext();
    }
  } catch {
    // No WebGL: the canvas renderer it is.
  }
  return support;
}

export function storedRenderer(): string | null {
  try {
    return localStorage.getItem(RENDERER_KEY);
  } catch {
    return null;
  }
}
