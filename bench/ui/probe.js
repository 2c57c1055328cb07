// Browser side of the UI benchmark (plain JavaScript, loaded as an init script into every page): frame
// timing helpers shared by the app page and the bare Cytoscape.js page.
(() => {
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  window.__bench = {
    /** Resolves with the time of the first animation frame after `ready()` holds (checked every frame). */
    async untilDrawn(ready, timeoutMs) {
      const started = performance.now();
      for (;;) {
        await frame();
        if (ready()) {
          await frame();
          return performance.now();
        }
        if (performance.now() - started > timeoutMs) return -1;
      }
    },
    /**
     * Pans every frame and zooms every tenth; answers the frame intervals in ms. Stops after
     * `maxMs` (at least 5 frames): a software-rendered WebGL frame can take seconds.
     */
    async panAndZoom(cy, frames, maxMs = 15000) {
      const intervals = [];
      const started = performance.now();
      let last = await frame();
      for (let i = 0; i < frames; i++) {
        if (i >= 5 && performance.now() - started > maxMs) break;
        if (i % 10 === 5) cy.zoom({ level: cy.zoom() * (i % 20 < 10 ? 1.15 : 1 / 1.15), renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
        else cy.panBy({ x: i % 40 < 20 ? 9 : -9, y: 4 * Math.sin(i / 7) });
        const now = await frame();
        intervals.push(now - last);
        last = now;
      }
      return intervals;
    },
    /** Makes the page believe WebGL 2 is missing (forces the canvas renderer). */
    disableWebgl() {
      const original = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
        if (type === 'webgl2' || type === 'webgl' || type === 'experimental-webgl') return null;
        return original.call(this, type, ...rest);
      };
    },
  };
  if (location.hash.includes('nowebgl') || location.search.includes('nowebgl')) window.__bench.disableWebgl();
})();
