/** Entry of the browser app: registers the custom elements. */
import './app.ts';
