import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

// Layering (see ARCHITECTURE.md), enforced here:
// - only lib/adapters/db touches Prisma (the generated client or @prisma/*);
// - only lib/adapters/k8s touches @kubernetes/client-node;
// - nothing outside sim/ imports sim/ (the app must not know it talks to a simulator).
const PRISMA = {
  group: ["@prisma/*", "**/adapters/db/generated/**", "**/generated/client*", "prisma/*", "prisma"],
  message: "Only lib/adapters/db may import the Prisma client; import `db` from @/lib/adapters/db.",
};
const KUBERNETES = {
  group: ["@kubernetes/client-node", "@kubernetes/client-node/*"],
  message: "Only lib/adapters/k8s may import @kubernetes/client-node.",
};
const SIM = {
  group: ["@/sim", "@/sim/*", "**/sim/*", "../sim", "../../sim", "../../../sim"],
  message: "The app must not import sim/: it reaches the cluster only through a kubeconfig.",
};

const restrict = (...patterns) => ["error", { patterns }];

const config = [
  {
    ignores: [".next/**", "node_modules/**", ".data/**", "lib/adapters/db/generated/**", "next-env.d.ts", "test-results/**", "playwright-report/**"],
  },
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-imports": restrict(PRISMA, KUBERNETES, SIM),
    },
  },
  { files: ["lib/adapters/db/**"], rules: { "no-restricted-imports": restrict(KUBERNETES, SIM) } },
  { files: ["lib/adapters/k8s/**"], rules: { "no-restricted-imports": restrict(PRISMA, SIM) } },
  // Tooling outside the app: the DB scripts drive Prisma's engines; sim/ and its tests are the cluster itself.
  { files: ["scripts/db/**", "prisma.config.ts", "test/**"], rules: { "no-restricted-imports": restrict(KUBERNETES, SIM) } },
  { files: ["sim/**"], rules: { "no-restricted-imports": restrict(PRISMA) } },
  { files: ["scripts/**", "e2e/**", "sim/**", "test/**"], rules: { "@next/next/no-html-link-for-pages": "off" } },
];

export default config;
