// Type declarations for client libraries that ship none.
declare module 'cytoscape-fcose' {
  const fcose: cytoscape.Ext;
  export default fcose;
}
/** Vite's `?url` import: the built file's address (the PDF reader's worker). */
declare module '*?url' {
  const url: string;
  export default url;
}
