// Start GOV.UK Frontend's JavaScript. Loaded by base.html as
// <script type="module" src="...">, so no inline script is needed (the
// Content-Security-Policy forbids them) and old browsers without ES module
// support skip it and keep the no-JavaScript experience. The import is
// relative so it follows STATIC_URL.
import { initAll } from '../govuk/govuk-frontend.min.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()
