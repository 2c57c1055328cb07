// The bare Cytoscape.js page of the UI benchmark: the same elements, layout options and renderer settings
// as the app's canvas, without the app around it (no Lit, no store, no panels).
(() => {
  const params = new URLSearchParams(location.search);
  const webgl = params.get('renderer') === 'webgl';
  const large = (n) => n > 1000;
  function style(count) {
    // bare-style.html: the app's own stylesheet (bench/scenarios/ui.ts puts it in window.__appStyle).
    if (window.__appStyle) return window.__appStyle[large(count) ? 'large' : 'small'];
    return [
      { selector: 'node', style: { 'background-color': 'data(color)', label: 'data(caption)', width: 30, height: 30, 'font-size': 11, 'text-valign': 'bottom', 'min-zoomed-font-size': large(count) ? 10 : 6 } },
      { selector: 'edge', style: { width: 1.5, 'line-color': '#999', 'target-arrow-color': '#999', 'target-arrow-shape': 'triangle', 'curve-style': large(count) ? 'straight' : 'bezier', label: large(count) ? '' : 'data(type)', 'font-size': 8 } },
    ];
  }
  window.__bare = {
    cy: null,
    create(count) {
      const options = {
        container: document.getElementById('cy'),
        style: style(count),
        minZoom: 0.05,
        maxZoom: 4,
        textureOnViewport: large(count) && !webgl,
        hideEdgesOnViewport: large(count) && !webgl,
      };
      if (webgl) options.renderer = { name: 'canvas', webgl: true, webglTexSize: 4096, webglBatchSize: 4096, webglBgColor: [255, 255, 255] };
      this.cy = cytoscape(options);
      return this.cy;
    },
    /** The app's own fcose options (client/src/components/kg-graph.ts, layoutOptions), so the ratio compares like with like. */
    layoutOptions(nodes) {
      const base = { name: 'fcose', animate: nodes <= 300, animationDuration: 400, fit: true, padding: 30, randomize: true };
      if (nodes > 1000) return { ...base, quality: 'draft', uniformNodeDimensions: true, nodeDimensionsIncludeLabels: false, nodeRepulsion: 4500, idealEdgeLength: 50 };
      return { ...base, quality: 'default', nodeRepulsion: 4500, idealEdgeLength: 70, nodeSeparation: 60, gravity: 0.5, gravityRange: 2.5, nodeDimensionsIncludeLabels: true, numIter: 2500 };
    },
    /** Fetches the graph and lays it out from scratch; resolves when the layout stopped. */
    async drawWithLayout() {
      const graph = await (await fetch('/graph.json')).json();
      const count = graph.nodes.length + graph.edges.length;
      const cy = this.create(count);
      cy.add([...graph.nodes.map((n) => ({ group: 'nodes', data: n })), ...graph.edges.map((e) => ({ group: 'edges', data: e }))]);
      const done = new Promise((resolve) => cy.one('layoutstop', () => resolve(performance.now())));
      cy.layout(this.layoutOptions(graph.nodes.length)).run();
      window.__layoutDone = await done;
    },
    /** Adds elements with known positions in one batch and fits them. */
    drawAt(elements) {
      const cy = this.cy ?? this.create(elements.length);
      cy.add(elements);
      cy.fit(undefined, 30);
    },
  };
  if (params.get('mode') === 'layout') window.__bare.drawWithLayout();
})();
