// Registers the `toBeAccessible()` matcher (axe rules via @sa11y/jest) for
// component tests.
const { setup } = require("@sa11y/jest");

setup();
