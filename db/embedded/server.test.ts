import { describe, expect, it } from "vitest";
import { connect } from "@/db/client";
import { startEmbeddedServer } from "./server";

describe("embedded server", () => {
  it("serialises whole transactions between clients and rolls back a client that leaves", async () => {
    const server = await startEmbeddedServer({ port: 0 });
    const url = `postgres://postgres@127.0.0.1:${server.port}/postgres?embedded=1`;
    const a = connect(url, { max: 1 });
    const b = connect(url, { max: 1 });
    try {
      await a.sql`create table t (v int)`;
      const order: string[] = [];
      const txA = a.sql.begin(async (tx) => {
        await tx`insert into t values (1)`;
        order.push("a-inserted");
        await new Promise((r) => setTimeout(r, 200));
        await tx`insert into t values (2)`;
        order.push("a-done");
      });
      await new Promise((r) => setTimeout(r, 50));
      const readB = b.sql`select count(*)::int as n from t`.then((rows) => {
        order.push(`b-read-${rows[0]!.n}`);
      });
      await Promise.all([txA, readB]);
      // B waited for A's whole transaction and saw both rows, never half of it.
      expect(order).toEqual(["a-inserted", "a-done", "b-read-2"]);

      const c = connect(url, { max: 1 });
      await c.sql`begin`;
      await c.sql`insert into t values (3)`;
      await c.close(); // leaves mid-transaction
      const rows = await b.sql`select count(*)::int as n from t`;
      expect(rows[0]!.n).toBe(2);
    } finally {
      await a.close();
      await b.close();
      await server.stop();
    }
  });
});
