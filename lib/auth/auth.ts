import NextAuth, { type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { isOidcConfigured, parseRoleMap, serverEnv } from "@/lib/env";
import { findDevSignInUser } from "@/lib/services/users/find-dev-sign-in-user";
import { upsertOidcUser } from "@/lib/services/users/upsert-oidc-user";
import { recordSignIn } from "@/lib/services/users/record-sign-in";
import { baseAuthConfig } from "./auth.config";
import { roleFromGroups } from "./oidc-roles";

export const DEV_PROVIDER_ID = "dev";
export const OIDC_PROVIDER_ID = "oidc";

function buildAuthConfig(): NextAuthConfig {
  const env = serverEnv();
  const providers: NextAuthConfig["providers"] = [];

  if (env.GANTRY_DEV_SIGNIN) {
    providers.push(
      Credentials({
        id: DEV_PROVIDER_ID,
        name: "Demo user",
        credentials: { email: { label: "Email", type: "email" } },
        // Development sign-in: any seeded user, no password. Only registered when
        // GANTRY_DEV_SIGNIN is on (the embedded default), never in production config.
        async authorize(credentials) {
          const email = typeof credentials?.email === "string" ? credentials.email : "";
          const user = await findDevSignInUser(email);
          return user ? { id: user.id, email: user.email, name: user.name } : null;
        },
      }),
    );
  }

  if (isOidcConfigured(env)) {
    providers.push({
      id: OIDC_PROVIDER_ID,
      name: env.OIDC_NAME,
      type: "oidc",
      issuer: env.OIDC_ISSUER,
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: "openid email profile" } },
    });
  }

  const roleMap = parseRoleMap(env.OIDC_ROLE_MAP) ?? new Map();

  return {
    ...baseAuthConfig,
    secret: env.AUTH_SECRET,
    providers,
    callbacks: {
      ...baseAuthConfig.callbacks,
      async jwt({ token, user, account, profile }) {
        if (account?.provider === OIDC_PROVIDER_ID && profile) {
          // Identity comes from the IdP; the role comes from its groups claim, mapped by config.
          const email = typeof profile.email === "string" ? profile.email : "";
          const role = roleFromGroups(profile[env.OIDC_GROUPS_CLAIM], roleMap);
          const dbUser = await upsertOidcUser({ email, name: typeof profile.name === "string" ? profile.name : email, role });
          token.sub = dbUser.id;
        } else if (user?.id) {
          token.sub = user.id;
        }
        return token;
      },
    },
    events: {
      async signIn({ user, account }) {
        if (user.id && account) await recordSignIn({ userId: user.id, provider: account.provider });
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => buildAuthConfig());

export function enabledSignInMethods(): { devSignIn: boolean; oidc: { name: string } | null } {
  const env = serverEnv();
  return { devSignIn: env.GANTRY_DEV_SIGNIN, oidc: isOidcConfigured(env) ? { name: env.OIDC_NAME } : null };
}
