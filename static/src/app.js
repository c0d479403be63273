// Starts GOV.UK Frontend's components (service navigation menu, error summary focus,
// notification banners, password show/hide, ...). Loaded from base.html as a module with
// the page's CSP nonce; the inline script there has already added `govuk-frontend-supported`
// to <body>, which initAll() checks for.
//
// The import is relative so that it works wherever STATIC_URL points: this file is served as
// static/dist/app.js (or a hashed copy of it beside the original).
import { initAll } from "./govuk/govuk-frontend.min.js";

initAll();
