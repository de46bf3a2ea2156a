// Jest configuration of `npm run test:samples`: the suite over real event
// samples kept in a folder beside this repository, which is why `npm test`
// does not run it. It reuses the "node" project of jest.config.js for the
// TypeScript transform and the `c/` module map.
const { projects } = require("./jest.config.js");

const nodeProject = projects.find((project) => project.displayName === "node");

module.exports = {
  ...nodeProject,
  displayName: "samples",
  rootDir: __dirname,
  roots: ["<rootDir>/cli/samples"],
  testMatch: ["**/*.samples.test.ts"]
};
