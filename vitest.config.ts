import { defineConfig } from "vitest/config";

// Unit and integration tests. Integration tests talk to a real PostgreSQL (embedded unless
// DATABASE_URL is set) and to the sim/ cluster over HTTP; see test/global-setup.ts.
export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    include: ["lib/**/*.test.ts", "sim/**/*.test.ts", "scripts/**/*.test.ts", "test/**/*.test.ts"],
    exclude: ["node_modules", "e2e", ".data"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
    // next-auth imports "next/server" without an extension, which Node's ESM loader refuses;
    // letting Vite resolve it makes the real Auth.js importable in integration tests.
    server: { deps: { inline: ["next-auth"] } },
    globalSetup: ["test/global-setup.ts"],
  },
});
