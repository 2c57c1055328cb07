// Entry point: registers the root element and the access-token prompt.
import './components/kg-app.ts';
import './components/kg-token-dialog.ts';
