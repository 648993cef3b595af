import { describe, expect, it } from "vitest";
import { viewRef } from "./feedback-link";

describe("viewRef", () => {
  it("keeps the path and every URL parameter, repeated ones included, in order", () => {
    expect(viewRef("/sla", { preset: "last_quarter", source_channel: ["webinar", "paid_search"], q: undefined })).toBe(
      "/sla?preset=last_quarter&source_channel=webinar&source_channel=paid_search",
    );
  });
  it("is the bare path without parameters", () => {
    expect(viewRef("/closed-loop", {})).toBe("/closed-loop");
  });
});
