import type { FC, PropsWithChildren } from 'hono/jsx';

/**
 * A table that may be wider than the screen (320 CSS px and up, WCAG 2.2 SC 1.4.10): it scrolls
 * sideways inside its own region (a labelled section is a region), which the keyboard can reach
 * (tabindex) and a screen reader names (its caption), so the page itself never does.
 */
export const WideTable: FC<PropsWithChildren<{ caption: string; id?: string }>> = (props) => (
  <section class="wide" aria-label={props.caption} tabindex={0}>
    <table id={props.id}>
      <caption>{props.caption}</caption>
      {props.children}
    </table>
  </section>
);
