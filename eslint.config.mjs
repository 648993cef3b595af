import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // The KPI engine has one entry point, lib/kpi/index.ts. Its two plain modules (no database
    // code) may be imported directly, so client components can use them without pulling the
    // engine into the browser bundle.
    files: ["**/*.{ts,tsx,js,jsx,mjs,cjs}"],
    ignores: ["lib/kpi/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/lib/kpi/*", "**/lib/kpi/*", "../kpi/*", "!@/lib/kpi/definitions", "!@/lib/kpi/params", "!@/lib/kpi/testing"],
              message:
                "Import the KPI engine from \"@/lib/kpi\" (its one entry point; server code). Client components may import only the plain modules \"@/lib/kpi/definitions\" (KPI keys, units, definitions) and \"@/lib/kpi/params\" (report parameters); tests may use the dataset helpers of \"@/lib/kpi/testing\".",
            },
          ],
        },
      ],
    },
  },
  {
    // ...and those two stay plain: no database, no engine.
    files: ["lib/kpi/definitions.ts", "lib/kpi/params.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: ["drizzle-orm", "postgres", "@/db/client", { name: "@/lib/time", message: "Import @/lib/time/iso (zone-free) instead of the whole of lib/time." }],
          patterns: [
            {
              group: ["./*", "../*", "@/lib/*", "!@/lib/enums", "!@/lib/limits", "!@/lib/time", "@/lib/time/*", "!@/lib/time/iso"],
              message:
                "lib/kpi/definitions.ts and lib/kpi/params.ts are imported by client components: keep them free of server code (the plain enum tuples of @/lib/enums, the plain input limits of @/lib/limits and the date/timestamp grammar of @/lib/time/iso are fine).",
            },
          ],
        },
      ],
    },
  },
  {
    // lib/time/iso.ts (the date/timestamp grammar) is imported by lib/kpi/params.ts, hence by
    // client components: it stays plain calendar arithmetic, without zone data or server code.
    files: ["lib/time/iso.ts", "lib/time/civil.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: ["luxon", "drizzle-orm", "postgres", "@/db/client"],
          patterns: [{ group: ["@/*", "../*", "./*", "!./civil"], message: "lib/time/iso.ts and civil.ts import only ./civil." }],
        },
      ],
    },
  },
  globalIgnores([".next/**", "node_modules/**", ".data/**", "db/migrations/**", "next-env.d.ts", "e2e/.results/**", "test-results/**", "playwright-report/**"]),
]);
