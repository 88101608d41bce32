// The dependency rule of DESIGN.md, checked on every `npm test`: services talk through
// Kafka only; everything may import contracts; services may import infra; the api may
// read the projections' query modules.
const services = '^(gateway|processors|projections|api)/';
module.exports = {
  forbidden: [
    {
      name: 'no-service-to-service',
      comment: 'A service never imports another service; they talk through Kafka.',
      severity: 'error',
      from: { path: '^(gateway|processors|projections|api)/', pathNot: '^api/' },
      to: { path: services, pathNot: '^$1/' },
    },
    {
      name: 'api-reads-only-projection-queries',
      severity: 'error',
      comment: 'Tests may also share the projections\' event fixtures (src/test-*.ts).',
      from: { path: '^api/', pathNot: '\\.test\\.ts$' },
      to: { path: '^(gateway|processors)/|^projections/(?!src/[^/]+/queries\\.ts$|src/index\\.ts$)' },
    },
    {
      name: 'api-tests-read-only-projection-queries-and-fixtures',
      severity: 'error',
      from: { path: '^api/.*\\.test\\.ts$' },
      to: { path: '^(gateway|processors)/|^projections/(?!src/[^/]+/queries\\.ts$|src/index\\.ts$|src/test-[a-z0-9-]+\\.ts$)' },
    },
    {
      name: 'contracts-stand-alone',
      comment: 'contracts is the shared vocabulary and depends on no workspace.',
      severity: 'error',
      from: { path: '^contracts/', pathNot: '\\.test\\.ts$' },
      to: { path: '^(infra|gateway|processors|projections|api)/' },
    },
    {
      name: 'infra-imports-no-service',
      comment: 'The services depend on infra, so infra importing one is a package cycle; only the e2e harness, which drives the whole system, and the deployment check (infra/deploy/check), which runs their configuration readers, read them.',
      severity: 'error',
      from: { path: '^infra/(src|scripts)/' },
      to: { path: services },
    },
    {
      name: 'test-support-only-in-tests',
      comment: 'Test support (test-*.ts) holds fakes and fixtures: only tests, other test support and the e2e harness may import it.',
      severity: 'error',
      from: { pathNot: '\\.test\\.ts$|(^|/)test-[a-z0-9-]+\\.ts$|^infra/e2e/' },
      to: { path: '(^|/)test-[a-z0-9-]+\\.ts$' },
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // dist/: tsc's output of the same sources (npm run build).
    exclude: { path: 'node_modules|/generated/|/dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    combinedDependencies: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'default'], extensions: ['.ts', '.js', '.json'] },
  },
};
