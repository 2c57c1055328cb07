// <kg-countdown>: the whole seconds left until a moment, ticking each second, and an event when they run out (rate limits, a throttled sign-in).
import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { secondsLeft } from '../state/session.ts';

/**
 * Not a live region itself, and never one by inheritance (aria-live off): the sentence around it is
 * announced once, not every second.
 */
@customElement('kg-countdown')
export class KgCountdown extends LitElement {
  /** When the wait ends (epoch ms). */
  @property({ type: Number }) until = 0;
  @state() private left = 0;
  private timer?: ReturnType<typeof setInterval>;

  /** A number within a sentence: rendered as the sentence's own text (no shadow root), so it reads and copies with it. */
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.setAttribute('aria-live', 'off');
    this.timer = setInterval(() => this.tick(), 250);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('until')) this.left = secondsLeft(this.until);
  }

  private tick(): void {
    const left = secondsLeft(this.until);
    if (left === this.left) return;
    this.left = left;
    if (left === 0) this.dispatchEvent(new CustomEvent('countdown-end', { bubbles: true, composed: true }));
  }

  override render() {
    return html`${this.left}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kg-countdown': KgCountdown;
  }
}
