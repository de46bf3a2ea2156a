// The preview's HTML page: the design system's style sheet, a slot for
// the demo banner, a slot for the app, and the bundle's entry module.

/** Returns the page that loads the bundle at `bundleUrl`. */
export function renderPage(bundleUrl) {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>OAuth Guard: demo with sample data</title>
    <link
      rel="stylesheet"
      href="/assets/styles/salesforce-lightning-design-system.min.css"
    />
    <style>
      html,
      body {
        min-height: 100%;
        background: #f3f3f3;
      }
      .demo-banner {
        justify-content: flex-start;
        text-align: left;
      }
      .preview-layout {
        max-width: 80rem;
        margin: 0 auto;
      }
    </style>
  </head>
  <body class="slds-scope">
    <div class="preview-layout slds-p-around_medium">
      <div id="demo-banner" class="slds-m-bottom_small"></div>
      <main id="app"></main>
    </div>
    <script type="module" src="${bundleUrl}app.js"></script>
  </body>
</html>
`;
}
