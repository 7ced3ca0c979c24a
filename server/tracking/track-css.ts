/**
 * The plain style of the service's own pages (tracking, published procedure and report, the
 * not-found page), served at /track.css. The focus ring is near-black with a yellow halo: 3:1
 * and more against these white pages (the yellow alone was 1.76:1). Long words and addresses
 * hyphenate where the browser can and break anywhere else, so nothing widens the page at 320 px.
 */
export const TRACK_CSS = `body{font-family:system-ui,sans-serif;line-height:1.5;margin:0;color:#1a1a1a;background:#fff;overflow-wrap:anywhere;hyphens:auto}
main{max-width:40rem;margin:0 auto;padding:1rem}
section{border-top:1px solid #767676;padding-block:1rem}
label,legend{display:block;font-weight:600;margin-block:.5rem .25rem}
fieldset{border:0;margin:0;padding:0}
textarea{display:block;width:100%;box-sizing:border-box;min-height:6rem;font:inherit;padding:.5rem;border:2px solid #5c5c5c}
button,.button{display:inline-block;font:inherit;font-weight:700;min-height:2.75rem;box-sizing:border-box;padding:.5rem 1rem;margin-block:.5rem;margin-inline-end:.5rem;background:#154273;color:#fff;border:2px solid transparent;border-radius:4px;cursor:pointer;text-decoration:none}
.secondary{background:#fff;color:#154273;border-color:currentColor}
.notice{border:3px solid #39870c;padding:.75rem}
.error,.error-summary{border:3px solid #b00020;padding:.75rem}
.error-summary h2{margin-block:0 .5rem;font-size:1.25em}
.error-summary a,.field-error{color:#b00020;font-weight:600}
.field-error{margin-block:.25rem}
[aria-invalid=true]{border-color:#b00020}
.radios label{display:flex;gap:.5rem;align-items:center;font-weight:400;min-height:2.75rem;margin:0}
.radios input{width:1.5rem;height:1.5rem;margin:0}
dt{font-weight:600}
dd{margin:0 0 .5rem}
.text{white-space:pre-line}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
:focus-visible{outline:3px solid #0b0c0c;outline-offset:2px;box-shadow:0 0 0 2px #ffb612}
@media (forced-colors:active){button,.button{border-color:ButtonText}}`;
