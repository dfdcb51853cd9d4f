import { NextResponse, type NextRequest } from "next/server";

// The first gate: requests without a session cookie are sent to sign-in (pages) or get a 401
// (APIs). Pages, actions and routes verify the session and role themselves; this only saves
// a round trip. It also passes the path on, so the 403 page can say what is missing.
//
// It deliberately only looks for the cookie instead of wrapping the request in Auth.js: that
// wrapper re-issues the session cookie on every response, so a request still in flight when
// the user signs out would put the cookie back and revive the session.

const PUBLIC_PATHS = ["/signin", "/api/auth", "/api/v1/openapi.json"];
const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;

export function proxy(request: NextRequest): NextResponse {
  const { pathname, search } = request.nextUrl;
  const isPublic = PUBLIC_PATHS.some((path) => pathname === path || pathname.startsWith(`${path}/`));
  // CI calls the REST API with a team API token instead of a cookie; the route checks it.
  const hasBearerToken = pathname.startsWith("/api/v1/") && /^Bearer\s/i.test(request.headers.get("authorization") ?? "");
  const hasSessionCookie = request.cookies.getAll().some((cookie) => SESSION_COOKIE.test(cookie.name));
  if (!isPublic && !hasBearerToken && !hasSessionCookie) {
    if (pathname.startsWith("/api/")) {
      return NextResponse.json({ error: { code: "UNAUTHENTICATED", message: "Sign in, or send a valid API token." } }, { status: 401 });
    }
    const signInUrl = new URL("/signin", request.nextUrl.origin);
    signInUrl.searchParams.set("callbackUrl", `${pathname}${search}`);
    return NextResponse.redirect(signInUrl);
  }
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-gantry-pathname", pathname);
  return NextResponse.next({ request: { headers: requestHeaders } });
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|.*\\.(?:png|svg|ico)$).*)"],
};
