import { html, LitElement } from 'lit';

/** The whole page. Light DOM, so the page stylesheet and print CSS apply and tests can query it. */
export class FlexcastApp extends LitElement {
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override render() {
    return html`<header class="top"><h1>Flexcast</h1></header>`;
  }
}

customElements.define('flexcast-app', FlexcastApp);
