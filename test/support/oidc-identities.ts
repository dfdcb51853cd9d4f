// The identities the test OIDC issuer (oidc-issuer.ts) can sign in, with their groups.
export const OIDC_TEST_IDENTITIES = [
  { sub: "grace", email: "grace@idp.example", name: "Grace Approver", groups: ["ml-approvers", "everyone"] },
  { sub: "linus", email: "linus@idp.example", name: "Linus Engineer", groups: ["ml-engineers"] },
  { sub: "nobody", email: "nobody@idp.example", name: "No Groups", groups: [] as string[] },
];
