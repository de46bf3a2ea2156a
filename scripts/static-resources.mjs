// Static resources whose content comes from an npm package. The source
// tree holds only each resource's -meta.xml; `npm run build` copies the
// file from node_modules into the build tree, so the version deployed is
// the one package-lock.json pins.
export const NPM_STATIC_RESOURCES = [
  {
    name: "chartjs",
    from: "node_modules/chart.js/dist/chart.umd.min.js",
    extension: "js"
  }
];
