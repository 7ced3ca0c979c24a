import { css } from 'lit';

/*
 * Custom properties fall back to NL Design System token names where those exist, so a site that
 * already uses NL Design System themes the form without extra work. (Comments stay out here:
 * inside the template they would travel to every visitor.)
 * - The focus ring is near-black, 3:1 and more against any light page (the brand yellow alone
 *   was 1.76:1 on white); the yellow halo inside it keeps it visible on a dark page too.
 * - Long Dutch compounds and e-mail addresses hyphenate or break rather than widen the page.
 * - A grid's gap already spaces its children; their own margins would double it.
 */
export const styles = css`
  :host {
    display: block;
    font-family: var(--klacht-font-family, inherit);
    color: var(--klacht-color-text, var(--nl-paragraph-color, inherit));
    --_primary: var(--klacht-color-primary, var(--nl-button-primary-background-color, #154273));
    --_on-primary: var(--klacht-color-on-primary, var(--nl-button-primary-color, #fff));
    --_error: var(--klacht-color-error, var(--utrecht-feedback-danger-color, #b00020));
    --_border: var(--klacht-color-border, var(--utrecht-form-control-border-color, #5c5c5c));
    --_radius: var(--klacht-radius, var(--utrecht-form-control-border-radius, 4px));
    --_space: var(--klacht-space, 1rem);
    --_focus: var(--klacht-color-focus, var(--utrecht-focus-outline-color, #0b0c0c));
    --_halo: var(--klacht-color-focus-halo, #ffb612);
    hyphens: auto;
    overflow-wrap: anywhere;
  }
  [hidden] { display: none !important; }
  .visually-hidden, .hp {
    position: absolute; inline-size: 1px; block-size: 1px; overflow: hidden;
    clip-path: inset(50%); white-space: nowrap;
  }
  form, .confirmation { display: grid; gap: var(--_space); max-inline-size: 40rem; }
  form > p, .confirmation > *, .refused > * { margin: 0; }
  .confirmation { gap: calc(var(--_space) / 2); }
  .confirmation h3 { margin-block-start: calc(var(--_space) / 2); font-size: 1.1em; }
  .confirmation ul, .refused ul { padding-inline-start: 1.25rem; }
  fieldset { border: 0; margin: 0; padding: 0; display: grid; gap: var(--_space); min-inline-size: 0; }
  legend { font-weight: 700; font-size: 1.25em; margin-block-end: calc(var(--_space) / 2); padding: 0; }
  .field { display: grid; gap: 0.25rem; }
  .field.invalid { border-inline-start: 4px solid var(--_error); padding-inline-start: 0.75rem; }
  label { font-weight: 600; }
  .mode { font-weight: 400; }
  .hint { margin: 0; color: var(--klacht-color-hint, inherit); opacity: 0.85; }
  .error { margin: 0; color: var(--_error); font-weight: 600; }
  input, select, textarea {
    font: inherit;
    color: inherit;
    background: var(--klacht-color-input-background, #fff);
    border: 2px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.5rem;
    min-block-size: 2.75rem;
    box-sizing: border-box;
    inline-size: 100%;
  }
  textarea { min-block-size: 8rem; resize: vertical; }
  [aria-invalid='true'] { border-color: var(--_error); }
  .check { display: flex; gap: 0.5rem; align-items: center; min-block-size: 2.75rem; }
  .check input { inline-size: 1.5rem; block-size: 1.5rem; min-block-size: 0; margin: 0; }
  button {
    font: inherit;
    font-weight: 700;
    justify-self: start;
    min-block-size: 2.75rem;
    padding: 0.5rem 1.25rem;
    border: 2px solid transparent;
    border-radius: var(--_radius);
    background: var(--_primary);
    color: var(--_on-primary);
    cursor: pointer;
  }
  button.secondary {
    background: transparent;
    color: var(--_primary);
    border-color: currentColor;
    padding: 0.25rem 0.75rem;
    min-block-size: 2.75rem;
  }
  .files { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.5rem; }
  .files li { display: flex; flex-wrap: wrap; align-items: center; gap: 0.25rem 0.75rem; }
  .file-name { font-weight: 600; overflow-wrap: anywhere; }
  input[type='file'] { border-style: dashed; }
  .notice { margin: 0; padding: var(--_space); border-inline-start: 4px solid var(--_primary); }
  .recap dt { font-weight: 600; }
  .recap dd { margin: 0 0 0.5rem; overflow-wrap: anywhere; }
  button[aria-disabled='true'] { opacity: 0.7; cursor: progress; }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
    box-shadow: 0 0 0 2px var(--_halo);
  }
  .error-summary, .alert {
    border: 3px solid var(--_error);
    border-radius: var(--_radius);
    padding: var(--_space);
  }
  .error-summary h2, .confirmation h2 { margin: 0 0 0.5rem; font-size: 1.25em; }
  .error-summary ul { margin: 0; padding-inline-start: 1.25rem; }
  .error-summary a { color: var(--_error); font-weight: 600; }
  .confirmation { border: 3px solid var(--klacht-color-success, #39870c); border-radius: var(--_radius); padding: var(--_space); }
  .refused { display: grid; gap: calc(var(--_space) / 2); max-inline-size: 40rem; }
  .number { font-size: 1.5em; font-weight: 700; }
  .tracking { font-weight: 700; }
  @media (forced-colors: active) {
    .field.invalid, .error-summary, .alert, .confirmation, .notice { border-color: CanvasText; }
    button[aria-disabled='true'] { color: GrayText; }
    button { border-color: ButtonText; }
  }
  @media (prefers-reduced-motion: reduce) {
    * { scroll-behavior: auto !important; transition: none !important; }
  }
`;
