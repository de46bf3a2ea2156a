// Brings in the `toBeAccessible()` matcher that jest.sa11y.js registers.
import "@sa11y/jest";
