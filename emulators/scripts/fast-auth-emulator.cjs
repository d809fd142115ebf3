// Preloaded into the firebase-tools process by the stack (`node --require`), never into functions.
//
// The Auth emulator builds its REST API with exegesis from a ~450 KB OpenAPI document, and by default exegesis
// compiles a validator for every operation before the emulator listens: about 14 s of a 2-core machine's
// start-up. exegesis' own `lazyCompileValidationSchemas` option compiles each validator on its first use
// instead; requests are validated exactly the same. firebase-tools does not expose the option, so it is made
// the default here. firebase-tools is pinned, and the Auth tests in `npm test` show the emulator still works.
const { createRequire } = require("node:module");

try {
  const fromFirebaseTools = createRequire(require.resolve("firebase-tools/package.json"));
  const options = fromFirebaseTools("exegesis/lib/options");
  const compileOptions = options.compileOptions;
  options.compileOptions = (given = {}) => compileOptions({ lazyCompileValidationSchemas: true, ...given });
} catch (error) {
  process.emitWarning(`Auth emulator start-up stays slow: ${error.message}`);
}
