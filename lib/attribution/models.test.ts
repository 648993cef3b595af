import fc from "fast-check";
import { expect, it } from "vitest";
import { describeDb } from "@/lib/testing/describe-db";
import { ATTRIBUTION_MODELS } from "./models";
import { creditsOfShapes, sharesOfShapes, type PathShape } from "./testing";

/**
 * Every model of kpi-definitions.md §3 on hand-built path shapes (n touches, lead-creation
 * position lc, deal-creation position dc), through the models' own SQL, with the shares worked
 * out by hand from the definition's table and collapsing rules; and a property test that for
 * random paths every model's credits are non-negative and add up to the amount to the cent.
 */
const close = (got: number[], want: number[]) => {
  expect(got.length).toBe(want.length);
  got.forEach((g, i) => expect(Math.abs(g - want[i]!), `touch ${i + 1}: ${g} vs ${want[i]}`).toBeLessThan(1e-8));
};

describeDb("attribution models on hand-built paths", (t) => {
  const shares = async (shape: PathShape) => (await sharesOfShapes(t().conn.db, [shape]))[0]!;

  it("n = 1: the single touch gets 100% under every model", async () => {
    const s = await shares({ n: 1, lc: 1, dc: 1 });
    for (const m of ATTRIBUTION_MODELS) close(s[m], [1]);
  });

  it("n = 2 with every milestone on t1: first/last, linear halves, u and w all to t1, full_path 72.5 / 27.5", async () => {
    const s = await shares({ n: 2, lc: 1, dc: 1 });
    close(s.first_touch, [1, 0]);
    close(s.last_touch, [0, 1]);
    close(s.linear, [0.5, 0.5]);
    close(s.time_decay, [0.5, 0.5]);
    close(s.u_shaped, [1, 0]); // 40 + 40 + the 20 of nobody between: the one distinct milestone
    close(s.w_shaped, [1, 0]);
    close(s.full_path, [0.725, 0.275]); // 3 × 22.5 + 5 | 22.5 + 5 (the 10% over the 2 distinct milestones)
  });

  it("n = 2 with lead creation on t2: u 50/50, w 35/65, full_path 27.5/72.5", async () => {
    const s = await shares({ n: 2, lc: 2, dc: 2 });
    close(s.u_shaped, [0.5, 0.5]);
    close(s.w_shaped, [0.35, 0.65]);
    close(s.full_path, [0.275, 0.725]);
  });

  it("D1 of the tiny fixture (n = 9, lead creation t4, deal creation t7): the README's shares", async () => {
    const s = await shares({ n: 9, lc: 4, dc: 7 });
    close(s.u_shaped, [0.4, 0.1, 0.1, 0.4, 0, 0, 0, 0, 0]);
    close(s.w_shaped, [0.3, 0.025, 0.025, 0.3, 0.025, 0.025, 0.3, 0, 0]);
    close(s.full_path, [0.225, 0.02, 0.02, 0.225, 0.02, 0.02, 0.225, 0.02, 0.225]);
    close(s.linear, Array(9).fill(1 / 9));
    close(s.first_touch, [1, 0, 0, 0, 0, 0, 0, 0, 0]);
    close(s.last_touch, [0, 0, 0, 0, 0, 0, 0, 0, 1]);
  });

  it("no middle touches: u_shaped's 20% goes to its two milestones; later touches get nothing", async () => {
    const s = await shares({ n: 5, lc: 2, dc: 4 });
    close(s.u_shaped, [0.5, 0.5, 0, 0, 0]);
    // w: milestones 1, 2, 4; t3 is the one other touch up to deal creation; t5 after it gets nothing.
    close(s.w_shaped, [0.3, 0.3, 0.1, 0.3, 0]);
    // full: milestones 1, 2, 4, 5; t3 the one other.
    close(s.full_path, [0.225, 0.225, 0.1, 0.225, 0.225]);
  });

  it("coinciding milestones: a touch that is two milestones gets both shares", async () => {
    // lead creation = deal creation = t2, last = t3
    const s = await shares({ n: 3, lc: 2, dc: 2 });
    close(s.w_shaped, [0.35, 0.65, 0]); // 30 + (30 + 30); 10% over the two distinct milestones
    // full: t1 first, t2 lead + deal creation, t3 last; no other touch: the 10% over the 3 distinct milestones
    close(s.full_path, [0.225 + 0.1 / 3, 0.45 + 0.1 / 3, 0.225 + 0.1 / 3]);
    // u: first = lead creation = t1 (lc 1): 40 + 40 + the 20 of nobody between
    close((await shares({ n: 3, lc: 1, dc: 3 })).u_shaped, [1, 0, 0]);
  });

  it("time_decay: weight 2^(−d/7), a touch a week older weighs half", async () => {
    const s = await shares({ n: 3, lc: 1, dc: 1, daysBefore: [14, 7, 0] });
    close(s.time_decay, [1 / 7, 2 / 7, 4 / 7]);
  });

  it("time_decay: a touch 30 years older than the last keeps a weight above 0 (no underflow error)", async () => {
    const [c] = await creditsOfShapes(t().conn.db, [{ n: 2, lc: 1, dc: 1, daysBefore: [11_000, 0] }], ["1000.00"]);
    expect(c!.time_decay).toEqual([0, 1000]);
  });

  it("splits to the cent: 100.00 over three touches is 33.34 + 33.33 + 33.33 (the remainder to the earliest)", async () => {
    const [c] = await creditsOfShapes(t().conn.db, [{ n: 3, lc: 1, dc: 1 }], ["100.00"]);
    expect(c!.linear).toEqual([33.34, 33.33, 33.33]);
    const [z] = await creditsOfShapes(t().conn.db, [{ n: 4, lc: 2, dc: 3 }], ["0"]);
    for (const m of ATTRIBUTION_MODELS) expect(z![m]).toEqual([0, 0, 0, 0]);
  });

  it("property: for random paths every model's credits are ≥ 0 and add up to the amount to the cent", async () => {
    const shape = fc
      .integer({ min: 1, max: 12 })
      .chain((n) =>
        fc.tuple(fc.constant(n), fc.integer({ min: 1, max: n }), fc.integer({ min: 1, max: n }), fc.array(fc.integer({ min: 0, max: 12_000_000 }).map((s) => s / 1000), { minLength: n, maxLength: n })),
      )
      .map(([n, lc, dc, days]): PathShape => ({ n, lc, dc: Math.max(dc, lc), daysBefore: [...days].sort((a, b) => b - a) }));
    const amount = fc.bigInt({ min: 0n, max: 10n ** 11n }).map((c) => `${c / 100n}.${(c % 100n).toString().padStart(2, "0")}`);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(shape, amount), { minLength: 1, maxLength: 8 }), async (cases) => {
        const credits = await creditsOfShapes(t().conn.db, cases.map((c) => c[0]), cases.map((c) => c[1]));
        cases.forEach(([s, a], k) => {
          const cents = BigInt(a.replace(".", ""));
          for (const m of ATTRIBUTION_MODELS) {
            const cs = credits[k]![m];
            expect(cs.length).toBe(s.n);
            for (const c of cs) expect(c).toBeGreaterThanOrEqual(0);
            expect(cs.reduce((x, c) => x + BigInt(Math.round(c * 100)), 0n), `${m} ${JSON.stringify(s)} ${a}`).toBe(cents);
          }
        });
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
