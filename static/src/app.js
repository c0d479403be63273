// Starts GOV.UK Frontend's components (service navigation menu, error summary focus,
// notification banners, password show/hide, ...). Loaded from base.html as a module with
// the page's CSP nonce; the inline script there has already added `govuk-frontend-supported`
// to <body>, which initAll() checks for.
//
// The import is relative so that it works wherever STATIC_URL points: this file is served as
// static/dist/app.js (or a hashed copy of it beside the original).
import { initAll } from "./govuk/govuk-frontend.min.js";

initAll();

// "Move up" and "Move down" return to the list at the moved item's row (#item-<kind>-<id>),
// which the browser scrolls to without focusing it. Focus it (GOV.UK's success banner has just
// taken the focus), so keyboard users carry on from the item they moved, and let the banner's
// "Moved ..." describe the row to screen readers.
const moved = window.location.hash.startsWith("#item-")
  ? document.getElementById(decodeURIComponent(window.location.hash.slice(1)))
  : null;
if (moved && moved.hasAttribute("tabindex")) {
  const message = document.querySelector(".govuk-notification-banner__heading");
  if (message) {
    message.id ||= "app-moved-message";
    moved.setAttribute("aria-describedby", message.id);
  }
  moved.focus();
}
