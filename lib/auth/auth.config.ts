import type { NextAuthConfig } from "next-auth";

// The part of the Auth.js configuration that needs no database: the proxy uses it to read
// the session cookie. Providers and the database lookups live in auth.ts.
export const baseAuthConfig = {
  pages: { signIn: "/signin" },
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  trustHost: true,
  providers: [],
  callbacks: {
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
} satisfies NextAuthConfig;
