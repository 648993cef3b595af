import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/**
 * CSP of responses that are not pages (/_next/* static files, /api/*, the upload route):
 * NON_PAGE_CSP of lib/security/csp.ts (repeated here: this file cannot import TypeScript; a test
 * checks they agree). Pages get a nonce-based policy from proxy.ts instead; the two sets of
 * paths do not overlap (proxy.ts's matcher leaves out exactly /_next/, /api/ and
 * /import/upload, which streams large uploads and must not pass through the proxy's buffer).
 */
const NON_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `npm run dev` answers on 127.0.0.1 as well as localhost (Next blocks dev assets for other origins).
  allowedDevOrigins: ["localhost", "127.0.0.1"],
  // forbidden() renders app/forbidden.tsx with a 403 status.
  experimental: { authInterrupts: true },
  // Native or WASM packages stay outside the server bundle.
  serverExternalPackages: ["@node-rs/argon2", "@electric-sql/pglite", "postgres"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
          {
            key: "Permissions-Policy",
            value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()",
          },
        ],
      },
      // HSTS only over https. A forged X-Forwarded-Proto can only add the header to a plain-http
      // answer to its own sender, which browsers ignore (RFC 6797 §8.1), so no proxy check here.
      {
        source: "/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
        headers: [{ key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" }],
      },
      { source: "/_next/:path+", headers: [{ key: "Content-Security-Policy", value: NON_PAGE_CSP }] },
      { source: "/api/:path+", headers: [{ key: "Content-Security-Policy", value: NON_PAGE_CSP }] },
      { source: "/import/upload", headers: [{ key: "Content-Security-Policy", value: NON_PAGE_CSP }] },
    ];
  },
};

export default withNextIntl(nextConfig);
