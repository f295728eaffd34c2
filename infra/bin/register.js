// Runs TypeScript sources directly in development (`npm run dev:*`, seed, migrations, cli):
// swc compiles on the fly, with the repo's tsconfig (decorator metadata and path aliases).
const path = require('node:path');
process.env.SWC_NODE_PROJECT ??= path.join(__dirname, '..', '..', 'tsconfig.json');
require('@swc-node/register');
