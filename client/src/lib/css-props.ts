// A directive that sets CSS properties through the CSSOM: no style attribute, so a strict Content-Security-Policy holds.
import { noChange } from 'lit';
import { Directive, PartType, directive, type ElementPart, type PartInfo } from 'lit/directive.js';

class CssPropsDirective extends Directive {
  private previous = new Set<string>();

  constructor(partInfo: PartInfo) {
    super(partInfo);
    if (partInfo.type !== PartType.ELEMENT) throw new Error('cssProps goes on an element, not an attribute');
  }

  render(_props: Readonly<Record<string, string | null | undefined>>): unknown {
    return noChange;
  }

  override update(part: ElementPart, [props]: [Readonly<Record<string, string | null | undefined>>]): unknown {
    const style = (part.element as HTMLElement).style;
    for (const name of this.previous) if (!(name in props)) style.removeProperty(name);
    this.previous = new Set();
    for (const [name, value] of Object.entries(props)) {
      if (value === null || value === undefined) style.removeProperty(name);
      else {
        style.setProperty(name, value);
        this.previous.add(name);
      }
    }
    return noChange;
  }
}

/** `<span ${cssProps({ background: color })}>`: styles from data without inline style attributes. */
export const cssProps = directive(CssPropsDirective);
