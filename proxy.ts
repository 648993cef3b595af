import { NextResponse, type NextRequest } from "next/server";

/**
 * Passes the requested path to server components as `x-pathname`, so a signed-out visitor is
 * sent to /signin?callbackUrl=… and comes back to the page they asked for. Authorization is
 * NOT decided here: every page, action and route handler checks it on the server itself.
 */
export function proxy(req: NextRequest) {
  const headers = new Headers(req.headers);
  headers.set("x-pathname", `${req.nextUrl.pathname}${req.nextUrl.search}`);
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ["/((?!_next/|api/|favicon.ico).*)"] };
