/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `npm test` type-checks the whole project with tsc; the build need not do it again.
  typescript: { ignoreBuildErrors: true },
  // forbidden() renders app/forbidden.tsx with a 403 status.
  experimental: { authInterrupts: true },
  // These run on the server only and load native or wasm pieces at run time.
  serverExternalPackages: ["@kubernetes/client-node", "pg", "@prisma/adapter-pg"],
};

export default nextConfig;
