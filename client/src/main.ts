// Entry point: registers the root element.
import './components/kg-app.ts';
