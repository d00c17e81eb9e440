// @ts-check
// The <backprop-playground> element, for any page (README.md, "On your own
// page"): `<script type="module" src="backprop-playground.js">`. From the
// sources it loads the modules it imports; `cargo xtask dist` writes, at this
// same address, one bundle of them with the core's glue, index.html's markup
// and stylesheets, beside its worker and its wasm (xtask/src/element.rs).

import './js/element/backprop-playground.js';
